"""GraphQL types of the interoperability side: systems, standards, showcases, their integrations, reviews, and the
interoperability matrix."""

import graphene
from core.utils import ExtendedConnection

from ...models import (
    DemoType,
    DeploymentStage,
    DigitalSystem,
    Direction,
    EvidenceLevel,
    ExchangeMode,
    Recommendation,
    SchemeType,
    Showcase,
    ShowcaseStatus,
    Standard,
    StandardFamily,
    SystemType,
    UseCase,
)
from ...permissions import Action, can
from ...selectors import lists
from ...selectors.filters import DigitalSystemFilter, ShowcaseFilter, StandardFilter
from ...timeutils import from_storage, zone_or_none
from ..base.content import as_written_in_english, in_caller_language
from ..base.rights import GuardedObjectType
from ..enums import enum_of
from ..participants import MeetingProgrammePersonGQLType
from ..summaries import MeetingEventSummaryGQLType, MeetingOrganisationSummaryGQLType

MeetingSystemTypeEnum = enum_of("MeetingSystemTypeEnum", SystemType)
MeetingDeploymentStageEnum = enum_of("MeetingDeploymentStageEnum", DeploymentStage)
MeetingStandardFamilyEnum = enum_of("MeetingStandardFamilyEnum", StandardFamily)
MeetingShowcaseStatusEnum = enum_of("MeetingShowcaseStatusEnum", ShowcaseStatus)
MeetingSchemeTypeEnum = enum_of("MeetingSchemeTypeEnum", SchemeType)
MeetingUseCaseEnum = enum_of("MeetingUseCaseEnum", UseCase)
MeetingDemoTypeEnum = enum_of("MeetingDemoTypeEnum", DemoType)
MeetingDirectionEnum = enum_of("MeetingDirectionEnum", Direction)
MeetingExchangeModeEnum = enum_of("MeetingExchangeModeEnum", ExchangeMode)
MeetingEvidenceLevelEnum = enum_of("MeetingEvidenceLevelEnum", EvidenceLevel)
MeetingRecommendationEnum = enum_of("MeetingRecommendationEnum", Recommendation)
MeetingShowcaseDecisionEnum = graphene.Enum(
    "MeetingShowcaseDecisionEnum", [(code, code) for code in ("ACCEPTED", "REJECTED", "REVISION_REQUESTED")]
)


class MeetingDigitalSystemGQLType(GuardedObjectType):
    reader = staticmethod(lists.showcase_catalogue_for)

    uuid = graphene.String()
    system_type = graphene.Field(MeetingSystemTypeEnum)
    deployment_stage = graphene.Field(MeetingDeploymentStageEnum)
    owner = graphene.Field(MeetingOrganisationSummaryGQLType)

    class Meta:
        model = DigitalSystem
        interfaces = (graphene.relay.Node,)
        fields = ("id", "name", "country", "software_version", "url", "version", "date_created", "date_updated")
        filterset_class = DigitalSystemFilter
        connection_class = ExtendedConnection
        convert_choices_to_enum = False

    def resolve_uuid(system, info):
        return str(system.id)


class MeetingStandardGQLType(GuardedObjectType):
    reader = staticmethod(lists.showcase_catalogue_for)

    uuid = graphene.String()
    family = graphene.Field(MeetingStandardFamilyEnum)

    class Meta:
        model = Standard
        interfaces = (graphene.relay.Node,)
        fields = ("id", "code", "name", "standard_version", "version", "date_created", "date_updated")
        filterset_class = StandardFilter
        connection_class = ExtendedConnection
        convert_choices_to_enum = False

    def resolve_uuid(standard, info):
        return str(standard.id)


class MeetingIntegrationGQLType(graphene.ObjectType):
    """One data exchange of a showcase: source system to target system."""

    source_system = graphene.Field(MeetingDigitalSystemGQLType)
    target_system = graphene.Field(MeetingDigitalSystemGQLType)
    direction = graphene.Field(MeetingDirectionEnum)
    standard = graphene.Field(MeetingStandardGQLType)
    data_exchanged = graphene.String()
    mode = graphene.Field(MeetingExchangeModeEnum)
    evidence_level = graphene.Field(MeetingEvidenceLevelEnum)
    conformance_reference = graphene.String()


class MeetingReviewScoresGQLType(graphene.ObjectType):
    relevance = graphene.Float()
    depth = graphene.Float()
    reusability = graphene.Float()
    country_impact = graphene.Float()
    overall = graphene.Float(description="The mean of the four means.")


class MeetingReviewGQLType(graphene.ObjectType):
    reviewer = graphene.String(description="Username of the reviewer.")
    round = graphene.Int(description="The review round (1, then one more for each revised submission).")
    relevance = graphene.Int()
    depth = graphene.Int()
    reusability = graphene.Int()
    country_impact = graphene.Int()
    comment = graphene.String()
    recommendation = graphene.Field(MeetingRecommendationEnum)
    reviewed_at = graphene.DateTime()

    def resolve_reviewer(review, info):
        return review.reviewer.username

    def resolve_reviewed_at(review, info):
        return from_storage(review.reviewed_at)


def _for_deciders(resolve):
    """Review results go only to callers with the decide right; everyone else sees null."""

    def guarded(showcase, info):
        return resolve(showcase) if can(info.context.user, Action.DECIDE_SHOWCASES) else None

    return guarded


def _current_reviews(showcase) -> list:
    """The reviews of the showcase's current round (earlier rounds scored an earlier version)."""
    return [review for review in showcase.reviews.all() if review.round == showcase.review_round]


def _mean_scores(showcase):
    reviews = _current_reviews(showcase)
    if not reviews:
        return None
    keys = ("relevance", "depth", "reusability", "country_impact")
    means = {key: round(sum(getattr(r, key) for r in reviews) / len(reviews), 2) for key in keys}
    means["overall"] = round(sum(means.values()) / len(keys), 2)
    return means


class MeetingShowcaseGQLType(GuardedObjectType):
    """A showcase; review count, mean scores and reviews are null without the decide right (217006)."""

    reader = staticmethod(lists.showcases_for)

    uuid = graphene.String()
    event = graphene.Field(MeetingEventSummaryGQLType, description="The full event needs 215001 (meetingEvents).")
    title = in_caller_language("title", "title")
    title_en = as_written_in_english("title", "title")
    abstract = in_caller_language("abstract", "abstract")
    abstract_en = as_written_in_english("abstract", "abstract")
    status = graphene.Field(MeetingShowcaseStatusEnum)
    scheme_type = graphene.Field(MeetingSchemeTypeEnum)
    demo_type = graphene.Field(MeetingDemoTypeEnum)
    use_cases = graphene.List(MeetingUseCaseEnum)
    countries = graphene.List(graphene.String)
    media_links = graphene.List(graphene.String)
    lead_organisation = graphene.Field(MeetingOrganisationSummaryGQLType)
    partner_organisations = graphene.List(MeetingOrganisationSummaryGQLType)
    presenters = graphene.List(MeetingProgrammePersonGQLType)
    integrations = graphene.List(MeetingIntegrationGQLType)
    starts_at = graphene.DateTime()
    ends_at = graphene.DateTime()
    status_changed_at = graphene.DateTime()
    review_count = graphene.Int(
        description="Reviews of the current round.",
        resolver=_for_deciders(lambda showcase: len(_current_reviews(showcase))),
    )
    mean_scores = graphene.Field(MeetingReviewScoresGQLType, resolver=_for_deciders(_mean_scores))
    reviews = graphene.List(
        MeetingReviewGQLType, description="Every round's reviews.", resolver=_for_deciders(lambda s: s.reviews.all())
    )

    class Meta:
        model = Showcase
        interfaces = (graphene.relay.Node,)
        fields = (
            "id",
            "title",
            "title_fr",
            "abstract",
            "abstract_fr",
            "scheme_name",
            "decision_note",
            "review_round",
            "version",
            "date_created",
            "date_updated",
        )
        filterset_class = ShowcaseFilter
        connection_class = ExtendedConnection
        convert_choices_to_enum = False

    def resolve_uuid(showcase, info):
        return str(showcase.id)

    def resolve_scheme_type(showcase, info):
        return showcase.scheme_type or None  # saved without one: null, not a blank the enum cannot show

    def resolve_partner_organisations(showcase, info):
        return showcase.partner_organisations.all()

    def resolve_presenters(showcase, info):
        return lists.programme_people(showcase.presenters.all())

    def resolve_integrations(showcase, info):
        return showcase.integrations.all()

    def resolve_starts_at(showcase, info):
        return from_storage(showcase.starts_at, zone_or_none(showcase.event.timezone))

    def resolve_ends_at(showcase, info):
        return from_storage(showcase.ends_at, zone_or_none(showcase.event.timezone))

    def resolve_status_changed_at(showcase, info):
        return from_storage(showcase.status_changed_at)


class MeetingMatrixProgressGQLType(graphene.ObjectType):
    event = graphene.Field(MeetingEventSummaryGQLType)
    best_evidence_level = graphene.Field(MeetingEvidenceLevelEnum)
    showcase_count = graphene.Int()


class MeetingMatrixPairGQLType(graphene.ObjectType):
    """Two systems shown exchanging data (in either direction)."""

    system_a = graphene.Field(MeetingDigitalSystemGQLType)
    system_b = graphene.Field(MeetingDigitalSystemGQLType)
    standards = graphene.List(MeetingStandardGQLType)
    directions = graphene.List(graphene.String, description="A_TO_B, B_TO_A or BOTH.")
    best_evidence_level = graphene.Field(MeetingEvidenceLevelEnum)
    showcase_count = graphene.Int()
    showcase_ids = graphene.List(graphene.String)
    progress = graphene.List(MeetingMatrixProgressGQLType, description="The best level per event, in date order.")


class MeetingMatrixSystemStandardGQLType(graphene.ObjectType):
    system = graphene.Field(MeetingDigitalSystemGQLType)
    standard = graphene.Field(MeetingStandardGQLType)
    best_evidence_level = graphene.Field(MeetingEvidenceLevelEnum)
    showcase_count = graphene.Int()
    showcase_ids = graphene.List(graphene.String)
    progress = graphene.List(MeetingMatrixProgressGQLType)


class MeetingInteroperabilityMatrixGQLType(graphene.ObjectType):
    pairs = graphene.List(MeetingMatrixPairGQLType)
    by_system_standard = graphene.List(MeetingMatrixSystemStandardGQLType)
