"""The numbers an organiser watches: registrations by status and by who they are, seats, the line, attendance."""

from collections import Counter
from datetime import timedelta

from django.db.models import Count

from ..models import Attendance, ErasedTally, Participant, ParticipantStatus
from ..permissions import Action, can, guarded
from ..services.attendance import event_days
from .lists import live_event

P = ParticipantStatus
# The breakdowns by who people are; each counts the registrations in the statuses asked for (and by_gender, below).
BREAKDOWNS = {
    "by_role": "role",
    "by_country": "country",
    "by_organisation_type": "organisation__organisation_type",
    "by_participation_mode": "attendance_mode",
}
# Longer events (a year-long training) list only the days on which somebody checked in.
MAX_LISTED_DAYS = 366
# Who is expected on each day: everyone who holds a seat, or held one and did not come.
EXPECTED_STATUSES = (P.CONFIRMED, P.NO_SHOW)


def _counts(queryset, field: str) -> list[dict]:
    rows = queryset.order_by().values(field).annotate(n=Count("id"))
    counts = [{"key": row[field] or None, "count": row["n"]} for row in rows]
    return sorted(counts, key=lambda item: (-item["count"], item["key"] or ""))


@guarded(Action.SEARCH_PARTICIPANTS)
def event_statistics(*, user, event_id, statuses=None) -> dict:
    """Counts for one live event. The breakdowns count registrations in `statuses` (CONFIRMED when not given);
    a missing value (no country, gender not given) is counted under a null key."""
    event = live_event(event_id)
    registrations = Participant.objects.live().filter(event=event)
    by_status = _counts(registrations, "status")
    per_status = {item["key"]: item["count"] for item in by_status}
    counted = registrations.filter(status__in=list(statuses or [P.CONFIRMED]))
    confirmed = per_status.get(P.CONFIRMED, 0)
    result = {
        "event": event,
        "registrations": sum(per_status.values()),
        "capacity": event.capacity,
        "confirmed": confirmed,
        "seats_left": None if event.capacity is None else max(event.capacity - confirmed, 0),
        "waitlist_length": per_status.get(P.WAITLISTED, 0),
        "by_status": by_status,
        "attendance_by_day": _attendance_by_day(event, registrations),
    }
    result.update({name: _counts(counted, field) for name, field in BREAKDOWNS.items()})
    result["by_gender"] = _genders(event, counted, statuses=list(statuses or [P.CONFIRMED]))
    if not can(user, Action.VIEW_PERSONAL_DATA):
        result["by_gender"] = None  # in a small event, counts by gender single people out
    return result


def _genders(event, counted, *, statuses: list) -> list[dict]:
    """By gender: an erased registration has none on its row any more; its event's tally still counts it."""
    totals = Counter()
    for item in _counts(counted.filter(erased_at__isnull=True), "gender"):
        totals[item["key"]] += item["count"]
    for tally in ErasedTally.objects.filter(event=event, status__in=statuses, count__gt=0):
        totals[tally.gender or None] += tally.count
    counts = [{"key": key, "count": count} for key, count in totals.items()]
    return sorted(counts, key=lambda item: (-item["count"], item["key"] or ""))


def _attendance_by_day(event, registrations) -> list[dict]:
    expected = registrations.filter(status__in=EXPECTED_STATUSES).count()
    attended = dict(
        Attendance.objects.filter(participant__in=registrations.filter(status__in=EXPECTED_STATUSES))
        .order_by()
        .values_list("day")
        .annotate(n=Count("participant_id", distinct=True))
    )
    first, last = event_days(event)
    span = (last - first).days + 1
    days = [first + timedelta(days=n) for n in range(span)] if span <= MAX_LISTED_DAYS else sorted(attended)
    return [
        {
            "day": day,
            "attended": attended.get(day, 0),
            "expected": expected,
            "rate": round(attended.get(day, 0) / expected, 4) if expected else None,
        }
        for day in days
    ]
