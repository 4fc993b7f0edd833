"""markMeetingShowcasePresented over GraphQL as the frontend sends it (issue 14 §5): a scheduled showcase whose slot
has not begun is refused with a field error naming the slot's local start, in English and in French; once the slot
has begun (the service's clock moved into it) the same call records the presentation."""

import pytest

from openimis_be_meeting.timeutils import from_storage, zone_or_none

from factories import PASSWORD, make_user
from frontend import logged_in
from showcase_setup import advance, build_world, make_showcase, slot_begun


@pytest.fixture
def scheduled(admin):
    world = build_world(admin)
    reviewer = make_user("Reviewer", rights=["217005"])
    return advance(admin, reviewer, make_showcase(admin, world), "SCHEDULED")


def _start(showcase) -> str:
    return f"{from_storage(showcase.starts_at, zone_or_none(showcase.event.timezone)):%Y-%m-%d %H:%M} Africa/Douala"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("en", "This showcase's slot begins at {}: it can be marked presented once the slot has begun."),
        (
            "fr",
            "Le créneau de cette démonstration commence le {} : elle ne peut être marquée présentée qu'une fois "
            "le créneau commencé.",
        ),
    ],
)
def test_a_slot_that_has_not_begun_is_refused(admin, scheduled, language, words):
    make_user("Decider", rights=["217001", "217006"], language=language)

    log = logged_in("Decider", PASSWORD).mutate("markMeetingShowcasePresented", {"id": str(scheduled.id)})

    assert log["status"] == 1
    [error] = log["errors"]
    assert (error["code"], error["field"], error["message"]) == (
        "meeting.showcase.not_started",
        "id",
        words.format(_start(scheduled)),
    )
    scheduled.refresh_from_db()
    assert scheduled.status == "SCHEDULED"


@pytest.mark.django_db
def test_once_the_slot_has_begun_the_presentation_is_recorded(admin, scheduled):
    make_user("Decider", rights=["217001", "217006"])

    with slot_begun(scheduled.id):
        log = logged_in("Decider", PASSWORD).mutate("markMeetingShowcasePresented", {"id": str(scheduled.id)})

    assert log["status"] == 2, log
    scheduled.refresh_from_db()
    assert scheduled.status == "PRESENTED"
