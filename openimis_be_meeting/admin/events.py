"""Events: the list, the form (instants in the event's own zone) and the lifecycle actions."""

from django import forms
from django.contrib import admin
from django.db.models import Count, Q
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from ..apps import MODULE_NAME
from ..models import Event, EventStatus, ParticipantStatus
from ..permissions import Action
from ..selectors import lists
from ..services import EventService
from .actions import service_action
from .base import ServiceAdmin
from .forms import ServiceForm
from .locations import LocationSearchWidget, location_search
from .times import local_time

EVENT_TIMES = ("starts_at", "ends_at", "registration_opens_at", "registration_closes_at")


class EventForm(ServiceForm):
    local_time_fields = EVENT_TIMES
    location = forms.CharField(
        label=_("openIMIS location"),
        required=False,
        max_length=64,
        help_text=_("Search the openIMIS locations by code or name."),
    )
    # The service's waiting_list (the model stores its opposite, models/events.py says why).
    waiting_list = forms.BooleanField(
        label=_("waiting list when full"),
        required=False,
        initial=True,
        help_text=_("Off: once every seat is taken, new registrations are refused."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and "waiting_list" in self.fields:
            self.initial["waiting_list"] = not self.instance.no_waiting_list
        if "location" not in self.fields:
            return
        if self.model_admin is not None:
            url = reverse(f"{self.model_admin.admin_site.name}:{MODULE_NAME}_event_location_search")
            self.fields["location"].widget = LocationSearchWidget(url)
        if self.instance.pk and self.instance.location_id:
            self.initial["location"] = self.instance.location.uuid


def _live(status: str) -> Count:
    """The number of an event's live registrations in one status."""
    return Count("participants", filter=Q(participants__is_deleted=False, participants__status=status))


def _to(status: str, name: str, description):
    return service_action(
        name,
        description,
        permission="change",
        call=lambda user, event: EventService(user).change_status({"id": str(event.pk), "status": status}),
    )


@admin.register(Event)
class EventAdmin(ServiceAdmin):
    form = EventForm
    view_action = Action.SEARCH_EVENTS
    add_action = Action.CREATE_EVENTS
    change_action = Action.UPDATE_EVENTS
    delete_action = Action.DELETE_EVENTS
    service_class = EventService
    selector = staticmethod(lists.events_for)
    history_entity = "event"

    list_display = (
        "code",
        "name",
        "event_type",
        "status",
        "local_starts_at",
        "local_ends_at",
        "city",
        "country",
        "capacity",
        "confirmed",
        "waitlisted",
    )
    list_filter = ("status", "event_type", "participation_mode", "country")
    search_fields = ("code", "name", "name_fr", "city", "venue")
    date_hierarchy = "starts_at"
    ordering = ("-starts_at", "code")
    fieldsets = (
        (
            None,
            {
                "fields": (
                    "code",
                    "name",
                    "name_fr",
                    "event_type",
                    "status",
                    "description",
                    "description_fr",
                    "organisers",
                )
            },
        ),
        (_("When"), {"fields": ("timezone", "starts_at", "ends_at")}),
        (_("Where"), {"fields": ("participation_mode", "venue", "city", "country", "location", "online_url")}),
        (
            _("Registration"),
            {
                "fields": (
                    "capacity",
                    "waiting_list",
                    "requires_approval",
                    "registration_opens_at",
                    "registration_closes_at",
                )
            },
        ),
        (_("Personal data"), {"fields": ("retention_date",)}),
        (_("Public pages"), {"fields": ("public_registration", "privacy_notice_en", "privacy_notice_fr")}),
    )
    readonly_fields = ("status",)
    actions = [
        _to(EventStatus.PUBLISHED, "publish_events", _("Publish the selected events")),
        _to(EventStatus.REGISTRATION_OPEN, "open_registration", _("Open registration for the selected events")),
        _to(EventStatus.REGISTRATION_CLOSED, "close_registration", _("Close registration for the selected events")),
        _to(EventStatus.ONGOING, "start_events", _("Mark the selected events under way")),
        _to(EventStatus.COMPLETED, "complete_events", _("Mark the selected events completed")),
        _to(EventStatus.CANCELLED, "cancel_events", _("Cancel the selected events")),
    ]

    local_starts_at = local_time("starts_at", _("starts at"))
    local_ends_at = local_time("ends_at", _("ends at"))
    local_registration_opens_at = local_time("registration_opens_at", _("registration opens at"))
    local_registration_closes_at = local_time("registration_closes_at", _("registration closes at"))

    def get_urls(self):
        search = path(
            "location-search/",
            self.admin_site.admin_view(lambda request: location_search(self, request)),
            name=f"{MODULE_NAME}_event_location_search",
        )
        return [search, *super().get_urls()]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                confirmed_count=_live(ParticipantStatus.CONFIRMED), waitlisted_count=_live(ParticipantStatus.WAITLISTED)
            )
        )

    @admin.display(description=_("confirmed"), ordering="confirmed_count")
    def confirmed(self, event):
        return event.confirmed_count

    @admin.display(description=_("waiting list"), ordering="waitlisted_count")
    def waitlisted(self, event):
        return event.waitlisted_count
