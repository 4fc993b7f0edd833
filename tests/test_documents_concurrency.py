"""Letter numbers under real concurrency on PostgreSQL: twenty approvals at once, each in its own connection."""

from datetime import date

import pytest
from django.db import connection
from document_world import confirmed

from openimis_be_meeting.documents.letters import VisaLetterService, request_letter
from openimis_be_meeting.models import LetterCounter, VisaLetter

from factories import make_user, open_event
from test_participants_concurrency import run_at_once

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL row locks and real connections"),
]

VISA = {
    "passport_number": "AB1234567",
    "nationality": "CM",
    "date_of_birth": "1990-01-01",
    "passport_expiry": "2099-01-01",
}


@pytest.mark.parametrize("attempt", range(3))
def test_twenty_approvals_at_once_number_the_letters_1_to_20_exactly_once(admin, attempt):
    event = open_event(admin, code=f"VISA-{attempt}", capacity=50)
    ids = [str(request_letter(confirmed(admin, event, n), VISA).id) for n in range(20)]
    decider = make_user(f"Decider{attempt}", rights=["216010"])
    service = VisaLetterService(decider)

    results = run_at_once([(lambda letter=letter: service.approve({"id": letter})) for letter in ids])

    assert [result for result in results if not result["success"]] == []
    year = date.today().year
    numbers = sorted(VisaLetter.objects.filter(participant__event=event).values_list("sequence", flat=True))
    assert numbers == list(range(1, 21))
    names = set(VisaLetter.objects.filter(participant__event=event).values_list("number", flat=True))
    assert names == {f"OIM-VISA-{attempt}-VL-{year}-{n:04d}" for n in range(1, 21)}
    assert LetterCounter.objects.get(event=event, year=year).last == 20
