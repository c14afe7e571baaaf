from django.urls import path

from . import views

urlpatterns = [
    path("hello/", views.hello_world, name="bench_hello"),
    path("golv/", views.floor, name="bench_floor"),
]
