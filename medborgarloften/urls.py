from django.urls import path

from . import views

urlpatterns = [
    path("", views.plan_list, name="plan_list"),
    path("ny/<uuid:uuid>/", views.plan_create, name="plan_create"),
    path("<uuid:uuid>/", views.plan_detail, name="plan_detail"),
    path("<uuid:uuid>/redigera/", views.plan_edit, name="plan_edit"),
    path("<uuid:uuid>/historik/", views.plan_history, name="plan_history"),
    path("<uuid:uuid>/mal/nytt/", views.goal_create, name="goal_create"),
    path("mal/<uuid:uuid>/", views.goal_edit, name="goal_edit"),
    path("mal/<uuid:uuid>/ta-bort/", views.goal_delete, name="goal_delete"),
    path("<uuid:uuid>/loften/nytt/", views.lofte_create, name="lofte_create"),
    path("lofte/<uuid:uuid>/", views.lofte_detail, name="lofte_detail"),
    path("lofte/<uuid:uuid>/redigera/", views.lofte_edit, name="lofte_edit"),
    path("lofte/<uuid:uuid>/status/", views.lofte_action, name="lofte_action"),
    path("lofte/<uuid:uuid>/underteckna/", views.lofte_sign, name="lofte_sign"),
    path("lofte/<uuid:uuid>/pdf/", views.lofte_pdf, name="lofte_pdf"),
    path("lofte/<uuid:uuid>/effekter/<int:pk>/", views.effect_indicators, name="effect_indicators"),
    path("lofte/<uuid:uuid>/aktiviteter/ny/", views.activity_create, name="activity_create"),
    path("aktivitet/<uuid:uuid>/", views.activity_edit, name="activity_edit"),
    path("aktivitet/<uuid:uuid>/ta-bort/", views.activity_delete, name="activity_delete"),
    path("aktivitet/<uuid:uuid>/flytta/", views.activity_move, name="activity_move"),
    path("aktivitet/<uuid:uuid>/tillfallen/", views.activity_occasions, name="activity_occasions"),
    path("tillfalle/<uuid:uuid>/ta-bort/", views.occasion_delete, name="occasion_delete"),
]
