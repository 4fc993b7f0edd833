"""FilterSets shared by the GraphQL lists and the REST views."""

from datetime import timezone

import django_filters
from django.db.models import Q

from .models import Attendance, Event, Organisation, Participant
from .permissions import Action, can
from .timeutils import now_for_storage, to_storage


def _as_stored(value):
    # A filter instant without an offset is taken as UTC.
    return to_storage(value, timezone.utc) if value is not None else None


class EventFilter(django_filters.FilterSet):
    starts_after = django_filters.IsoDateTimeFilter(method="filter_starts_after")
    starts_before = django_filters.IsoDateTimeFilter(method="filter_starts_before")
    upcoming = django_filters.BooleanFilter(method="filter_upcoming")

    class Meta:
        model = Event
        fields = {
            "code": ["exact", "iexact", "icontains"],
            "name": ["icontains"],
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


class OrganisationFilter(django_filters.FilterSet):
    class Meta:
        model = Organisation
        fields = {
            "name": ["exact", "icontains"],
            "acronym": ["exact", "iexact"],
            "organisation_type": ["exact"],
            "country": ["exact"],
        }


class ParticipantFilter(django_filters.FilterSet):
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


class AttendanceFilter(django_filters.FilterSet):
    event_id = django_filters.UUIDFilter(field_name="participant__event_id")
    participant_id = django_filters.UUIDFilter(field_name="participant_id")
    day_from = django_filters.DateFilter(field_name="day", lookup_expr="gte")
    day_to = django_filters.DateFilter(field_name="day", lookup_expr="lte")

    class Meta:
        model = Attendance
        fields = {"day": ["exact"], "method": ["exact"]}
