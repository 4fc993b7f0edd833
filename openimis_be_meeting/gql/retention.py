"""GraphQL of retention: erasing one person's personal data on request (docs/retention.md)."""

import graphene
from core.schema import OpenIMISMutation

from ..models import ParticipantMutation
from ..services import RetentionService
from .base.mutation import MeetingMutation


class EraseMeetingParticipantMutation(MeetingMutation):
    """Erase a participant's personal data now, in every store: names become a pseudonym, the rest is emptied; the
    registration still counts in the statistics. Needs the erasure right; erasing again changes nothing."""

    _mutation_class = "EraseMeetingParticipantMutation"
    service_class, service_method = RetentionService, "erase"
    link_model, link_field = ParticipantMutation, "participant"

    class Input(OpenIMISMutation.Input):
        id = graphene.String(description="UUID of the participant.")
