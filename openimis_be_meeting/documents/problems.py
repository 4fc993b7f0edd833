"""The refusals of the documents, with their stable codes (kept here, beside errors.Problems, for the documents)."""

from django.utils.translation import gettext_lazy as _

from ..errors import Problem


class DocumentProblems:
    NO_BADGE = Problem(
        "meeting.documents.no_badge", _("Only confirmed participants get a badge; this one is %(status)s.")
    )
    BADGE_STATUS = Problem("meeting.documents.badge_status", _("Badges are printed only for confirmed participants."))
    PARTICIPANT_NOT_FOUND = Problem("meeting.documents.participant_not_found", _("No such participant."))
    TOO_MANY_BADGES = Problem(
        "meeting.documents.too_many_badges", _("At most %(max)s badges may be printed in one file.")
    )
    NOT_ENOUGH_DAYS = Problem(
        "meeting.documents.not_enough_attendance",
        _("A certificate needs presence on at least %(needed)s day(s); %(person)s was present on %(attended)s."),
    )
    NOT_ENOUGH_SESSIONS = Problem(
        "meeting.documents.not_enough_attendance",
        _("A certificate needs %(needed)s%% of the sessions; %(person)s attended %(attended)s of %(total)s."),
    )
    NO_CERTIFICATE_YET = Problem(
        "meeting.documents.event_not_over", _("Certificates are issued once the event is under way or completed.")
    )
    BULK_NEEDS_COMPLETED = Problem(
        "meeting.documents.bulk_needs_completed", _("Certificates are issued in bulk once the event is completed.")
    )
    NO_LIVE_CERTIFICATE = Problem("meeting.documents.no_certificate", _("This participant has no valid certificate."))
    REASON_REQUIRED = Problem("meeting.documents.reason_required", _("Say why."))
    INVALID_PERCENT = Problem("meeting.documents.invalid_percent", _("%(field)s must be between 1 and 100."))
    NOT_CERTIFIED_STATUS = Problem(
        "meeting.documents.not_certified_status",
        _("Only participants who held a seat get a certificate; this one is %(status)s."),
    )
    LETTER_NOT_FOUND = Problem("meeting.documents.letter_not_found", _("No such visa letter request."))
    LETTER_NEEDS_SEAT = Problem(
        "meeting.documents.letter_needs_seat",
        _("Only confirmed participants can be invited; this one is %(status)s."),
    )
    LETTER_ALREADY_REQUESTED = Problem(
        "meeting.documents.letter_already_requested", _("A letter was already asked for and awaits a decision.")
    )
    LETTER_DECIDED = Problem("meeting.documents.letter_decided", _("This request was already %(status)s."))
    LETTER_NOT_APPROVED = Problem("meeting.documents.letter_not_approved", _("This letter was not approved."))
    LETTER_ERASED = Problem(
        "meeting.documents.letter_erased", _("The passport details of this letter were erased (retention date).")
    )
    INVALID_PASSPORT = Problem(
        "meeting.documents.invalid_passport", _("A passport number has 5 to 20 letters and digits.")
    )
    INVALID_DATE = Problem("meeting.documents.invalid_date", _("%(field)s is not a valid date (YYYY-MM-DD)."))
    BIRTH_IN_FUTURE = Problem("meeting.documents.birth_in_future", _("The date of birth must be in the past."))
    PASSPORT_EXPIRES = Problem(
        "meeting.documents.passport_expires", _("The passport must be valid until the end of the event (%(day)s).")
    )
