"""What the exports hold: the rows each one reads, its columns in a fixed order, each value in words, and the two
file formats (CSV streamed row by row, XLSX written to a temporary file).

The HTTP side (authentication, formats, responses, errors) is in rest/exports.py; this module is plain Python, so
the same tables can serve a management command or a scheduled report.

Values, in both formats:
- instants in ISO 8601, to the second, with the offset of the event's time zone (2026-12-25T09:00:00+01:00);
- yes/no answers and statuses or other codes in words, in the export's language (the TextChoices labels);
- lists joined with "; ";
- text that a spreadsheet would read as a formula (starting with = + - @, a tab or a line break) gets a leading
  apostrophe, in the XLSX file too, where openpyxl would otherwise store "=..." as a formula.
"""

import csv
import logging
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from itertools import islice
from tempfile import SpooledTemporaryFile

from django.db.models import F, Prefetch
from django.db.models.functions import Lower
from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font

from . import interop, selectors
from . import validation as v
from .errors import MeetingError, Problems
from .filters import ParticipantFilter, SessionFilter, ShowcaseFilter
from .models import (
    AttendanceMode,
    DemoType,
    Direction,
    EvidenceLevel,
    ExchangeMode,
    Gender,
    Integration,
    Organisation,
    OrganisationType,
    Participant,
    ParticipantRole,
    ParticipantStatus,
    Review,
    SchemeType,
    Session,
    SessionType,
    Showcase,
    ShowcaseStatus,
    SystemType,
    UseCase,
)
from .permissions import Action, can
from .timeutils import from_storage, zone_or_none

logger = logging.getLogger(__name__)

# Rows fetched from the database at a time; the many-to-many lists of each chunk come in one query per list.
CHUNK_SIZE = 500
# CSV rows written per piece of the streamed response.
CSV_ROWS_PER_PIECE = 100
# An XLSX file stays in memory up to this size, then moves to a temporary file on disk.
XLSX_SPOOL_BYTES = 1024 * 1024
XLSX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_MEDIA_TYPE = "text/csv; charset=utf-8"
# Excel reads a CSV file as UTF-8 (accents intact) only when it starts with this byte order mark.
BOM = "\ufeff"
LIST_SEPARATOR = "; "
# A cell beginning with one of these is read as a formula by Excel, LibreOffice or Google Sheets.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")
XLSX_MAX_CELL = 32_767  # Excel's limit on the characters of one cell


def neutralise(text: str) -> str:
    """Text a spreadsheet shows as text: a leading apostrophe before anything it would read as a formula."""
    if text.startswith(FORMULA_STARTS) or text.lstrip(" ").startswith(FORMULA_STARTS[:4]):
        return "'" + text
    return text


# -- values in words ------------------------------------------------------------------------------------------------


def label(choices, code) -> Promise | str | None:
    """The label of a TextChoices code (lazily translated), the code itself when unknown, None when empty."""
    if code in (None, ""):
        return None
    return choices(code).label if code in choices.values else code


def yes_no(value) -> str | None:
    """yes or no in the active language (Django's own translations, as its yesno filter uses)."""
    if value is None:
        return None
    yes, no, _maybe = gettext("yes,no,maybe").split(",")
    return yes if value else no


def joined(values: Iterable) -> str:
    return LIST_SEPARATOR.join(str(value) for value in values if value not in (None, ""))


def full_name(participant) -> str:
    return f"{participant.first_name} {participant.last_name}".strip()


@dataclass(frozen=True)
class Column:
    header: str  # fixed, in English: scripts may rely on it
    value: Callable  # row -> str, lazy text, int, float, bool, datetime, list or None


@dataclass
class Table:
    """One export: the columns in order, and the rows (read lazily, when a writer starts)."""

    name: str  # the file name's stem and the sheet's title
    columns: list[Column]
    rows: Callable[[], Iterable]
    zone: object = None  # a ZoneInfo; instants are shown in it (UTC when None)
    language: str = "en"

    @property
    def headers(self) -> list[str]:
        return [column.header for column in self.columns]

    def cells(self, row) -> list:
        """The row's values: text, whole or decimal numbers, or None for an empty cell."""
        return [self._plain(column.value(row)) for column in self.columns]

    def _plain(self, value):
        if value is None or isinstance(value, (int, float)) and not isinstance(value, bool):
            return value
        if isinstance(value, bool):
            return yes_no(value)
        if isinstance(value, datetime):
            return from_storage(value, self.zone).isoformat(timespec="seconds")
        if isinstance(value, (list, tuple)):
            return joined(self._plain(item) for item in value)
        return str(value)


# -- participants ---------------------------------------------------------------------------------------------------

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
    queryset = selectors.participants_for(user=request.user, queryset=Participant.objects.filter(event=event))
    data = {
        "status__in": _codes(params, "status", ParticipantStatus),
        "role": _choice(params, "role", ParticipantRole),
        "country": _country(params, "country"),
        "attendance_mode": _choice(params, "attendanceMode", AttendanceMode),
        "organisation_id": _uuid(params, "organisationId"),
        "organisation_type": _choice(params, "organisationType", OrganisationType),
        "search": _text(params, "search", max_length=100),
    }
    return participant_rows_table(
        user=request.user,
        queryset=_filtered(ParticipantFilter, data, queryset, request),
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


# -- showcases ------------------------------------------------------------------------------------------------------


def _integration_text(link: Integration) -> str:
    arrow = "↔" if link.direction == Direction.BOTH else "→"
    details = ", ".join(
        str(part)
        for part in (link.standard.code, label(ExchangeMode, link.mode), label(EvidenceLevel, link.evidence_level))
    )
    return f"{link.source_system.name} {arrow} {link.target_system.name} ({details})"


def _current_reviews(showcase) -> list:
    return [review for review in showcase.reviews.all() if review.round == showcase.review_round]


def _mean_score(showcase) -> float | None:
    """The mean of the four mean scores of the current round, as the GraphQL meanScores.overall."""
    reviews = _current_reviews(showcase)
    if not reviews:
        return None
    keys = ("relevance", "depth", "reusability", "country_impact")
    means = [round(sum(getattr(review, key) for review in reviews) / len(reviews), 2) for key in keys]
    return round(sum(means) / len(keys), 2)


SHOWCASE_COLUMNS = [
    Column("ID", lambda s: str(s.id)),
    Column("Title", lambda s: s.title),
    Column("Status", lambda s: label(ShowcaseStatus, s.status)),
    Column("Lead organisation", lambda s: s.lead_organisation.name),
    Column("Partner organisations", lambda s: [org.name for org in s.partner_organisations.all()]),
    Column("Presenters", lambda s: [full_name(person) for person in s.presenters.all()]),
    Column("Scheme", lambda s: s.scheme_name),
    Column("Scheme type", lambda s: label(SchemeType, s.scheme_type)),
    Column("Use cases", lambda s: [label(UseCase, code) for code in s.use_cases]),
    Column("Countries", lambda s: s.countries),
    Column("Demo type", lambda s: label(DemoType, s.demo_type)),
    Column("Starts at", lambda s: s.starts_at),
    Column("Ends at", lambda s: s.ends_at),
    Column("Integrations", lambda s: [_integration_text(link) for link in s.integrations.all()]),
    Column("Media links", lambda s: [str(link) for link in s.media_links or []]),
    Column("Abstract", lambda s: s.abstract),
    Column("Decision note", lambda s: s.decision_note),
    Column("Review round", lambda s: s.review_round),
    Column("Status changed at", lambda s: s.status_changed_at),
]
# Only for holders of the decide right (217006 by default), as GraphQL's reviewCount and meanScores.
SHOWCASE_DECISION_COLUMNS = [
    Column("Reviews (current round)", lambda s: len(_current_reviews(s))),
    Column("Mean score (current round)", _mean_score),
]


def showcases_table(*, request, event, params, language: str) -> Table:
    """An event's live showcases in every status (or those the filters keep), in programme order, then by title."""
    queryset = selectors.showcases_for(user=request.user, queryset=Showcase.objects.filter(event=event))
    data = {
        "status__in": _codes(params, "status", ShowcaseStatus),
        "scheme_type": _choice(params, "schemeType", SchemeType),
        "demo_type": _choice(params, "demoType", DemoType),
        "use_case": _choice(params, "useCase", UseCase),
        "country": _country(params, "country"),
        "system_id": _uuid(params, "systemId"),
        "standard_id": _uuid(params, "standardId"),
        "organisation_id": _uuid(params, "organisationId"),
        "title__icontains": _text(params, "title", max_length=255),
    }
    deciding = can(request.user, Action.DECIDE_SHOWCASES)
    prefetches = [
        Prefetch("partner_organisations", queryset=Organisation.objects.order_by(Lower("name"), "id")),
        Prefetch("presenters", queryset=_people()),
        Prefetch(
            "integrations",
            queryset=Integration.objects.select_related("source_system", "target_system", "standard").order_by(
                "position", "id"
            ),
        ),
    ]
    if deciding:
        prefetches.append(Prefetch("reviews", queryset=Review.objects.order_by("reviewed_at", "id")))
    queryset = (
        _filtered(ShowcaseFilter, data, queryset, request)
        .select_related("lead_organisation")
        .prefetch_related(*prefetches)
        .order_by(F("starts_at").asc(nulls_last=True), Lower("title"), "id")
    )
    return Table(
        name=f"{event.code}-showcases",
        columns=SHOWCASE_COLUMNS + (SHOWCASE_DECISION_COLUMNS if deciding else []),
        rows=lambda: queryset.iterator(chunk_size=CHUNK_SIZE),
        zone=zone_or_none(event.timezone),
        language=language,
    )


def _people():
    """Live registrations that stand, by name: speakers, chairs and presenters as GraphQL names them."""
    people = Participant.objects.filter(is_deleted=False, status__in=selectors.PROGRAMME_STATUSES)
    return people.order_by(Lower("last_name"), Lower("first_name"), "id")


# -- agenda ---------------------------------------------------------------------------------------------------------

SESSION_COLUMNS = [
    Column("ID", lambda s: str(s.id)),
    Column("Starts at", lambda s: s.starts_at),
    Column("Ends at", lambda s: s.ends_at),
    Column("Title", lambda s: s.title),
    Column("Type", lambda s: label(SessionType, s.session_type)),
    Column("Room", lambda s: s.room),
    Column("Languages", lambda s: s.languages),
    Column("Interpretation into", lambda s: s.interpretation),
    Column("Capacity", lambda s: s.capacity),
    Column("Speakers", lambda s: [full_name(person) for person in s.speakers.all()]),
    Column("Chairs", lambda s: [full_name(person) for person in s.chairs.all()]),
    Column("Showcases", lambda s: [showcase.title for showcase in s.showcases.all()]),
    Column("Description", lambda s: s.description),
]


def agenda_table(*, request, event, params, language: str) -> Table:
    """An event's live sessions (or those the filters keep) by start, room and id, as meetingSessions lists them."""
    queryset = selectors.sessions_for(user=request.user, queryset=Session.objects.filter(event=event))
    data = {
        "session_type__in": _codes(params, "sessionType", SessionType),
        "room__iexact": _text(params, "room", max_length=128),
        "speaker_id": _uuid(params, "speakerId"),
        "showcase_id": _uuid(params, "showcaseId"),
        "title__icontains": _text(params, "title", max_length=255),
    }
    queryset = (
        _filtered(SessionFilter, data, queryset, request)
        .prefetch_related(
            Prefetch("speakers", queryset=_people()),
            Prefetch("chairs", queryset=_people()),
            Prefetch("showcases", queryset=Showcase.objects.filter(is_deleted=False).order_by(Lower("title"), "id")),
        )
        .order_by("starts_at", "room", "id")
    )
    return Table(
        name=f"{event.code}-agenda",
        columns=SESSION_COLUMNS,
        rows=lambda: queryset.iterator(chunk_size=CHUNK_SIZE),
        zone=zone_or_none(event.timezone),
        language=language,
    )


# -- interoperability matrix ----------------------------------------------------------------------------------------


def _progress(row) -> list[str]:
    return [
        f"{step['event'].code}: {label(EvidenceLevel, step['best_evidence_level'])} ({step['showcase_count']})"
        for step in row["progress"]
    ]


def _directions(pair) -> list[str]:
    a, b = pair["system_a"].name, pair["system_b"].name
    arrows = {"A_TO_B": f"{a} → {b}", "B_TO_A": f"{b} → {a}", "BOTH": f"{a} ↔ {b}"}
    return [arrows.get(direction, direction) for direction in pair["directions"]]


MATRIX_PAIR_COLUMNS = [
    Column("System A", lambda r: r["system_a"].name),
    Column("System A type", lambda r: label(SystemType, r["system_a"].system_type)),
    Column("System B", lambda r: r["system_b"].name),
    Column("System B type", lambda r: label(SystemType, r["system_b"].system_type)),
    Column("Standards", lambda r: [standard.code for standard in r["standards"]]),
    Column("Directions", _directions),
    Column("Best evidence level", lambda r: label(EvidenceLevel, r["best_evidence_level"])),
    Column("Showcases", lambda r: r["showcase_count"]),
    Column("Showcase IDs", lambda r: r["showcase_ids"]),
    Column("Progress by event", _progress),
]
MATRIX_SYSTEM_STANDARD_COLUMNS = [
    Column("System", lambda r: r["system"].name),
    Column("System type", lambda r: label(SystemType, r["system"].system_type)),
    Column("Standard", lambda r: r["standard"].code),
    Column("Standard name", lambda r: r["standard"].name),
    Column("Best evidence level", lambda r: label(EvidenceLevel, r["best_evidence_level"])),
    Column("Showcases", lambda r: r["showcase_count"]),
    Column("Showcase IDs", lambda r: r["showcase_ids"]),
    Column("Progress by event", _progress),
]
# The `table` parameter: which of the matrix's two lists the file holds.
MATRIX_TABLES = {
    "pairs": ("pairs", "interoperability-matrix", MATRIX_PAIR_COLUMNS),
    "bySystemStandard": (
        "by_system_standard",
        "interoperability-matrix-by-system-standard",
        MATRIX_SYSTEM_STANDARD_COLUMNS,
    ),
}


def matrix_table(*, request, params, language: str) -> Table:
    """One list of the interoperability matrix (pairs of systems by default), built as meetingInteroperabilityMatrix
    builds it: from the integrations of the showcases counted, all events or one."""
    table = params.get("table") or "pairs"
    if table not in MATRIX_TABLES:
        raise MeetingError(Problems.INVALID_CHOICE, field="table", value=str(table)[:64])
    key, name, columns = MATRIX_TABLES[table]
    event_id = params.get("eventId") or None
    matrix = interop.interoperability_matrix(
        user=request.user,
        event_id=event_id,
        country=_country(params, "country"),
        standard_id=_uuid(params, "standardId"),
        use_case=_choice(params, "useCase", UseCase),
        statuses=_codes(params, "statuses", ShowcaseStatus),
    )
    if event_id:
        name = f"{name}-{selectors.live_event(event_id).code}"
    rows = matrix[key]
    return Table(name=name, columns=columns, rows=lambda: rows, language=language)


# -- query parameters -----------------------------------------------------------------------------------------------


def _text(params, name: str, *, max_length: int) -> str | None:
    return v.clean_text(params.get(name), field=name, max_length=max_length) or None


def _choice(params, name: str, choices) -> str | None:
    return v.clean_choice(_text(params, name, max_length=64), field=name, choices=choices, required=False)


def _codes(params, name: str, choices) -> list[str] | None:
    """Codes given as a repeated parameter, comma-separated, or both; None when not given."""
    values = [part.strip() for item in params.getlist(name) for part in str(item).split(",") if part.strip()]
    for value in values:
        v.clean_choice(value, field=name, choices=choices)
    return list(dict.fromkeys(values)) or None


def _country(params, name: str) -> str | None:
    return v.clean_country(params.get(name), field=name) or None


def _uuid(params, name: str) -> str | None:
    value = params.get(name)
    return str(v.clean_uuid(value, field=name)) if value not in (None, "") else None


def _filtered(filterset_class, data: dict, queryset, request):
    """The queryset narrowed by the module's FilterSet (the one GraphQL uses), fed values already checked."""
    data = {key: ",".join(value) if isinstance(value, list) else value for key, value in data.items() if value}
    filterset = filterset_class(data=data, queryset=queryset, request=request)
    if not filterset.is_valid():  # not expected: every value was checked above
        name, _errors = next(iter(filterset.errors.items()))
        raise MeetingError(Problems.INVALID_CHOICE, field=name, value=str(data.get(name))[:64])
    return filterset.qs


# -- writers --------------------------------------------------------------------------------------------------------


class _Line:
    """A file-like object whose write returns what it is given: csv.writer then formats one line at a time."""

    def write(self, text: str) -> str:
        return text


def _csv_cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return neutralise(value)
    return str(value)


def csv_pieces(table: Table) -> Iterator[bytes]:
    """The CSV file (UTF-8 with a byte order mark, comma-separated, CRLF line ends) in pieces of rows, for a
    streamed response: rows are read from the database in chunks while the file is sent."""
    writer = csv.writer(_Line())
    yield (BOM + writer.writerow([_csv_cell(header) for header in table.headers])).encode("utf-8")
    rows = iter(table.rows())
    try:
        while True:
            # The language is switched on only while a piece is built, never across a yield.
            with translation.override(table.language):
                lines = [
                    writer.writerow([_csv_cell(value) for value in table.cells(row)])
                    for row in islice(rows, CSV_ROWS_PER_PIECE)
                ]
            if not lines:
                return
            yield "".join(lines).encode("utf-8")
    except Exception:
        # The status line is sent already: the download ends short, and the log says why.
        logger.exception("CSV export %s failed while streaming", table.name)
        raise


def _xlsx_cell(value):
    if isinstance(value, str):
        return neutralise(ILLEGAL_CHARACTERS_RE.sub("", value))[:XLSX_MAX_CELL]
    return value


def xlsx_file(table: Table) -> SpooledTemporaryFile:
    """The XLSX workbook (one sheet, header row bold and frozen), in a temporary file rewound for reading.

    openpyxl's write-only mode writes the sheet's rows to a temporary file on disk as they come, and the finished
    workbook is zipped into a temporary file that stays in memory only while it is under XLSX_SPOOL_BYTES."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=sheet_title(table.name))
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    header = []
    for text in table.headers:
        cell = WriteOnlyCell(sheet, value=_xlsx_cell(text))
        cell.font = bold
        header.append(cell)
    sheet.append(header)
    rows = iter(table.rows())
    while True:
        with translation.override(table.language):
            piece = [[_xlsx_cell(value) for value in table.cells(row)] for row in islice(rows, CSV_ROWS_PER_PIECE)]
        if not piece:
            break
        for cells in piece:
            sheet.append(cells)
    output = SpooledTemporaryFile(max_size=XLSX_SPOOL_BYTES)  # noqa: SIM115 - the response closes it
    try:
        workbook.save(output)
    except Exception:
        output.close()
        raise
    output.seek(0)
    return output


_SHEET_FORBIDDEN = str.maketrans({character: "-" for character in "[]:*?/\\"})


def sheet_title(name: str) -> str:
    """A valid Excel sheet title: at most 31 characters, none of []:*?/\\."""
    return (name.translate(_SHEET_FORBIDDEN)[:31] or "Export").strip("'") or "Export"
