"""The public pages' addresses, under public/ of the module's URLs (/api/openimis_be_meeting/public/ in an instance).
Addresses that carry a secret are opened by GET only; their forms post to addresses without it."""

from django.urls import path

from . import agenda, doors, personal, registration

urlpatterns = [
    path("events/<str:event_id>/", agenda.event_page, name="meeting-public-event"),
    path("events/<str:event_id>/agenda.ics", agenda.PublicAgendaFeed.as_view(), name="meeting-public-agenda-feed"),
    path("events/<str:event_id>/register/", registration.register, name="meeting-public-register"),
    path("events/<str:event_id>/register/sent/", registration.sent, name="meeting-public-sent"),
    path("events/<str:event_id>/my-link/", registration.new_link, name="meeting-public-new-link"),
    path("events/<str:event_id>/door/", doors.door_screen, name="meeting-public-door"),
    path("verify/", registration.verify, {"token": ""}, name="meeting-public-verify-submit"),
    path("verify/<str:token>/", registration.verify, name="meeting-public-verify"),
    path("me/edit/", personal.edit, name="meeting-public-edit-submit"),
    path("me/cancel/", personal.cancel, name="meeting-public-cancel-submit"),
    path("me/new-link/", personal.rotate, name="meeting-public-rotate"),
    path("me/check-in/", doors.self_check_in, name="meeting-public-check-in"),
    path("me/<str:token>/", personal.personal, name="meeting-public-personal"),
    path("me/<str:token>/edit/", personal.edit, name="meeting-public-edit"),
    path("me/<str:token>/cancel/", personal.cancel, name="meeting-public-cancel"),
]
