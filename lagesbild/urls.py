from django.urls import path

from . import views

urlpatterns = [
    path("", views.lagesbild_list, name="lagesbild_list"),
    path("jamfor/", views.compare, name="lagesbild_compare"),
    path("ny/<slug:slug>/", views.lagesbild_create, name="lagesbild_create"),
    path("<uuid:uuid>/", views.lagesbild_detail, name="lagesbild_detail"),
    path("<uuid:uuid>/redigera/", views.lagesbild_edit, name="lagesbild_edit"),
    path("<uuid:uuid>/faststall/", views.lagesbild_adopt, name="lagesbild_adopt"),
    path("<uuid:uuid>/ny-version/", views.lagesbild_copy, name="lagesbild_copy"),
    path("<uuid:uuid>/historik/", views.lagesbild_history, name="lagesbild_history"),
    path("<uuid:uuid>/underlag/nytt/", views.source_create, name="source_create"),
    path("underlag/<uuid:uuid>/", views.source_edit, name="source_edit"),
    path("underlag/<uuid:uuid>/ta-bort/", views.source_delete, name="source_delete"),
    path("underlag/<uuid:uuid>/bilaga/", views.source_attachment, name="source_attachment"),
    path("<uuid:uuid>/problem/nytt/", views.problem_create, name="problem_create"),
    path("problem/<uuid:uuid>/", views.problem_edit, name="problem_edit"),
    path("problem/<uuid:uuid>/ta-bort/", views.problem_delete, name="problem_delete"),
    path("problem/<uuid:uuid>/flytta/", views.problem_move, name="problem_move"),
    path("indikatorer/<slug:slug>/", views.indicator_list, name="indicator_list"),
    path("indikatorer/<slug:slug>/ny/", views.indicator_create, name="indicator_create"),
    path("indikator/<uuid:uuid>/", views.indicator_detail, name="indicator_detail"),
    path("indikator/<uuid:uuid>/redigera/", views.indicator_edit, name="indicator_edit"),
    path("indikator/<uuid:uuid>/diagram.svg", views.indicator_chart, name="indicator_chart"),
    path("indikator/<uuid:uuid>/matvarden/", views.measurement_add, name="measurement_add"),
    path("indikator/<uuid:uuid>/import/", views.measurement_import, name="measurement_import"),
    path("matvarde/<uuid:uuid>/ta-bort/", views.measurement_delete, name="measurement_delete"),
]
