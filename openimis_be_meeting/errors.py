"""Every problem the module reports: a stable code (the translation key) and its English text."""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True, eq=False)
class Problem:
    code: str
    text: object  # a lazily translated string; %(name)s placeholders are filled from MeetingError params

    @property
    def message(self) -> str:
        return str(self.text)


class Problems:
    AUTHENTICATION_REQUIRED = Problem("meeting.auth.authentication_required", _("You must be logged in."))
    PERMISSION_DENIED = Problem("meeting.auth.permission_denied", _("You do not have the right to do this."))
    CSRF_FAILED = Problem(
        "meeting.auth.csrf_failed",
        _("Send the CSRF token (X-CSRFToken) with this request, or authenticate with an Authorization header."),
    )
    NOT_FOUND = Problem("meeting.http.not_found", _("Nothing exists at this address."))
    UNEXPECTED = Problem("meeting.unexpected", _("The request could not be processed; the error was logged."))
    REQUIRED = Problem("meeting.validation.required", _("%(field)s is required."))
    TOO_LONG = Problem("meeting.validation.too_long", _("%(field)s is longer than %(max)s characters."))
    TOO_LARGE = Problem("meeting.validation.too_large", _("%(field)s must be at most %(max)s."))
    INVALID_CHARACTERS = Problem(
        "meeting.validation.invalid_characters",
        _("%(field)s contains a control character (such as NUL) or half a character, which cannot be stored."),
    )
    INVALID_CHOICE = Problem("meeting.validation.invalid_choice", _("%(value)s is not a valid %(field)s."))
    INVALID_ID = Problem("meeting.validation.invalid_id", _("%(value)s is not a valid id."))
    INVALID_DATETIME = Problem("meeting.validation.invalid_datetime", _("%(field)s is not a valid date and time."))
    INVALID_URL = Problem("meeting.validation.invalid_url", _("%(value)s is not a valid web address."))
    LOCAL_TIME_AMBIGUOUS = Problem(
        "meeting.validation.local_time_ambiguous",
        _("%(field)s falls in a daylight-saving change in %(zone)s; give it with its UTC offset."),
    )
    UNKNOWN_COUNTRY = Problem(
        "meeting.validation.unknown_country", _("%(value)s is not an ISO 3166-1 alpha-2 country code.")
    )
    UNKNOWN_TIMEZONE = Problem("meeting.validation.unknown_timezone", _("%(value)s is not a known IANA time zone."))
    TOO_MANY_IDS = Problem("meeting.validation.too_many_ids", _("At most %(max)s ids may be given at once."))
    NO_IDS = Problem("meeting.validation.no_ids", _("Give at least one id."))
    UNKNOWN_ORDER = Problem("meeting.query.unknown_order", _("The list cannot be ordered by %(value)s."))
    QUERY_TOO_DEEP = Problem("meeting.query.too_deep", _("The query nests fields more than %(max)s levels deep."))
    QUERY_TOO_MANY_FIELDS = Problem(
        "meeting.query.too_many_fields",
        _("The query selects more than %(max)s fields (each use of a fragment counts again)."),
    )
    QUERY_TOO_MANY_ALIASES = Problem("meeting.query.too_many_aliases", _("The query uses more than %(max)s aliases."))
    QUERY_INTROSPECTION_TOO_DEEP = Problem(
        "meeting.query.introspection_too_deep",
        _("Introspection may nest fields, inputFields, interfaces and possibleTypes at most %(max)s levels deep."),
    )
    QUERY_PAGE_OUT_OF_RANGE = Problem(
        "meeting.query.page_out_of_range",
        _("%(argument)s of %(field)s must be a whole number from 0 to %(max)s; %(value)s was given."),
    )
    QUERY_NEGATIVE_OFFSET = Problem(
        "meeting.query.negative_offset", _("offset of %(field)s must be 0 or more; %(value)s was given.")
    )
    QUERY_INVALID_CURSOR = Problem(
        "meeting.query.invalid_cursor", _("%(argument)s of %(field)s is not a cursor this list gives: %(value)s.")
    )
    QUERY_DOCUMENT_TOO_LARGE = Problem("meeting.query.document_too_large", _("The query is longer than %(max)s bytes."))
    QUERY_TOO_MANY_DIRECTIVES = Problem(
        "meeting.query.too_many_directives", _("The query uses more than %(max)s directives.")
    )
    QUERY_TOO_MANY_FRAGMENTS = Problem(
        "meeting.query.too_many_fragments", _("The query defines more than %(max)s fragments.")
    )
    QUERY_TOO_MANY_ARGUMENTS = Problem(
        "meeting.query.too_many_arguments",
        _("The query gives more than %(max)s arguments, input fields, aliases and variables."),
    )
    QUERY_TOO_COSTLY = Problem(
        "meeting.query.too_costly",
        _(
            "The query could return more than %(max)s values (each field counted once per row of every page and "
            "list around it); ask for smaller pages or fewer fields."
        ),
    )
    QUERY_TOO_MANY_ERRORS = Problem(
        "meeting.query.too_many_errors", _("%(count)s more errors were left out of this answer.")
    )
    REQUEST_TOO_LARGE = Problem("meeting.request.too_large", _("The request body is larger than %(max)s bytes."))
    REQUEST_NOT_UTF8 = Problem("meeting.request.not_utf8", _("The request body is not valid UTF-8 text."))
    REQUEST_INVALID_JSON = Problem(
        "meeting.request.invalid_json",
        _("The request body is not JSON the GraphQL endpoint reads, or it nests more than %(max)s levels deep."),
    )
    EVENT_NOT_FOUND = Problem("meeting.event.not_found", _("No event exists with the id %(value)s."))
    EVENT_CODE_TAKEN = Problem("meeting.event.code_taken", _("Another event already uses the code %(value)s."))
    EVENT_ENDS_BEFORE_START = Problem("meeting.event.ends_before_start", _("The event must end after it starts."))
    EVENT_CAPACITY_INVALID = Problem(
        "meeting.event.capacity_invalid", _("The capacity must be at least 1, or empty for no limit.")
    )
    EVENT_REGISTRATION_CLOSES_BEFORE_OPENS = Problem(
        "meeting.event.registration_closes_before_opens", _("Registration must close after it opens.")
    )
    EVENT_REGISTRATION_CLOSES_AFTER_END = Problem(
        "meeting.event.registration_closes_after_end", _("Registration must close before the event ends.")
    )
    EVENT_ONLINE_URL_REQUIRED = Problem(
        "meeting.event.online_url_required", _("An online or hybrid event needs an online address.")
    )
    EVENT_LOCATION_NOT_FOUND = Problem(
        "meeting.event.location_not_found", _("No openIMIS location exists with the id %(value)s.")
    )
    EVENT_FINISHED = Problem(
        "meeting.event.finished", _("The event is %(status)s; its details can no longer be changed.")
    )
    EVENT_ILLEGAL_TRANSITION = Problem(
        "meeting.event.illegal_transition", _("An event cannot go from %(current)s to %(target)s.")
    )
    # Messages about personal data never repeat its value: core writes every refused mutation's errors to the server
    # log (and a superuser reads every mutation log); the field and the caller's own input say which value it was.
    INVALID_EMAIL = Problem("meeting.validation.invalid_email", _("The email address is not valid."))
    INVALID_PHONE = Problem(
        "meeting.validation.invalid_phone", _("The phone number is not valid (digits, spaces, + - ( ) only).")
    )
    ORGANISATION_NOT_FOUND = Problem(
        "meeting.organisation.not_found", _("No organisation exists with the id %(value)s.")
    )
    ORGANISATION_NAME_TAKEN = Problem(
        "meeting.organisation.name_taken", _("An organisation named %(value)s already exists in this country.")
    )
    ORGANISATION_IN_USE = Problem(
        "meeting.organisation.in_use", _("The organisation %(value)s still has registered participants.")
    )
    MESSAGE_NOT_FOUND = Problem("meeting.message.not_found", _("No message exists with the id %(value)s."))
    MESSAGE_NO_RECIPIENT = Problem(
        "meeting.message.no_recipient", _("No participant matches these filters and agreed to be contacted.")
    )
    MESSAGE_RECIPIENTS_CHANGED = Problem(
        "meeting.message.recipients_changed",
        _("The message would now go to %(count)s people, not %(expected)s as previewed: look at the preview again."),
    )
    MESSAGE_UNKNOWN_KIND = Problem("meeting.message.unknown_kind", _("%(value)s is not a kind of message."))
    PARTICIPANT_NOT_FOUND = Problem("meeting.participant.not_found", _("No participant exists with the id %(value)s."))
    PARTICIPANT_EMAIL_TAKEN = Problem(
        "meeting.participant.email_taken", _("This email address is already registered for this event.")
    )
    REGISTRATION_CLOSED = Problem(
        "meeting.participant.registration_closed", _("The event does not accept registrations while %(status)s.")
    )
    EVENT_FULL = Problem(
        "meeting.participant.event_full", _("Every seat of this event is taken, and it keeps no waiting list.")
    )
    EVENT_WAITING_LIST_NOT_EMPTY = Problem(
        "meeting.event.waiting_list_not_empty",
        _("%(count)s people are on the waiting list: seat, cancel or withdraw them before turning it off."),
    )
    REGISTRATION_OUTSIDE_WINDOW = Problem(
        "meeting.participant.registration_outside_window", _("Registration for this event is not open at this time.")
    )
    PARTICIPANT_ILLEGAL_TRANSITION = Problem(
        "meeting.participant.illegal_transition", _("A participant cannot go from %(current)s to %(target)s.")
    )
    REJECTION_REASON_REQUIRED = Problem(
        "meeting.participant.rejection_reason_required", _("Give the reason for the rejection.")
    )
    # Retention and erasure (docs/retention.md).
    PARTICIPANT_ERASED = Problem(
        "meeting.participant.erased", _("The personal data of this registration was erased; it no longer changes.")
    )
    PARTICIPANT_ERASE_UNDECIDED = Problem(
        "meeting.participant.erase_undecided",
        _("A registration waiting for approval or for a seat (%(status)s) cannot be erased; withdraw it first."),
    )
    INVALID_DATE = Problem("meeting.validation.invalid_date", _("%(field)s is not a valid date (YYYY-MM-DD)."))
    EVENT_RETENTION_BEFORE_END = Problem(
        "meeting.event.retention_before_end", _("Personal data must be kept at least until the event's last day.")
    )
    CHECKIN_TOKEN_UNKNOWN = Problem("meeting.checkin.token_unknown", _("No registration has this check-in code."))
    CHECKIN_TOKEN_REQUIRED = Problem(
        "meeting.checkin.token_required", _("A QR-code or self check-in names the participant by the badge's code.")
    )
    CHECKIN_TOKEN_MISMATCH = Problem(
        "meeting.checkin.token_mismatch", _("The check-in code belongs to another participant.")
    )
    CHECKIN_OTHER_EVENT = Problem(
        "meeting.checkin.other_event", _("This registration is for another event (%(event)s).")
    )
    CHECKIN_NOT_CONFIRMED = Problem(
        "meeting.checkin.not_confirmed", _("Only confirmed participants can be checked in; this one is %(status)s.")
    )
    CHECKIN_EVENT_NOT_RUNNING = Problem(
        "meeting.checkin.event_not_running", _("Nobody can be checked in while the event is %(status)s.")
    )
    CHECKIN_OUTSIDE_EVENT = Problem(
        "meeting.checkin.outside_event", _("%(day)s is not a day of the event (%(first)s to %(last)s).")
    )
    CHECKIN_IN_FUTURE = Problem("meeting.checkin.in_future", _("A check-in cannot be recorded in the future."))
    CLIENT_MUTATION_ID_REUSED = Problem(
        "meeting.mutation.client_id_reused",
        _("This clientMutationId was already used for a different request; send each new request with a new one."),
    )
    CHECKIN_CLIENT_ID_REUSED = Problem(
        "meeting.checkin.client_id_reused",
        _("This clientMutationId already recorded the check-in of another participant."),
    )
    SCORE_INVALID = Problem("meeting.validation.score_invalid", _("%(field)s must be a whole number from 1 to 5."))
    SYSTEM_NOT_FOUND = Problem("meeting.system.not_found", _("No digital system exists with the id %(value)s."))
    SYSTEM_NAME_TAKEN = Problem(
        "meeting.system.name_taken", _("A digital system named %(value)s already exists in this country.")
    )
    SYSTEM_IN_USE = Problem(
        "meeting.system.in_use", _("The digital system %(value)s is linked by a showcase's integrations.")
    )
    STANDARD_NOT_FOUND = Problem("meeting.standard.not_found", _("No standard exists with the id %(value)s."))
    STANDARD_CODE_TAKEN = Problem("meeting.standard.code_taken", _("Another standard already uses the code %(value)s."))
    STANDARD_IN_USE = Problem(
        "meeting.standard.in_use", _("The standard %(value)s is used by a showcase's integrations.")
    )
    SHOWCASE_NOT_FOUND = Problem("meeting.showcase.not_found", _("No showcase exists with the id %(value)s."))
    SHOWCASE_EVENT_FINISHED = Problem(
        "meeting.showcase.event_finished", _("The event is %(status)s; it takes no more showcases.")
    )
    SHOWCASE_ILLEGAL_TRANSITION = Problem(
        "meeting.showcase.illegal_transition", _("A showcase cannot go from %(current)s to %(target)s.")
    )
    SHOWCASE_REVIEWED = Problem(
        "meeting.showcase.reviewed",
        _(
            "The showcase is %(status)s: what its reviewers read can no longer change (only its presenters and media "
            "links); withdraw it and propose it again to change the rest."
        ),
    )
    SHOWCASE_NOT_EDITABLE = Problem(
        "meeting.showcase.not_editable", _("A showcase cannot be changed while it is %(status)s.")
    )
    SHOWCASE_NOT_YOURS = Problem(
        "meeting.showcase.not_yours", _("Only the person who created the showcase, or an organiser, may do this.")
    )
    SHOWCASE_INCOMPLETE = Problem(
        "meeting.showcase.incomplete", _("A showcase needs %(field)s before it is submitted.")
    )
    SHOWCASE_PRESENTER_OTHER_EVENT = Problem(
        "meeting.showcase.presenter_other_event",
        _("%(value)s is not an active participant of this showcase's event."),
    )
    SHOWCASE_SELF_LINK = Problem("meeting.showcase.self_link", _("An integration links a system to itself."))
    SHOWCASE_TOO_MANY_INTEGRATIONS = Problem(
        "meeting.showcase.too_many_integrations", _("A showcase has at most %(max)s integrations.")
    )
    SHOWCASE_NOT_STARTED = Problem(
        "meeting.showcase.not_started",
        _("This showcase's slot begins at %(starts)s: it can be marked presented once the slot has begun."),
    )
    SHOWCASE_OUTSIDE_EVENT = Problem(
        "meeting.showcase.outside_event", _("A showcase must be scheduled within the event's own dates.")
    )
    SHOWCASE_ENDS_BEFORE_START = Problem(
        "meeting.showcase.ends_before_start", _("The showcase must end after it starts.")
    )
    SHOWCASE_PRESENTER_BUSY = Problem(
        "meeting.showcase.presenter_busy", _("%(person)s already presents %(other)s at that time.")
    )
    SHOWCASE_NOT_REVIEWABLE = Problem(
        "meeting.showcase.not_reviewable", _("A showcase can be reviewed only once submitted; this one is %(status)s.")
    )
    SHOWCASE_OWN_REVIEW = Problem(
        "meeting.showcase.own_review", _("Nobody reviews a showcase they created or present.")
    )
    SHOWCASE_ALREADY_REVIEWED = Problem(
        "meeting.showcase.already_reviewed", _("You have already reviewed this showcase.")
    )
    SHOWCASE_NOT_DECIDABLE = Problem(
        "meeting.showcase.not_decidable", _("A decision needs at least one review; this showcase is %(status)s.")
    )
    SHOWCASE_DECISION_NOTE_REQUIRED = Problem(
        "meeting.showcase.decision_note_required", _("Say why, when rejecting a showcase or asking for a revision.")
    )
    UNKNOWN_LANGUAGE = Problem(
        "meeting.validation.unknown_language", _("%(value)s is not an ISO 639-1 language code such as en or fr.")
    )
    SESSION_NOT_FOUND = Problem("meeting.session.not_found", _("No session exists with the id %(value)s."))
    SESSION_ENDS_BEFORE_START = Problem("meeting.session.ends_before_start", _("The session must end after it starts."))
    SESSION_OUTSIDE_EVENT = Problem(
        "meeting.session.outside_event", _("A session must take place within the event's own dates.")
    )
    SESSION_ROOM_TAKEN = Problem(
        "meeting.session.room_taken", _("The room %(room)s is already booked for %(other)s at that time.")
    )
    SESSION_PERSON_BUSY = Problem(
        "meeting.session.person_busy", _("%(person)s already speaks at or chairs %(other)s at that time.")
    )
    SESSION_PERSON_OTHER_EVENT = Problem(
        "meeting.session.person_other_event", _("%(value)s is not an active participant of this session's event.")
    )
    SESSION_OTHER_EVENT = Problem(
        "meeting.checkin.session_other_event", _("The session belongs to another event than the registration.")
    )
    # The participants' side (public/).
    EVENT_PRIVACY_NOTICE_REQUIRED = Problem(
        "meeting.event.privacy_notice_required",
        _("Public registration needs a privacy notice, in English or French, for people to accept."),
    )
    PUBLIC_REGISTRATION_OFF = Problem(
        "meeting.public.registration_off", _("This event does not take registrations on its public pages.")
    )
    PUBLIC_LINK_INVALID = Problem(
        "meeting.public.link_invalid", _("This link is not valid: it has expired, was already used, or was replaced.")
    )
    PUBLIC_STALE = Problem(
        "meeting.public.stale", _("Your registration changed since this page was shown; look at it again.")
    )
    PUBLIC_TOO_MANY_REQUESTS = Problem(
        "meeting.public.too_many_requests", _("Too many requests were sent from here; try again later.")
    )
    PUBLIC_EVENT_BUSY = Problem(
        "meeting.public.event_busy",
        _("Too many registrations are waiting for their email to be confirmed; try again later."),
    )
    PUBLIC_PRIVACY_NOT_ACCEPTED = Problem(
        "meeting.public.privacy_not_accepted", _("Accept the privacy notice to register.")
    )
    PUBLIC_ROLE_NOT_OFFERED = Problem(
        "meeting.public.role_not_offered", _("This role is given by the organisers; choose another.")
    )
    DOOR_CODE_INVALID = Problem(
        "meeting.public.door_code_invalid", _("This door code is not valid here and now; ask the staff at the door.")
    )
    USER_NOT_FOUND = Problem("meeting.participant.user_not_found", _("No openIMIS user exists with the id %(value)s."))


class MeetingError(Exception):
    """A refusal the caller can act on: one problem, the input field it concerns, and the values it names."""

    def __init__(self, problem: Problem, *, field: str | None = None, **params):
        self.problem = problem
        self.field = field
        self.params = {"field": field, **params}
        super().__init__(self.message)

    @property
    def message(self) -> str:
        text = self.problem.message
        return text % self.params if "%(" in text else text

    def as_dict(self) -> dict:
        """The JSON shape written to the mutation log and returned by REST views."""
        return {"code": self.problem.code, "message": self.message, "field": self.field}


class MeetingNotFound(MeetingError):
    """A refusal because what the request's address names (an event, a badge's token) does not exist: HTTP 404 for
    the REST views. The same problem met as an ordinary input (a filter) stays a MeetingError: 400."""


class MeetingPermissionDenied(MeetingError, PermissionDenied):
    """A refusal for want of authentication or of a right; Django and graphene treat it as PermissionDenied."""
