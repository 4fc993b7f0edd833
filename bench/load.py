"""Registration under load: concurrent clients registering and cancelling through GraphQL over HTTP.

    .venv/bin/python -m pip install gunicorn        # bench-only dependency
    .venv/bin/python bench/generate.py              # the bench database and its Admin / admin123 user
    .venv/bin/python bench/load.py [--clients 8] [--registrations 400] [--capacity 50] [--workers 3] [--no-write]

Starts gunicorn (bench/wsgi.py, the test host on the bench database, --workers sync workers) on 127.0.0.1, creates a
fresh event open for registration with the given capacity, and runs the clients as threads. Each client logs in as
the openIMIS frontend does (GET for the csrftoken cookie, tokenAuth, getCsrfToken; tests/frontend.py), then registers
people with registerMeetingParticipant (literal input), reads its mutation log by clientMutationId for the status,
reads the participant it created (meetingParticipants(clientMutationId:)), and now and then cancels one of its own
registrations with cancelMeetingParticipant. A watcher polls the event's rows all along; at the end the database is
checked: confirmed never above capacity (in every polled snapshot and in the participants' history), the waiting list
1..n without gaps or duplicates and in registration order, no free seat while people wait, counts as expected.

Traffic goes to 127.0.0.1 only; the run is bounded by --registrations and --timeout and stops gunicorn itself.
"""

import argparse
import random
import sys
import threading
import time
from datetime import datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import db_env, machine_info, median, percentile, setup_django, write_section  # noqa: E402
from bench.load_http import ADMIN_USER, Client, Enum, free_port, start_server, stop_server  # noqa: E402


class Run:
    def __init__(self, args, base: str, event_id: str, stamp: str):
        self.args, self.base, self.event_id, self.stamp = args, base, event_id, stamp
        self.timings: dict[str, list[float]] = {}
        self.lock = threading.Lock()
        self.failures: list[str] = []
        self.registered = self.cancelled = 0
        self.operations: list[tuple[float, float]] = []  # (start, end) of each register / cancel round trip
        self.deadline = time.monotonic() + args.timeout

    def client(self, number: int, quota: int) -> None:
        rng = random.Random(number)
        session = Client(self.base, self.timings, self.lock)
        try:
            session.login()
        except Exception as error:  # reported, not raised, so the other clients finish
            with self.lock:
                self.failures.append(f"client {number}: {error}")
            return
        mine: list[dict] = []
        for n in range(quota):
            if time.monotonic() > self.deadline:
                break
            started = time.perf_counter()
            try:
                client_id, log = session.mutate(
                    "registerMeetingParticipant",
                    "registerMeetingParticipant",
                    {
                        "eventId": self.event_id,
                        "firstName": f"Load{number}",
                        "lastName": f"Client {n}",
                        "email": f"load-{self.stamp}-{number}-{n}@bench.example.org",
                        "country": "CM",
                        "role": Enum("ATTENDEE"),
                        "consentListed": True,
                    },
                )
                if log["status"] != 2:
                    raise RuntimeError(f"register status {log['status']}: {log['error']}")
                node = session.participant(client_id)
                if node is None:
                    raise RuntimeError("registered participant not found by clientMutationId")
                mine.append(node)
                with self.lock:
                    self.registered += 1
                    self.operations.append((started, time.perf_counter()))
            except Exception as error:
                with self.lock:
                    self.failures.append(f"client {number} register {n}: {error}")
                continue
            if mine and rng.random() < self.args.cancel_share:
                victim = mine.pop(rng.randrange(len(mine)))
                started = time.perf_counter()
                try:
                    _client_id, log = session.mutate(
                        "cancelMeetingParticipant", "cancelMeetingParticipant", {"id": victim["uuid"]}
                    )
                    if log["status"] != 2:
                        raise RuntimeError(f"cancel status {log['status']}: {log['error']}")
                    with self.lock:
                        self.cancelled += 1
                        self.operations.append((started, time.perf_counter()))
                except Exception as error:
                    with self.lock:
                        self.failures.append(f"client {number} cancel: {error}")


class Watcher(threading.Thread):
    """Polls the event's committed state: every snapshot must hold confirmed <= capacity and positions 1..n."""

    def __init__(self, db: dict, event_id: str, capacity: int, interval: float = 0.02):
        super().__init__(daemon=True)
        self.db, self.event_id, self.capacity, self.interval = db, event_id, capacity, interval
        self.stop = threading.Event()
        self.snapshots, self.max_confirmed, self.bad = 0, 0, []

    def run(self) -> None:
        import psycopg2

        connection = psycopg2.connect(
            host=self.db["DB_HOST"],
            port=self.db["DB_PORT"],
            user=self.db["DB_USER"],
            password=self.db["DB_PASSWORD"],
            dbname=self.db["DB_NAME"],
        )
        connection.autocommit = True
        with connection.cursor() as cursor:
            while not self.stop.is_set():
                cursor.execute(
                    "SELECT count(*) FILTER (WHERE status = 'CONFIRMED'), "
                    "coalesce(array_agg(waitlist_position ORDER BY waitlist_position) "
                    "FILTER (WHERE status = 'WAITLISTED'), '{}') "
                    'FROM openimis_be_meeting_participant WHERE event_id = %s AND NOT "isDeleted"',
                    [self.event_id],
                )
                confirmed, positions = cursor.fetchone()
                self.snapshots += 1
                self.max_confirmed = max(self.max_confirmed, confirmed)
                if confirmed > self.capacity or positions != list(range(1, len(positions) + 1)):
                    self.bad.append((confirmed, positions[:10]))
                time.sleep(self.interval)
        connection.close()


def create_event(capacity: int, stamp: str):
    from core.models import User

    from openimis_be_meeting.models import Event

    admin = User.objects.get(username=ADMIN_USER)
    starts = datetime.utcnow().replace(microsecond=0) + timedelta(days=30)
    event = Event(
        code=f"LOAD-{stamp}",
        name=f"Load benchmark {stamp}",
        event_type="WORKSHOP",
        status="REGISTRATION_OPEN",
        starts_at=starts,
        ends_at=starts + timedelta(days=1),
        timezone="Africa/Douala",
        capacity=capacity,
    )
    event.save(user=admin)
    return event


def verify(event, capacity: int, run: Run, watcher: Watcher) -> tuple[list[str], dict]:
    """The final state, checked with SQL."""
    from django.db import connection

    from openimis_be_meeting.models import Participant

    table = Participant._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f'SELECT status, count(*) FROM {table} WHERE event_id = %s AND NOT "isDeleted" GROUP BY status',
            [event.id],
        )
        counts = dict(cursor.fetchall())
        cursor.execute(
            f"SELECT waitlist_position, registered_at FROM {table} "
            f"WHERE event_id = %s AND NOT \"isDeleted\" AND status = 'WAITLISTED' ORDER BY waitlist_position",
            [event.id],
        )
        line = cursor.fetchall()
        cursor.execute(
            f"SELECT count(*) FROM {table} WHERE event_id = %s AND NOT \"isDeleted\" AND status <> 'WAITLISTED' "
            "AND waitlist_position IS NOT NULL",
            [event.id],
        )
        stray_positions = cursor.fetchone()[0]
        history, promoted = _history_max_confirmed(cursor, table, event.id) or (None, None)
    confirmed, waitlisted = counts.get("CONFIRMED", 0), counts.get("WAITLISTED", 0)
    positions = [row[0] for row in line]
    in_order = all(a[1] <= b[1] for a, b in zip(line, line[1:], strict=False))
    active = run.registered - run.cancelled
    checks = [
        (confirmed <= capacity, f"confirmed {confirmed} ≤ capacity {capacity} at the end"),
        (
            watcher.max_confirmed <= capacity and not watcher.bad,
            f"every one of {watcher.snapshots:,} snapshots polled during the run had confirmed ≤ capacity and "
            f"positions 1..n (highest confirmed seen {watcher.max_confirmed})",
        ),
        (
            history is None or history <= capacity,
            "replaying the participants' history rows in order, confirmed never exceeded capacity "
            + (
                f"(highest {history}; {promoted} promotions from the waiting list into freed seats)"
                if history is not None
                else "(no history rows: not checked)"
            ),
        ),
        (
            positions == list(range(1, len(positions) + 1)),
            f"waiting-list positions are exactly 1..{len(positions)} (no gap, no duplicate)",
        ),
        (stray_positions == 0, "no non-waitlisted participant keeps a waiting-list position"),
        (in_order, "the waiting list is in registration order (first come, first served)"),
        (waitlisted == 0 or confirmed == capacity, "no seat left free while someone waits"),
        (
            confirmed + waitlisted == active and counts.get("CANCELLED", 0) == run.cancelled,
            f"counts add up: {confirmed} confirmed + {waitlisted} waitlisted = {run.registered} registered − "
            f"{run.cancelled} cancelled; {counts.get('CANCELLED', 0)} CANCELLED rows",
        ),
        (not run.failures, f"{len(run.failures)} failed operations"),
    ]
    return [f"- **{'ok' if ok else 'FAILED'}**: {text}" for ok, text in checks], counts


def _history_max_confirmed(cursor, table: str, event_id) -> tuple[int, int] | None:
    """The highest number of CONFIRMED registrations at any point, replaying simple-history rows by date, and the
    number of promotions (WAITLISTED to CONFIRMED) seen on the way."""
    history = table.replace("openimis_be_meeting_", "openimis_be_meeting_historical")
    cursor.execute("SELECT to_regclass(%s)", [history])
    if cursor.fetchone()[0] is None:
        return None
    cursor.execute(
        f'SELECT "UUID", status FROM {history} WHERE event_id = %s ORDER BY history_date, history_id', [event_id]
    )
    rows = cursor.fetchall()
    if not rows:
        return None
    state, confirmed, highest, promoted = {}, 0, 0, 0
    for participant, status in rows:
        confirmed += (status == "CONFIRMED") - (state.get(participant) == "CONFIRMED")
        promoted += status == "CONFIRMED" and state.get(participant) == "WAITLISTED"
        state[participant] = status
        highest = max(highest, confirmed)
    return highest, promoted


def remove_load_events(only=None) -> int:
    """Delete the rows of load events (LOAD-*), so that the data set bench/queries.py reads stays as generated."""
    from django.db import connection, transaction

    from openimis_be_meeting.models import Event, EventMutation, Participant, ParticipantMutation

    events = [only] if only else list(Event.objects.filter(code__startswith="LOAD-").values_list("id", flat=True))
    p, e = Participant._meta.db_table, Event._meta.db_table
    with transaction.atomic(), connection.cursor() as cursor:
        for event_id in events:
            for statement in (
                f"DELETE FROM {ParticipantMutation._meta.db_table} WHERE participant_id IN "
                f'(SELECT "UUID" FROM {p} WHERE event_id = %s)',
                f"DELETE FROM {p.replace('meeting_', 'meeting_historical')} WHERE event_id = %s",
                f"DELETE FROM {p} WHERE event_id = %s",
                f"DELETE FROM {EventMutation._meta.db_table} WHERE event_id = %s",
                f'DELETE FROM {e.replace("meeting_", "meeting_historical")} WHERE "UUID" = %s',
                f'DELETE FROM {e} WHERE "UUID" = %s',
            ):
                cursor.execute(statement, [event_id])
        cursor.execute("DELETE FROM \"core_Mutation_Log\" WHERE client_mutation_label = 'load'")
    return len(events)


def report(args, run: Run, elapsed: float, checks: list[str], counts: dict) -> str:
    info = machine_info()
    lines = [
        f"Measured {info['date']} by `bench/load.py --clients {args.clients} --registrations {args.registrations} "
        f"--capacity {args.capacity} --workers {args.workers}`: gunicorn {args.workers} sync workers on "
        f"127.0.0.1 (bench/wsgi.py, tests/host settings, MODE=DEV, CONN_MAX_AGE 0, mutations inline: ASYNC=False), "
        f"{args.clients} client threads on the same {info['nproc']}-core machine, {info['postgres']}, "
        f"Python {info['python']}, commit {info['commit']}{' + uncommitted changes' if info['dirty'] else ''}; "
        f"load average at the end {info['loadavg']} (other work on the machine shows here).",
        "",
        f"- {run.registered} registrations and {run.cancelled} cancellations in {elapsed:.1f} s: "
        f"**{(run.registered + run.cancelled) / elapsed:.1f} operations/s** "
        f"({sum(len(v) for k, v in run.timings.items() if k != 'login') / elapsed:.1f} HTTP requests/s); "
        f"an operation = the mutation, its mutationLogs read and (registration) the participant read.",
        f"- final state: {', '.join(f'{n} {s}' for s, n in sorted(counts.items()))}",
        "",
        "| request | count | median ms | p95 ms | p99 ms | max ms |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    operations = [(end - start) * 1000 for start, end in run.operations]
    rows = [*sorted(run.timings.items()), ("operation round trip", operations)]
    for kind, values in rows:
        if values:
            lines.append(
                f"| {kind} | {len(values)} | {median(values):.0f} | {percentile(values, 0.95):.0f} | "
                f"{percentile(values, 0.99):.0f} | {max(values):.0f} |"
            )
    lines += ["", "Checks:", "", *checks]
    if run.failures:
        lines += ["", "First failures:", "", *[f"- {failure}" for failure in run.failures[:10]]]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", default=None, help="database name (default meeting_bench, or $BENCH_DB_NAME)")
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--registrations", type=int, default=400, help="in total, shared among the clients")
    parser.add_argument("--capacity", type=int, default=50)
    parser.add_argument("--cancel-share", type=float, default=0.3, help="chance of a cancellation after a registration")
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--timeout", type=int, default=480, help="clients stop starting operations after this (s)")
    parser.add_argument("--no-write", action="store_true", help="print only; leave docs/benchmarks.md alone")
    parser.add_argument("--section", default="load", help="the docs/benchmarks.md section to write (default load)")
    parser.add_argument("--keep", action="store_true", help="keep the load event's rows (default: delete them)")
    args = parser.parse_args()

    setup_django(args.db)
    removed = remove_load_events()  # left by an earlier run with --keep, or one that was stopped
    if removed:
        print(f"removed {removed} earlier load event(s)")
    stamp = datetime.utcnow().strftime("%Y%m%d%H%M%S")
    event = create_event(args.capacity, stamp)
    port = free_port()
    log_path = Path(f"/tmp/bench-gunicorn-{stamp}.log")
    print(f"event {event.code} ({event.id}), capacity {args.capacity}; gunicorn on 127.0.0.1:{port}, log {log_path}")
    server = start_server(args, port, log_path)
    watcher = Watcher(db_env(args.db), str(event.id), args.capacity)
    try:
        run = Run(args, f"http://127.0.0.1:{port}", str(event.id), stamp)
        quotas = [
            args.registrations // args.clients + (n < args.registrations % args.clients) for n in range(args.clients)
        ]
        threads = [threading.Thread(target=run.client, args=(n, quota)) for n, quota in enumerate(quotas)]
        watcher.start()
        started = time.perf_counter()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = time.perf_counter() - started
    finally:
        watcher.stop.set()
        stop_server(server)
    watcher.join(timeout=5)
    checks, counts = verify(event, args.capacity, run, watcher)
    if not args.keep:
        remove_load_events(event.id)
    text = report(args, run, elapsed, checks, counts)
    print(text)
    if not args.no_write:
        write_section(args.section, text)
    if any("FAILED" in check for check in checks):
        sys.exit(1)


if __name__ == "__main__":
    main()
