"""GraphQL of the mail to participants: the outbox as organisers see it (addresses and the server's answers only with
the personal-data right), an announcement's preview, an event's mail settings, and the mutations that resend one
message, send an announcement and change the settings."""

import django_filters
import graphene
from core.schema import OpenIMISMutation
from core.utils import ExtendedConnection

from ..models import Message, MessageStatus
from ..permissions import Action, can
from ..selectors import mail as mail_reads
from ..services import MailService
from ..timeutils import from_storage
from .base.mutation import MeetingMutation
from .base.rights import GuardedObjectType
from .enums import MeetingParticipantRoleEnum, MeetingParticipantStatusEnum, enum_of
from .events import MeetingEventGQLType
from .participants import MeetingParticipantGQLType

MeetingMessageStatusEnum = enum_of("MeetingMessageStatusEnum", MessageStatus)


class MessageFilter(django_filters.FilterSet):
    event_id = django_filters.UUIDFilter(field_name="event_id")
    participant_id = django_filters.UUIDFilter(field_name="participant_id")

    class Meta:
        model = Message
        fields = {"kind": ["exact", "in"], "status": ["exact", "in"], "language": ["exact"]}


def _personal(field_name: str):
    def resolve(message, info):
        return getattr(message, field_name) or None if can(info.context.user, Action.VIEW_PERSONAL_DATA) else None

    return resolve


def _instant(field_name: str):
    return lambda message, info: from_storage(getattr(message, field_name))


class MeetingMessageGQLType(GuardedObjectType):
    """One message of the outbox: its kind, status and attempts; the recipient's address and the mail server's last
    answer need the personal-data right (216006)."""

    reader = staticmethod(mail_reads.messages_for)

    uuid = graphene.String()
    event = graphene.Field(MeetingEventGQLType)
    participant = graphene.Field(MeetingParticipantGQLType)
    status = graphene.Field(MeetingMessageStatusEnum)
    recipient = graphene.String(resolver=_personal("recipient"))
    last_error = graphene.String(resolver=_personal("last_error"), description="The mail server's last answer.")
    queued_at = graphene.DateTime(resolver=_instant("queued_at"))
    next_attempt_at = graphene.DateTime(resolver=_instant("next_attempt_at"))
    sent_at = graphene.DateTime(resolver=_instant("sent_at"))
    resent_from_id = graphene.String(description="UUID of the message this one resends.")

    class Meta:
        model = Message
        interfaces = (graphene.relay.Node,)
        fields = ("id", "kind", "language", "subject", "message_id", "attempts")
        filterset_class = MessageFilter
        connection_class = ExtendedConnection
        convert_choices_to_enum = False

    def resolve_uuid(message, info):
        return str(message.id)

    def resolve_resent_from_id(message, info):
        return str(message.resent_from_id) if message.resent_from_id else None


class MeetingAnnouncementPreviewGQLType(graphene.ObjectType):
    """An announcement before it is sent: to how many people, and as a sample recipient would read it."""

    count = graphene.Int(description="Recipients: matching participants who agreed to be contacted.")
    without_consent = graphene.Int(description="Matching participants left out: they did not agree to be contacted.")
    subject = graphene.String()
    text = graphene.String()
    html = graphene.String()


class MeetingEventMailSettingsGQLType(graphene.ObjectType):
    event_id = graphene.String()
    sender_name = graphene.String(description="The name mail is sent under; the event's name by default.")
    reply_to = graphene.String()
    disabled_kinds = graphene.List(graphene.String, description="Kinds of message the event does not send.")
    reminder_days_before = graphene.Int()


def _filters():
    return {
        "statuses": graphene.List(MeetingParticipantStatusEnum, description="CONFIRMED when not given."),
        "roles": graphene.List(MeetingParticipantRoleEnum, description="Every role when not given."),
    }


def announcement_preview_field():
    return graphene.Field(
        MeetingAnnouncementPreviewGQLType,
        event_id=graphene.String(required=True),
        subject=graphene.String(required=True),
        body=graphene.String(required=True),
        language=graphene.String(description="The language of the sample; the instance's default when not given."),
        **_filters(),
    )


def event_mail_settings_field():
    return graphene.Field(MeetingEventMailSettingsGQLType, event_id=graphene.String(required=True))


class ResendMeetingMessageMutation(MeetingMutation):
    """Queue a message again (a new message, to the person's current address)."""

    _mutation_class = "ResendMeetingMessageMutation"
    service_class, service_method = MailService, "resend"

    class Input(OpenIMISMutation.Input):
        id = graphene.String(description="UUID of the message.")


class SendMeetingAnnouncementMutation(MeetingMutation):
    """Send the organisers' text to an event's participants who agreed to be contacted, filtered by status and
    role; `expectedCount` must be the count meetingAnnouncementPreview gave."""

    _mutation_class = "SendMeetingAnnouncementMutation"
    service_class, service_method = MailService, "announce"

    class Input(OpenIMISMutation.Input):
        event_id = graphene.String(description="UUID of the event.")
        subject = graphene.String()
        body = graphene.String(description="Plain text; line breaks are kept.")
        expected_count = graphene.Int(description="The recipients' count the preview showed.")
        statuses = graphene.List(MeetingParticipantStatusEnum, description="CONFIRMED when not given.")
        roles = graphene.List(MeetingParticipantRoleEnum, description="Every role when not given.")


class SetMeetingEventMailSettingsMutation(MeetingMutation):
    """Set an event's sender name, reply-to address, the kinds of message it does not send, and when reminders go."""

    _mutation_class = "SetMeetingEventMailSettingsMutation"
    service_class, service_method = MailService, "update_settings"

    class Input(OpenIMISMutation.Input):
        event_id = graphene.String(description="UUID of the event.")
        sender_name = graphene.String()
        reply_to = graphene.String()
        disabled_kinds = graphene.List(graphene.String, description='e.g. ["REMINDER"] to send no reminders.')
        reminder_days_before = graphene.Int()
