"""A double click on PostgreSQL: the same clientMutationId sent by the same user several times at once, each request
on its own connection. The change is done once and every request reports the first one's success."""

import uuid

import pytest
from core.models import MutationLog
from django.db import connection

from openimis_be_meeting.models import Showcase, ShowcaseMutation

from factories import PASSWORD, make_user
from frontend import Enum, logged_in
from showcase_setup import build_world
from test_participants_concurrency import run_at_once

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL row locks and real connections: `make test-postgres` runs it",
    ),
]


@pytest.mark.parametrize("attempt", range(5))
def test_simultaneous_duplicates_of_one_mutation_create_one_showcase(attempt):
    admin = make_user("Admin", admin=True)
    world = build_world(admin)
    sessions = [logged_in("Admin", PASSWORD) for _ in range(6)]  # six tabs, one double-clicked button
    client_id = str(uuid.uuid4())
    fields = {
        "eventId": str(world.event.id),
        "title": "openIMIS and the PBF platform",
        "abstract": "Verified claims flow to the PBF portal every night.",
        "leadOrganisationId": world.organisations["GIZ"],
        "presenterIds": [world.presenters[0]],
        "schemeType": Enum("HEALTH_VOUCHER"),
        "demoType": Enum("LIVE"),
    }

    def send(session):
        return lambda: session.send_mutation("createMeetingShowcase", fields, client_id=client_id)[1]

    responses = run_at_once([send(session) for session in sessions])

    assert all("errors" not in response for response in responses), responses
    logs = MutationLog.objects.filter(client_mutation_id=client_id)
    assert logs.count() == 6
    assert set(logs.values_list("status", flat=True)) == {MutationLog.SUCCESS}, list(logs.values("status", "error"))
    showcase = Showcase.objects.get(is_deleted=False)
    # Every request's log leads to the one showcase, as the frontend re-reads it by clientMutationId.
    linked = ShowcaseMutation.objects.filter(mutation__client_mutation_id=client_id)
    assert set(linked.values_list("showcase_id", flat=True)) == {showcase.id}
    assert linked.count() == 6
