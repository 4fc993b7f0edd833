"""Benchmark of the event badges (not a test): badges per second and the peak memory of the request, for events of
200 and 2,000 confirmed participants, on PostgreSQL.

    .venv/bin/python bench/badges_bench.py [--sizes 200 2000] [--repeat 3] [--db meeting_badges_bench] [--reset]

Uses its own database (created and migrated when missing, as bench/generate.py does; never meeting_dev, postgres or
test_*). Each size gets an event of its own, filled once with confirmed participants (names in several scripts, 40
organisations). Each repetition (timed) sends GET events/<id>/badges.pdf through Django's test client as a holder of the
badge right and reads the whole answer: wall time (badges per second) and the PDF's size; one more request, traced
with tracemalloc, gives the peak of memory Python allocated during the request. Results go to docs/documents.md by hand.
"""

import argparse
import secrets
import sys
import time
import tracemalloc
from datetime import datetime, timedelta, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import machine_info, median, setup_django  # noqa: E402
from bench.generate import _history, admin_user, prepare_database  # noqa: E402

FIRST = ["Amina", "Nguyễn Thị", "Çağrı", "Αλέξανδρος", "Дмитрий", "Jean-Baptiste", "Grace", "Ibrahim", "Zoë"]
LAST = ["Ngono", "Hương", "Öztürk", "Παπαδόπουλος", "Шостакович", "Mbarga", "Traoré", "Kamau", "Müller"]
ROLES = ["ATTENDEE", "ATTENDEE", "ATTENDEE", "SPEAKER", "SHOWCASE_PRESENTER", "ORGANISER", "PRESS"]


def make_event(admin, size: int):
    from openimis_be_meeting.models import Event, Organisation, Participant

    code = f"BADGES-{size}"
    event = Event.objects.filter(code=code, is_deleted=False).first()
    if event is not None and Participant.objects.filter(event=event).count() == size:
        return event
    now = datetime.now(timezone.utc).replace(tzinfo=None, microsecond=0)
    event = Event(
        code=code,
        name=f"openIMIS badge benchmark ({size})",
        event_type="WORKSHOP",
        status="ONGOING",
        starts_at=now - timedelta(days=1),
        ends_at=now + timedelta(days=1),
        timezone="Africa/Douala",
    )
    event.save(user=admin)
    organisations = []
    for number in range(40):
        name = f"Ministry of Health {size}-{number}"
        organisation = Organisation(name=name, organisation_type="MINISTRY", country="CM")
        organisation.save(user=admin)
        organisations.append(organisation)
    rows = [
        Participant(
            event=event,
            first_name=FIRST[n % len(FIRST)],
            last_name=f"{LAST[n % len(LAST)]} {n}",
            email=f"p{n}.{size}@bench.example",
            organisation=organisations[n % 40],
            country="CM",
            role=ROLES[n % len(ROLES)],
            status="CONFIRMED",
            registered_at=now,
            status_changed_at=now,
            checkin_token=secrets.token_urlsafe(24),
            **_history(admin, now),
        )
        for n in range(size)
    ]
    Participant.objects.bulk_create(rows, batch_size=500)
    return event


def measure(client, event, *, traced: bool) -> dict:
    """One request; traced, the peak of Python's allocations during it (tracemalloc slows it: not timed then)."""
    if traced:
        tracemalloc.start()
    started = time.perf_counter()
    response = client.get(f"/api/openimis_be_meeting/events/{event.id}/badges.pdf")
    size = sum(len(piece) for piece in response.streaming_content)
    elapsed = time.perf_counter() - started
    peak = tracemalloc.get_traced_memory()[1] if traced else 0
    if traced:
        tracemalloc.stop()
    assert response.status_code == 200, response
    return {"seconds": elapsed, "peak_mb": peak / 2**20, "pdf_mb": size / 2**20}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[200, 2000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--db", default="meeting_badges_bench")
    parser.add_argument("--reset", action="store_true")
    arguments = parser.parse_args()
    prepare_database(arguments.db, arguments.reset)
    setup_django(arguments.db)
    from django.test import Client

    admin = admin_user()
    client = Client()
    client.force_login(admin)
    print(machine_info())
    print("| participants | badges/s (median) | seconds | peak Python memory (MB) | PDF (MB) |")
    print("|---:|---:|---:|---:|---:|")
    for size in arguments.sizes:
        event = make_event(admin, size)
        runs = [measure(client, event, traced=False) for _ in range(arguments.repeat)]
        seconds = median([run["seconds"] for run in runs])
        peak = measure(client, event, traced=True)["peak_mb"]
        print(f"| {size} | {size / seconds:.0f} | {seconds:.2f} | {peak:.1f} | {runs[0]['pdf_mb']:.2f} |")


if __name__ == "__main__":
    main()
