"""What the proposed product changes would buy, measured on the bench database before anybody makes them.

    .venv/bin/python bench/whatif.py [--rounds 60] [--no-write]

Runs the participants, statistics and matrix variants of bench/queries.py in one process, in three states:
  A. as the code and schema are;
  B. with two partial indexes matching the participants list's order, created on the bench database only
     (participant (registered_at, UUID) INCLUDE (event_id) and (event_id, registered_at, UUID), both
     WHERE NOT "isDeleted"), and with the interoperability matrix's integrations (matrix._integrations) built as
     read-only instances, the way the module's lists already build theirs (models/reading.py);
  C. (matrix only) B, with the related rows narrowed to the columns the matrix shows (.only()).
The patches live in this process's memory only; the indexes are dropped and the patches undone afterwards, whatever
happens. Nothing in the product is changed.
"""

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import machine_info, median, percentile, setup_django, write_section  # noqa: E402
from bench.queries import build, measure, warm_up  # noqa: E402

INDEXES = {
    "bench_whatif_participant_order": '(registered_at, "UUID") INCLUDE (event_id)',
    "bench_whatif_participant_event_order": '(event_id, registered_at, "UUID")',
}
# The columns the matrix reads from each related row (matrix.py and the types it returns).
MATRIX_COLUMNS = (
    "id",
    "showcase_id",
    "source_system_id",
    "target_system_id",
    "standard_id",
    "direction",
    "evidence_level",
    "position",
    "source_system__id",
    "source_system__name",
    "target_system__id",
    "target_system__name",
    "standard__id",
    "standard__code",
    "standard__name",
    "showcase__id",
    "showcase__event_id",
    "showcase__event__id",
    "showcase__event__code",
    "showcase__event__name",
    "showcase__event__starts_at",
    "showcase__event__timezone",
)


def add_indexes() -> None:
    from django.db import connection

    from openimis_be_meeting.models import Participant

    table = Participant._meta.db_table
    with connection.cursor() as cursor:
        for name, columns in INDEXES.items():
            cursor.execute(f'CREATE INDEX IF NOT EXISTS {name} ON {table} {columns} WHERE NOT "isDeleted"')
        cursor.execute(f"VACUUM ANALYZE {table}")  # autocommit: outside any transaction


def drop_indexes() -> None:
    from django.db import connection

    from openimis_be_meeting.models import Participant

    with connection.cursor() as cursor:
        for name in INDEXES:
            cursor.execute(f"DROP INDEX IF EXISTS {name}")
        cursor.execute(f"ANALYZE {Participant._meta.db_table}")


def patch_matrix(original, *, narrow: bool):
    from openimis_be_meeting.models.reading import ReadOnlyModelIterable
    from openimis_be_meeting.selectors import matrix

    def read_only(**kwargs):
        queryset = original(**kwargs)
        if narrow:
            queryset = queryset.only(*MATRIX_COLUMNS)
        queryset._iterable_class = ReadOnlyModelIterable
        return queryset

    matrix._integrations = read_only


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", default=None)
    parser.add_argument("--rounds", type=int, default=60)
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()
    setup_django(args.db)
    from openimis_be_meeting.selectors import matrix

    drop_indexes()  # a previous run that was killed may have left its indexes
    original = matrix._integrations

    def selected(prefixes):
        variants, _context = build(args)
        return [v for v in variants if v.query.startswith(prefixes) and v.label != "GraphQL + JWT middleware"]

    measured = ("meetingParticipants", "meetingEventStatistics", "meetingInteroperabilityMatrix")
    started = time.perf_counter()
    states, problems, answers = [], [], {}
    try:
        for name, prepare, prefixes in (
            ("A", lambda: None, measured),
            ("B", lambda: (add_indexes(), patch_matrix(original, narrow=False)), measured),
            ("C", lambda: patch_matrix(original, narrow=True), ("meetingInteroperabilityMatrix",)),
        ):
            prepare()
            variants = selected(prefixes)
            problems += [f"{name}: {p}" for p in warm_up(variants)]
            for v in variants:  # every state must answer exactly what A answered
                text = v.run()
                expected = answers.setdefault((v.query, v.label, v.page), text)
                if text != expected:
                    problems.append(f"{name}: {v.query} {v.label} {v.page} answers differently from A")
            measure(variants, args.rounds, seed=1)
            states.append(variants)
            print(f"state {name} measured")
    finally:
        matrix._integrations = original
        drop_indexes()
    elapsed = time.perf_counter() - started

    info = machine_info()
    lines = [
        f"Measured {info['date']} by `bench/whatif.py --rounds {args.rounds}` ({elapsed:.0f} s), same machine, "
        f"load average at the end {info['loadavg']}; medians (p95) in ms, all states in one process. "
        "A = as is; B = with the two indexes and the matrix built read-only; C = B with the matrix's related rows "
        "narrowed to the columns it shows.",
        "",
        "| query | variant | page | SQL stmts A → B | A | B | B / A | C | C / A |",
        "|---|---|---|---|---:|---:|---:|---:|---:|",
    ]
    third = {(v.query, v.label, v.page): v for v in states[2]}
    for a, b in zip(states[0], states[1], strict=True):
        c = third.get((a.query, a.label, a.page))
        cells = (
            f"{median(c.times):.1f} ({percentile(c.times, 0.95):.0f}) | {median(c.times) / median(a.times):.2f}×"
            if c
            else " | "
        )
        lines.append(
            f"| {a.query} | {a.label} | {a.page} | {a.queries} → {b.queries} | "
            f"{median(a.times):.1f} ({percentile(a.times, 0.95):.0f}) | "
            f"{median(b.times):.1f} ({percentile(b.times, 0.95):.0f}) | {median(b.times) / median(a.times):.2f}× | "
            f"{cells} |"
        )
    if problems:
        lines += ["", *[f"- mismatch: {p}" for p in problems]]
    else:
        lines += ["", "Every variant answered in B and C byte for byte what it answered in A."]
    text = "\n".join(lines)
    print(text)
    if not args.no_write:
        write_section("whatif", text)


if __name__ == "__main__":
    main()
