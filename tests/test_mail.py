"""Participants hear back by email: every message goes from the outbox through a real SMTP server on loopback and is
read back from the bytes it received (headers, language, parts, the iCalendar attachment)."""

import logging
from datetime import timedelta

import icalendar
import pytest
from django.db import transaction
from mail_helpers import deliver, html_of, kinds, text_of

from openimis_be_meeting.models import Message, Participant
from openimis_be_meeting.services import EventService, ParticipantService, SessionService
from openimis_be_meeting.timeutils import now_for_storage

from factories import PASSWORD, future, make_user, open_event, register
from frontend import Enum, logged_in
from showcase_setup import ok

pytestmark = pytest.mark.django_db


def registration(event, number: int, **fields) -> dict:
    return {
        "eventId": str(event.id),
        "firstName": f"Person{number}",
        "lastName": f"Family{number}",
        "email": f"person{number}@example.cm",
        **fields,
    }


def by_recipient(server) -> dict:
    return {message["To"]: message for message in server.messages()}


def test_a_registration_over_graphql_is_mailed_in_the_persons_language_with_local_times(admin, smtp):
    event = open_event(admin, capacity=10)
    session = logged_in("Admin", PASSWORD)

    log = session.mutate("registerMeetingParticipant", registration(event, 1, language="fr"))
    assert log["status"] == 2, log
    row = Message.objects.get()
    assert (row.kind, row.status, row.language, row.recipient) == ("CONFIRMED", "PENDING", "fr", "person1@example.cm")
    assert smtp.messages() == []  # queued, not sent: delivery is separate

    assert deliver() == "sent 1, to retry 0, failed 0\n"
    [received] = smtp.messages()
    row.refresh_from_db()
    assert row.status == "SENT" and row.attempts == 1 and row.sent_at is not None
    assert received["Message-ID"] == row.message_id
    assert row.message_id == f"<{row.id}@openimis.example>"
    assert received["To"] == "person1@example.cm"
    assert received["From"] == "openIMIS Community Meeting <meetings@openimis.example>"
    assert received["Content-Language"] == "fr"
    assert received["Subject"] == "Inscription confirmée : openIMIS Community Meeting"
    text = text_of(received)
    assert "Bonjour Person1," in text
    assert "une place vous est réservée" in text
    starts = event.starts_at + timedelta(hours=1)  # stored in UTC; Yaoundé is UTC+1
    assert f"{starts.day} " in text and starts.strftime("%H:%M") in text and "Africa/Douala" in text
    assert "Vous recevez ce message parce que vous vous êtes inscrit·e à openIMIS Community Meeting." in text
    assert '<html lang="fr">' in html_of(received) and "Bonjour Person1," in html_of(received)
    assert deliver() == ""  # nothing left: each row is sent once
    assert len(smtp.messages()) == 1


def test_the_waiting_list_tells_each_person_their_place_and_a_cancellation_moves_the_first_one_up(admin, smtp):
    event = open_event(admin, capacity=1)
    session = logged_in("Admin", PASSWORD)
    for number in (1, 2, 3):
        assert session.mutate("registerMeetingParticipant", registration(event, number))["status"] == 2
    seated = Participant.objects.get(email="person1@example.cm")

    assert session.mutate("cancelMeetingParticipant", {"id": str(seated.id)})["status"] == 2

    assert kinds() == ["CONFIRMED", "WAITLISTED", "WAITLISTED", "CANCELLED", "MOVED_UP"]
    deliver()
    mail = {(m["To"], m["X-Meeting-Message-Kind"]): text_of(m) for m in smtp.messages()}
    assert "You are number 1 on the waiting list." in mail["person2@example.cm", "WAITLISTED"]
    assert "You are number 2 on the waiting list." in mail["person3@example.cm", "WAITLISTED"]
    assert "a seat became free at openIMIS Community Meeting and it is yours" in mail["person2@example.cm", "MOVED_UP"]
    assert "Your registration for openIMIS Community Meeting is cancelled" in mail["person1@example.cm", "CANCELLED"]
    assert len(mail) == 5


def test_approval_and_rejection_are_mailed_with_the_reason_given(admin, smtp):
    event = open_event(admin, capacity=5, requires_approval=True)
    session = logged_in("Admin", PASSWORD)
    ids = [session.mutate("registerMeetingParticipant", registration(event, n)) for n in (1, 2)]
    first, second = (Participant.objects.get(email=f"person{n}@example.cm") for n in (1, 2))
    assert all(log["status"] == 2 for log in ids)

    assert session.mutate("approveMeetingParticipant", {"id": str(first.id)})["status"] == 2
    assert (
        session.mutate("rejectMeetingParticipant", {"id": str(second.id), "reason": "Only ministries."})["status"] == 2
    )

    assert kinds() == ["RECEIVED", "RECEIVED", "APPROVED", "REJECTED"]
    deliver()
    texts = [(m["To"], m["Subject"], text_of(m)) for m in smtp.messages()]
    assert [(to, subject) for to, subject, _text in texts] == [
        ("person1@example.cm", "Registration received: openIMIS Community Meeting"),
        ("person2@example.cm", "Registration received: openIMIS Community Meeting"),
        ("person1@example.cm", "Registration approved: openIMIS Community Meeting"),
        ("person2@example.cm", "Registration not accepted: openIMIS Community Meeting"),
    ]
    assert "The organisers will review it" in texts[0][2]
    assert "Their reason: Only ministries." in texts[3][2]


def test_a_refused_mutation_queues_nothing_and_a_rolled_back_change_takes_its_message_with_it(admin, smtp):
    event = open_event(admin, capacity=5)
    session = logged_in("Admin", PASSWORD)
    make_user("Reader", rights=["216001"])
    reader = logged_in("Reader", PASSWORD)

    refused = reader.mutate("registerMeetingParticipant", registration(event, 1))
    invalid = session.mutate("registerMeetingParticipant", registration(event, 2, email="not-an-address"))
    wrong_language = session.mutate("registerMeetingParticipant", registration(event, 3, language="xx"))
    assert [log["status"] for log in (refused, invalid, wrong_language)] == [1, 1, 1]
    assert Message.objects.count() == 0

    with pytest.raises(RuntimeError), transaction.atomic():
        ok(ParticipantService(admin).register({"event_id": str(event.id), "first_name": "A", "last_name": "B",
                                               "email": "rolled.back@example.cm"}))  # fmt: skip
        assert Message.objects.filter(recipient="rolled.back@example.cm").count() == 1  # in the same transaction
        raise RuntimeError("the caller's transaction fails after the change")
    assert Message.objects.count() == 0
    deliver()
    assert smtp.messages() == []


def test_the_mail_server_down_then_up_loses_nothing_and_sends_each_message_once(admin, smtp, mail_config):
    event = open_event(admin, capacity=10)
    for number in range(5):
        register(admin, event, number)
    smtp.stop()

    output = deliver()
    assert output == "sent 0, to retry 1, failed 0\n"  # the pass stops at the first unreachable attempt
    rows = Message.objects.order_by("queued_at", "id")
    assert [row.status for row in rows] == ["PENDING"] * 5
    assert rows[0].attempts == 1 and "ConnectionRefusedError" in rows[0].last_error
    assert rows[0].next_attempt_at > rows[1].next_attempt_at  # backed off

    smtp.start()
    deliver()  # the four not tried yet go out; the first waits for its retry
    assert len(smtp.messages()) == 4
    mail_config(mail_retry_base_seconds=0)
    Message.objects.filter(id=rows[0].id).update(next_attempt_at=rows[1].next_attempt_at)  # its retry falls due
    deliver()
    deliver()
    ids = [message["Message-ID"] for message in smtp.messages()]
    assert sorted(ids) == sorted(Message.objects.values_list("message_id", flat=True))
    assert len(ids) == len(set(ids)) == 5
    assert set(Message.objects.values_list("status", flat=True)) == {"SENT"}


def test_a_temporary_refusal_is_retried_and_a_permanent_one_kept_with_the_servers_answer(
    admin, smtp, mail_config, caplog
):
    event = open_event(admin, capacity=10)
    for number in range(3):
        register(admin, event, number)
    smtp.refuse["person0@example.cm"] = "451 4.7.1 Greylisted, try again later"
    smtp.refuse["person1@example.cm"] = "550 5.1.1 Mailbox unknown"
    caplog.set_level(logging.DEBUG)

    deliver()
    status = {row.recipient: (row.status, row.last_error) for row in Message.objects.all()}
    assert status == {
        "person0@example.cm": ("PENDING", "451 4.7.1 Greylisted, try again later"),
        "person1@example.cm": ("FAILED", "550 5.1.1 Mailbox unknown"),
        "person2@example.cm": ("SENT", ""),
    }
    ours = "\n".join(r.getMessage() for r in caplog.records if not r.name.startswith("mail.log"))  # not the server's
    assert "example.cm" not in ours and "meeting mail" in ours  # the log names rows, never addresses

    del smtp.refuse["person0@example.cm"]
    mail_config(mail_retry_base_seconds=0)
    Message.objects.filter(recipient="person0@example.cm").update(
        next_attempt_at=now_for_storage() - timedelta(minutes=1)
    )
    deliver()
    assert sorted(m["To"] for m in smtp.messages()) == ["person0@example.cm", "person2@example.cm"]
    assert Message.objects.get(recipient="person0@example.cm").attempts == 2
    assert Message.objects.get(recipient="person1@example.cm").status == "FAILED"  # not retried


def test_after_the_last_attempt_a_message_is_failed(admin, smtp, mail_config):
    event = open_event(admin, capacity=10)
    register(admin, event, 1)
    smtp.refuse["person1@example.cm"] = "421 4.3.0 Try later"
    mail_config(mail_retry_base_seconds=0, mail_max_attempts=3)
    for _attempt in range(5):
        deliver()
    row = Message.objects.get()
    assert (row.status, row.attempts, row.last_error) == ("FAILED", 3, "421 4.3.0 Try later")


def test_a_reminder_goes_once_to_each_confirmed_person_with_the_event_and_their_agenda_as_icalendar(admin, smtp):
    from django.core.management import call_command

    soon = open_event(admin, code="SOON", capacity=1, starts_at=future(2, 8), ends_at=future(3, 17))
    later = open_event(admin, code="LATER", starts_at=future(20, 8), ends_at=future(21, 17))
    plenary = {"title": "Opening plenary", "session_type": "PLENARY", "starts_at": future(2, 9), "room": "Salle A"}
    ok(SessionService(admin).create({"event_id": str(soon.id), "ends_at": future(2, 10), **plenary}))
    register(admin, soon, 1, language="fr")
    register(admin, soon, 2)  # waitlisted: no reminder
    register(admin, later, 3)
    Message.objects.all().delete()

    call_command("queue_meeting_reminders")
    call_command("queue_meeting_reminders")  # again: nothing new
    assert kinds() == ["REMINDER"]
    deliver()
    [received] = smtp.messages()
    assert received["To"] == "person1@example.cm"
    assert received["Subject"] == "Rappel : openIMIS Community Meeting"
    [attachment] = list(received.iter_attachments())
    assert attachment.get_content_type() == "text/calendar"
    assert attachment.get_filename() == "SOON-my-agenda.ics"
    calendar = icalendar.Calendar.from_ical(attachment.get_content())
    events = {str(item["SUMMARY"]): item for item in calendar.walk("VEVENT")}
    assert set(events) == {"openIMIS Community Meeting", "Opening plenary"}
    start = events["Opening plenary"].decoded("DTSTART")
    assert str(start.tzinfo) == "Africa/Douala" and start.hour == (future(2, 9) + timedelta(hours=1)).hour


def test_an_event_can_switch_reminders_off_and_set_its_sender(admin, smtp):
    from django.core.management import call_command

    event = open_event(admin, code="QUIET", starts_at=future(2, 8), ends_at=future(3, 17))
    session = logged_in("Admin", PASSWORD)
    log = session.mutate("setMeetingEventMailSettings", {
        "eventId": str(event.id), "senderName": "openIMIS Initiative", "replyTo": "Team@openimis.example",
        "disabledKinds": ["REMINDER"],
    })  # fmt: skip
    assert log["status"] == 2, log
    register(admin, event, 1)
    call_command("queue_meeting_reminders")
    assert kinds() == ["CONFIRMED"]
    deliver()
    [received] = smtp.messages()
    assert received["From"] == "openIMIS Initiative <meetings@openimis.example>"
    assert received["Reply-To"] == "team@openimis.example"
    assert "openIMIS Initiative" in text_of(received)
    # A kind switched off after its message was queued is not sent either: the row says so.
    register(admin, event, 2)
    off = {"eventId": str(event.id), "disabledKinds": ["REMINDER", "CONFIRMED"]}
    assert session.mutate("setMeetingEventMailSettings", off)["status"] == 2
    deliver()
    assert Message.objects.get(recipient="person2@example.cm").status == "SKIPPED"
    assert len(smtp.messages()) == 1
    bad = session.mutate("setMeetingEventMailSettings", {"eventId": str(event.id), "disabledKinds": ["SPAM"]})
    assert bad["errors"][0]["code"] == "meeting.message.unknown_kind"


def test_changed_postponed_and_cancelled_events_tell_everyone_whose_registration_stands(admin, smtp):
    event = open_event(admin, capacity=1)
    for number in (1, 2, 3):
        register(admin, event, number)
    gone = Participant.objects.get(email="person3@example.cm")
    ok(ParticipantService(admin).cancel({"id": str(gone.id)}))
    Message.objects.all().delete()
    events = EventService(admin)

    ok(events.update({"id": str(event.id), "name": "Renamed only"}))  # neither when nor where: nobody is told
    assert kinds() == []
    ok(events.update({"id": str(event.id), "venue": "Palais des Congrès"}))
    ok(events.change_status({"id": str(event.id), "status": "POSTPONED"}))
    ok(events.change_status({"id": str(event.id), "status": "CANCELLED"}))

    assert sorted(kinds()) == sorted(["EVENT_CHANGED", "EVENT_POSTPONED", "EVENT_CANCELLED"] * 2)
    deliver()
    received = smtp.messages()
    assert {m["To"] for m in received} == {"person1@example.cm", "person2@example.cm"}
    changed = next(text_of(m) for m in received if m["X-Meeting-Message-Kind"] == "EVENT_CHANGED")
    assert "Venue: Palais des Congrès, Yaoundé (CM)" in changed
    assert "Before: from " in changed and "Hilton Yaoundé" in changed


def test_no_message_carries_another_persons_data(admin, smtp):
    event = open_event(admin, capacity=2)
    for number in range(4):
        register(admin, event, number, last_name=f"Secretname{number}", phone=f"+2376770000{number}")
    ok(EventService(admin).update({"id": str(event.id), "venue": "Elsewhere"}))
    deliver()
    raw = smtp.raw()
    assert len(raw) == 8
    for data, message in zip(raw, smtp.messages(), strict=False):
        own = message["To"].split("@")[0].removeprefix("person")
        for other in {"0", "1", "2", "3"} - {own}:
            assert f"person{other}@".encode() not in data and f"Person{other}".encode() not in data
        assert b"Secretname" not in data and b"+237" not in data  # not even one's own data beyond the first name


def test_an_announcement_is_previewed_with_its_count_and_reaches_only_those_who_agreed(admin, smtp):
    event = open_event(admin, capacity=10)
    for number, consent in enumerate([True, True, False]):
        register(admin, event, number, consent_contact=consent)
    register(admin, event, 3, consent_contact=True, role="SPEAKER")
    Message.objects.all().delete()
    make_user("Announcer", rights=["218101"])
    announcer = logged_in("Announcer", PASSWORD)
    preview = announcer.post(
        f'{{ meetingAnnouncementPreview(eventId: "{event.id}", subject: "Shuttle", body: "The shuttle leaves at 8.", '
        "roles: [ATTENDEE]) { count withoutConsent subject text html } }"
    )["data"]["meetingAnnouncementPreview"]
    assert (preview["count"], preview["withoutConsent"], preview["subject"]) == (2, 1, "Shuttle")
    assert "The shuttle leaves at 8." in preview["text"] and "agreed to be contacted" in preview["text"]
    assert Message.objects.count() == 0  # a preview sends nothing

    fields = {"eventId": str(event.id), "subject": "Shuttle", "body": "The shuttle leaves at 8.",
              "roles": [Enum("ATTENDEE")]}  # fmt: skip
    stale = announcer.mutate("sendMeetingAnnouncement", {**fields, "expectedCount": 3})
    assert stale["errors"][0]["code"] == "meeting.message.recipients_changed"
    assert announcer.mutate("sendMeetingAnnouncement", {**fields, "expectedCount": 2})["status"] == 2

    deliver()
    received = by_recipient(smtp)
    assert set(received) == {"person0@example.cm", "person1@example.cm"}
    text = text_of(received["person0@example.cm"])
    assert received["person0@example.cm"]["Subject"] == "Shuttle"
    assert "A message from the organisers of openIMIS Community Meeting:" in text
    assert "agreed to be contacted by its organisers" in text

    make_user("Organiser", rights=["216001", "216003", "215003"])
    refused = logged_in("Organiser", PASSWORD).mutate("sendMeetingAnnouncement", {**fields, "expectedCount": 2})
    assert refused["errors"][0]["code"] == "meeting.auth.permission_denied"


def test_organisers_list_messages_see_addresses_only_with_the_personal_data_right_and_resend_one(admin, smtp):
    event = open_event(admin, capacity=10)
    for number in (1, 2):
        register(admin, event, number)
    deliver()
    make_user("Desk", rights=["216001", "216003"])
    desk = logged_in("Desk", PASSWORD)
    query = (
        f'{{ meetingMessages(eventId: "{event.id}", kind: "CONFIRMED", status: SENT) '
        "{ totalCount edges { node { uuid kind status recipient subject messageId participant { lastName } } } } }"
    )
    answer = desk.post(query)
    assert "errors" not in answer, answer
    listed = answer["data"]["meetingMessages"]
    assert listed["totalCount"] == 2
    assert {edge["node"]["recipient"] for edge in listed["edges"]} == {None}
    admin_view = logged_in("Admin", PASSWORD).post(query)["data"]["meetingMessages"]
    assert {edge["node"]["recipient"] for edge in admin_view["edges"]} == {"person1@example.cm", "person2@example.cm"}

    first = Message.objects.get(recipient="person1@example.cm")
    assert desk.mutate("resendMeetingMessage", {"id": str(first.id)})["status"] == 2
    deliver()
    copies = [m for m in smtp.messages() if m["To"] == "person1@example.cm"]
    assert len(copies) == 2 and copies[0]["Message-ID"] != copies[1]["Message-ID"]
    assert Message.objects.get(resent_from=first).status == "SENT"
    make_user("Looker", rights=["215001"])
    refused = logged_in("Looker", PASSWORD).post(query)
    assert refused["errors"][0]["message"] == "You do not have the right to do this.", refused
    assert not (refused.get("data") or {}).get("meetingMessages")


def test_the_outbox_api_queues_attachments_and_honours_its_once_key(admin, smtp):
    from openimis_be_meeting.mail import outbox

    event = open_event(admin, capacity=5)
    person = Participant.objects.get(id=register(admin, event, 1)["data"]["id"])
    Message.objects.all().delete()
    document = b"%PDF-1.4 badge of Person1"

    with transaction.atomic():
        first = outbox.queue("CONFIRMED", person, attachments=[("badge.pdf", document, "application/pdf")],
                             context={"reason": "unused"}, user=admin, once_key=f"badge:{person.id}")  # fmt: skip
        again = outbox.queue("CONFIRMED", person, once_key=f"badge:{person.id}")
    assert first is not None and again is None
    with pytest.raises(ValueError):
        outbox.queue("NO_SUCH_KIND", person)
    deliver()
    [received] = smtp.messages()
    [attachment] = list(received.iter_attachments())
    assert (attachment.get_filename(), attachment.get_content_type()) == ("badge.pdf", "application/pdf")
    assert attachment.get_content() == document
    assert Message.objects.get().queued_by == admin
