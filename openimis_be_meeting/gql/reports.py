"""Read-only reports: an event's statistics and its published participant list."""

import graphene

from .base.connection import page_of
from .enums import MeetingParticipantRoleEnum
from .summaries import MeetingEventSummaryGQLType


class MeetingCountGQLType(graphene.ObjectType):
    key = graphene.String(description="The value counted (an enum code, a country code); null when not given.")
    count = graphene.Int()


class MeetingDayAttendanceGQLType(graphene.ObjectType):
    day = graphene.Date(description="A day of the event, in its time zone.")
    attended = graphene.Int(description="Participants checked in that day.")
    expected = graphene.Int(description="Participants holding a seat (CONFIRMED) or who held one (NO_SHOW).")
    rate = graphene.Float(description="attended / expected, null when nobody is expected.")


class MeetingEventStatisticsGQLType(graphene.ObjectType):
    event = graphene.Field(MeetingEventSummaryGQLType, description="The full event needs 215001 (meetingEvents).")
    registrations = graphene.Int(description="Live registrations in every status.")
    capacity = graphene.Int()
    confirmed = graphene.Int()
    seats_left = graphene.Int(description="Null when the event has no capacity limit.")
    waitlist_length = graphene.Int()
    by_status = graphene.List(MeetingCountGQLType, description="Every live registration, whatever `statuses` says.")
    by_role = graphene.List(MeetingCountGQLType)
    by_country = graphene.List(MeetingCountGQLType)
    by_organisation_type = graphene.List(MeetingCountGQLType)
    by_gender = graphene.List(MeetingCountGQLType, description="Null without the personal-data right (216006).")
    by_participation_mode = graphene.List(MeetingCountGQLType)
    attendance_by_day = graphene.List(MeetingDayAttendanceGQLType)


class MeetingListedParticipantGQLType(graphene.ObjectType):
    """A person on an event's published list: only what they agreed to show."""

    first_name = graphene.String()
    last_name = graphene.String()
    job_title = graphene.String()
    country = graphene.String()
    role = graphene.Field(MeetingParticipantRoleEnum)
    organisation_name = graphene.String()
    organisation_acronym = graphene.String()

    def resolve_organisation_name(participant, info):
        return participant.organisation.name if participant.organisation else None

    def resolve_organisation_acronym(participant, info):
        return participant.organisation.acronym if participant.organisation else None


MeetingListedParticipantConnection = page_of(MeetingListedParticipantGQLType, "MeetingListedParticipantConnection")
