"""Users and data the frontend's browser test needs beside `make demo`'s: a reviewer, a read-only user without the
personal-data right, and an event with 2,000 participants (for the participants screen's timing)."""

from datetime import datetime

from core.models import InteractiveUser, Role, RoleRight, User
from core.test_helpers import create_test_interactive_user
from django.core.management import BaseCommand

from openimis_be_meeting.models import Event, Participant
from openimis_be_meeting.services import EventService
from openimis_be_meeting.services.imports import ImportOptions, import_participants

# username, password, rights (openIMIS right codes), language
USERS = (
    # Reviews and decides on showcases; reads events (to pick the event) and showcases.
    ("Reviewer", "reviewer123", (215001, 217001, 217005, 217006), "en"),
    # Reads everything the module lists, changes nothing, and holds no personal-data right (216006).
    ("Reader", "reader123", (215001, 216001, 217001), "en"),
)
BIG_EVENT = "PERF-2000"
BIG_EVENT_SIZE = 2000


def _role(name: str, rights) -> Role:
    role = Role.objects.filter(name=name, validity_to__isnull=True).first()
    if role is None:
        role = Role.objects.create(
            name=name, is_system=0, is_blocked=False, audit_user_id=-1, validity_from=datetime(2020, 1, 1)
        )
    RoleRight.objects.filter(role=role).delete()
    for right in rights:
        RoleRight.objects.create(role=role, right_id=int(right), audit_user_id=-1, validity_from=datetime(2020, 1, 1))
    return role


class Command(BaseCommand):
    help = "Create the frontend test's users (Reviewer, Reader) and a 2,000-participant event; safe to run twice."

    def handle(self, *args, **options):
        for username, password, rights, language in USERS:
            role = _role(f"frontend-test-{username.lower()}", rights)
            if not User.objects.filter(username=username).exists():
                create_test_interactive_user(username=username, password=password, roles=[role.id])
            user = User.objects.get(username=username)
            InteractiveUser.objects.filter(id=user.i_user_id).update(language_id=language)
            self.stdout.write(f"User {username} / {password}: rights {', '.join(map(str, rights))}")
        # The browser test switches Admin to French and back; a run stopped half-way must not leave it in French.
        InteractiveUser.objects.filter(login_name="Admin", validity_to__isnull=True).update(language_id="en")
        self._big_event()

    def _big_event(self) -> None:
        admin = User.objects.get(username="Admin")
        event = Event.objects.live().filter(code=BIG_EVENT).first()
        if event is None:
            service = EventService(admin)
            result = service.create(
                {
                    "code": BIG_EVENT,
                    "name": "Large community meeting (2,000 participants)",
                    "event_type": "COMMUNITY_MEETING",
                    "starts_at": "2031-03-10T09:00:00",
                    "ends_at": "2031-03-12T17:00:00",
                    "timezone": "Africa/Nairobi",
                    "city": "Nairobi",
                    "country": "KE",
                    "capacity": 1500,
                }
            )
            assert result["success"], result
            for step in ("PUBLISHED", "REGISTRATION_OPEN"):
                outcome = service.change_status({"id": result["data"]["id"], "status": step})
                assert outcome["success"], outcome
            event = Event.objects.live().get(code=BIG_EVENT)
        have = Participant.objects.live().filter(event=event).count()
        if have < BIG_EVENT_SIZE:
            lines = ["first_name,last_name,email,country,role"]
            lines += [
                f"Person{n:04d},Family{n % 97:02d},person{n:04d}@perf.example.org,KE,ATTENDEE"
                for n in range(have, BIG_EVENT_SIZE)
            ]
            report = import_participants(
                admin, str(event.uuid), name="perf.csv", data="\n".join(lines).encode(), options=ImportOptions()
            )
            assert not report.refusal, report.as_dict()
        self.stdout.write(f"Event {BIG_EVENT} ({event.uuid}): {Participant.objects.live().filter(event=event).count()}")
