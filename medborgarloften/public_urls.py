"""The public page of published medborgarlöften, without login."""

from django.urls import path

from . import views

urlpatterns = [
    path("<slug:slug>/", views.public_page, name="public_loften"),
    path("<slug:slug>/inbaddning/", views.public_embed, name="public_loften_embed"),
    path("<slug:slug>/loften.json", views.public_json, name="public_loften_json"),
    path("<slug:slug>/kalender.ics", views.public_ics, name="public_loften_ics"),
]
