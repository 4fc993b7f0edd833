"""Participants: registrations with their seats and waiting list, the lifecycle actions and the CSV export.

Personal data (lists.PARTICIPANT_PERSONAL_FIELDS) is shown, searched and filtered only for holders of the
personal-data right. The add form asks for it all the same: a registration needs an email, which the person
registering types in (that reveals nothing stored).
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.exceptions import DisallowedModelAdminLookup
from django.db.models import F
from django.template.response import TemplateResponse
from django.utils import translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ..documents import badges
from ..documents import rules as document_rules
from ..formats import tables
from ..models import Event, Participant
from ..permissions import Action
from ..rest.documents import pdf_response
from ..rest.exports import file_response
from ..selectors import lists
from ..services import AttendanceService, ParticipantService, RetentionService
from ..timeutils import zone_or_none
from .actions import each_row, service_action
from .base import ServiceAdmin
from .times import local_time

# Set by the services: shown, never typed.
STATE = (
    "status",
    "waitlist_position",
    "local_registered_at",
    "local_status_changed_at",
    "rejection_reason",
    "local_erased_at",
)


def _pseudonym(result: dict) -> str:
    data = result.get("data") or {}
    return f"{data.get('first_name', '')} {data.get('last_name', '')}".strip()


class RejectionForm(forms.Form):
    reason = forms.CharField(label=_("Reason for the rejection"), required=False, widget=forms.Textarea)


@admin.register(Participant)
class ParticipantAdmin(ServiceAdmin):
    view_action = Action.SEARCH_PARTICIPANTS
    add_action = Action.REGISTER_PARTICIPANTS
    change_action = Action.UPDATE_PARTICIPANTS
    delete_action = Action.DELETE_PARTICIPANTS
    service_class = ParticipantService
    create_method = "register"
    deletes_many = False
    selector = staticmethod(lists.participants_for)
    history_entity = "participant"

    # Status and place in line next to the name, the event by its code: on a 1920 px screen every column shows
    # (the participation mode stays a filter).
    list_display = (
        "name",
        "status",
        "waitlist_position",
        "event_code",
        "organisation",
        "role",
        "local_registered_at",
    )
    list_select_related = ("event", "organisation")
    list_filter = (
        "status",
        "role",
        "attendance_mode",
        ("event", admin.RelatedOnlyFieldListFilter),
        "organisation__organisation_type",
        "country",
    )
    search_fields = (
        "first_name",
        "last_name",
        "job_title",
        "organisation__name",
        "organisation__acronym",
        "event__code",
    )
    # By event, then the waiting list in its order (the rest, without a place, by name).
    ordering = (
        "event__starts_at",
        "event__code",
        F("waitlist_position").asc(nulls_first=True),
        "last_name",
        "first_name",
    )
    fieldsets = (
        (
            None,
            {"fields": ("event", "first_name", "last_name", "email", "phone", "gender", "organisation", "job_title")},
        ),
        (_("Registration"), {"fields": ("country", "role", "attendance_mode", *STATE)}),
        (_("Consents"), {"fields": ("consent_listed", "consent_photos", "consent_contact")}),
        (_("Needs"), {"fields": ("accessibility_needs", "dietary_needs")}),
        (_("Check-in"), {"fields": ("checkin_token",)}),
    )
    readonly_fields = (*STATE, "checkin_token")
    actions = [
        service_action(
            "approve_participants",
            _("Approve the selected participants"),
            permission="decide",
            call=lambda user, person: ParticipantService(user).approve({"id": str(person.pk)}),
        ),
        "reject_participants",
        service_action(
            "cancel_participants",
            _("Cancel the selected registrations"),
            permission="change",
            call=lambda user, person: ParticipantService(user).cancel({"id": str(person.pk)}),
        ),
        service_action(
            "check_in_participants",
            _("Check the selected participants in (today)"),
            permission="check_in",
            call=lambda user, person: AttendanceService(user).check_in({"id": str(person.pk), "method": "MANUAL"}),
            done=lambda person, _result: gettext("%(object)s: checked in.") % {"object": person},
        ),
        "export_participants_csv",
        service_action(
            "erase_participants",
            _("Erase the personal data of the selected participants"),
            permission="erase",
            call=lambda user, person: RetentionService(user).erase({"id": str(person.pk)}),
            done=lambda _person, result: gettext("%(object)s: personal data erased.") % {"object": _pseudonym(result)},
        ),
        "print_badges",
    ]

    local_registered_at = local_time("registered_at", _("registered at"))
    local_status_changed_at = local_time("status_changed_at", _("status changed at"))
    local_erased_at = local_time("erased_at", _("personal data erased at"))

    @admin.display(description=_("name"), ordering="last_name")
    def name(self, person):
        return str(person)

    @admin.display(description=_("event"), ordering="event__code")
    def event_code(self, person):
        return person.event.code

    # -- rights: personal data, and the actions' own rights ----------------------------------------------------------

    def sees_personal_data(self, request) -> bool:
        return not lists.hidden_participant_fields(request.user)

    def has_decide_permission(self, request):
        return self._may(request, Action.DECIDE_PARTICIPANTS)

    def has_check_in_permission(self, request):
        return self._may(request, Action.CHECK_IN_PARTICIPANTS)

    def has_erase_permission(self, request):
        return self._may(request, Action.ERASE_PARTICIPANTS)

    def has_print_badges_permission(self, request):
        return self._may(request, Action.PRINT_BADGES)

    def get_list_display(self, request):
        return (*self.list_display, "email") if self.sees_personal_data(request) else self.list_display

    def get_search_fields(self, request):
        return (*self.search_fields, "email") if self.sees_personal_data(request) else self.search_fields

    def get_fieldsets(self, request, obj=None):
        # A new registration: no state to show yet; a row: its fields but those the user may not see.
        hidden = {*STATE, "checkin_token"} if obj is None else lists.hidden_participant_fields(request.user)
        fieldsets = []
        for name, options in super().get_fieldsets(request, obj):
            fields = [field for field in options["fields"] if field not in hidden]
            if fields:
                fieldsets.append((name, {**options, "fields": fields}))
        return fieldsets

    def get_readonly_fields(self, request, obj=None):
        readonly = super().get_readonly_fields(request, obj)
        return [*readonly, "event"] if obj is not None else readonly  # a registration stays with its event

    def changelist_view(self, request, extra_context=None):
        # Django lets a change list filter on any of the model's own fields by URL: not on personal data without the
        # right (email__startswith=... would read it letter by letter).
        hidden = lists.hidden_participant_fields(request.user)
        for key in request.GET:
            if key.split("__")[0] in hidden:
                raise DisallowedModelAdminLookup(f"Filtering by {key} is not allowed")
        return super().changelist_view(request, extra_context)

    # -- actions that are more than one call per row -----------------------------------------------------------------

    @admin.action(description=_("Reject the selected participants"), permissions=["decide"])
    def reject_participants(self, request, queryset):
        """Asks for the reason first (one for all the selected), then rejects each."""
        form = RejectionForm(request.POST if "apply" in request.POST else None)
        if form.is_valid():
            service = ParticipantService(request.user)
            reason = form.cleaned_data["reason"]
            each_row(self, request, queryset, lambda person: service.reject({"id": str(person.pk), "reason": reason}))
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": gettext("Reject participants"),
            "form": form,
            "queryset": queryset,
            "opts": self.opts,
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/openimis_be_meeting/reject_participants.html", context)

    @admin.action(description=_("Export the selected participants (CSV)"), permissions=["view"])
    def export_participants_csv(self, request, queryset):
        """The REST export's table (same columns, same personal-data rule) for the selected rows."""
        event_ids = set(queryset.values_list("event_id", flat=True))
        event = Event.objects.get(id=event_ids.pop()) if len(event_ids) == 1 else None
        # One event: its code names the file and times are in its zone; several: UTC, which fits them all.
        language = translation.get_language()
        table = tables.participant_rows_table(
            user=request.user,
            queryset=lists.participants_for(user=request.user, queryset=queryset),
            name=f"{event.code}-participants" if event else "participants",
            zone=zone_or_none(event.timezone) if event else None,
            language=language,
        )
        return file_response(table, "csv", language)

    @admin.action(description=_("Print the badges of the selected participants (PDF)"), permissions=["print_badges"])
    def print_badges(self, request, queryset):
        """The badges of the selected confirmed participants of one event, on A4 sheets with cutting marks."""
        event, holders = document_rules.selected_badge_holders(user=request.user, queryset=queryset)
        if event is None or not holders.exists():
            message = _("Select confirmed participants of one event: only they get badges.")
            self.message_user(request, message, messages.ERROR)
            return None
        rows = holders.values(*document_rules.BADGE_FIELDS).iterator(chunk_size=500)
        return pdf_response(
            lambda output: badges.sheets_pdf(output, event=event, rows=rows),
            name=f"{event.code}-badges",
            language=translation.get_language(),
        )
