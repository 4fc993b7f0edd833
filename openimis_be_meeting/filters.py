"""FilterSets shared by the GraphQL lists and the REST views."""

from datetime import timezone

import django_filters

from .models import Event
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
