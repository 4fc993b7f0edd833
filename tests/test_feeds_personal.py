"""The personal agenda feed, by a participant check-in token: the whole programme with their own roles, the rate limit,
and the registrations that have or lose a feed (split from test_feeds.py)."""

import pytest
from django.test import Client

from openimis_be_meeting.models import Participant
from openimis_be_meeting.services import EventService, ParticipantService

from factories import open_event, register
from frontend import REST
from showcase_setup import ok
from test_feeds import (
    DOUALA,
    add_session,
    assert_in_zone,
    events_of,
    parse,
    refusal,
    uid,
    world,  # noqa: F401 (pytest fixtures)
)

# The personal feed


def _personal(token: str, client: Client | None = None):
    return (client or Client()).get(f"{REST}feeds/{token}/agenda.ics")


@pytest.mark.django_db
def test_a_participant_reads_the_whole_agenda_with_their_own_roles_by_token(admin, world):
    event = world.event
    me = Participant.objects.get(id=register(admin, event, 1, phone="+237 699 00 00 01")["data"]["id"])
    listed = register(admin, event, 2, first_name="Listed", consent_listed=True, phone="+237 699 00 00 02")
    hidden = Participant.objects.get(id=world.presenters[0])  # did not agree to be listed
    speaking = add_session(
        admin, event, title="I speak", speaker_ids=[str(me.id), listed["data"]["id"]], chair_ids=[str(hidden.id)]
    )
    chairing = add_session(admin, event, hours=(10, 11), title="I chair", chair_ids=[str(me.id)])
    other = add_session(admin, event, hours=(11, 12), title="Someone else's", speaker_ids=[str(hidden.id)])

    # No login; a stale JWT cookie of the browser does not matter either.
    browser = Client()
    browser.cookies["JWT"] = "expired.or.forged"
    response = _personal(me.checkin_token, browser)

    calendar = parse(response)
    assert response["Content-Disposition"] == 'attachment; filename="YDE-SHOW-my-agenda.ics"'
    assert response["Cache-Control"] == "private, no-cache"
    entries = events_of(calendar)
    assert list(entries) == [uid(event.id), uid(speaking), uid(chairing), uid(other)]
    assert entries[uid(event.id)]["X-OPENIMIS-REGISTRATION-STATUS"] == "CONFIRMED"
    assert "Your registration: Confirmed" in entries[uid(event.id)]["DESCRIPTION"]
    assert_in_zone(entries[uid(event.id)], "DTSTART", event.starts_at, DOUALA)
    assert entries[uid(speaking)]["X-OPENIMIS-ROLE"] == "SPEAKER"
    assert entries[uid(speaking)]["CATEGORIES"].cats == ["Plenary", "Speaker"]
    assert "Your role: Speaker" in entries[uid(speaking)]["DESCRIPTION"]
    assert entries[uid(chairing)]["X-OPENIMIS-ROLE"] == "CHAIR"
    assert "X-OPENIMIS-ROLE" not in entries[uid(other)]
    assert [entries[uid(key)]["TRANSP"] for key in (speaking, chairing, other)] == ["OPAQUE", "OPAQUE", "TRANSPARENT"]
    # Only people who agreed to be listed are named; nobody's contact details or badge code are in the feed.
    assert "Speakers: Listed Ndongo" in entries[uid(speaking)]["DESCRIPTION"]
    text = response.content.replace(b"\r\n ", b"").decode()
    assert hidden.last_name not in text
    for person in Participant.objects.all():
        assert person.email not in text and (not person.phone or person.phone not in text)
        assert person.checkin_token not in text
    assert "@example" not in text
    # HEAD answers like GET, without the body (calendar clients probe with it).
    head = Client().head(f"{REST}feeds/{me.checkin_token}/agenda.ics")
    assert (head.status_code, head["ETag"], head.content) == (200, response["ETag"], b"")


@pytest.mark.django_db
def test_guessing_tokens_meets_cores_rate_limit_in_production(admin, world, settings):
    settings.MODE, settings.RATELIMIT_RATE = "PROD", "3/m"
    token = Participant.objects.get(id=world.presenters[0]).checkin_token

    answers = [_personal(guess).status_code for guess in ("guess-1", "guess-2", "guess-3")]
    body = refusal(_personal(token), 429)

    assert answers == [404, 404, 404]
    assert body["code"] == "meeting.http.refused"


@pytest.mark.django_db
def test_pending_and_waitlisted_registrations_have_a_feed(admin):
    small = open_event(admin, code="SMALL", capacity=1)
    register(admin, small, 1)
    waiting = Participant.objects.get(id=register(admin, small, 2)["data"]["id"])
    vetted = open_event(admin, code="VETTED", requires_approval=True)
    pending = Participant.objects.get(id=register(admin, vetted, 3)["data"]["id"])
    assert (waiting.status, pending.status) == ("WAITLISTED", "PENDING")

    for person in (waiting, pending):
        [vevent] = parse(_personal(person.checkin_token)).walk("VEVENT")
        assert vevent["X-OPENIMIS-REGISTRATION-STATUS"] == person.status


@pytest.mark.django_db
def test_unknown_tokens_and_registrations_that_ended_get_a_404(admin, world):
    def refused(token):
        body = refusal(_personal(token), 404)
        assert (body["code"], body["field"]) == ("meeting.checkin.token_unknown", "token")

    people = [Participant.objects.get(id=register(admin, world.event, n)["data"]["id"]) for n in range(1, 6)]
    for person in people:
        parse(_personal(person.checkin_token))

    refused("no-such-token")
    refused(people[0].checkin_token.swapcase())
    refused("x" * 65)
    ok(ParticipantService(admin).cancel({"id": str(people[0].id)}))
    ok(ParticipantService(admin).withdraw({"id": str(people[1].id)}))
    assert ParticipantService(admin).delete({"id": str(people[2].id)})["success"]
    for person in people[:3]:
        refused(person.checkin_token)
    parse(_personal(people[3].checkin_token))

    vetted = open_event(admin, code="VETTED", requires_approval=True)
    turned_down = Participant.objects.get(id=register(admin, vetted, 9)["data"]["id"])
    ok(ParticipantService(admin).reject({"id": str(turned_down.id), "reason": "Full."}))
    refused(turned_down.checkin_token)

    assert EventService(admin).delete({"ids": [str(world.event.id)]})["success"]
    refused(people[3].checkin_token)


@pytest.mark.django_db
def test_a_cancelled_event_stays_in_the_personal_feed_as_cancelled(admin, world):
    me = Participant.objects.get(id=world.presenters[0])
    add_session(admin, world.event, speaker_ids=[str(me.id)])
    ok(EventService(admin).change_status({"id": str(world.event.id), "status": "CANCELLED"}))

    calendar = parse(_personal(me.checkin_token))

    assert {str(vevent["STATUS"]) for vevent in calendar.walk("VEVENT")} == {"CANCELLED"}


@pytest.mark.django_db
def test_a_no_show_keeps_the_feed_of_the_completed_event(admin, world):
    me = Participant.objects.get(id=world.presenters[0])
    for status in ("REGISTRATION_CLOSED", "ONGOING", "COMPLETED"):
        ok(EventService(admin).change_status({"id": str(world.event.id), "status": status}))
    me.refresh_from_db()
    assert me.status == "NO_SHOW"

    [vevent] = parse(_personal(me.checkin_token)).walk("VEVENT")

    assert (vevent["STATUS"], vevent["X-OPENIMIS-REGISTRATION-STATUS"]) == ("CONFIRMED", "NO_SHOW")
