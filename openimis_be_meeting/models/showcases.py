"""Interoperability showcases: the systems and standards they link, the showcases, their integrations and reviews."""

from core import models as core_models
from core.models.history_model import HistoryModelManager
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Upper
from django.utils.translation import gettext_lazy as _

from .content import InLanguage
from .events import Event
from .participants import Organisation, Participant
from .reading import LiveQuerySet, ReadableMixin


class SystemType(models.TextChoices):
    OPENIMIS = "OPENIMIS", _("openIMIS instance")
    DHIS2 = "DHIS2", _("DHIS2")
    SOCIAL_REGISTRY = "SOCIAL_REGISTRY", _("Social registry")
    PBF_PLATFORM = "PBF_PLATFORM", _("Performance Based Financing platform")
    FHIR_SERVER = "FHIR_SERVER", _("FHIR server")
    EMR = "EMR", _("Electronic medical record")
    CIVIL_REGISTRATION = "CIVIL_REGISTRATION", _("Civil registration")
    ID_SYSTEM = "ID_SYSTEM", _("ID system")
    PAYMENT = "PAYMENT", _("Payment / mobile money")
    OTHER = "OTHER", _("Other")


class DeploymentStage(models.TextChoices):
    CONCEPT = "CONCEPT", _("Concept")
    PILOT = "PILOT", _("Pilot")
    PRODUCTION = "PRODUCTION", _("Production")
    NATIONAL_SCALE = "NATIONAL_SCALE", _("National scale")


class DigitalSystem(ReadableMixin, core_models.HistoryModel):
    """A system openIMIS exchanges data with (or an openIMIS instance), reused across events."""

    USE_CACHE = False

    name = models.CharField(_("name"), max_length=255)
    system_type = models.CharField(_("type"), max_length=32, choices=SystemType.choices)
    owner = models.ForeignKey(
        Organisation, models.DO_NOTHING, null=True, blank=True, related_name="systems", verbose_name=_("owner")
    )
    country = models.CharField(_("country"), max_length=2, blank=True, default="")
    # Not `version`: HistoryModel's `version` counts the row's changes.
    software_version = models.CharField(_("version"), max_length=64, blank=True, default="")
    deployment_stage = models.CharField(_("deployment stage"), max_length=16, choices=DeploymentStage.choices)
    url = models.URLField(_("address"), max_length=500, blank=True, default="")

    objects = HistoryModelManager.from_queryset(LiveQuerySet)()

    class Meta:
        verbose_name = _("digital system")
        verbose_name_plural = _("digital systems")
        constraints = [
            models.UniqueConstraint(
                Upper("name"), "country", condition=Q(is_deleted=False), name="meeting_system_live_name_uniq"
            )
        ]

    def __str__(self):
        return self.name


class StandardFamily(models.TextChoices):
    HL7_FHIR = "HL7_FHIR", _("HL7 FHIR")
    DHIS2_API = "DHIS2_API", _("DHIS2 Web API / ADX")
    SP_DCI = "SP_DCI", _("SP-DCI")
    OPENHIE = "OPENHIE", _("OpenHIE")
    GOVSTACK = "GOVSTACK", _("GovStack")
    REST_OPENAPI = "REST_OPENAPI", _("REST / OpenAPI")
    FILE = "FILE", _("CSV / file")
    OTHER = "OTHER", _("Other")


class Standard(ReadableMixin, core_models.HistoryModel):
    """A standard or interface data is exchanged by."""

    USE_CACHE = False

    code = models.CharField(_("code"), max_length=64)
    name = models.CharField(_("name"), max_length=255)
    standard_version = models.CharField(_("version"), max_length=64, blank=True, default="")
    family = models.CharField(_("family"), max_length=16, choices=StandardFamily.choices)

    objects = HistoryModelManager.from_queryset(LiveQuerySet)()

    class Meta:
        verbose_name = _("standard")
        verbose_name_plural = _("standards")
        constraints = [
            models.UniqueConstraint(
                Upper("code"), condition=Q(is_deleted=False), name="meeting_standard_live_code_uniq"
            )
        ]

    def __str__(self):
        return self.code


class ShowcaseStatus(models.TextChoices):
    DRAFT = "DRAFT", _("Draft")
    SUBMITTED = "SUBMITTED", _("Submitted")
    UNDER_REVIEW = "UNDER_REVIEW", _("Under review")
    REVISION_REQUESTED = "REVISION_REQUESTED", _("Revision requested")
    ACCEPTED = "ACCEPTED", _("Accepted")
    REJECTED = "REJECTED", _("Rejected")
    SCHEDULED = "SCHEDULED", _("Scheduled")
    PRESENTED = "PRESENTED", _("Presented")
    WITHDRAWN = "WITHDRAWN", _("Withdrawn")


class SchemeType(models.TextChoices):
    HEALTH_INSURANCE = "HEALTH_INSURANCE", _("Health insurance")
    FEE_EXEMPTION = "FEE_EXEMPTION", _("Fee exemption / elimination")
    HEALTH_VOUCHER = "HEALTH_VOUCHER", _("Health voucher")
    CASH_TRANSFER = "CASH_TRANSFER", _("Cash transfer")
    SOCIAL_PROTECTION = "SOCIAL_PROTECTION", _("Other social protection")
    OTHER = "OTHER", _("Other")


class UseCase(models.TextChoices):
    ENROLMENT = "ENROLMENT", _("Enrolment")
    ELIGIBILITY = "ELIGIBILITY", _("Eligibility check")
    CLAIMS = "CLAIMS", _("Claims")
    PAYMENT = "PAYMENT", _("Payment")
    BENEFICIARY_SYNC = "BENEFICIARY_SYNC", _("Beneficiary sync")
    REPORTING = "REPORTING", _("Reporting")
    REFERRAL = "REFERRAL", _("Referral")


class DemoType(models.TextChoices):
    LIVE = "LIVE", _("Live demonstration")
    RECORDED = "RECORDED", _("Recorded")
    SLIDES = "SLIDES", _("Slides")


class CodeListField(models.CharField):
    """A set of codes stored as ",A,B," so that `contains=",A,"` finds it on SQLite and PostgreSQL alike."""

    def from_db_value(self, value, expression, connection):
        return [code for code in (value or "").split(",") if code]

    def to_python(self, value):
        if isinstance(value, list):
            return value
        return [code for code in (value or "").split(",") if code]

    def get_prep_value(self, value):
        if isinstance(value, str):  # a lookup value, already in the stored form
            return value
        return f",{','.join(value)}," if value else ""


class Showcase(ReadableMixin, core_models.HistoryModel):
    """A demonstration, at an event, of openIMIS exchanging data with other systems."""

    USE_CACHE = False

    event = models.ForeignKey(Event, models.DO_NOTHING, related_name="showcases", verbose_name=_("event"))
    title = models.CharField(_("title"), max_length=255)
    title_fr = models.CharField(_("title (French)"), max_length=255, blank=True, default="")
    abstract = models.TextField(_("abstract"), blank=True, default="")
    abstract_fr = models.TextField(_("abstract (French)"), blank=True, default="")
    lead_organisation = models.ForeignKey(
        Organisation, models.DO_NOTHING, related_name="led_showcases", verbose_name=_("lead organisation")
    )
    partner_organisations = models.ManyToManyField(
        Organisation, related_name="partner_showcases", blank=True, verbose_name=_("partner organisations")
    )
    presenters = models.ManyToManyField(Participant, related_name="showcases", blank=True, verbose_name=_("presenters"))
    scheme_name = models.CharField(_("scheme"), max_length=255, blank=True, default="")
    scheme_type = models.CharField(_("scheme type"), max_length=32, choices=SchemeType.choices, blank=True, default="")
    use_cases = CodeListField(_("use cases"), max_length=255, blank=True, default="")
    countries = CodeListField(_("countries"), max_length=255, blank=True, default="")
    demo_type = models.CharField(_("demo type"), max_length=16, choices=DemoType.choices, default=DemoType.LIVE)
    media_links = models.JSONField(_("media links"), default=list, blank=True)
    starts_at = models.DateTimeField(_("starts at"), null=True, blank=True)
    ends_at = models.DateTimeField(_("ends at"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=32, choices=ShowcaseStatus.choices)
    decision_note = models.TextField(_("decision note"), blank=True, default="")
    # Each submission after a requested revision opens a new round: reviewers score the revised showcase afresh.
    review_round = models.PositiveSmallIntegerField(_("review round"), default=1)
    status_changed_at = models.DateTimeField(_("status changed at"))

    local_title = InLanguage("title")
    local_abstract = InLanguage("abstract")

    objects = HistoryModelManager.from_queryset(LiveQuerySet)()

    class Meta:
        verbose_name = _("showcase")
        verbose_name_plural = _("showcases")
        indexes = [models.Index(fields=["event", "status"], name="meeting_showcase_status_idx")]

    def __str__(self):
        return self.title


class Direction(models.TextChoices):
    PUSH = "PUSH", _("Push (source sends)")
    PULL = "PULL", _("Pull (target fetches)")
    BOTH = "BOTH", _("Both ways")


class ExchangeMode(models.TextChoices):
    REAL_TIME = "REAL_TIME", _("Real time")
    BATCH = "BATCH", _("Batch")


class EvidenceLevel(models.TextChoices):
    """How far a link has come, weakest first; the order is the ranking used by the matrix."""

    CLAIMED = "CLAIMED", _("Claimed")
    DEMONSTRATED = "DEMONSTRATED", _("Demonstrated live")
    CONFORMANCE_TESTED = "CONFORMANCE_TESTED", _("Conformance tested")
    IN_PRODUCTION = "IN_PRODUCTION", _("In production")


EVIDENCE_RANK = {level: rank for rank, level in enumerate(EvidenceLevel.values)}


class Integration(core_models.UUIDModel):
    """One data exchange a showcase demonstrates: an edge from a source system to a target system."""

    showcase = models.ForeignKey(Showcase, models.DO_NOTHING, related_name="integrations", verbose_name=_("showcase"))
    source_system = models.ForeignKey(
        DigitalSystem, models.DO_NOTHING, related_name="outgoing", verbose_name=_("source system")
    )
    target_system = models.ForeignKey(
        DigitalSystem, models.DO_NOTHING, related_name="incoming", verbose_name=_("target system")
    )
    direction = models.CharField(_("direction"), max_length=8, choices=Direction.choices)
    standard = models.ForeignKey(Standard, models.DO_NOTHING, related_name="integrations", verbose_name=_("standard"))
    data_exchanged = models.CharField(_("data exchanged"), max_length=500, blank=True, default="")
    mode = models.CharField(_("mode"), max_length=16, choices=ExchangeMode.choices)
    evidence_level = models.CharField(_("evidence level"), max_length=32, choices=EvidenceLevel.choices)
    conformance_reference = models.CharField(_("conformance reference"), max_length=500, blank=True, default="")
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("integration")
        verbose_name_plural = _("integrations")
        constraints = [
            models.CheckConstraint(check=~Q(source_system=models.F("target_system")), name="meeting_integration_pair")
        ]


class Recommendation(models.TextChoices):
    ACCEPT = "ACCEPT", _("Accept")
    REVISE = "REVISE", _("Ask for a revision")
    REJECT = "REJECT", _("Reject")


_SCORE = [MinValueValidator(1), MaxValueValidator(5)]


class Review(core_models.UUIDModel):
    """One reviewer's scores (1 to 5) and recommendation for one showcase."""

    showcase = models.ForeignKey(Showcase, models.DO_NOTHING, related_name="reviews", verbose_name=_("showcase"))
    reviewer = models.ForeignKey("core.User", models.DO_NOTHING, related_name="+", verbose_name=_("reviewer"))
    round = models.PositiveSmallIntegerField(_("review round"), default=1)
    relevance = models.PositiveSmallIntegerField(_("relevance to the community"), validators=_SCORE)
    depth = models.PositiveSmallIntegerField(_("depth of interoperability"), validators=_SCORE)
    reusability = models.PositiveSmallIntegerField(_("reusability"), validators=_SCORE)
    country_impact = models.PositiveSmallIntegerField(_("country impact"), validators=_SCORE)
    comment = models.TextField(_("comment"), blank=True, default="")
    recommendation = models.CharField(_("recommendation"), max_length=8, choices=Recommendation.choices)
    reviewed_at = models.DateTimeField(_("reviewed at"))

    class Meta:
        verbose_name = _("review")
        verbose_name_plural = _("reviews")
        constraints = [
            models.UniqueConstraint(fields=["showcase", "reviewer", "round"], name="meeting_review_once"),
            *[
                models.CheckConstraint(check=Q(**{f"{score}__gte": 1, f"{score}__lte": 5}), name=f"meeting_{score}_1_5")
                for score in ("relevance", "depth", "reusability", "country_impact")
            ],
        ]


class ShowcaseMutation(core_models.UUIDModel, core_models.ObjectMutation):
    showcase = models.ForeignKey(Showcase, models.DO_NOTHING, related_name="mutations")
    mutation = models.ForeignKey(core_models.MutationLog, models.DO_NOTHING, related_name="meeting_showcases")


class DigitalSystemMutation(core_models.UUIDModel, core_models.ObjectMutation):
    system = models.ForeignKey(DigitalSystem, models.DO_NOTHING, related_name="mutations")
    mutation = models.ForeignKey(core_models.MutationLog, models.DO_NOTHING, related_name="meeting_systems")


class StandardMutation(core_models.UUIDModel, core_models.ObjectMutation):
    standard = models.ForeignKey(Standard, models.DO_NOTHING, related_name="mutations")
    mutation = models.ForeignKey(core_models.MutationLog, models.DO_NOTHING, related_name="meeting_standards")
