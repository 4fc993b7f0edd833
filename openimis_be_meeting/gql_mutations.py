"""GraphQL mutations: each names its service call; the base class (gql_mutation_base) does the rest the openIMIS
way."""

import graphene
from core.schema import OpenIMISMutation

from .gql_mutation_base import INSTANT, MeetingMutation
from .gql_queries import (
    MeetingAttendanceModeEnum,
    MeetingCheckInMethodEnum,
    MeetingEventStatusEnum,
    MeetingEventTypeEnum,
    MeetingGenderEnum,
    MeetingOrganisationTypeEnum,
    MeetingParticipantRoleEnum,
    MeetingParticipationModeEnum,
)
from .models import EventMutation, OrganisationMutation, ParticipantMutation
from .services import AttendanceService, EventService, OrganisationService, ParticipantService


class EventFields:
    """The event fields a caller may set; all optional here, the service says what is required."""

    code = graphene.String()
    name = graphene.String()
    description = graphene.String()
    event_type = MeetingEventTypeEnum()
    starts_at = graphene.String(description=INSTANT)
    ends_at = graphene.String(description=INSTANT)
    timezone = graphene.String(description="IANA time zone, e.g. Africa/Douala.")
    venue = graphene.String()
    city = graphene.String()
    country = graphene.String(description="ISO 3166-1 alpha-2 code, e.g. CM.")
    location_id = graphene.String(description="UUID of an openIMIS location.")
    participation_mode = MeetingParticipationModeEnum()
    online_url = graphene.String()
    capacity = graphene.Int(description="Seats; null for no limit.")
    registration_opens_at = graphene.String(description=INSTANT)
    registration_closes_at = graphene.String(description=INSTANT)
    requires_approval = graphene.Boolean()
    organisers = graphene.String()


class CreateMeetingEventMutation(MeetingMutation):
    """Create an event (status DRAFT)."""

    _mutation_class = "CreateMeetingEventMutation"
    service_class, service_method = EventService, "create"
    link_model, link_field = EventMutation, "event"

    class Input(EventFields, OpenIMISMutation.Input):
        pass


class UpdateMeetingEventMutation(MeetingMutation):
    """Change the given fields of an event."""

    _mutation_class = "UpdateMeetingEventMutation"
    service_class, service_method = EventService, "update"
    link_model, link_field = EventMutation, "event"

    class Input(EventFields, OpenIMISMutation.Input):
        id = graphene.String(description="UUID of the event.")


class DeleteMeetingEventMutation(MeetingMutation):
    """Soft-delete events: all of the named ones, or none."""

    _mutation_class = "DeleteMeetingEventMutation"
    service_class, service_method = EventService, "delete"

    class Input(OpenIMISMutation.Input):
        ids = graphene.List(graphene.String, description="UUIDs of the events.")


class ChangeMeetingEventStatusMutation(MeetingMutation):
    """Move an event along its lifecycle."""

    _mutation_class = "ChangeMeetingEventStatusMutation"
    service_class, service_method = EventService, "change_status"
    link_model, link_field = EventMutation, "event"

    class Input(OpenIMISMutation.Input):
        id = graphene.String(description="UUID of the event.")
        status = MeetingEventStatusEnum()


class OrganisationFields:
    name = graphene.String()
    acronym = graphene.String()
    organisation_type = MeetingOrganisationTypeEnum()
    country = graphene.String(description="ISO 3166-1 alpha-2 code.")
    website = graphene.String()


class CreateMeetingOrganisationMutation(MeetingMutation):
    """Create an organisation."""

    _mutation_class = "CreateMeetingOrganisationMutation"
    service_class, service_method = OrganisationService, "create"
    link_model, link_field = OrganisationMutation, "organisation"

    class Input(OrganisationFields, OpenIMISMutation.Input):
        pass


class UpdateMeetingOrganisationMutation(MeetingMutation):
    """Change the given fields of an organisation."""

    _mutation_class = "UpdateMeetingOrganisationMutation"
    service_class, service_method = OrganisationService, "update"
    link_model, link_field = OrganisationMutation, "organisation"

    class Input(OrganisationFields, OpenIMISMutation.Input):
        id = graphene.String(description="UUID of the organisation.")


class DeleteMeetingOrganisationMutation(MeetingMutation):
    """Soft-delete organisations no active registration refers to: all of the named ones, or none."""

    _mutation_class = "DeleteMeetingOrganisationMutation"
    service_class, service_method = OrganisationService, "delete"

    class Input(OpenIMISMutation.Input):
        ids = graphene.List(graphene.String, description="UUIDs of the organisations.")


class ParticipantFields:
    first_name = graphene.String()
    last_name = graphene.String()
    email = graphene.String()
    phone = graphene.String()
    gender = MeetingGenderEnum()
    organisation_id = graphene.String(description="UUID of a meeting organisation.")
    job_title = graphene.String()
    country = graphene.String(description="ISO 3166-1 alpha-2 code.")
    role = MeetingParticipantRoleEnum()
    attendance_mode = MeetingAttendanceModeEnum()
    user_id = graphene.String(description="UUID of an openIMIS user.")
    location_id = graphene.String(description="UUID of an openIMIS location.")
    consent_listed = graphene.Boolean(description="Agrees to appear in the published participant list.")
    consent_photos = graphene.Boolean()
    consent_contact = graphene.Boolean()
    accessibility_needs = graphene.String()
    dietary_needs = graphene.String()


class ParticipantMutationBase(MeetingMutation):
    """A mutation on one participant, named by `id`, that calls one ParticipantService method."""

    link_model, link_field = ParticipantMutation, "participant"
    service_class = ParticipantService

    class Meta:
        abstract = True


class RegisterMeetingParticipantMutation(ParticipantMutationBase):
    """Register a person for an event (PENDING, CONFIRMED or WAITLISTED as the event's rules say)."""

    _mutation_class = "RegisterMeetingParticipantMutation"
    service_method = "register"

    class Input(ParticipantFields, OpenIMISMutation.Input):
        event_id = graphene.String(description="UUID of the event.")


class UpdateMeetingParticipantMutation(ParticipantMutationBase):
    """Change a participant's details."""

    _mutation_class = "UpdateMeetingParticipantMutation"
    service_method = "update"

    class Input(ParticipantFields, OpenIMISMutation.Input):
        id = graphene.String(description="UUID of the participant.")


class _ParticipantIdInput(OpenIMISMutation.Input):
    id = graphene.String(description="UUID of the participant.")


class ApproveMeetingParticipantMutation(ParticipantMutationBase):
    _mutation_class = "ApproveMeetingParticipantMutation"
    service_method = "approve"

    class Input(_ParticipantIdInput):
        pass


class RejectMeetingParticipantMutation(ParticipantMutationBase):
    _mutation_class = "RejectMeetingParticipantMutation"
    service_method = "reject"

    class Input(_ParticipantIdInput):
        reason = graphene.String()


class CancelMeetingParticipantMutation(ParticipantMutationBase):
    _mutation_class = "CancelMeetingParticipantMutation"
    service_method = "cancel"

    class Input(_ParticipantIdInput):
        pass


class WithdrawMeetingParticipantMutation(ParticipantMutationBase):
    _mutation_class = "WithdrawMeetingParticipantMutation"
    service_method = "withdraw"

    class Input(_ParticipantIdInput):
        pass


class DeleteMeetingParticipantMutation(ParticipantMutationBase):
    _mutation_class = "DeleteMeetingParticipantMutation"
    service_method = "delete"
    link_model = None

    class Input(_ParticipantIdInput):
        pass


class CheckInMeetingParticipantMutation(ParticipantMutationBase):
    """Record a confirmed participant as present on a day of the event; repeating it, or replaying it with the
    same clientMutationId, records nothing new and succeeds."""

    _mutation_class = "CheckInMeetingParticipantMutation"
    service_class, service_method = AttendanceService, "check_in"
    passes_client_id = True

    class Input(OpenIMISMutation.Input):
        id = graphene.String(description="UUID of the participant (MANUAL check-in).")
        token = graphene.String(description="The check-in code on the participant's badge (required for QR, SELF).")
        event_id = graphene.String(
            description="UUID of the door's event (required for QR, SELF): another event's badge is refused."
        )
        method = MeetingCheckInMethodEnum(description="MANUAL when not given.")
        checked_in_at = graphene.String(
            description="When the person arrived, as an offline device saw it (ISO 8601); now when not given."
        )
        session_id = graphene.String(description="UUID of a session: a check-in at that session's door.")
