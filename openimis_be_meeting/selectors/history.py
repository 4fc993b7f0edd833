"""The change history of the module's rows: who changed what, when, from which value to which.

The ONE reader of django-simple-history's rows (core's HistoryModel keeps one per save, bulk writes add theirs
through services/history.py). Each entry compares a row's snapshot with the one before it. Added to them, as
entries without a version: a participant's check-ins and, for holders of the decide right, a showcase's reviews,
rows that are written once and never changed, each naming who recorded it and when.

Reading an entity's history needs the right that lists that entity. Without the personal-data right (216006) a
participant's personal fields are listed when they change, but masked (`masked`, values null); the check-in token
is masked for everybody. A session's showcases are masked without the showcase search right, as in the agenda.
"""

from dataclasses import dataclass, field
from datetime import datetime

from core.models import User
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .. import validation as v
from ..errors import MeetingError, MeetingNotFound, Problem, Problems
from ..models import Attendance, DigitalSystem, Event, Organisation, Participant, Review, Session, Showcase, Standard
from ..permissions import Action, can, require
from ..services.history import LISTS_KEY
from ..timeutils import from_storage
from .lists import hidden_participant_fields

CREATED, CHANGED, DELETED = "created", "changed", "deleted"
# Bookkeeping columns: the entry itself says when, by whom and which version.
SKIPPED = frozenset({"id", "version", "date_created", "date_updated", "user_created", "user_updated", "json_ext"})
# Labels of what is no field of the model: a reverse relation kept in json_ext, and the rows written once.
LABELS = {"integrations": _("integrations"), "attendance": _("attendance"), "review": _("review")}
NEVER_SHOWN = frozenset({"checkin_token"})


@dataclass(frozen=True)
class FieldChange:
    field: str  # the model field's name (or a list's, for lists kept in json_ext)
    label: str
    before: str | None  # None: no value, no earlier version, or masked
    after: str | None
    masked: bool = False  # the caller may not see this field's values; it changed all the same


@dataclass(frozen=True)
class HistoryEntry:
    version: int | None  # the row's version; None for a check-in or review
    changed_at: datetime  # naive UTC, as stored
    changed_by: str  # username, or "" when unknown
    change: str  # CREATED, CHANGED or DELETED
    changes: list[FieldChange] = field(default_factory=list)
    reason: str = ""  # the reason stored with the change, if any (an import names its file)


@dataclass(frozen=True)
class _Entity:
    model: type
    action: Action
    not_found: Problem


ENTITIES = {
    "event": _Entity(Event, Action.SEARCH_EVENTS, Problems.EVENT_NOT_FOUND),
    "participant": _Entity(Participant, Action.SEARCH_PARTICIPANTS, Problems.PARTICIPANT_NOT_FOUND),
    "organisation": _Entity(Organisation, Action.SEARCH_ORGANISATIONS, Problems.ORGANISATION_NOT_FOUND),
    "showcase": _Entity(Showcase, Action.SEARCH_SHOWCASES, Problems.SHOWCASE_NOT_FOUND),
    "digital_system": _Entity(DigitalSystem, Action.SEARCH_SHOWCASES, Problems.SYSTEM_NOT_FOUND),
    "standard": _Entity(Standard, Action.SEARCH_SHOWCASES, Problems.STANDARD_NOT_FOUND),
    "session": _Entity(Session, Action.SEARCH_SESSIONS, Problems.SESSION_NOT_FOUND),
}


def entity_history(user, entity: str, object_id) -> list[HistoryEntry]:
    """Every change of one row, newest first, for holders of the right that lists such rows; a deleted row's history
    stays readable. Masks what the caller may not see (see the module's docstring)."""
    spec = ENTITIES.get(entity)
    if spec is None:
        raise MeetingError(Problems.INVALID_CHOICE, field="entity", value=str(entity)[:64])
    require(user, spec.action)
    uuid = v.clean_uuid(object_id, field="id")
    if not spec.model.objects.filter(id=uuid).exists():
        raise MeetingNotFound(spec.not_found, field="id", value=str(uuid))
    rows = list(spec.model.history.filter(id=uuid).order_by("history_date", "history_id"))
    entries = _Reader(spec.model, rows, hidden=_hidden(user, spec.model)).entries()
    if spec.model is Participant:
        entries += _check_ins(uuid)
    if spec.model is Showcase and can(user, Action.DECIDE_SHOWCASES):
        entries += _reviews(uuid)
    entries.sort(key=lambda entry: entry.changed_at)  # stable: rows of the same instant keep their order
    return entries[::-1]


def _hidden(user, model) -> frozenset:
    if model is Participant:
        return NEVER_SHOWN | hidden_participant_fields(user)
    if model is Session and not can(user, Action.SEARCH_SHOWCASES):
        return frozenset({"showcases"})
    return frozenset()


class _Reader:
    """Turns a row's history rows (oldest first) into entries, each compared with the one before."""

    def __init__(self, model, rows: list, *, hidden: frozenset):
        self.model, self.rows, self.hidden = model, rows, hidden
        self.fields = [f for f in model.history.model.tracked_fields if f.name not in SKIPPED]
        self.related = self._related_texts()
        self.users = _usernames({row.history_user_id or row.user_updated_id for row in rows})

    def entries(self) -> list[HistoryEntry]:
        entries, before = [], None
        for row in self.rows:
            after = self._snapshot(row)
            entries.append(
                HistoryEntry(
                    version=row.version,
                    changed_at=row.history_date,
                    changed_by=self.users.get(row.history_user_id or row.user_updated_id, ""),
                    change=_kind(row, before),
                    changes=self._changes(before, after),
                    reason=row.history_change_reason or "",
                )
            )
            before = after
        return entries

    def _snapshot(self, row) -> dict:
        values = {f.name: self._text(f, getattr(row, f.attname)) for f in self.fields}
        lists = (row.json_ext.get(LISTS_KEY) or {}) if isinstance(row.json_ext, dict) else {}
        values.update({name: "\n".join(items) or None for name, items in lists.items()})
        return values

    def _changes(self, before: dict | None, after: dict) -> list[FieldChange]:
        changes = []
        for name, value in after.items():
            old = None if before is None else before.get(name)
            if old == value or name == "is_deleted":
                continue
            label = str(LABELS.get(name) or self._label(name))
            if name in self.hidden:
                changes.append(FieldChange(name, label, None, None, masked=True))
            else:
                changes.append(FieldChange(name, label, old, value))
        return changes

    def _label(self, name: str) -> str:
        return str(self.model._meta.get_field(name).verbose_name)

    def _text(self, model_field, value) -> str | None:
        if model_field.is_relation and value is not None:
            return self.related.get((model_field.name, value), str(value))
        return value_text(value)

    def _related_texts(self) -> dict:
        """The text of every row the history's foreign keys point to, one query per key."""
        texts = {}
        for model_field in self.fields:
            if not model_field.is_relation:
                continue
            ids = {getattr(row, model_field.attname) for row in self.rows} - {None}
            target = model_field.related_model
            for related in target._base_manager.filter(pk__in=ids):
                texts[(model_field.name, related.pk)] = related.username if target is User else str(related)
        return texts


def value_text(value) -> str | None:
    """A stored value as text; None for no value."""
    if value is None or value == "" or value == [] or value == {}:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime):
        return from_storage(value).isoformat()
    if isinstance(value, (list, tuple)):
        return ", ".join(str(item) for item in value)
    return str(value)


def _kind(row, before: dict | None) -> str:
    if row.history_type == "+":
        return CREATED
    if row.history_type == "-" or (row.is_deleted and (before is None or before.get("is_deleted") != "true")):
        return DELETED
    return CHANGED


def _usernames(ids: set) -> dict:
    ids = ids - {None}
    return dict(User.objects.filter(id__in=ids).values_list("id", "username")) if ids else {}


def _check_ins(participant_id) -> list[HistoryEntry]:
    attendances = Attendance.objects.filter(participant_id=participant_id).select_related("session", "checked_in_by")
    return [_recorded(a.recorded_at, a.checked_in_by, "attendance", _attendance_text(a)) for a in attendances]


def _attendance_text(attendance: Attendance) -> str:
    where = f" {attendance.session.title}" if attendance.session_id else ""
    return f"{attendance.day.isoformat()}{where} ({attendance.method}, {value_text(attendance.checked_in_at)})"


def _reviews(showcase_id) -> list[HistoryEntry]:
    reviews = Review.objects.filter(showcase_id=showcase_id).select_related("reviewer")
    return [_recorded(r.reviewed_at, r.reviewer, "review", _review_text(r)) for r in reviews]


def _review_text(review: Review) -> str:
    names = ("recommendation", "round", "relevance", "depth", "reusability", "country_impact")
    text = gettext(
        "%(recommendation)s, round %(round)s: relevance %(relevance)s, depth %(depth)s, "
        "reusability %(reusability)s, country impact %(country_impact)s"
    ) % {name: getattr(review, name) for name in names}
    return f"{text}. {review.comment}" if review.comment else text


def _recorded(at, user, name: str, text: str) -> HistoryEntry:
    """An entry for a row written once and never changed (a check-in, a review)."""
    change = FieldChange(name, str(LABELS[name]), None, text)
    return HistoryEntry(
        version=None, changed_at=at, changed_by=user.username if user else "", change=CHANGED, changes=[change]
    )
