"""Latency of the module's main GraphQL queries on the generated data set, in-process, beside two baselines.

    .venv/bin/python bench/generate.py            # once: the 100,000-participant database
    .venv/bin/python bench/queries.py [--rounds 200] [--no-write]

Each request is `schema.execute` on the host's aggregated schema (tests/host/schema.py) with a request carrying the
admin user, plus the JSON encoding GraphQLView does; no HTTP and no graphene middleware, so the numbers are the
module's own work (one extra row shows the instance's JWT middleware on the 100-row page, for scale). Every variant
runs once per round, in a shuffled order, for --rounds rounds; SQL statements are counted in a separate warm-up pass
(capturing them costs time). For each 100-row participants page the same data is also produced by (a) one hand-written
SQL statement and (b) the ORM's values(), each serialised to byte-identical JSON (checked before timing).

Writes its table between the `queries` markers of docs/benchmarks.md unless --no-write.
"""

import argparse
import json
import random
import sys
import time
from dataclasses import dataclass, field
from datetime import timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import ROOT, machine_info, median, percentile, setup_django, write_section  # noqa: E402

DOC = ROOT / "docs" / "benchmarks.md"
LARGEST_EVENT_CODE = "BENCH-000"
PARTICIPANT_NODE = (
    "uuid firstName lastName status registeredAt event { code name } organisation { name organisationType }"
)
EVENT_NODE = "uuid code name eventType status startsAt endsAt city country capacity"
SHOWCASE_NODE = (
    "uuid title status event { code } leadOrganisation { name } partnerOrganisations { name } "
    "presenters { firstName lastName organisation { name } } "
    "integrations { sourceSystem { name } targetSystem { name } standard { code } evidenceLevel }"
)
STATISTICS = (
    '{ meetingEventStatistics(eventId: "%s") { registrations capacity confirmed seatsLeft waitlistLength '
    "byStatus { key count } byRole { key count } byCountry { key count } byOrganisationType { key count } "
    "byGender { key count } byParticipationMode { key count } attendanceByDay { day attended expected rate } } }"
)
MATRIX = (
    "{ meetingInteroperabilityMatrix%s { pairs { systemA { name } systemB { name } standards { code } directions "
    "bestEvidenceLevel showcaseCount showcaseIds progress { event { code } bestEvidenceLevel showcaseCount } } "
    "bySystemStandard { system { name } standard { code } bestEvidenceLevel showcaseCount "
    "progress { event { code } bestEvidenceLevel } } } }"
)


@dataclass
class Variant:
    query: str  # the row's group, e.g. "meetingParticipants (all)"
    label: str  # graphql / hand-written SQL / ORM values()
    page: str  # "first 100", "offset 90000, 100"
    run: object  # () -> JSON text
    key: tuple = ()  # (group, size, deep) to pair baselines and pages
    times: list = field(default_factory=list)
    queries: int = 0
    size: int = 0
    rows: int = 0


def dumps(data) -> str:
    return json.dumps(data, separators=(",", ":"))  # as graphene_django's GraphQLView.json_encode


def iso(value) -> str:
    """A stored naive UTC instant as the API shows it (timeutils.from_storage, then graphene's DateTime)."""
    return value.replace(tzinfo=timezone.utc).isoformat()


def build(args):
    from core.models import User
    from django.test import RequestFactory
    from graphql_jwt.middleware import JSONWebTokenMiddleware

    from openimis_be_meeting.models import Event, Participant

    from host.schema import schema

    admin = User.objects.get(username="Admin")
    # As a logged-in frontend: core checks the X-CSRFToken header against the session's token (MODE is not "dev").
    request = RequestFactory().post("/api/graphql", HTTP_X_CSRFTOKEN="bench-csrf")
    request.session = {"csrftoken": "bench-csrf"}
    request.user = admin
    largest = Event.objects.get(code=LARGEST_EVENT_CODE)
    total_all = Participant.objects.filter(is_deleted=False, event__is_deleted=False).count()
    total_event = Participant.objects.filter(is_deleted=False, event=largest).count()

    def graphql(query: str, middleware=None):
        def run():
            result = schema.execute(query, context_value=request, middleware=middleware)
            if result.errors:
                raise RuntimeError(f"{query[:80]}: {result.errors}")
            return dumps({"data": result.data})

        return run

    variants: list[Variant] = []
    deep = {"all": int(total_all * 0.9), "event": int(total_event * 0.9)}
    for scope, event_id in (("all", None), ("event", str(largest.id))):
        group = "meetingParticipants" + (" (eventId: largest event)" if event_id else " (all events)")
        for size in (10, 100):
            for offset in (0, deep[scope]):
                page = f"offset {offset:,}, first {size}" if offset else f"first {size}"
                arguments = [f"first: {size}"] + ([f"offset: {offset}"] if offset else [])
                arguments += [f'eventId: "{event_id}"'] if event_id else []
                query = (
                    f"{{ meetingParticipants({', '.join(arguments)}) "
                    f"{{ totalCount edges {{ node {{ {PARTICIPANT_NODE} }} }} }} }}"
                )
                key = (scope, size, bool(offset))
                variants.append(Variant(group, "GraphQL", page, graphql(query), key))
                if size == 100:  # the baselines, for the 100-row pages
                    variants.append(
                        Variant(group, "hand-written SQL", page, sql_participants(size, offset, event_id), key)
                    )
                    variants.append(Variant(group, "ORM values()", page, orm_participants(size, offset, event_id), key))
                if key == ("all", 100, False):
                    variants.append(
                        Variant(
                            group,
                            "GraphQL + JWT middleware",
                            page,
                            graphql(query, middleware=[JSONWebTokenMiddleware()]),
                            key,
                        )
                    )

    from openimis_be_meeting.models import Showcase

    events = Event.objects.filter(is_deleted=False).count()
    showcases = Showcase.objects.filter(is_deleted=False, event__is_deleted=False).count()
    for group, name, node, total in (
        ("meetingEvents", "meetingEvents", EVENT_NODE, events),
        ("meetingShowcases", "meetingShowcases", SHOWCASE_NODE, showcases),
    ):
        for size in (10, 100):
            for offset in [0] + ([total - size] if total > size else []):
                page = f"offset {offset}, first {size}" if offset else f"first {size}"
                arguments = f"first: {size}" + (f", offset: {offset}" if offset else "")
                query = f"{{ {name}({arguments}) {{ totalCount edges {{ node {{ {node} }} }} }} }}"
                variants.append(Variant(group, "GraphQL", page, graphql(query), (group, size, bool(offset))))

    variants.append(
        Variant(
            "meetingEventStatistics",
            "GraphQL",
            f"largest event ({total_event:,} registrations)",
            graphql(STATISTICS % largest.id),
            ("stats",),
        )
    )
    variants.append(Variant("meetingInteroperabilityMatrix", "GraphQL", "all events", graphql(MATRIX % ""), ("m",)))
    showcase_event = Showcase.objects.filter(is_deleted=False).values_list("event_id", flat=True).first()
    variants.append(
        Variant(
            "meetingInteroperabilityMatrix",
            "GraphQL",
            "one event",
            graphql(MATRIX % f'(eventId: "{showcase_event}")'),
            ("m1",),
        )
    )
    context = {"total_all": total_all, "total_event": total_event, "largest": largest, "schema": schema}
    context["request"] = request
    context["loadavg"] = machine_info()["loadavg"]
    return variants, context


def _participant_json(rows, total) -> str:
    edges = [
        {
            "node": {
                "uuid": str(row[0]),
                "firstName": row[1],
                "lastName": row[2],
                "status": row[3],
                "registeredAt": iso(row[4]),
                "event": {"code": row[5], "name": row[6]},
                "organisation": None if row[7] is None else {"name": row[7], "organisationType": row[8]},
            }
        }
        for row in rows
    ]
    return dumps({"data": {"meetingParticipants": {"totalCount": total, "edges": edges}}})


def sql_participants(size: int, offset: int, event_id: str | None):
    """One statement: the page joined to its event and organisation, with the total as a sub-select."""
    from django.db import connection

    from openimis_be_meeting.models import Event, Organisation, Participant

    p, e, o = Participant._meta.db_table, Event._meta.db_table, Organisation._meta.db_table
    where = 'NOT p."isDeleted" AND NOT e."isDeleted"' + (" AND p.event_id = %s" if event_id else "")
    statement = f"""
        SELECT p."UUID", p.first_name, p.last_name, p.status, p.registered_at, e.code, e.name,
               o.name, o.organisation_type,
               (SELECT count(*) FROM {p} p JOIN {e} e ON e."UUID" = p.event_id WHERE {where})
        FROM {p} p
        JOIN {e} e ON e."UUID" = p.event_id
        LEFT JOIN {o} o ON o."UUID" = p.organisation_id
        WHERE {where}
        ORDER BY p.registered_at, p."UUID"
        LIMIT %s OFFSET %s
    """
    params = ([event_id, event_id] if event_id else []) + [size, offset]

    def run():
        with connection.cursor() as cursor:
            cursor.execute(statement, params)
            rows = cursor.fetchall()
        return _participant_json(rows, rows[0][9] if rows else 0)

    return run


def orm_participants(size: int, offset: int, event_id: str | None):
    """The ORM without model instances: values() for the page, count() for the total (two statements)."""
    from openimis_be_meeting.models import Participant

    fields = (
        "id",
        "first_name",
        "last_name",
        "status",
        "registered_at",
        "event__code",
        "event__name",
        "organisation__name",
        "organisation__organisation_type",
    )

    def run():
        queryset = Participant.objects.filter(is_deleted=False, event__is_deleted=False)
        if event_id:
            queryset = queryset.filter(event_id=event_id)
        queryset = queryset.order_by("registered_at", "id")
        total = queryset.count()
        rows = [tuple(row[name] for name in fields) for row in queryset.values(*fields)[offset : offset + size]]
        return _participant_json(rows, total)

    return run


def warm_up(variants: list[Variant]) -> list[str]:
    """Run each variant (three times, the last with its SQL captured); check the baselines' JSON equals GraphQL's."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    problems, reference = [], {}
    for variant in variants:
        for _ in range(2):
            variant.run()
        with CaptureQueriesContext(connection) as captured:
            text = variant.run()
        variant.queries, variant.size = len(captured.captured_queries), len(text.encode())
        data = json.loads(text)["data"]
        connection_data = next(iter(data.values()))
        if isinstance(connection_data, dict) and "edges" in connection_data:
            variant.rows = len(connection_data["edges"])
        if variant.query.startswith("meetingParticipants"):
            if variant.label == "GraphQL":
                reference[variant.key] = text
            elif variant.label != "GraphQL + JWT middleware" and reference.get(variant.key) != text:
                problems.append(f"{variant.query} {variant.page}: {variant.label} JSON differs from GraphQL's")
    return problems


def measure(variants: list[Variant], rounds: int, seed: int) -> None:
    order = list(variants)
    rng = random.Random(seed)
    started = time.perf_counter()
    for number in range(rounds):
        rng.shuffle(order)
        for variant in order:
            begin = time.perf_counter()
            variant.run()
            variant.times.append((time.perf_counter() - begin) * 1000)
        if number % 20 == 19:
            print(f"  round {number + 1}/{rounds}  {time.perf_counter() - started:.0f} s", flush=True)


def refused_over_max(context) -> str:
    """What a page larger than RELAY_CONNECTION_MAX_LIMIT gets."""
    result = context["schema"].execute(
        "{ meetingParticipants(first: 101) { totalCount edges { node { uuid } } } }", context_value=context["request"]
    )
    return str(result.errors[0]) if result.errors else "accepted"


def report(variants: list[Variant], context: dict, rounds: int, problems: list[str], elapsed: float) -> str:
    medians = {(v.key, v.label): median(v.times) for v in variants}

    def ratio(variant):
        if variant.label == "hand-written SQL" or not variant.query.startswith("meetingParticipants"):
            return ""
        base = medians.get((variant.key, "hand-written SQL"))
        return f"{median(variant.times) / base:.1f}×" if base else ""

    lines = [
        "| query | variant | page | rows | SQL stmts | median ms | p95 ms | bytes | × SQL |",
        "|---|---|---|---:|---:|---:|---:|---:|---:|",
    ]
    for v in variants:
        lines.append(
            f"| {v.query} | {v.label} | {v.page} | {v.rows or ''} | {v.queries} | {median(v.times):.1f} | "
            f"{percentile(v.times, 0.95):.1f} | {v.size:,} | {ratio(v)} |"
        )

    verdicts = []

    def verdict(ok: bool, text: str) -> None:
        verdicts.append(f"- **{'met' if ok else 'NOT met'}**: {text}")

    for scope in ("all", "event"):
        gql = medians[((scope, 100, False), "GraphQL")]
        sql = medians[((scope, 100, False), "hand-written SQL")]
        orm = medians[((scope, 100, False), "ORM values()")]
        name = "all events" if scope == "all" else "eventId filter"
        verdict(
            gql <= 4 * sql,
            f"100-row participants page ({name}) within 4× one SQL statement: GraphQL {gql:.1f} ms = "
            f"{gql / sql:.1f}× SQL ({sql:.1f} ms); ORM values() {orm:.1f} ms = {orm / sql:.1f}× SQL, "
            f"GraphQL = {gql / orm:.1f}× ORM values().",
        )
    for v in variants:
        if v.label == "GraphQL" and len(v.key) == 3 and v.key[2]:
            first = medians[((v.key[0], v.key[1], False), "GraphQL")]
            deep = medians[(v.key, "GraphQL")]
            verdict(
                deep <= 2 * first,
                f"{v.query} deep page ({v.page}) no slower than 2× the first page: {deep:.1f} ms vs "
                f"{first:.1f} ms = {deep / first:.2f}×.",
            )
    for v in variants:
        if v.key in (("stats",), ("m",), ("m1",)):
            p95 = percentile(v.times, 0.95)
            verdict(
                median(v.times) < 200,
                f"{v.query} ({v.page}) under 200 ms (judged on the median): median {median(v.times):.1f} ms, "
                f"p95 {p95:.1f} ms{' (p95 also under 200 ms)' if p95 < 200 else ' (p95 over 200 ms)'}.",
            )
    info = machine_info()
    out = [
        f"Measured {info['date']} by `bench/queries.py --rounds {rounds}` ({elapsed:.0f} s): "
        f"{context['total_all']:,} live participants, largest event {context['total_event']:,}; "
        f"{info['nproc']} cores ({info['cpu']}), memory {info['memory']} GiB, {info['postgres']}, "
        f"Python {info['python']}, commit {info['commit']}{' + uncommitted changes' if info['dirty'] else ''}; "
        f"load average before {context['loadavg']}, after {info['loadavg']} (other work on the machine shows here).",
        "",
        *lines,
        "",
        "A page above the instance maximum (`first: 101`, RELAY_CONNECTION_MAX_LIMIT = 100): "
        + refused_over_max(context),
        "",
        "Targets (medians of this run):",
        "",
        *verdicts,
    ]
    if problems:
        out += ["", "Baseline JSON mismatches:", "", *[f"- {p}" for p in problems]]
    else:
        out += ["", "Both baselines returned JSON byte-identical to the GraphQL response for every participants page."]
    return "\n".join(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", default=None, help="database name (default meeting_bench, or $BENCH_DB_NAME)")
    parser.add_argument("--rounds", type=int, default=200, help="requests per variant (default 200)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--no-write", action="store_true", help="print only; leave docs/benchmarks.md alone")
    args = parser.parse_args()

    setup_django(args.db)
    variants, context = build(args)
    print(f"{len(variants)} variants, {args.rounds} rounds")
    started = time.perf_counter()
    problems = warm_up(variants)
    for problem in problems:
        print("MISMATCH:", problem)
    measure(variants, args.rounds, args.seed)
    text = report(variants, context, args.rounds, problems, time.perf_counter() - started)
    print(text)
    if not args.no_write:
        write_section("queries", text)


if __name__ == "__main__":
    main()
