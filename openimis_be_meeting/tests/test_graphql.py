"""Events and registrations through GraphQL, the way core's own test helpers drive an openIMIS instance: a JWT from
graphql_jwt, the mutation, then its result read from mutationLogs."""

import json
import uuid
from datetime import datetime, timedelta, timezone

from core.models.openimis_graphql_test_case import BaseTestContext, openIMISGraphQLTestCase
from core.test_helpers import create_test_interactive_user, create_test_language, create_test_role

ORGANISER_RIGHTS = [
    "gql_query_meeting_events_perms",
    "gql_mutation_create_meeting_events_perms",
    "gql_mutation_update_meeting_events_perms",
    "gql_query_meeting_participants_perms",
    "gql_mutation_create_meeting_participants_perms",
]


def _instant(days: int) -> str:
    moment = datetime.now(timezone.utc) + timedelta(days=days)
    return moment.replace(microsecond=0).isoformat()


class MeetingGraphQLTestCase(openIMISGraphQLTestCase):
    @classmethod
    def setUpTestData(cls):
        create_test_language("en", "English")
        organiser_role = create_test_role(perm_names=ORGANISER_RIGHTS, name="Meeting module test organiser")
        reader_role = create_test_role(perm_names=["gql_query_meeting_events_perms"], name="Meeting module test reader")
        cls.organiser = create_test_interactive_user(username="MeetingTestOrganiser", roles=[organiser_role.id])
        cls.reader = create_test_interactive_user(username="MeetingTestReader", roles=[reader_role.id])

    def setUp(self):
        super().setUp()
        self.organiser_token = BaseTestContext(user=self.organiser).get_jwt()
        self.reader_token = BaseTestContext(user=self.reader).get_jwt()

    def _mutate(self, name: str, fields: str, token: str) -> dict:
        """Send one mutation and return its newest mutation log (status 2 success, 1 refused)."""
        client_id = str(uuid.uuid4())
        response = self.query(
            f'mutation {{ {name}(input: {{ clientMutationId: "{client_id}" {fields} }}) {{ internalId }} }}',
            headers={"HTTP_AUTHORIZATION": f"Bearer {token}"},
        )
        self.assertResponseNoErrors(response)
        logs = self._read(
            f'{{ mutationLogs(clientMutationId: "{client_id}") {{ edges {{ node {{ status error }} }} }} }}', token
        )
        return logs["mutationLogs"]["edges"][0]["node"]

    def _read(self, query: str, token: str) -> dict:
        response = self.query(query, headers={"HTTP_AUTHORIZATION": f"Bearer {token}"})
        self.assertResponseNoErrors(response)
        return json.loads(response.content)["data"]

    def _create_event(self, code: str, capacity: int) -> str:
        log = self._mutate(
            "createMeetingEvent",
            f'code: "{code}" name: "Module test {code}" eventType: WORKSHOP timezone: "Africa/Douala" '
            f'startsAt: "{_instant(30)}" endsAt: "{_instant(31)}" capacity: {capacity}',
            self.organiser_token,
        )
        self.assertEqual(log["status"], 2, log["error"])
        data = self._read(
            f'{{ meetingEvents(code: "{code}") {{ edges {{ node {{ uuid status }} }} }} }}', self.organiser_token
        )
        [edge] = data["meetingEvents"]["edges"]
        self.assertEqual(edge["node"]["status"], "DRAFT")
        return edge["node"]["uuid"]

    def _open_registration(self, event_id: str) -> None:
        for status in ("PUBLISHED", "REGISTRATION_OPEN"):
            log = self._mutate("changeMeetingEventStatus", f'id: "{event_id}" status: {status}', self.organiser_token)
            self.assertEqual(log["status"], 2, log["error"])

    def test_an_organiser_creates_an_event_and_opens_its_registration(self):
        event_id = self._create_event("MODULE-TEST-1", capacity=10)
        self._open_registration(event_id)
        data = self._read(
            '{ meetingEvents(code: "MODULE-TEST-1") { edges { node { status capacity } } } }',
            self.reader_token,
        )
        self.assertEqual(data["meetingEvents"]["edges"], [{"node": {"status": "REGISTRATION_OPEN", "capacity": 10}}])

    def test_a_registration_beyond_capacity_goes_to_the_waiting_list(self):
        event_id = self._create_event("MODULE-TEST-2", capacity=1)
        self._open_registration(event_id)
        for first_name in ("Amina", "Bruno"):
            log = self._mutate(
                "registerMeetingParticipant",
                f'eventId: "{event_id}" firstName: "{first_name}" lastName: "Module test" '
                f'email: "{first_name.lower()}@example.org"',
                self.organiser_token,
            )
            self.assertEqual(log["status"], 2, log["error"])
        data = self._read(
            f'{{ meetingParticipants(eventId: "{event_id}", orderBy: ["firstName"]) '
            "{ totalCount edges { node { firstName status waitlistPosition } } } }",
            self.organiser_token,
        )
        self.assertEqual(data["meetingParticipants"]["totalCount"], 2)
        self.assertEqual(
            [edge["node"] for edge in data["meetingParticipants"]["edges"]],
            [
                {"firstName": "Amina", "status": "CONFIRMED", "waitlistPosition": None},
                {"firstName": "Bruno", "status": "WAITLISTED", "waitlistPosition": 1},
            ],
        )

    def test_creating_an_event_without_the_right_is_refused_and_writes_nothing(self):
        log = self._mutate(
            "createMeetingEvent",
            f'code: "MODULE-TEST-3" name: "Refused" eventType: WORKSHOP timezone: "UTC" '
            f'startsAt: "{_instant(30)}" endsAt: "{_instant(31)}"',
            self.reader_token,
        )
        self.assertEqual(log["status"], 1)
        self.assertEqual([error["code"] for error in json.loads(log["error"])], ["meeting.auth.permission_denied"])
        data = self._read('{ meetingEvents(code: "MODULE-TEST-3") { totalCount } }', self.organiser_token)
        self.assertEqual(data["meetingEvents"]["totalCount"], 0)

    def test_listing_participants_without_the_right_is_a_graphql_error(self):
        response = self.query(
            "{ meetingParticipants(first: 10) { totalCount } }",
            headers={"HTTP_AUTHORIZATION": f"Bearer {self.reader_token}"},
        )
        content = json.loads(response.content)
        self.assertIsNone(content["data"]["meetingParticipants"])
        self.assertTrue(content["errors"])
