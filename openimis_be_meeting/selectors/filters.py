"""FilterSets shared by the GraphQL lists and the REST views."""

from datetime import timezone

import django_filters
from django.db.models import Q
from graphene.utils.str_converters import to_camel_case

from .. import validation as v
from ..errors import MeetingError, Problems
from ..models import (
    Attendance,
    DigitalSystem,
    Event,
    Integration,
    Organisation,
    Participant,
    Session,
    Showcase,
    Standard,
    UseCase,
)
from ..permissions import Action, can
from ..timeutils import now_for_storage, to_storage

# The longest text a filter takes: longer ones name nothing (SQLite refuses LIKE patterns past 50,000 characters).
MAX_FILTER_TEXT = 200


def _as_stored(value):
    # A filter instant without an offset is taken as UTC.
    return to_storage(value, timezone.utc) if value is not None else None


class MeetingFilterSet(django_filters.FilterSet):
    """A FilterSet whose refusals are the module's own: text with a character that cannot be stored (NUL, a lone
    surrogate) or longer than MAX_FILTER_TEXT, and a value the filter cannot read, are refused with a MeetingError
    before any query runs, never with the database's, the codec's or the form's (HTML) error."""

    def __init__(self, data=None, *args, **kwargs):
        for name, value in (data or {}).items():
            for text in value if isinstance(value, (list, tuple)) else [value]:
                if isinstance(text, str):
                    v.clean_text(text, field=to_camel_case(name), max_length=MAX_FILTER_TEXT)
        super().__init__(data, *args, **kwargs)

    @property
    def errors(self):
        errors = self.form.errors
        for name in errors:
            raise _refusal(self.filters.get(name), name, self.form.data.get(name))
        return errors

    def is_valid(self):
        return not self.errors


def _refusal(filter_, name: str, value) -> MeetingError:
    field, shown = to_camel_case(name), str(value)[:64]
    if isinstance(filter_, django_filters.UUIDFilter):
        return MeetingError(Problems.INVALID_ID, field=field, value=shown)
    if isinstance(filter_, (django_filters.IsoDateTimeFilter, django_filters.DateFilter)):
        return MeetingError(Problems.INVALID_DATETIME, field=field)
    return MeetingError(Problems.INVALID_CHOICE, field=field, value=shown)


def _in_either_language(field: str) -> django_filters.CharFilter:
    """`<field>_Icontains`: rows whose English or French text (models/content.py) contains the value."""

    def matching(queryset, name, value):
        return queryset.filter(Q(**{f"{field}__icontains": value}) | Q(**{f"{field}_fr__icontains": value}))

    return django_filters.CharFilter(method=matching)


class EventFilter(MeetingFilterSet):
    name__icontains = _in_either_language("name")
    uuid = django_filters.UUIDFilter(field_name="id")  # one event by its uuid, as the other lists take eventId
    starts_after = django_filters.IsoDateTimeFilter(method="filter_starts_after")
    starts_before = django_filters.IsoDateTimeFilter(method="filter_starts_before")
    upcoming = django_filters.BooleanFilter(method="filter_upcoming")

    class Meta:
        model = Event
        fields = {
            "code": ["exact", "iexact", "icontains"],
            "status": ["exact", "in"],
            "event_type": ["exact"],
            "country": ["exact"],
            "participation_mode": ["exact"],
        }

    def filter_starts_after(self, queryset, name, value):
        return queryset.filter(starts_at__gte=_as_stored(value))

    def filter_starts_before(self, queryset, name, value):
        return queryset.filter(starts_at__lt=_as_stored(value))

    def filter_upcoming(self, queryset, name, value):
        """Upcoming: not yet over (ends in the future); upcoming=false gives the events already over."""
        now = now_for_storage()
        return queryset.filter(ends_at__gte=now) if value else queryset.filter(ends_at__lt=now)


class OrganisationFilter(MeetingFilterSet):
    class Meta:
        model = Organisation
        fields = {
            "name": ["exact", "icontains"],
            "acronym": ["exact", "iexact"],
            "organisation_type": ["exact"],
            "country": ["exact"],
        }


class ParticipantFilter(MeetingFilterSet):
    event_id = django_filters.UUIDFilter(field_name="event_id")
    organisation_id = django_filters.UUIDFilter(field_name="organisation_id")
    organisation_type = django_filters.CharFilter(field_name="organisation__organisation_type")
    search = django_filters.CharFilter(method="filter_search")

    class Meta:
        model = Participant
        fields = {
            "status": ["exact", "in"],
            "role": ["exact"],
            "country": ["exact"],
            "attendance_mode": ["exact"],
        }

    def filter_search(self, queryset, name, value):
        """Names for everyone; email addresses only for callers who may see personal data."""
        words = Q(first_name__icontains=value) | Q(last_name__icontains=value)
        user = getattr(self.request, "user", None)
        if can(user, Action.VIEW_PERSONAL_DATA):
            words |= Q(email__icontains=value.strip().lower())
        return queryset.filter(words)


class AttendanceFilter(MeetingFilterSet):
    event_id = django_filters.UUIDFilter(field_name="participant__event_id")
    participant_id = django_filters.UUIDFilter(field_name="participant_id")
    session_id = django_filters.UUIDFilter(field_name="session_id")
    day_from = django_filters.DateFilter(field_name="day", lookup_expr="gte")
    day_to = django_filters.DateFilter(field_name="day", lookup_expr="lte")

    class Meta:
        model = Attendance
        fields = {"day": ["exact"], "method": ["exact"]}


class DigitalSystemFilter(MeetingFilterSet):
    owner_id = django_filters.UUIDFilter(field_name="owner_id")

    class Meta:
        model = DigitalSystem
        fields = {
            "name": ["exact", "icontains"],
            "system_type": ["exact"],
            "country": ["exact"],
            "deployment_stage": ["exact"],
        }


class StandardFilter(MeetingFilterSet):
    class Meta:
        model = Standard
        fields = {"code": ["exact", "iexact", "icontains"], "name": ["icontains"], "family": ["exact"]}


class ShowcaseFilter(MeetingFilterSet):
    title__icontains = _in_either_language("title")
    event_id = django_filters.UUIDFilter(field_name="event_id")
    system_id = django_filters.UUIDFilter(method="filter_system")
    standard_id = django_filters.UUIDFilter(method="filter_standard")
    organisation_id = django_filters.UUIDFilter(method="filter_organisation")
    use_case = django_filters.ChoiceFilter(choices=UseCase.choices, method="filter_use_case")
    country = django_filters.CharFilter(method="filter_country")

    class Meta:
        model = Showcase
        fields = {"status": ["exact", "in"], "scheme_type": ["exact"], "demo_type": ["exact"]}

    def filter_system(self, queryset, name, value):
        linked = Integration.objects.filter(Q(source_system_id=value) | Q(target_system_id=value))
        return queryset.filter(id__in=linked.values("showcase_id"))

    def filter_standard(self, queryset, name, value):
        return queryset.filter(id__in=Integration.objects.filter(standard_id=value).values("showcase_id"))

    def filter_organisation(self, queryset, name, value):
        partners = Showcase.partner_organisations.through.objects.filter(organisation_id=value)
        return queryset.filter(Q(lead_organisation_id=value) | Q(id__in=partners.values("showcase_id")))

    def filter_use_case(self, queryset, name, value):
        return queryset.filter(use_cases__contains=f",{value},")

    def filter_country(self, queryset, name, value):
        return queryset.filter(countries__contains=f",{value.strip().upper()[:2]},")


class SessionFilter(MeetingFilterSet):
    title__icontains = _in_either_language("title")
    event_id = django_filters.UUIDFilter(field_name="event_id")
    speaker_id = django_filters.UUIDFilter(method="filter_person")
    showcase_id = django_filters.UUIDFilter(field_name="showcases__id")

    class Meta:
        model = Session
        fields = {"session_type": ["exact", "in"], "room": ["exact", "iexact"]}

    def filter_person(self, queryset, name, value):
        """Sessions the participant speaks at or chairs."""
        return queryset.filter(Q(speakers__id=value) | Q(chairs__id=value)).distinct()
