"""The public page of published medborgarlöften, without login."""

from django.urls import path

from .views import public_pages

urlpatterns = [
    path("<slug:slug>/", public_pages.public_page, name="public_loften"),
    path("<slug:slug>/inbaddning/", public_pages.public_embed, name="public_loften_embed"),
    path("<slug:slug>/loften.json", public_pages.public_json, name="public_loften_json"),
    path("<slug:slug>/kalender.ics", public_pages.public_ics, name="public_loften_ics"),
]
