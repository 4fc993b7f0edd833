"""The programme under real concurrency: separate PostgreSQL connections, one per thread."""

import pytest
from django.db import connection

from openimis_be_meeting.models import Review, Showcase
from openimis_be_meeting.services import ShowcaseService

from factories import future, make_user
from showcase_setup import advance, build_world, make_showcase, scores
from test_participants_concurrency import run_at_once

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL row locks and real connections: `make test-postgres` runs it",
    ),
]


@pytest.mark.parametrize("attempt", range(10))
def test_overlapping_slots_for_one_presenter_scheduled_at_once_keep_one(admin, attempt):
    world = build_world(admin, code=f"SLOT-{attempt}")
    reviewer = make_user(f"Reviewer{attempt}", rights=["217005"])
    accepted = [
        advance(admin, reviewer, make_showcase(admin, world, title=f"Showcase {n}"), "ACCEPTED") for n in range(4)
    ]
    service = ShowcaseService(admin)
    slots = [(future(30, 10).replace(minute=10 * n), future(30, 11).replace(minute=10 * n)) for n in range(4)]
    calls = [
        (lambda s=s, slot=slot: service.schedule({"id": str(s.id), "starts_at": slot[0], "ends_at": slot[1]}))
        for s, slot in zip(accepted, slots, strict=True)
    ]

    results = run_at_once(calls)

    assert sum(1 for r in results if r["success"]) == 1
    assert {r["detail"]["code"] for r in results if not r["success"]} == {"meeting.showcase.presenter_busy"}
    assert Showcase.objects.filter(event=world.event, status="SCHEDULED").count() == 1


@pytest.mark.parametrize("attempt", range(3))
def test_one_reviewer_submitting_twice_at_once_records_one_review(admin, attempt):
    world = build_world(admin, code=f"REVIEW-{attempt}")
    reviewer = make_user(f"Reviewer{attempt}", rights=["217005"])
    showcase = advance(admin, reviewer, make_showcase(admin, world), "SUBMITTED")
    service = ShowcaseService(reviewer)

    results = run_at_once([(lambda: service.review({"id": str(showcase.id), **scores(4)})) for _ in range(4)])

    assert sum(1 for r in results if r["success"]) == 1
    assert {r["detail"]["code"] for r in results if not r["success"]} == {"meeting.showcase.already_reviewed"}
    assert Review.objects.filter(showcase=showcase).count() == 1


@pytest.mark.parametrize("attempt", range(10))
def test_one_room_booked_at_once_by_several_organisers_keeps_one_session(admin, attempt):
    from openimis_be_meeting.models import Session
    from openimis_be_meeting.services import SessionService

    world = build_world(admin, code=f"ROOM-{attempt}")
    service = SessionService(admin)

    def book(number):
        return service.create(
            {
                "event_id": str(world.event.id),
                "title": f"Workshop {number}",
                "session_type": "WORKSHOP",
                "starts_at": future(30, 14).replace(minute=5 * number),
                "ends_at": future(30, 15).replace(minute=5 * number),
                "room": "Room A" if number % 2 else "room a",
            }
        )

    results = run_at_once([(lambda n=n: book(n)) for n in range(6)])

    assert sum(1 for r in results if r["success"]) == 1
    assert {r["detail"]["code"] for r in results if not r["success"]} == {"meeting.session.room_taken"}
    assert Session.objects.filter(event=world.event).count() == 1
