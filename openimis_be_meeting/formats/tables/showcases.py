"""The showcases export: one row per showcase, with its integrations, reviews and decision."""

from django.db.models import F, Prefetch
from django.db.models.functions import Lower

from ...models import (
    DemoType,
    Direction,
    EvidenceLevel,
    ExchangeMode,
    Integration,
    Organisation,
    Review,
    SchemeType,
    Showcase,
    ShowcaseStatus,
    UseCase,
)
from ...permissions import Action, can
from ...selectors import lists
from ...selectors.filters import ShowcaseFilter
from ...timeutils import zone_or_none
from ..country_names import country_name
from .agenda import people
from .base import CHUNK_SIZE, Column, Table, full_name, label
from .params import choice_param, codes_param, country_param, filtered, text_param, uuid_param


def _integration_text(link: Integration) -> str:
    arrow = "↔" if link.direction == Direction.BOTH else "→"
    details = ", ".join(
        str(part)
        for part in (link.standard.code, label(ExchangeMode, link.mode), label(EvidenceLevel, link.evidence_level))
    )
    return f"{link.source_system.name} {arrow} {link.target_system.name} ({details})"


def _current_reviews(showcase) -> list:
    return [review for review in showcase.reviews.all() if review.round == showcase.review_round]


def _mean_score(showcase) -> float | None:
    """The mean of the four mean scores of the current round, as the GraphQL meanScores.overall."""
    reviews = _current_reviews(showcase)
    if not reviews:
        return None
    keys = ("relevance", "depth", "reusability", "country_impact")
    means = [round(sum(getattr(review, key) for review in reviews) / len(reviews), 2) for key in keys]
    return round(sum(means) / len(keys), 2)


SHOWCASE_COLUMNS = [
    Column("ID", lambda s: str(s.id)),
    Column("Title", lambda s: s.local_title),
    Column("Status", lambda s: label(ShowcaseStatus, s.status)),
    Column("Lead organisation", lambda s: s.lead_organisation.name),
    Column("Partner organisations", lambda s: [org.name for org in s.partner_organisations.all()]),
    Column("Presenters", lambda s: [full_name(person) for person in s.presenters.all()]),
    Column("Scheme", lambda s: s.scheme_name),
    Column("Scheme type", lambda s: label(SchemeType, s.scheme_type)),
    Column("Use cases", lambda s: [label(UseCase, code) for code in s.use_cases]),
    Column("Countries", lambda s: s.countries),
    Column("Country names", lambda s: [country_name(code) for code in s.countries]),
    Column("Demo type", lambda s: label(DemoType, s.demo_type)),
    Column("Starts at", lambda s: s.starts_at),
    Column("Ends at", lambda s: s.ends_at),
    Column("Integrations", lambda s: [_integration_text(link) for link in s.integrations.all()]),
    Column("Media links", lambda s: [str(link) for link in s.media_links or []]),
    Column("Abstract", lambda s: s.local_abstract),
    Column("Decision note", lambda s: s.decision_note),
    Column("Review round", lambda s: s.review_round),
    Column("Status changed at", lambda s: s.status_changed_at),
]
# Only for holders of the decide right (217006 by default), as GraphQL's reviewCount and meanScores.
SHOWCASE_DECISION_COLUMNS = [
    Column("Reviews (current round)", lambda s: len(_current_reviews(s))),
    Column("Mean score (current round)", _mean_score),
]


def showcases_table(*, request, event, params, language: str) -> Table:
    """An event's live showcases in every status (or those the filters keep), in programme order, then by title."""
    queryset = lists.showcases_for(user=request.user, queryset=Showcase.objects.filter(event=event))
    data = {
        "status__in": codes_param(params, "status", ShowcaseStatus),
        "scheme_type": choice_param(params, "schemeType", SchemeType),
        "demo_type": choice_param(params, "demoType", DemoType),
        "use_case": choice_param(params, "useCase", UseCase),
        "country": country_param(params, "country"),
        "system_id": uuid_param(params, "systemId"),
        "standard_id": uuid_param(params, "standardId"),
        "organisation_id": uuid_param(params, "organisationId"),
        "title__icontains": text_param(params, "title", max_length=255),
    }
    deciding = can(request.user, Action.DECIDE_SHOWCASES)
    prefetches = [
        Prefetch("partner_organisations", queryset=Organisation.objects.order_by(Lower("name"), "id")),
        Prefetch("presenters", queryset=people()),
        Prefetch(
            "integrations",
            queryset=Integration.objects.select_related("source_system", "target_system", "standard").order_by(
                "position", "id"
            ),
        ),
    ]
    if deciding:
        prefetches.append(Prefetch("reviews", queryset=Review.objects.order_by("reviewed_at", "id")))
    queryset = (
        filtered(ShowcaseFilter, data, queryset, request)
        .select_related("lead_organisation")
        .prefetch_related(*prefetches)
        .order_by(F("starts_at").asc(nulls_last=True), Lower("title"), "id")
    )
    return Table(
        name=f"{event.code}-showcases",
        columns=SHOWCASE_COLUMNS + (SHOWCASE_DECISION_COLUMNS if deciding else []),
        rows=lambda: queryset.iterator(chunk_size=CHUNK_SIZE),
        zone=zone_or_none(event.timezone),
        language=language,
    )
