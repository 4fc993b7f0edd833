"""A world with something in every list of the module, and people whose personal data is recognisable anywhere in an
answer; shared by the generated rights tests (test_rights_*.py) and the personal-data tests (test_personal_data*.py).
Everything is built through the module's services, as organisers would."""

from dataclasses import dataclass, field

from openimis_be_meeting.apps import DEFAULT_CFG
from openimis_be_meeting.models import Participant
from openimis_be_meeting.services import AttendanceService, ParticipantService, SessionService

from factories import future, make_user, register, running_event
from showcase_setup import World, advance, build_world, make_showcase, ok

# Every right code of the module.
ALL_CODES = sorted({code for key, codes in DEFAULT_CFG.items() if key.endswith("_perms") for code in codes})
PERSONAL_DATA = "216006"

# Personal data no caller without the personal-data right may read anywhere: recognisable in any answer or log.
SECRET_EMAIL = "amina.secret@private-mail.cm"
SECRET_PHONE = "+237 677 13 57 91"
SECRET_ACCESSIBILITY = "Needs-a-ramp-7731"
SECRET_DIETARY = "No-peanuts-5519"
SECRET_GENDER = "FEMALE"


def secret_person(number: int, **details) -> dict:
    """A registration carrying every kind of personal data, each value unique to `number`."""
    return {
        "email": f"{number}.{SECRET_EMAIL}",
        "phone": f"{SECRET_PHONE}{number}",
        "gender": SECRET_GENDER,
        "accessibility_needs": f"{SECRET_ACCESSIBILITY}-{number}",
        "dietary_needs": f"{SECRET_DIETARY}-{number}",
        **details,
    }


@dataclass
class RightsWorld:
    admin: object
    show: World  # the open event YDE-SHOW with organisations, systems, standards and three presenters
    running: object  # an event under way, with a checked-in participant
    showcase: object  # scheduled: on the programme, so in the interoperability matrix
    session_id: str
    participant_ids: list = field(default_factory=list)  # every registration made here

    @property
    def event_id(self) -> str:
        return str(self.show.event.id)

    @property
    def token(self) -> str:
        """The check-in token of a confirmed participant of the open event: the key of their personal feed."""
        return Participant.objects.get(id=self.participant_ids[3]).checkin_token

    def secrets(self) -> list[str]:
        """Every personal value stored in the world: emails, phones, needs, check-in tokens (case as stored)."""
        values = []
        for person in Participant.objects.all():
            values += [person.email, person.phone, person.accessibility_needs, person.dietary_needs]
            values.append(person.checkin_token)
        return sorted({value for value in values if value})


def build(admin) -> RightsWorld:
    """Events, organisations, participants (a consenting one, presenters, a speaker, a checked-in one, all with
    personal data), a showcase on the programme, a session, digital systems and standards."""
    show = build_world(admin)
    ids = list(show.presenters)
    for number, presenter_id in enumerate(show.presenters):  # the presenters carry personal data too
        ok(ParticipantService(admin).update({"id": presenter_id, **secret_person(900 + number)}))
    ids.append(
        register(admin, show.event, 1, consent_listed=True, **secret_person(1), job_title="Analyst")["data"]["id"]
    )
    reviewer = make_user("RightsReviewer", rights=["217005"])
    showcase = advance(admin, reviewer, make_showcase(admin, show), "SCHEDULED")
    session_id = ok(
        SessionService(admin).create(
            {
                "event_id": str(show.event.id),
                "title": "Opening plenary",
                "session_type": "PLENARY",
                "starts_at": future(30, 8),
                "ends_at": future(30, 9),
                "room": "Salle des Fêtes",
                "speaker_ids": [show.presenters[1]],
                "chair_ids": [show.presenters[2]],
                "showcase_ids": [str(showcase.id)],
            }
        )
    )
    running = running_event(admin, code="RUNNING")
    present = register(admin, running, 2, **secret_person(2))["data"]["id"]
    ok(AttendanceService(admin).check_in({"id": present}))
    ids.append(present)
    return RightsWorld(admin, show, running, showcase, session_id, ids)
