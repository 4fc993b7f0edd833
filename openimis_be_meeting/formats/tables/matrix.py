"""The interoperability matrix export: pairs of systems, or systems by standard."""

from ...errors import MeetingError, Problems
from ...models import (
    EvidenceLevel,
    ShowcaseStatus,
    SystemType,
    UseCase,
)
from ...selectors import lists, matrix
from .base import Column, Table, label
from .params import choice_param, codes_param, country_param, uuid_param


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
    result = matrix.interoperability_matrix(
        user=request.user,
        event_id=event_id,
        country=country_param(params, "country"),
        standard_id=uuid_param(params, "standardId"),
        use_case=choice_param(params, "useCase", UseCase),
        statuses=codes_param(params, "statuses", ShowcaseStatus),
    )
    if event_id:
        name = f"{name}-{lists.live_event(event_id).code}"
    rows = result[key]
    return Table(name=name, columns=columns, rows=lambda: rows, language=language)
