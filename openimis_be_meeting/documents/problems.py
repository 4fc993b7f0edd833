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
