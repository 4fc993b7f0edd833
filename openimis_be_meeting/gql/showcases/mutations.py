"""GraphQL mutations of the interoperability side: digital systems, standards and showcases."""

import graphene
from core.schema import OpenIMISMutation

from ...models import DigitalSystemMutation, ShowcaseMutation, StandardMutation
from ...services import DigitalSystemService, ShowcaseService, StandardService
from ..base.mutation import INSTANT, MeetingMutation
from .types import (
    MeetingDemoTypeEnum,
    MeetingDeploymentStageEnum,
    MeetingDirectionEnum,
    MeetingEvidenceLevelEnum,
    MeetingExchangeModeEnum,
    MeetingRecommendationEnum,
    MeetingSchemeTypeEnum,
    MeetingShowcaseDecisionEnum,
    MeetingStandardFamilyEnum,
    MeetingSystemTypeEnum,
    MeetingUseCaseEnum,
)


class DigitalSystemFields:
    name = graphene.String()
    system_type = MeetingSystemTypeEnum()
    owner_id = graphene.String(description="UUID of the owning meeting organisation.")
    country = graphene.String(description="ISO 3166-1 alpha-2 code.")
    software_version = graphene.String(description="The system's software version, e.g. 24.04.")
    deployment_stage = MeetingDeploymentStageEnum()
    url = graphene.String()


class StandardFields:
    code = graphene.String()
    name = graphene.String()
    standard_version = graphene.String(description="The standard's version, e.g. R4.")
    family = MeetingStandardFamilyEnum()


class _IdsInput(OpenIMISMutation.Input):
    ids = graphene.List(graphene.String, description="UUIDs; all of them are deleted, or none.")


class CreateMeetingDigitalSystemMutation(MeetingMutation):
    _mutation_class = "CreateMeetingDigitalSystemMutation"
    service_class, service_method = DigitalSystemService, "create"
    link_model, link_field = DigitalSystemMutation, "system"

    class Input(DigitalSystemFields, OpenIMISMutation.Input):
        pass


class UpdateMeetingDigitalSystemMutation(MeetingMutation):
    _mutation_class = "UpdateMeetingDigitalSystemMutation"
    service_class, service_method = DigitalSystemService, "update"
    link_model, link_field = DigitalSystemMutation, "system"

    class Input(DigitalSystemFields, OpenIMISMutation.Input):
        id = graphene.String(description="UUID of the digital system.")


class DeleteMeetingDigitalSystemMutation(MeetingMutation):
    """Soft-delete systems that no live showcase's integration links."""

    _mutation_class = "DeleteMeetingDigitalSystemMutation"
    service_class, service_method = DigitalSystemService, "delete"

    class Input(_IdsInput):
        pass


class CreateMeetingStandardMutation(MeetingMutation):
    _mutation_class = "CreateMeetingStandardMutation"
    service_class, service_method = StandardService, "create"
    link_model, link_field = StandardMutation, "standard"

    class Input(StandardFields, OpenIMISMutation.Input):
        pass


class UpdateMeetingStandardMutation(MeetingMutation):
    _mutation_class = "UpdateMeetingStandardMutation"
    service_class, service_method = StandardService, "update"
    link_model, link_field = StandardMutation, "standard"

    class Input(StandardFields, OpenIMISMutation.Input):
        id = graphene.String(description="UUID of the standard.")


class DeleteMeetingStandardMutation(MeetingMutation):
    """Soft-delete standards that no live showcase's integration uses."""

    _mutation_class = "DeleteMeetingStandardMutation"
    service_class, service_method = StandardService, "delete"

    class Input(_IdsInput):
        pass


class MeetingIntegrationInputType(graphene.InputObjectType):
    source_system_id = graphene.String(required=True)
    target_system_id = graphene.String(required=True)
    direction = MeetingDirectionEnum(required=True)
    standard_id = graphene.String(required=True)
    data_exchanged = graphene.String()
    mode = MeetingExchangeModeEnum(required=True)
    evidence_level = MeetingEvidenceLevelEnum(required=True)
    conformance_reference = graphene.String()


class ShowcaseFields:
    title = graphene.String(description="The title in English, or the only one written.")
    title_fr = graphene.String(description="The title in French (not reviewed content: it may be added once accepted).")
    abstract = graphene.String(description="The abstract in English, or the only one written.")
    abstract_fr = graphene.String(description="The abstract in French (not reviewed content).")
    lead_organisation_id = graphene.String(description="UUID of a meeting organisation.")
    partner_organisation_ids = graphene.List(graphene.String, description="Replaces the list when given.")
    presenter_ids = graphene.List(
        graphene.String, description="UUIDs of active participants of the same event; replaces the list when given."
    )
    scheme_name = graphene.String()
    scheme_type = MeetingSchemeTypeEnum()
    use_cases = graphene.List(MeetingUseCaseEnum)
    countries = graphene.List(graphene.String, description="ISO 3166-1 alpha-2 codes.")
    demo_type = MeetingDemoTypeEnum()
    media_links = graphene.List(graphene.String, description="http(s) addresses of slides, videos, repositories.")
    integrations = graphene.List(MeetingIntegrationInputType, description="Replaces the list when given.")


class ShowcaseMutationBase(MeetingMutation):
    link_model, link_field = ShowcaseMutation, "showcase"
    service_class = ShowcaseService

    class Meta:
        abstract = True


class _ShowcaseIdInput(OpenIMISMutation.Input):
    id = graphene.String(description="UUID of the showcase.")


class CreateMeetingShowcaseMutation(ShowcaseMutationBase):
    """Propose a showcase for an event (DRAFT)."""

    _mutation_class = "CreateMeetingShowcaseMutation"
    service_method = "create"

    class Input(ShowcaseFields, OpenIMISMutation.Input):
        event_id = graphene.String(description="UUID of the event.")


class UpdateMeetingShowcaseMutation(ShowcaseMutationBase):
    _mutation_class = "UpdateMeetingShowcaseMutation"
    service_method = "update"

    class Input(ShowcaseFields, _ShowcaseIdInput):
        pass


class DeleteMeetingShowcaseMutation(ShowcaseMutationBase):
    _mutation_class = "DeleteMeetingShowcaseMutation"
    service_method = "delete"
    link_model = None

    class Input(_IdsInput):
        pass


class SubmitMeetingShowcaseMutation(ShowcaseMutationBase):
    _mutation_class = "SubmitMeetingShowcaseMutation"
    service_method = "submit"

    class Input(_ShowcaseIdInput):
        pass


class WithdrawMeetingShowcaseMutation(ShowcaseMutationBase):
    _mutation_class = "WithdrawMeetingShowcaseMutation"
    service_method = "withdraw"

    class Input(_ShowcaseIdInput):
        pass


class ReviewMeetingShowcaseMutation(ShowcaseMutationBase):
    """Score a showcase 1-5 on four criteria, with a comment and a recommendation; once per reviewer."""

    _mutation_class = "ReviewMeetingShowcaseMutation"
    service_method = "review"

    class Input(_ShowcaseIdInput):
        relevance = graphene.Int()
        depth = graphene.Int()
        reusability = graphene.Int()
        country_impact = graphene.Int()
        comment = graphene.String()
        recommendation = MeetingRecommendationEnum()


class DecideMeetingShowcaseMutation(ShowcaseMutationBase):
    _mutation_class = "DecideMeetingShowcaseMutation"
    service_method = "decide"

    class Input(_ShowcaseIdInput):
        decision = MeetingShowcaseDecisionEnum()
        note = graphene.String(description="Required when rejecting or asking for a revision.")


class ScheduleMeetingShowcaseMutation(ShowcaseMutationBase):
    _mutation_class = "ScheduleMeetingShowcaseMutation"
    service_method = "schedule"

    class Input(_ShowcaseIdInput):
        starts_at = graphene.String(description=INSTANT)
        ends_at = graphene.String(description=INSTANT)


class MarkMeetingShowcasePresentedMutation(ShowcaseMutationBase):
    _mutation_class = "MarkMeetingShowcasePresentedMutation"
    service_method = "mark_presented"

    class Input(_ShowcaseIdInput):
        pass
