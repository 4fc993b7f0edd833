"""The stores that hold a participant's personal data, one eraser each (docs/retention.md).

Each eraser takes the people being erased (Subjects, gathered before anything changed) and returns how many rows it
changed; ERASERS runs them in order, in the erasure's transaction. A new store of personal data brings its own
eraser and appends it to ERASERS: nothing else changes.
"""

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from core.models import MutationLog
from django.apps import apps
from django.db.models import F, Q

from ..mail.outbox import erase_personal_data
from ..models import ErasedTally, Participant, ParticipantMutation, Session, Showcase
from .history import LISTS_KEY

# The personal text columns of a participant: every value they ever held is searched for in the other stores.
PERSONAL_TEXT = (
    "first_name",
    "last_name",
    "email",
    "phone",
    "job_title",
    "accessibility_needs",
    "dietary_needs",
    "checkin_token",
    "rejection_reason",
)
# Keys of a mutation's input (as core logs it) that carry a person's data, wiped in the logs about that person.
PERSONAL_INPUT_KEYS = frozenset(
    {*PERSONAL_TEXT, "gender", "user_id", "location_id", "token", "reason"}
    # a visa letter's request
    .union({"passport_number", "nationality", "date_of_birth", "passport_expiry"}).difference({"checkin_token"})
)
ERASED_TEXT = "[erased]"
# Mutation logs are searched for this many people's values in one query (about 12 LIKE terms each: SQLite parses an OR
# chain as a tree no deeper than 1,000).
LOG_BATCH = 20


@dataclass
class Subject:
    """One registration being erased: what it holds now and held before (its history), and what replaces it."""

    participant: Participant
    user: object  # the acting user; None for the scheduled erasure
    erased_at: datetime
    replacement: dict  # column -> the value written instead (Participant's own columns)
    values: dict = field(default_factory=dict)  # column -> every non-empty value it has held

    @property
    def pseudonym(self) -> str:
        return f"{self.replacement['first_name']} {self.replacement['last_name']}"

    def names(self) -> set[str]:
        """Every full name the registration had, as str(participant) wrote it into lists' summaries."""
        return {f"{first} {last}" for first, last in self.values.get("full_names", set())}

    def strong_values(self) -> set[str]:
        """Values that name this registration and nobody else: its id, emails and check-in tokens."""
        pid = self.participant.id
        return {str(pid), pid.hex} | self.values.get("email", set()) | self.values.get("checkin_token", set())

    def texts(self) -> list[tuple[re.Pattern, str]]:
        """(pattern, replacement) for every personal text, longest first; names become the pseudonym."""
        pairs = [(name, self.pseudonym) for name in self.names()]
        for column in PERSONAL_TEXT:
            if column not in ("first_name", "last_name"):
                pairs += [(value, ERASED_TEXT) for value in self.values.get(column, set())]
        patterns = [(re.compile(re.escape(text), re.I), by) for text, by in pairs if len(text) >= 2]
        # A first or last name alone is replaced only as a whole word: "Ann" is left in "Annabel".
        for column in ("first_name", "last_name"):
            for value in self.values.get(column, set()):
                if len(value) >= 2:
                    patterns.append((re.compile(rf"(?<!\w){re.escape(value)}(?!\w)", re.I), ERASED_TEXT))
        return sorted(patterns, key=lambda pair: -len(pair[0].pattern))


def scrub(text: str, subject: Subject) -> str:
    for pattern, by in subject.texts():
        text = pattern.sub(by, text)
    return text


def erase_tally(subjects: list[Subject]) -> int:
    """Count each registration's status and gender on its event before the gender goes: the statistics keep it."""
    for subject in subjects:
        person = subject.participant
        tally, _created = ErasedTally.objects.get_or_create(
            event_id=person.event_id, status=person.status, gender=person.gender or ""
        )
        ErasedTally.objects.filter(id=tally.id).update(count=F("count") + 1)
    return len(subjects)


def erase_participant_rows(subjects: list[Subject]) -> int:
    """Write the replacement values over the row, mark it erased, and record that as a new history version."""
    for subject in subjects:
        changes = {**subject.replacement, "erased_at": subject.erased_at, "date_updated": subject.erased_at}
        if subject.user is not None:
            changes["user_updated"] = subject.user
        rows = Participant.objects.filter(id=subject.participant.id)
        rows.update(version=F("version") + 1, **changes)
        Participant.history.bulk_history_create(
            list(rows), update=True, default_user=subject.user, default_change_reason="personal data erased"
        )
    return len(subjects)


def erase_participant_history(subjects: list[Subject]) -> int:
    """Every earlier version of the row gets the replacement values too; a change's reason (an import names its file,
    which may be named after the person) loses the person's texts."""
    changed = 0
    for subject in subjects:
        replacement = {key: value for key, value in subject.replacement.items() if key not in ("user", "location")}
        versions = Participant.history.filter(id=subject.participant.id)
        changed += versions.update(**replacement, user_id=None, location_id=None)
        for history_id, reason in versions.exclude(history_change_reason=None).values_list(
            "history_id", "history_change_reason"
        ):
            if scrub(reason, subject) != reason:
                versions.filter(history_id=history_id).update(history_change_reason=scrub(reason, subject))
    return changed


def erase_programme_summaries(subjects: list[Subject]) -> int:
    """Showcases' presenters and sessions' speakers and chairs are summarised by name in the rows' json_ext (and so
    in their history rows): the names become the pseudonym."""
    changed = 0
    for subject in subjects:
        names = subject.names()
        for model in (Showcase, Session):
            for manager in (model.objects, model.history):
                for key, ext in manager.filter(event_id=subject.participant.event_id).values_list("pk", "json_ext"):
                    renamed = _renamed_lists(ext, names, subject.pseudonym)
                    if renamed is not None:
                        changed += manager.filter(pk=key).update(json_ext=renamed)
    return changed


def _renamed_lists(ext, names: set[str], pseudonym: str):
    lists = ext.get(LISTS_KEY) if isinstance(ext, dict) else None
    if not isinstance(lists, dict) or not any(item in names for items in lists.values() for item in items or []):
        return None
    renamed = {key: [pseudonym if item in names else item for item in items or []] for key, items in lists.items()}
    return {**ext, LISTS_KEY: renamed}


def erase_mutation_logs(subjects: list[Subject]) -> int:
    """core's mutation logs keep each mutation's input, its label and details, and its errors: the logs linked to the
    registration, and any that carry its id, an email or a check-in token it had, lose its personal values (the
    personal keys of an input about this person are emptied; its texts are replaced wherever they appear)."""
    changed = 0
    for start in range(0, len(subjects), LOG_BATCH):
        batch = subjects[start : start + LOG_BATCH]
        linked = dict(
            ParticipantMutation.objects.filter(participant_id__in=[s.participant.id for s in batch]).values_list(
                "mutation_id", "participant_id"
            )
        )
        query = Q(id__in=list(linked))
        # An import's journal entry (services/imports/report.audit) names its file, often after the people in it.
        for event_id in {str(subject.participant.event_id) for subject in batch}:
            query |= Q(json_content__contains='"import": "participants"') & Q(json_content__contains=event_id)
        for value in {value for subject in batch for value in subject.strong_values()}:
            query |= Q(json_content__icontains=value) | Q(error__icontains=value)
            query |= Q(client_mutation_details__icontains=value)
        for log in MutationLog.objects.filter(query).order_by("id"):
            changed += _scrub_log(log, batch, linked.get(log.id))
    return changed


def _scrub_log(log: MutationLog, subjects: list[Subject], linked_to) -> int:
    columns = {
        "json_content": log.json_content,
        "error": log.error,
        "client_mutation_label": log.client_mutation_label,
        "client_mutation_details": log.client_mutation_details,
    }
    before = dict(columns)
    for subject in subjects:
        strong = {value.lower() for value in subject.strong_values()}
        mentioned = any(value in str(before).lower() for value in strong)
        if linked_to != subject.participant.id and not mentioned and not _import_of(before, subject):
            continue
        content = _json(columns["json_content"])
        if isinstance(content, dict) and (linked_to == subject.participant.id or _about(content, strong)):
            content = {key: None if key in PERSONAL_INPUT_KEYS else value for key, value in content.items()}
            columns["json_content"] = json.dumps(content)
        for name, value in columns.items():
            if isinstance(value, str):
                columns[name] = _scrub_text(value, subject)
    if columns == before:
        return 0
    MutationLog.objects.filter(id=log.id).update(**columns)
    return 1


def _import_of(columns: dict, subject: Subject) -> bool:
    """Whether a log is the journal entry of an import into the person's event (its file name may name them)."""
    content = _json(columns["json_content"])
    return (
        isinstance(content, dict)
        and content.get("import") == "participants"
        and (content.get("eventId") == str(subject.participant.event_id))
    )


def _about(content: dict, strong: set[str]) -> bool:
    """Whether a mutation's input names this registration itself (its id, its email, its badge's token)."""
    return any(str(content.get(key) or "").lower() in strong for key in ("id", "email", "token"))


def _json(text):
    try:
        return json.loads(text) if isinstance(text, str) else None
    except ValueError:
        return None


def _scrub_text(text: str, subject: Subject) -> str:
    """Replace the person's texts in a column: inside a JSON document's strings (so escapes are read), else as is."""
    document = _json(text)
    if isinstance(document, (dict, list)):
        return json.dumps(_scrub_value(document, subject))
    return scrub(text, subject)


def _scrub_value(value, subject: Subject):
    if isinstance(value, str):
        return scrub(value, subject)
    if isinstance(value, list):
        return [_scrub_value(item, subject) for item in value]
    if isinstance(value, dict):
        return {key: _scrub_value(item, subject) for key, item in value.items()}
    return value


def erase_admin_log(subjects: list[Subject]) -> int:
    """Django's admin log names each changed row by its text (the person's name) at the time."""
    if not apps.is_installed("django.contrib.admin"):
        return 0
    from django.contrib.admin.models import LogEntry
    from django.contrib.contenttypes.models import ContentType

    content_type = ContentType.objects.get_for_model(Participant)
    changed = 0
    for subject in subjects:
        entries = LogEntry.objects.filter(content_type=content_type, object_id=str(subject.participant.id))
        changed += entries.update(object_repr=subject.pseudonym)
    return changed


def erase_mail(subjects: list[Subject]) -> int:
    """The mail outbox: addresses, contexts, attachments and server answers blanked, unsent messages withdrawn."""
    return erase_personal_data(subject.participant.id for subject in subjects)


def erase_visa_letters(subjects: list[Subject]) -> int:
    """Visa letters: passport number, nationality, date of birth and passport expiry blanked (the number stays)."""
    from ..documents import erase_personal as erase_letters  # documents sit above services; only at erasure time

    return sum(erase_letters(subject.participant) for subject in subjects)


# The stores, in order: the tally reads the row before the row eraser changes it. Each is "name: function".
ERASERS: dict[str, Callable[[list[Subject]], int]] = {
    "statistics_tally": erase_tally,
    "participant_rows": erase_participant_rows,
    "participant_history": erase_participant_history,
    "programme_summaries": erase_programme_summaries,
    "mutation_logs": erase_mutation_logs,
    "admin_log": erase_admin_log,
    "mail_outbox": erase_mail,
    "visa_letters": erase_visa_letters,
}
