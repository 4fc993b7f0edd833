"""Erasing a person's data reaches the mail outbox: their messages lose address, subject, context and the server's
answers, and the unsent ones are withdrawn (services/erasers.py calls this for the retention erasure)."""

import pytest
from mail_helpers import deliver

from openimis_be_meeting.mail import outbox
from openimis_be_meeting.models import Message, Participant
from openimis_be_meeting.services import ParticipantService

from factories import open_event, register
from showcase_setup import ok

pytestmark = pytest.mark.django_db


def test_erasing_a_persons_data_blanks_their_messages_and_withdraws_the_unsent_ones(admin, smtp):
    event = open_event(admin, capacity=5, requires_approval=True)
    person = Participant.objects.get(id=register(admin, event, 1)["data"]["id"])
    other = Participant.objects.get(id=register(admin, event, 2)["data"]["id"])
    deliver()
    ok(ParticipantService(admin).reject({"id": str(person.id), "reason": "Private reason 4471"}))

    assert outbox.erase_personal_data([person.id]) == 2
    deliver()
    assert [m["To"] for m in smtp.messages()] == ["person1@example.cm", "person2@example.cm"]  # nothing new
    erased = Message.objects.filter(participant=person)
    assert set(erased.values_list("recipient", "subject", "last_error")) == {("", "", "")}
    assert [m.context for m in erased] == [{}, {}]
    assert set(erased.values_list("status", flat=True)) == {"SENT", "SKIPPED"}
    assert Message.objects.get(participant=other).recipient == "person2@example.cm"
