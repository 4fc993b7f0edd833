"""The participants export: one row per registration, personal columns last and only with the personal-data right."""

from django.db.models.functions import Lower

from ...models import AttendanceMode, Gender, OrganisationType, Participant, ParticipantRole, ParticipantStatus
from ...permissions import Action, can
from ...selectors import lists
from ...selectors.filters import ParticipantFilter
from ...timeutils import zone_or_none
from ..country_names import country_name
from .base import CHUNK_SIZE, Column, Table, label
from .params import choice_param, codes_param, country_param, filtered, text_param, uuid_param

PARTICIPANT_COLUMNS = [
    Column("ID", lambda p: str(p.id)),
    Column("Last name", lambda p: p.last_name),
    Column("First name", lambda p: p.first_name),
    Column("Organisation", lambda p: p.organisation.name if p.organisation else None),
    Column("Organisation acronym", lambda p: p.organisation.acronym if p.organisation else None),
    Column(
        "Organisation type",
        lambda p: label(OrganisationType, p.organisation.organisation_type) if p.organisation else None,
    ),
    Column("Job title", lambda p: p.job_title),
    Column("Country", lambda p: p.country),
    Column("Country name", lambda p: country_name(p.country) if p.country else None),
    Column("Role", lambda p: label(ParticipantRole, p.role)),
    Column("Participation mode", lambda p: label(AttendanceMode, p.attendance_mode)),
    Column("Status", lambda p: label(ParticipantStatus, p.status)),
    Column("Waiting-list position", lambda p: p.waitlist_position),
    Column("Registered at", lambda p: p.registered_at),
    Column("Status changed at", lambda p: p.status_changed_at),
    Column("Agrees to be listed", lambda p: p.consent_listed),
    Column("Agrees to photos", lambda p: p.consent_photos),
    Column("Agrees to be contacted", lambda p: p.consent_contact),
    Column("Rejection reason", lambda p: p.rejection_reason),
]
# Only for holders of the personal-data right (216006 by default); without it these columns are left out entirely.
PARTICIPANT_PERSONAL_COLUMNS = [
    Column("Email", lambda p: p.email),
    Column("Phone", lambda p: p.phone),
    Column("Gender", lambda p: label(Gender, p.gender)),
    Column("Accessibility needs", lambda p: p.accessibility_needs),
    Column("Dietary needs", lambda p: p.dietary_needs),
    Column("Check-in code", lambda p: p.checkin_token),
]


def participants_table(*, request, event, params, language: str) -> Table:
    """An event's live registrations in every status (or those the filters keep), by last and first name."""
    queryset = lists.participants_for(user=request.user, queryset=Participant.objects.filter(event=event))
    data = {
        "status__in": codes_param(params, "status", ParticipantStatus),
        "role": choice_param(params, "role", ParticipantRole),
        "country": country_param(params, "country"),
        "attendance_mode": choice_param(params, "attendanceMode", AttendanceMode),
        "organisation_id": uuid_param(params, "organisationId"),
        "organisation_type": choice_param(params, "organisationType", OrganisationType),
        "search": text_param(params, "search", max_length=100),
    }
    return participant_rows_table(
        user=request.user,
        queryset=filtered(ParticipantFilter, data, queryset, request),
        name=f"{event.code}-participants",
        zone=zone_or_none(event.timezone),
        language=language,
    )


def participant_rows_table(*, user, queryset, name: str, zone, language: str) -> Table:
    """Given registrations (already narrowed to those the user may list), by last and first name; the personal
    columns only for holders of the personal-data right."""
    queryset = queryset.select_related("organisation").order_by(Lower("last_name"), Lower("first_name"), "id")
    columns = list(PARTICIPANT_COLUMNS)
    if can(user, Action.VIEW_PERSONAL_DATA):
        columns += PARTICIPANT_PERSONAL_COLUMNS
    return Table(
        name=name,
        columns=columns,
        rows=lambda: queryset.iterator(chunk_size=CHUNK_SIZE),
        zone=zone,
        language=language,
    )
