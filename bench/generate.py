"""Fill the benchmark's own PostgreSQL database with a realistic meeting data set.

    .venv/bin/python bench/generate.py [--reset] [--participants 100000] [--db meeting_bench]

~100,000 participants across 50 events (one large event of 20,000 with three days of attendance), 500
organisations, 60 digital systems, 20 standards, 250 showcases with partners, presenters, integrations and reviews.
Rows are written with bulk_create (HistoryModel's bookkeeping fields set here), not through the services: the
services' per-row locks and checks are what bench/load.py measures, not what fills a database.

Idempotent: a database that already holds the requested number of participants is left as it is. --reset drops and
recreates the database (never meeting_dev or test_*) and migrates it with `tests/manage.py migrate --run-syncdb`.
"""

import argparse
import random
import secrets
import sys
import time
import uuid
from datetime import datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import prepare_database, setup_django  # noqa: E402

ADMIN_USER, ADMIN_PASSWORD = "Admin", "admin123"
LARGEST_EVENT_CODE = "BENCH-000"
LARGEST_EVENT_SIZE = 20_000
EVENTS, ORGANISATIONS, SYSTEMS, STANDARDS, SHOWCASES = 50, 500, 60, 20, 250
COUNTRIES = ["CM", "TZ", "NP", "NG", "GN", "CD", "KE", "UG", "RW", "BJ", "TG", "SN", "ML", "NE", "DE", "CH", "BE", "FR"]
FIRST = ["Amina", "Jean", "Fatou", "Paul", "Grace", "Samuel", "Aisha", "Daniel", "Mary", "Ibrahim", "Anne", "Joseph"]
LAST = ["Ngono", "Mbarga", "Diallo", "Okafor", "Mwangi", "Shrestha", "Traoré", "Kamau", "Fofana", "Bello", "Meier"]
ZONES = ["Africa/Douala", "Africa/Dar_es_Salaam", "Asia/Kathmandu", "Africa/Lagos", "Europe/Berlin"]
BATCH = 5_000


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


def _history(user, now) -> dict:
    """The fields HistoryModel.save() would set on a new row."""
    return {
        "id": uuid.uuid4(),
        "version": 1,
        "is_deleted": False,
        "date_created": now,
        "date_updated": now,
        "user_created": user,
        "user_updated": user,
    }


def _bulk(model, rows: list, label: str) -> list:
    started = time.perf_counter()
    for start in range(0, len(rows), BATCH):
        model.objects.bulk_create(rows[start : start + BATCH], batch_size=BATCH)
    elapsed = time.perf_counter() - started
    print(f"  {label:<28} {len(rows):>7} rows  {elapsed:6.1f} s  ({len(rows) / max(elapsed, 1e-9):,.0f} rows/s)")
    return rows


def _event_sizes(total: int, rng: random.Random) -> list[int]:
    largest = min(LARGEST_EVENT_SIZE, total // 5)
    rest = total - largest
    weights = [rng.uniform(0.5, 1.5) for _ in range(EVENTS - 1)]
    sizes = [int(rest * w / sum(weights)) for w in weights]
    sizes[0] += rest - sum(sizes)
    return [largest, *sizes]


def generate(total: int, seed: int) -> None:
    from openimis_be_meeting.models import (
        Attendance,
        DigitalSystem,
        Event,
        Integration,
        Organisation,
        Participant,
        Review,
        Showcase,
        Standard,
    )
    from openimis_be_meeting.services.attendance import event_days

    rng = random.Random(seed)
    user = admin_user()
    now = datetime.utcnow().replace(microsecond=0)
    started = time.perf_counter()
    print(f"generating {total:,} participants (seed {seed})")

    organisations = _bulk(
        Organisation,
        [
            Organisation(
                **_history(user, now),
                name=f"{rng.choice(['National', 'Regional', 'Community', 'Global'])} Organisation {n:03d}",
                acronym=f"ORG{n:03d}",
                organisation_type=rng.choice(
                    ["MINISTRY", "SCHEME_OPERATOR", "IMPLEMENTER", "SOFTWARE_DEVELOPER", "NGO", "DONOR", "ACADEMIA"]
                ),
                country=COUNTRIES[n % len(COUNTRIES)],
                website=f"https://org{n:03d}.example.org",
            )
            for n in range(ORGANISATIONS)
        ],
        "organisations",
    )

    sizes = _event_sizes(total, rng)
    events = []
    for n in range(len(sizes)):
        if n == 0:  # the large event: running now, three days, with a capacity and a waiting list
            starts, status = now.replace(hour=7, minute=0, second=0) - timedelta(days=1), "ONGOING"
        else:
            starts = now + timedelta(days=rng.randint(-700, 300))
            status = "COMPLETED" if starts < now else rng.choice(["PUBLISHED", "REGISTRATION_OPEN", "DRAFT"])
        events.append(
            Event(
                **_history(user, now),
                code=f"BENCH-{n:03d}",
                name=f"openIMIS benchmark event {n:03d}",
                description="Generated by bench/generate.py",
                event_type=rng.choice(["COMMUNITY_MEETING", "WORKSHOP", "WEBINAR", "TRAINING", "CONNECTATHON"]),
                status=status,
                starts_at=starts,
                ends_at=starts + timedelta(days=2, hours=10),
                timezone=ZONES[n % len(ZONES)],
                venue=f"Venue {n}",
                city=f"City {n}",
                country=COUNTRIES[n % len(COUNTRIES)],
                participation_mode=rng.choice(["IN_PERSON", "HYBRID", "ONLINE"]),
                capacity=None,  # set below from the confirmed count, for the events that have a waiting list
                requires_approval=n % 7 == 3,
            )
        )
    _bulk(Event, events, "events")

    participants, number = [], 0
    for n, (event, size) in enumerate(zip(events, sizes, strict=False)):
        waitlisting = n % 3 == 0  # a third of the events are full and keep a waiting list
        confirmed, position = 0, 0
        registered = event.starts_at - timedelta(days=120)
        step = timedelta(days=110) / max(size, 1)
        for k in range(size):
            status = rng.choices(
                ["CONFIRMED", "WAITLISTED", "CANCELLED", "WITHDRAWN", "REJECTED", "PENDING"],
                weights=[
                    80,
                    8 if waitlisting else 0,
                    6,
                    2,
                    2 if event.requires_approval else 0,
                    2 if event.requires_approval else 0,
                ],
            )[0]
            if status == "WAITLISTED":
                position += 1
            confirmed += status == "CONFIRMED"
            at = registered + step * k
            first, last = rng.choice(FIRST), rng.choice(LAST)
            participants.append(
                Participant(
                    **_history(user, now),
                    event=event,
                    first_name=first,
                    last_name=f"{last}{number % 997}",
                    email=f"p{number}@bench.example.org",
                    phone=f"+237 6{number:08d}",
                    gender=rng.choice(["FEMALE", "MALE", "OTHER", "UNDISCLOSED", ""]),
                    organisation=None if rng.random() < 0.1 else rng.choice(organisations),
                    job_title=rng.choice(["Developer", "Director", "Data manager", "Officer", "Consultant"]),
                    country=rng.choice(COUNTRIES),
                    role=rng.choices(
                        ["ATTENDEE", "SPEAKER", "SHOWCASE_PRESENTER", "ORGANISER", "PRESS"], [85, 5, 5, 3, 2]
                    )[0],
                    attendance_mode=rng.choice(["IN_PERSON", "ONLINE"]),
                    consent_listed=rng.random() < 0.7,
                    consent_photos=rng.random() < 0.6,
                    consent_contact=rng.random() < 0.5,
                    status=status,
                    waitlist_position=position if status == "WAITLISTED" else None,
                    rejection_reason="Generated" if status == "REJECTED" else "",
                    registered_at=at,
                    status_changed_at=at,
                    checkin_token=secrets.token_urlsafe(24),
                )
            )
            number += 1
        if waitlisting:
            event.capacity = confirmed
    Event.objects.bulk_update([e for e in events if e.capacity is not None], ["capacity"])
    _bulk(Participant, participants, "participants")

    largest = events[0]
    first_day, last_day = event_days(largest)
    days = [first_day + timedelta(days=d) for d in range((last_day - first_day).days + 1)]
    attendances = [
        Attendance(
            participant=p,
            day=day,
            checked_in_at=datetime.combine(day, datetime.min.time()) + timedelta(hours=8, minutes=rng.randint(0, 90)),
            checked_in_by=user,
            method=rng.choice(["MANUAL", "QR", "SELF"]),
            recorded_at=now,
        )
        for p in participants
        if p.event_id == largest.id and p.status == "CONFIRMED"
        for day in days
        if rng.random() < 0.8
    ]
    _bulk(Attendance, attendances, "attendances")

    system_types = [
        "OPENIMIS",
        "DHIS2",
        "SOCIAL_REGISTRY",
        "PBF_PLATFORM",
        "FHIR_SERVER",
        "EMR",
        "PAYMENT",
        "ID_SYSTEM",
    ]
    systems = _bulk(
        DigitalSystem,
        [
            DigitalSystem(
                **_history(user, now),
                name=f"{system_types[n % len(system_types)].title()} system {n:02d}",
                system_type=system_types[n % len(system_types)],
                owner=rng.choice(organisations),
                country=COUNTRIES[n % len(COUNTRIES)],
                software_version=f"{rng.randint(1, 5)}.{rng.randint(0, 20)}",
                deployment_stage=rng.choice(["CONCEPT", "PILOT", "PRODUCTION", "NATIONAL_SCALE"]),
                url=f"https://system{n:02d}.example.org",
            )
            for n in range(SYSTEMS)
        ],
        "digital systems",
    )
    families = ["HL7_FHIR", "DHIS2_API", "SP_DCI", "OPENHIE", "GOVSTACK", "REST_OPENAPI", "FILE"]
    standards = _bulk(
        Standard,
        [
            Standard(
                **_history(user, now),
                code=f"STD-{n:02d}",
                name=f"Standard {n:02d}",
                standard_version=f"R{rng.randint(1, 5)}",
                family=families[n % len(families)],
            )
            for n in range(STANDARDS)
        ],
        "standards",
    )

    by_event: dict = {}
    for p in participants:
        if p.status == "CONFIRMED":
            by_event.setdefault(p.event_id, []).append(p)
    statuses = ["DRAFT", "SUBMITTED", "UNDER_REVIEW", "ACCEPTED", "SCHEDULED", "PRESENTED", "REJECTED", "WITHDRAWN"]
    use_cases = ["ENROLMENT", "ELIGIBILITY", "CLAIMS", "PAYMENT", "BENEFICIARY_SYNC", "REPORTING", "REFERRAL"]
    showcases = []
    for n in range(SHOWCASES):
        event = events[n % 25]
        showcases.append(
            Showcase(
                **_history(user, now),
                event=event,
                title=f"Showcase {n:03d}: openIMIS and {rng.choice(systems).name}",
                abstract="Generated by bench/generate.py. " * 5,
                lead_organisation=rng.choice(organisations),
                scheme_name=f"Scheme {n % 40}",
                scheme_type=rng.choice(["HEALTH_INSURANCE", "FEE_EXEMPTION", "CASH_TRANSFER", "HEALTH_VOUCHER"]),
                use_cases=rng.sample(use_cases, rng.randint(1, 3)),
                countries=rng.sample(COUNTRIES, rng.randint(1, 3)),
                demo_type=rng.choice(["LIVE", "RECORDED", "SLIDES"]),
                media_links=[f"https://media.example.org/{n}"],
                starts_at=event.starts_at + timedelta(hours=rng.randint(1, 30)),
                ends_at=event.starts_at + timedelta(hours=rng.randint(31, 40)),
                status=rng.choices(statuses, [5, 10, 10, 25, 25, 15, 5, 5])[0],
                review_round=1,
                status_changed_at=now,
            )
        )
    _bulk(Showcase, showcases, "showcases")
    partner_links, presenter_links, integrations, reviews = [], [], [], []
    for showcase in showcases:
        for organisation in rng.sample(organisations, rng.randint(0, 3)):
            partner_links.append(
                Showcase.partner_organisations.through(showcase_id=showcase.id, organisation_id=organisation.id)
            )
        pool = by_event.get(showcase.event_id) or []
        for presenter in rng.sample(pool, min(len(pool), rng.randint(1, 3))):
            presenter_links.append(Showcase.presenters.through(showcase_id=showcase.id, participant_id=presenter.id))
        for position in range(rng.randint(1, 4)):
            source, target = rng.sample(systems, 2)
            integrations.append(
                Integration(
                    showcase=showcase,
                    source_system=source,
                    target_system=target,
                    direction=rng.choice(["PUSH", "PULL", "BOTH"]),
                    standard=rng.choice(standards),
                    data_exchanged="Beneficiaries, claims",
                    mode=rng.choice(["REAL_TIME", "BATCH"]),
                    evidence_level=rng.choice(["CLAIMED", "DEMONSTRATED", "CONFORMANCE_TESTED", "IN_PRODUCTION"]),
                    position=position,
                )
            )
        if showcase.status not in ("DRAFT", "SUBMITTED", "WITHDRAWN"):
            reviews.append(
                Review(
                    showcase=showcase,
                    reviewer=user,
                    round=1,
                    relevance=rng.randint(1, 5),
                    depth=rng.randint(1, 5),
                    reusability=rng.randint(1, 5),
                    country_impact=rng.randint(1, 5),
                    comment="Generated",
                    recommendation=rng.choice(["ACCEPT", "REVISE", "REJECT"]),
                    reviewed_at=now,
                )
            )
    _bulk(Showcase.partner_organisations.through, partner_links, "showcase partners")
    _bulk(Showcase.presenters.through, presenter_links, "showcase presenters")
    _bulk(Integration, integrations, "integrations")
    _bulk(Review, reviews, "reviews")

    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")  # autocommit: outside any transaction
    print(f"done in {time.perf_counter() - started:.1f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", default=None, help="database name (default meeting_bench, or $BENCH_DB_NAME)")
    parser.add_argument("--participants", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=20240601)
    parser.add_argument("--reset", action="store_true", help="drop and recreate the database first")
    args = parser.parse_args()

    prepare_database(args.db, args.reset)
    setup_django(args.db)
    from openimis_be_meeting.models import Participant

    have = Participant.objects.count()
    if have >= args.participants:
        admin_user()
        print(f"{have:,} participants already there; nothing to do (use --reset to regenerate)")
        return
    if have:
        raise SystemExit(f"{have:,} participants already there, fewer than asked: run again with --reset")
    generate(args.participants, args.seed)


if __name__ == "__main__":
    main()
