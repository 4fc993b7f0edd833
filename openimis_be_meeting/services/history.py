"""Writes that would otherwise leave no trace in the history: rows moved in bulk, and lists kept outside a row.

django-simple-history records a row when the row is saved. Two kinds of change escape it: an UPDATE of many rows at
once (the waiting list moving up), and a change of what hangs off a row without being one of its columns (a
showcase's integrations, presenters and partners; a session's speakers, chairs and showcases). The first is given
its history rows here in bulk; the second is written into the row itself (`json_ext`), so that the row's own
history shows it. `openimis_be_meeting.history` reads both.
"""

from datetime import datetime

from django.db.models import F

from ..models import Integration, Participant

# The key of json_ext under which a row keeps the text summary of its lists.
LISTS_KEY = "audit_lists"


def shift_waitlist(queryset, *, by: int, user) -> None:
    """Move everyone in `queryset` (waiting participants) up `by` places; for each, a change by the acting user:
    a new version and a history row, written in bulk (one UPDATE, one INSERT)."""
    ids = list(queryset.values_list("id", flat=True))
    if not ids:
        return
    moved = Participant.objects.filter(id__in=ids)
    moved.update(
        waitlist_position=F("waitlist_position") - by,
        version=F("version") + 1,
        user_updated=user,
        date_updated=datetime.now(),  # as HistoryModel.save() stamps it
    )
    Participant.history.bulk_history_create(list(moved.for_reading()), update=True, default_user=user)


def record_lists(instance, **lists) -> None:
    """Write a text summary of the instance's lists into its own row (call before saving it), so that its history
    shows how they changed. Each keyword names a list attribute and gives its new rows, or None when it keeps them."""
    if instance.id is not None and all(rows is None for rows in lists.values()):
        return
    ext = dict(instance.json_ext) if isinstance(instance.json_ext, dict) else {}
    summary = dict(ext.get(LISTS_KEY) or {})
    for name, rows in lists.items():
        if rows is None and name in summary:
            continue
        if rows is None:
            rows = list(getattr(instance, name).all()) if instance.id is not None else []
        summary[name] = [describe(row) for row in rows]
    ext[LISTS_KEY] = summary
    instance.json_ext = ext


def describe(row) -> str:
    """One line of a list's summary: an integration with every detail it holds, anything else by its name."""
    if not isinstance(row, Integration):
        return str(row)
    details = [row.standard.code, row.direction, row.mode, row.evidence_level]
    details += [text for text in (row.data_exchanged, row.conformance_reference) if text]
    return f"{row.source_system.name} → {row.target_system.name}: {', '.join(details)}"
