from django.urls import path

from .views import indicators, pictures, problems, sources

urlpatterns = [
    path("", pictures.lagesbild_list, name="lagesbild_list"),
    path("jamfor/", pictures.compare, name="lagesbild_compare"),
    path("ny/<slug:slug>/", pictures.lagesbild_create, name="lagesbild_create"),
    path("<uuid:uuid>/", pictures.lagesbild_detail, name="lagesbild_detail"),
    path("<uuid:uuid>/redigera/", pictures.lagesbild_edit, name="lagesbild_edit"),
    path("<uuid:uuid>/faststall/", pictures.lagesbild_adopt, name="lagesbild_adopt"),
    path("<uuid:uuid>/ny-version/", pictures.lagesbild_copy, name="lagesbild_copy"),
    path("<uuid:uuid>/historik/", pictures.lagesbild_history, name="lagesbild_history"),
    path("<uuid:uuid>/underlag/nytt/", sources.source_create, name="source_create"),
    path("underlag/<uuid:uuid>/", sources.source_edit, name="source_edit"),
    path("underlag/<uuid:uuid>/ta-bort/", sources.source_delete, name="source_delete"),
    path("underlag/<uuid:uuid>/bilaga/", sources.source_attachment, name="source_attachment"),
    path("<uuid:uuid>/problem/nytt/", problems.problem_create, name="problem_create"),
    path("problem/<uuid:uuid>/", problems.problem_edit, name="problem_edit"),
    path("problem/<uuid:uuid>/ta-bort/", problems.problem_delete, name="problem_delete"),
    path("problem/<uuid:uuid>/flytta/", problems.problem_move, name="problem_move"),
    path("indikatorer/<slug:slug>/", indicators.indicator_list, name="indicator_list"),
    path("indikatorer/<slug:slug>/ny/", indicators.indicator_create, name="indicator_create"),
    path("indikator/<uuid:uuid>/", indicators.indicator_detail, name="indicator_detail"),
    path("indikator/<uuid:uuid>/redigera/", indicators.indicator_edit, name="indicator_edit"),
    path("indikator/<uuid:uuid>/diagram.svg", indicators.indicator_chart, name="indicator_chart"),
    path("indikator/<uuid:uuid>/matvarden/", indicators.measurement_add, name="measurement_add"),
    path("indikator/<uuid:uuid>/import/", indicators.measurement_import, name="measurement_import"),
    path("matvarde/<uuid:uuid>/ta-bort/", indicators.measurement_delete, name="measurement_delete"),
]
