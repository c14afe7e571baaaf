from django.urls import path

from .views import drafting, importing, lifecycle

urlpatterns = [
    path("", drafting.agreement_list, name="agreement_list"),
    path("ny/<slug:slug>/", drafting.agreement_create, name="agreement_create"),
    path("importera/<slug:slug>/", importing.agreement_import, name="agreement_import"),
    path("import/<uuid:uuid>/", importing.agreement_import_review, name="agreement_import_review"),
    path("<uuid:uuid>/", drafting.agreement_detail, name="agreement_detail"),
    path("<uuid:uuid>/redigera/", drafting.agreement_edit, name="agreement_edit"),
    path("<uuid:uuid>/status/", lifecycle.agreement_transition, name="agreement_transition"),
    path("<uuid:uuid>/revidera/", lifecycle.agreement_revise, name="agreement_revise"),
    path("<uuid:uuid>/andringar/", lifecycle.agreement_diff, name="agreement_diff"),
    path("<uuid:uuid>/historik/", lifecycle.agreement_history, name="agreement_history"),
    path("<uuid:uuid>/gemensam-lagesbild/", drafting.joint_picture, name="agreement_joint_picture"),
    path("<uuid:uuid>/pdf/", lifecycle.agreement_pdf, name="agreement_pdf"),
    path("<uuid:uuid>/underteckna/", lifecycle.agreement_sign, name="agreement_sign"),
    path("<uuid:uuid>/remissvar/", lifecycle.comment_add, name="agreement_comment"),
    path("<uuid:uuid>/parter/ny/", drafting.party_add, name="party_add"),
    path("part/<uuid:uuid>/", drafting.party_edit, name="party_edit"),
    path("part/<uuid:uuid>/acceptera/", drafting.party_accept, name="party_accept"),
    path("part/<uuid:uuid>/ta-bort/", drafting.party_remove, name="party_remove"),
    path("<uuid:uuid>/fokusomraden/nytt/", drafting.focus_create, name="focus_create"),
    path("fokusomrade/<uuid:uuid>/", drafting.focus_edit, name="focus_edit"),
    path("fokusomrade/<uuid:uuid>/ta-bort/", drafting.focus_delete, name="focus_delete"),
    path("<uuid:uuid>/ataganden/nytt/", drafting.commitment_create, name="commitment_create"),
    path("atagande/<uuid:uuid>/", drafting.commitment_edit, name="commitment_edit"),
    path("atagande/<uuid:uuid>/ta-bort/", drafting.commitment_delete, name="commitment_delete"),
]
