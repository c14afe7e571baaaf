from django.urls import path

from . import views

urlpatterns = [
    path("grupper/", views.group_list, name="group_list"),
    path("grupper/ny/<slug:slug>/", views.group_create, name="group_create"),
    path("grupper/<uuid:uuid>/", views.group_detail, name="group_detail"),
    path("grupper/<uuid:uuid>/redigera/", views.group_edit, name="group_edit"),
    path("grupper/<uuid:uuid>/medlem/", views.member_add, name="member_add"),
    path("grupper/<uuid:uuid>/utomstaende/", views.outside_member_add, name="outside_member_add"),
    path("grupper/<uuid:uuid>/nytt-mote/", views.meeting_create, name="meeting_create"),
    path("medlem/<uuid:uuid>/ta-bort/", views.member_remove, name="member_remove"),
    path("<uuid:uuid>/", views.meeting_detail, name="meeting_detail"),
    path("<uuid:uuid>/redigera/", views.meeting_edit, name="meeting_edit"),
    path("<uuid:uuid>/status/", views.meeting_action, name="meeting_action"),
    path("<uuid:uuid>/protokoll.pdf", views.meeting_pdf, name="meeting_pdf"),
    path("<uuid:uuid>/kalender.ics", views.meeting_ics, name="meeting_ics"),
    path("<uuid:uuid>/beslut/", views.decision_add, name="decision_add"),
    path("<uuid:uuid>/beslut/aktivitet/", views.decision_activity, name="decision_activity"),
    path("<uuid:uuid>/beslut/mal/", views.decision_goal, name="decision_goal"),
    path("<uuid:uuid>/beslut/problem/", views.decision_problem, name="decision_problem"),
    path("beslut/<uuid:uuid>/stryk/", views.decision_delete, name="decision_delete"),
    path("protokoll/<slug:slug>/", views.public_minutes, name="public_minutes"),
    path("protokoll/dokument/<uuid:uuid>.pdf", views.public_minutes_pdf, name="public_minutes_pdf"),
]
