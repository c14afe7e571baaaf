from django.urls import include, path

from . import views

urlpatterns = [
    path("logga/", views.log_view, name="log"),
    path("logga/<uuid:uuid>/", views.log_view, name="log_activity"),
    path("logg/<uuid:uuid>/", views.log_edit, name="log_edit"),
    path("logg/<uuid:uuid>/angra/", views.log_undo, name="log_undo"),
    path("aktivitet/<uuid:uuid>/", views.activity_progress, name="activity_progress"),
    path("", views.dashboard_overview, name="dashboard_overview"),
    path("kommun/<slug:slug>/", views.dashboard_kommun, name="dashboard_kommun"),
    path("overenskommelse/<uuid:uuid>/", views.dashboard_agreement, name="dashboard_agreement"),
    path("arsuppfoljning/", views.report_list, name="report_list"),
    path("arsuppfoljning/ny/<uuid:uuid>/", views.report_create, name="report_create"),
    path("arsuppfoljning/<uuid:uuid>/", views.report_detail, name="report_detail"),
    path("arsuppfoljning/<uuid:uuid>/redigera/", views.report_edit, name="report_edit"),
    path("arsuppfoljning/<uuid:uuid>/status/", views.report_action, name="report_action"),
    path("arsuppfoljning/<uuid:uuid>/godkann/", views.report_approve, name="report_approve"),
    path("arsuppfoljning/<uuid:uuid>/pdf/", views.report_pdf, name="report_pdf"),
    path("export/", views.export, name="export"),
    # Groups and their meetings (followup/meetings/).
    path("moten/", include("followup.meetings.urls")),
]

# The kommun's duties under Lag (2023:196).
from . import views_duties  # noqa: E402

urlpatterns += [
    path("skyldigheter/", views_duties.duties_county, name="duties_county"),
    path("skyldigheter/<slug:slug>/", views_duties.duties_kommun, name="duties_kommun"),
    path(
        "skyldigheter/<slug:slug>/samordningsfunktion/",
        views_duties.samordningsfunktion_create,
        name="samordningsfunktion_create",
    ),
    path("skyldigheter/<slug:slug>/cykel/", views_duties.duty_cycle_edit, name="duty_cycle_edit"),
]
