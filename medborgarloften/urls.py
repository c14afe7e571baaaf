from django.urls import path

from .views import activities, atgardsplan, importing, plans, promises

urlpatterns = [
    path("", plans.plan_list, name="plan_list"),
    path("ny/<uuid:uuid>/", plans.plan_create, name="plan_create"),
    path("<uuid:uuid>/", plans.plan_detail, name="plan_detail"),
    path("<uuid:uuid>/redigera/", plans.plan_edit, name="plan_edit"),
    path("<uuid:uuid>/historik/", plans.plan_history, name="plan_history"),
    path("<uuid:uuid>/mal/nytt/", plans.goal_create, name="goal_create"),
    path("mal/<uuid:uuid>/", plans.goal_edit, name="goal_edit"),
    path("mal/<uuid:uuid>/ta-bort/", plans.goal_delete, name="goal_delete"),
    path("<uuid:uuid>/loften/nytt/", promises.lofte_create, name="lofte_create"),
    path("<uuid:uuid>/loften/importera/", importing.lofte_import, name="lofte_import"),
    path("import/<uuid:uuid>/", importing.lofte_import_review, name="lofte_import_review"),
    path("lofte/<uuid:uuid>/", promises.lofte_detail, name="lofte_detail"),
    path("lofte/<uuid:uuid>/redigera/", promises.lofte_edit, name="lofte_edit"),
    path("lofte/<uuid:uuid>/status/", promises.lofte_action, name="lofte_action"),
    path("lofte/<uuid:uuid>/underteckna/", promises.lofte_sign, name="lofte_sign"),
    path("lofte/<uuid:uuid>/pdf/", promises.lofte_pdf, name="lofte_pdf"),
    path("lofte/<uuid:uuid>/effekter/<int:pk>/", promises.effect_indicators, name="effect_indicators"),
    path("lofte/<uuid:uuid>/aktiviteter/ny/", activities.activity_create, name="activity_create"),
    path(
        "lofte/<uuid:uuid>/aktiviteter/malet-i-ord/", activities.activity_target_preview, name="activity_target_preview"
    ),
    path("aktivitet/<uuid:uuid>/", activities.activity_edit, name="activity_edit"),
    path("aktivitet/<uuid:uuid>/ta-bort/", activities.activity_delete, name="activity_delete"),
    path("aktivitet/<uuid:uuid>/flytta/", activities.activity_move, name="activity_move"),
    path("aktivitet/<uuid:uuid>/tillfallen/", activities.activity_occasions, name="activity_occasions"),
    path("tillfalle/<uuid:uuid>/ta-bort/", activities.occasion_delete, name="occasion_delete"),
    # The kommun's åtgärdsplan (Lag 2023:196).
    path("atgardsplan/ny/<slug:slug>/", atgardsplan.atgardsplan_create, name="atgardsplan_create"),
    path("atgardsplan/<uuid:uuid>/", atgardsplan.atgardsplan_detail, name="atgardsplan_detail"),
    path("atgardsplan/<uuid:uuid>/atgard/ny/", atgardsplan.measure_create, name="measure_create"),
    path("atgardsplan/<uuid:uuid>/del2/", atgardsplan.atgardsplan_add_del2, name="atgardsplan_add_del2"),
    path("atgardsplan/<uuid:uuid>/beslut/", atgardsplan.atgardsplan_decide, name="atgardsplan_decide"),
    path("atgard/<uuid:uuid>/ta-bort/", atgardsplan.measure_delete, name="measure_delete"),
]
