from django.urls import path

from . import views

urlpatterns = [
    path("", views.agreement_list, name="agreement_list"),
    path("ny/<slug:slug>/", views.agreement_create, name="agreement_create"),
    path("<uuid:uuid>/", views.agreement_detail, name="agreement_detail"),
    path("<uuid:uuid>/redigera/", views.agreement_edit, name="agreement_edit"),
    path("<uuid:uuid>/status/", views.agreement_transition, name="agreement_transition"),
    path("<uuid:uuid>/revidera/", views.agreement_revise, name="agreement_revise"),
    path("<uuid:uuid>/andringar/", views.agreement_diff, name="agreement_diff"),
    path("<uuid:uuid>/historik/", views.agreement_history, name="agreement_history"),
    path("<uuid:uuid>/gemensam-lagesbild/", views.joint_picture, name="agreement_joint_picture"),
    path("<uuid:uuid>/pdf/", views.agreement_pdf, name="agreement_pdf"),
    path("<uuid:uuid>/underteckna/", views.agreement_sign, name="agreement_sign"),
    path("<uuid:uuid>/remissvar/", views.comment_add, name="agreement_comment"),
    path("<uuid:uuid>/parter/ny/", views.party_add, name="party_add"),
    path("part/<uuid:uuid>/", views.party_edit, name="party_edit"),
    path("part/<uuid:uuid>/acceptera/", views.party_accept, name="party_accept"),
    path("part/<uuid:uuid>/ta-bort/", views.party_remove, name="party_remove"),
    path("<uuid:uuid>/fokusomraden/nytt/", views.focus_create, name="focus_create"),
    path("fokusomrade/<uuid:uuid>/", views.focus_edit, name="focus_edit"),
    path("fokusomrade/<uuid:uuid>/ta-bort/", views.focus_delete, name="focus_delete"),
    path("<uuid:uuid>/ataganden/nytt/", views.commitment_create, name="commitment_create"),
    path("atagande/<uuid:uuid>/", views.commitment_edit, name="commitment_edit"),
    path("atagande/<uuid:uuid>/ta-bort/", views.commitment_delete, name="commitment_delete"),
]
