"""What the reviewers of a showcase read and scored: once a showcase is ACCEPTED or SCHEDULED, that content is
settled, and an update that would change it is refused (`meeting.showcase.reviewed`): the programme and the
interoperability matrix show what was reviewed, never a claim raised afterwards (an integration's evidence moved
from CLAIMED to IN_PRODUCTION, another system, another standard). Its presenters (who presents it) and media links
(slides, recordings) stay editable; to change the rest, the creator withdraws it and proposes it again."""

from ..errors import MeetingError, Problems
from ..models import Showcase, ShowcaseStatus

SETTLED = frozenset({ShowcaseStatus.ACCEPTED, ShowcaseStatus.SCHEDULED})
# Reviewed fields of the showcase itself, with the name the API gives them.
REVIEWED_FIELDS = {
    "title": "title",
    "abstract": "abstract",
    "scheme_name": "schemeName",
    "scheme_type": "schemeType",
    "use_cases": "useCases",
    "countries": "countries",
    "demo_type": "demoType",
    "lead_organisation_id": "leadOrganisationId",
}
INTEGRATION_FIELDS = (
    "source_system_id",
    "target_system_id",
    "direction",
    "standard_id",
    "data_exchanged",
    "mode",
    "evidence_level",
    "conformance_reference",
)


def reviewed_content(showcase: Showcase) -> dict:
    """The showcase's reviewed content as comparable values (the stored lists read from the database)."""
    content = {api: _comparable(getattr(showcase, field)) for field, api in REVIEWED_FIELDS.items()}
    content["partnerOrganisationIds"] = frozenset(showcase.partner_organisations.values_list("id", flat=True))
    content["integrations"] = [_integration(row) for row in showcase.integrations.order_by("position", "id")]
    return content


def check_reviewed_content_kept(showcase: Showcase, before: dict, *, partners=None, integrations=None) -> None:
    """Refuse a change to a settled showcase's reviewed content, naming the first field that would change."""
    if showcase.status not in SETTLED:
        return
    after = {api: _comparable(getattr(showcase, field)) for field, api in REVIEWED_FIELDS.items()}
    if partners is not None:
        after["partnerOrganisationIds"] = frozenset(partner.id for partner in partners)
    if integrations is not None:
        after["integrations"] = [_integration(row) for row in integrations]
    for field, value in after.items():
        if before[field] != value:
            raise MeetingError(Problems.SHOWCASE_REVIEWED, field=field, status=showcase.get_status_display())


def _integration(row) -> tuple:
    return tuple(str(getattr(row, field)) for field in INTEGRATION_FIELDS)


def _comparable(value):
    return tuple(value) if isinstance(value, list) else str(value) if value is not None else None
