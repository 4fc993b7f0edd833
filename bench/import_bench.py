"""Benchmark of the participant import (not a test): 10,000 CSV rows into one event on PostgreSQL.

    .venv/bin/python bench/import_bench.py [--rows 10000] [--repeat 3] [--db meeting_import_bench] [--reset]

Uses its own database (created and migrated with `tests/manage.py migrate --run-syncdb` when missing; --reset drops
it first; never meeting_dev, postgres or test_*). Each repetition imports a freshly generated file into a fresh
event (capacity 60 % of the rows, so the rest go to the waiting list; a fifth of the rows name an organisation by
name, a fifth by acronym) and measures, in rows per second:

  dry run        services.imports.import_participants(dry_run): read the file, check every row, place them
  real run       the same, writing the participants and their history rows (one transaction, event locked)
  real via HTTP  POST events/<id>/participants/import with a JWT, as the frontend uploads it (multipart)
  xlsx dry run   the same rows as an .xlsx workbook, dry run

Results go to docs/import-benchmark.md by hand (the script prints a Markdown table with --markdown).
"""

import argparse
import contextlib
import io
import os
import platform
import random
import statistics
import subprocess
import sys
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TESTS = ROOT / "tests"
DEFAULT_DB = "meeting_import_bench"
PROTECTED = ("meeting_dev", "meeting_bench", "postgres", "template0", "template1")
ADMIN_USER, ADMIN_PASSWORD = "Admin", "admin123"
ORGANISATIONS = 40
FIRST = ["Amina", "Jean", "Fatou", "Paul", "Grace", "Samuel", "Aisha", "Daniel", "Mary", "Ibrahim", "Anne", "Joseph"]
LAST = ["Ngono", "Mbarga", "Diallo", "Okafor", "Mwangi", "Shrestha", "Traoré", "Kamau", "Fofana", "Bello", "Meier"]
COUNTRIES = ["CM", "TZ", "NP", "NG", "GN", "CD", "KE", "UG", "RW", "BJ", "TG", "SN", "DE", "CH"]
HEADER = [
    "first_name",
    "last_name",
    "email",
    "phone",
    "gender",
    "organisation",
    "job_title",
    "country",
    "role",
    "attendance_mode",
    "consent_listed",
    "consent_photos",
    "consent_contact",
    "accessibility_needs",
    "dietary_needs",
]


def db_env(name: str) -> dict:
    if name in PROTECTED or name.startswith("test"):
        raise SystemExit(f"refusing to use database {name!r}: the benchmark writes only to its own database")
    return {
        "DB_ENGINE": "postgresql",
        "DB_HOST": os.environ.get("DB_HOST", "127.0.0.1"),
        "DB_PORT": os.environ.get("DB_PORT", "5432"),
        "DB_USER": os.environ.get("DB_USER", "postgres"),
        "DB_PASSWORD": os.environ.get("DB_PASSWORD", ""),
        "DB_NAME": name,
        "IS_TESTING": "false",
        "DEBUG": "false",
    }


def prepare_database(name: str, reset: bool) -> None:
    import psycopg2

    db = db_env(name)
    admin = psycopg2.connect(
        host=db["DB_HOST"], port=db["DB_PORT"], user=db["DB_USER"], password=db["DB_PASSWORD"], dbname="postgres"
    )
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        exists = cursor.fetchone() is not None
        if exists and reset:
            cursor.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
            exists = False
        if not exists:
            print(f"creating database {name}", file=sys.stderr)
            cursor.execute(f'CREATE DATABASE "{name}"')
    admin.close()
    env = {**os.environ, **db, "DJANGO_SETTINGS_MODULE": "host.settings"}
    command = [sys.executable, "manage.py", "migrate", "--run-syncdb", "--noinput", "-v", "0"]
    subprocess.run(command, cwd=TESTS, env=env, check=True)


def setup_django(name: str) -> None:
    os.environ.update(db_env(name))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "host.settings")
    sys.path.insert(0, str(TESTS))
    import django

    django.setup()


def admin_user():
    from core.models import User
    from core.test_helpers import create_admin_role, create_test_interactive_user, create_test_language

    user = User.objects.filter(username=ADMIN_USER).first()
    if user is None:
        create_test_language("en", "English")
        create_test_language("fr", "Français", sort_order=2)
        role = create_admin_role()
        user = create_test_interactive_user(username=ADMIN_USER, password=ADMIN_PASSWORD, roles=[role.id])
    return user


def organisations(user) -> list[tuple[str, str]]:
    from openimis_be_meeting.models import Organisation
    from openimis_be_meeting.services import OrganisationService

    for n in range(Organisation.objects.live().count(), ORGANISATIONS):
        result = OrganisationService(user).create(
            {
                "name": f"Bench organisation {n:02d}",
                "acronym": f"BO{n:02d}",
                "organisation_type": "NGO",
                "country": "CM",
            }
        )
        assert result["success"], result
    return list(Organisation.objects.live().values_list("name", "acronym"))


def fresh_event(user, label: str, capacity: int):
    from openimis_be_meeting.models import Event
    from openimis_be_meeting.services import EventService

    start = datetime.now(timezone.utc).replace(microsecond=0) + timedelta(days=60)
    result = EventService(user).create(
        {
            "code": f"IMP-{label}-{int(time.time() * 1000) % 10**9}",
            "name": f"Import benchmark {label}",
            "event_type": "COMMUNITY_MEETING",
            "starts_at": start,
            "ends_at": start + timedelta(days=2),
            "timezone": "Africa/Douala",
            "country": "CM",
            "participation_mode": "IN_PERSON",
            "capacity": capacity,
        }
    )
    assert result["success"], result
    event_id = result["data"]["id"]
    for status in ("PUBLISHED", "REGISTRATION_OPEN"):
        assert EventService(user).change_status({"id": event_id, "status": status})["success"]
    return Event.objects.get(id=event_id)


def generate_rows(count: int, seed: int, names: list[tuple[str, str]]) -> list[list[str]]:
    rng = random.Random(seed)
    rows = []
    for n in range(count):
        pick = rng.random()
        name, acronym = rng.choice(names)
        rows.append(
            [
                rng.choice(FIRST),
                f"{rng.choice(LAST)}{n % 997}",
                f"p{seed}-{n}@import.example.org",
                f"+237 6{n:08d}" if rng.random() < 0.8 else "",
                rng.choice(["FEMALE", "MALE", "OTHER", "UNDISCLOSED", ""]),
                name if pick < 0.2 else acronym.lower() if pick < 0.4 else "",
                rng.choice(["Developer", "Director", "Data manager", "Officer", "Consultant", ""]),
                rng.choice(COUNTRIES),
                rng.choices(["ATTENDEE", "SPEAKER", "SHOWCASE_PRESENTER", "PRESS", ""], [80, 5, 5, 2, 8])[0],
                rng.choice(["IN_PERSON", "ONLINE", "in person"]),
                rng.choice(["yes", "no", "1", "0", ""]),
                rng.choice(["yes", "no", "true", "false"]),
                rng.choice(["yes", "no"]),
                "Wheelchair access" if rng.random() < 0.02 else "",
                rng.choice(["", "", "", "Vegetarian", "Halal"]),
            ]
        )
    return rows


def as_csv(rows: list[list[str]]) -> bytes:
    import csv

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(HEADER)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def as_xlsx(rows: list[list[str]]) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()  # not write_only: that mode leaves out the sheet's dimension, as no spreadsheet program does
    sheet = workbook.active
    sheet.append(HEADER)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def timed(call, *args, **kwargs) -> tuple[float, object]:
    started = time.perf_counter()
    outcome = call(*args, **kwargs)
    return time.perf_counter() - started, outcome


def machine() -> dict:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT version()")
        postgres = cursor.fetchone()[0].split(" on ")[0]
    cpu = "?"
    with contextlib.suppress(OSError):
        names = [line for line in Path("/proc/cpuinfo").read_text().splitlines() if line.startswith("model name")]
        cpu = names[0].split(":", 1)[1].strip() if names else cpu
    return {
        "cpu": cpu,
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "postgres": postgres,
        "load": " ".join(f"{value:.2f}" for value in os.getloadavg()),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", default=os.environ.get("BENCH_IMPORT_DB_NAME", DEFAULT_DB))
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=20250601)
    parser.add_argument("--reset", action="store_true", help="drop and recreate the database first")
    parser.add_argument("--markdown", action="store_true", help="also print the results as a Markdown table")
    args = parser.parse_args()

    prepare_database(args.db, args.reset)
    setup_django(args.db)
    from django.test import Client
    from graphql_jwt.shortcuts import get_token

    from openimis_be_meeting.models import Participant
    from openimis_be_meeting.services.imports import import_participants
    from openimis_be_meeting.services.imports.report import ImportOptions

    user = admin_user()
    names = organisations(user)
    capacity = int(args.rows * 0.6)
    http = Client(HTTP_AUTHORIZATION=f"Bearer {get_token(user)}")
    results: dict[str, list[float]] = {"dry run": [], "real run": [], "real via HTTP": [], "xlsx dry run": []}
    dry, real = ImportOptions(dry_run=True), ImportOptions()
    load_before = " ".join(f"{value:.2f}" for value in os.getloadavg())
    print(f"{args.rows:,} rows per import, {args.repeat} repetitions, database {args.db}", file=sys.stderr)

    for attempt in range(args.repeat):
        rows = generate_rows(args.rows, args.seed + attempt, names)
        csv_bytes, xlsx_bytes = as_csv(rows), as_xlsx(rows)
        event = fresh_event(user, f"S{attempt}", capacity)

        seconds, report = timed(import_participants, user, event.id, name="b.csv", data=csv_bytes, options=dry)
        assert not report.errors and report.valid == args.rows, report.errors[:3]
        results["dry run"].append(args.rows / seconds)

        seconds, report = timed(import_participants, user, event.id, name="b.xlsx", data=xlsx_bytes, options=dry)
        assert not report.errors and report.valid == args.rows, report.errors[:3]
        results["xlsx dry run"].append(args.rows / seconds)

        seconds, report = timed(import_participants, user, event.id, name="b.csv", data=csv_bytes, options=real)
        assert report.created == args.rows and report.refusal is None, report.errors[:3]
        assert (report.confirmed, report.waitlisted) == (capacity, args.rows - capacity)
        assert Participant.history.filter(event_id=event.id).count() == args.rows
        results["real run"].append(args.rows / seconds)

        other = fresh_event(user, f"H{attempt}", capacity)
        upload = io.BytesIO(csv_bytes)
        upload.name = "bench.csv"
        path = f"/api/openimis_be_meeting/events/{other.id}/participants/import"
        seconds, response = timed(http.post, path, {"file": upload})
        assert response.status_code == 200, response.content[:500]
        assert response.json()["created"] == args.rows
        results["real via HTTP"].append(args.rows / seconds)
        print(
            f"  #{attempt + 1}: " + ", ".join(f"{label} {values[-1]:,.0f} rows/s" for label, values in results.items()),
            file=sys.stderr,
        )

    info = machine()
    print(f"\nmachine: {info['cpu']}, {info['cpus']} CPUs; Python {info['python']}; {info['postgres']}")
    print(f"load average (1, 5, 15 min) before: {load_before}; after: {info['load']}")
    print(f"{'measure':<15} {'median rows/s':>14} {'min':>8} {'max':>8}")
    for label, values in results.items():
        print(f"{label:<15} {statistics.median(values):>14,.0f} {min(values):>8,.0f} {max(values):>8,.0f}")
    if args.markdown:
        print("\n| Measure | Median rows/s | Min | Max |\n|---|---:|---:|---:|")
        for label, values in results.items():
            print(f"| {label} | {statistics.median(values):,.0f} | {min(values):,.0f} | {max(values):,.0f} |")


if __name__ == "__main__":
    main()
