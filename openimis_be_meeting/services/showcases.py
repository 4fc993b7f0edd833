"""Showcases: proposals, their integrations, the review workflow and the programme slot. Every write locks the
showcase's event row first, then the showcase, so that scheduling checks (no presenter in two overlapping
showcases) hold whatever the concurrency."""

from core.services import BaseService
from django.db import IntegrityError, transaction

from .. import validation as v
from ..apps import MeetingConfig
from ..errors import MeetingError, Problems
from ..models import (
    ACTIVE_PARTICIPANT_STATUSES,
    DemoType,
    DigitalSystem,
    Direction,
    Event,
    EventStatus,
    EvidenceLevel,
    ExchangeMode,
    Integration,
    Organisation,
    Participant,
    Recommendation,
    Review,
    SchemeType,
    Showcase,
    ShowcaseStatus,
    Standard,
    UseCase,
)
from ..permissions import Action, can
from ..timeutils import from_storage, now_for_storage, to_storage, zone_or_none
from .base import service_method, touch
from .history import record_lists
from .locks import live_row, locked_event, locked_in_event
from .organisations import live_organisation
from .showcase_content import SETTLED, check_reviewed_content_kept, reviewed_content

S = ShowcaseStatus
# The one place where the showcase workflow is written down: status -> the statuses it may move to.
SHOWCASE_TRANSITIONS = {
    S.DRAFT: {S.SUBMITTED, S.WITHDRAWN},
    S.SUBMITTED: {S.UNDER_REVIEW, S.WITHDRAWN},
    S.UNDER_REVIEW: {S.ACCEPTED, S.REJECTED, S.REVISION_REQUESTED, S.WITHDRAWN},
    S.REVISION_REQUESTED: {S.SUBMITTED, S.WITHDRAWN},
    S.ACCEPTED: {S.SCHEDULED, S.WITHDRAWN},
    S.SCHEDULED: {S.SCHEDULED, S.PRESENTED, S.WITHDRAWN},  # SCHEDULED again: moved to another slot
    S.REJECTED: set(),
    S.PRESENTED: set(),
    S.WITHDRAWN: set(),
}
# Statuses in which the content may change; during review it stays as the reviewers read it.
EDITABLE = {S.DRAFT, S.SUBMITTED, S.REVISION_REQUESTED, S.ACCEPTED, S.SCHEDULED}
DECISIONS = {S.ACCEPTED, S.REJECTED, S.REVISION_REQUESTED}
# Showcases holding a slot in the programme, for the presenter-overlap rule.
ON_PROGRAMME = {S.SCHEDULED, S.PRESENTED}
# Events that take new showcases or changes to them.
EVENT_CLOSED = {EventStatus.COMPLETED, EventStatus.CANCELLED}

_TEXT_FIELDS = {
    "title": ("title", 255, True),
    "title_fr": ("titleFr", 255, False),  # not reviewed content (showcase_content.py): may follow the acceptance
    "abstract": ("abstract", 10_000, False),
    "abstract_fr": ("abstractFr", 10_000, False),
    "scheme_name": ("schemeName", 255, False),
}
_INTEGRATION_TEXT = {
    "data_exchanged": ("dataExchanged", 500),
    "conformance_reference": ("conformanceReference", 500),
}


def _apply_changes(showcase: Showcase, data: dict) -> None:
    """Copy the given single-valued fields onto the showcase, each value cleaned."""
    for key, (field, max_length, required) in _TEXT_FIELDS.items():
        if key in data:
            setattr(showcase, key, v.clean_text(data[key], field=field, max_length=max_length, required=required))
    if "lead_organisation_id" in data:
        showcase.lead_organisation = live_organisation(data["lead_organisation_id"], field="leadOrganisationId")
    if "scheme_type" in data:
        showcase.scheme_type = (
            v.clean_choice(data["scheme_type"], field="schemeType", choices=SchemeType, required=False) or ""
        )
    if "use_cases" in data:
        showcase.use_cases = v.clean_codes(data["use_cases"], field="useCases", choices=UseCase)
    if "countries" in data:
        showcase.countries = v.clean_countries(data["countries"])
    if "demo_type" in data:
        showcase.demo_type = v.clean_choice(data["demo_type"], field="demoType", choices=DemoType)
    if "media_links" in data:
        showcase.media_links = v.clean_urls(data["media_links"], field="mediaLinks")


def _partners(data: dict) -> list[Organisation] | None:
    if "partner_organisation_ids" not in data:
        return None
    ids = _ids(data["partner_organisation_ids"], field="partnerOrganisationIds")
    return [live_organisation(organisation_id, field="partnerOrganisationIds") for organisation_id in ids]


def _presenters(data: dict, event: Event) -> list[Participant] | None:
    if "presenter_ids" not in data:
        return None
    ids = _ids(data["presenter_ids"], field="presenterIds")
    found = Participant.objects.live().filter(id__in=ids, event=event, status__in=ACTIVE_PARTICIPANT_STATUSES)
    found = {participant.id: participant for participant in found}
    for participant_id in ids:
        if participant_id not in found:
            raise MeetingError(Problems.SHOWCASE_PRESENTER_OTHER_EVENT, field="presenterIds", value=str(participant_id))
    return [found[participant_id] for participant_id in ids]


def _ids(values, *, field: str) -> list:
    if not values:
        return []
    return v.clean_ids(values, field=field, max_count=50)


def _integrations(data: dict) -> list[Integration] | None:
    """Unsaved Integration rows for the given inputs (all of them valid), or None when none were given."""
    if "integrations" not in data:
        return None
    items = data["integrations"] or []
    limit = int(MeetingConfig.config["max_integrations_per_showcase"])
    if len(items) > limit:
        raise MeetingError(Problems.SHOWCASE_TOO_MANY_INTEGRATIONS, field="integrations", max=limit)
    return [_integration(item, f"integrations.{index}", index) for index, item in enumerate(items)]


def _integration(item: dict, path: str, position: int) -> Integration:
    if not isinstance(item, dict):  # a null in the list, which a GraphQL list of input objects allows
        raise MeetingError(Problems.REQUIRED, field=path)
    source = live_row(
        DigitalSystem, item.get("source_system_id"), field=f"{path}.sourceSystemId", problem=Problems.SYSTEM_NOT_FOUND
    )
    target = live_row(
        DigitalSystem, item.get("target_system_id"), field=f"{path}.targetSystemId", problem=Problems.SYSTEM_NOT_FOUND
    )
    if source.id == target.id:
        raise MeetingError(Problems.SHOWCASE_SELF_LINK, field=f"{path}.targetSystemId")
    standard = live_row(
        Standard, item.get("standard_id"), field=f"{path}.standardId", problem=Problems.STANDARD_NOT_FOUND
    )
    integration = Integration(source_system=source, target_system=target, standard=standard, position=position)
    integration.direction = v.clean_choice(item.get("direction"), field=f"{path}.direction", choices=Direction)
    integration.mode = v.clean_choice(item.get("mode"), field=f"{path}.mode", choices=ExchangeMode)
    integration.evidence_level = v.clean_choice(
        item.get("evidence_level"), field=f"{path}.evidenceLevel", choices=EvidenceLevel
    )
    for key, (field, max_length) in _INTEGRATION_TEXT.items():
        setattr(integration, key, v.clean_text(item.get(key), field=f"{path}.{field}", max_length=max_length))
    return integration


def _locked_event(event_id) -> Event:
    event = locked_event(event_id, field="eventId")
    if event.status in EVENT_CLOSED:
        raise MeetingError(Problems.SHOWCASE_EVENT_FINISHED, field="eventId", status=event.get_status_display())
    return event


def _locked_showcase(showcase_id, *, field: str = "id") -> tuple[Event, Showcase]:
    """The live showcase and its event, both locked, the event first."""
    uuid = v.clean_uuid(showcase_id, field=field)
    not_found = MeetingError(Problems.SHOWCASE_NOT_FOUND, field=field, value=str(uuid))
    return locked_in_event(Showcase, not_found=not_found, id=uuid)


def _check_event_open(event: Event) -> None:
    """Proposals, reviews, decisions and the programme stop when the event is completed or cancelled; withdrawing
    and recording a presentation afterwards remain possible."""
    if event.status in EVENT_CLOSED:
        raise MeetingError(Problems.SHOWCASE_EVENT_FINISHED, field="id", status=event.get_status_display())


def _check_owner(showcase: Showcase, user) -> None:
    """The submitter's own actions: the person who created the showcase, or an organiser with the decide right."""
    if showcase.user_created_id != user.id and not can(user, Action.DECIDE_SHOWCASES):
        raise MeetingError(Problems.SHOWCASE_NOT_YOURS, field="id")


def _move(showcase: Showcase, target: str) -> None:
    if target not in SHOWCASE_TRANSITIONS[showcase.status]:
        raise MeetingError(Problems.SHOWCASE_ILLEGAL_TRANSITION, field="status", current=showcase.status, target=target)
    showcase.status = target
    showcase.status_changed_at = now_for_storage()


def _check_begun(event: Event, showcase: Showcase) -> None:
    """A presentation is recorded only once its slot has begun (the start shown in the event's zone)."""
    if showcase.starts_at is not None and now_for_storage() < showcase.starts_at:
        zone = zone_or_none(event.timezone)
        starts = f"{from_storage(showcase.starts_at, zone):%Y-%m-%d %H:%M} {zone.key if zone else 'UTC'}"
        raise MeetingError(Problems.SHOWCASE_NOT_STARTED, field="id", starts=starts)


def _check_slot(event: Event, showcase: Showcase, presenters) -> None:
    """Within the event, and no presenter on the programme elsewhere at an overlapping time."""
    if showcase.starts_at is None or showcase.ends_at is None:
        return
    v.check_before(showcase.starts_at, showcase.ends_at, Problems.SHOWCASE_ENDS_BEFORE_START, field="endsAt")
    if showcase.starts_at < event.starts_at or showcase.ends_at > event.ends_at:
        raise MeetingError(Problems.SHOWCASE_OUTSIDE_EVENT, field="startsAt")
    others = (
        Showcase.objects.live()
        .filter(event=event, status__in=ON_PROGRAMME, starts_at__lt=showcase.ends_at, ends_at__gt=showcase.starts_at)
        .exclude(id=showcase.id)
        .prefetch_related("presenters")
    )
    presenting = {presenter.id for presenter in presenters}
    for other in others:
        for presenter in other.presenters.all():
            if presenter.id in presenting:
                raise MeetingError(
                    Problems.SHOWCASE_PRESENTER_BUSY, field="presenterIds", person=str(presenter), other=other.title
                )


def _save(showcase: Showcase, user, *, partners=None, presenters=None, integrations=None) -> Showcase:
    if not showcase.title:
        raise MeetingError(Problems.REQUIRED, field="title")
    if showcase.lead_organisation_id is None:
        raise MeetingError(Problems.REQUIRED, field="leadOrganisationId")
    if showcase.status in ON_PROGRAMME:
        _check_slot(showcase.event, showcase, presenters if presenters is not None else showcase.presenters.all())
    if showcase.id is not None and (partners, presenters, integrations) != (None, None, None):
        touch(showcase)  # a change of its lists alone is a change of the showcase: new version, history row
    record_lists(showcase, partner_organisations=partners, presenters=presenters, integrations=integrations)
    showcase.save(user=user)
    if partners is not None:
        showcase.partner_organisations.set(partners)
    if presenters is not None:
        showcase.presenters.set(presenters)
    if integrations is not None:
        showcase.integrations.all().delete()
        for integration in integrations:
            integration.showcase = showcase
        Integration.objects.bulk_create(integrations)
    return showcase


def _check_complete(showcase: Showcase) -> None:
    if not showcase.abstract:
        raise MeetingError(Problems.SHOWCASE_INCOMPLETE, field="abstract")
    if not showcase.integrations.exists():
        raise MeetingError(Problems.SHOWCASE_INCOMPLETE, field="integrations")
    if not showcase.presenters.exists():
        raise MeetingError(Problems.SHOWCASE_INCOMPLETE, field="presenterIds")


def _is_own(showcase: Showcase, user) -> bool:
    """Whether the user created the showcase or is one of its presenters (by openIMIS user or by email)."""
    if showcase.user_created_id == user.id:
        return True
    email = (getattr(user, "email", None) or "").strip().lower()
    presenters = showcase.presenters.filter(is_deleted=False)
    return presenters.filter(user_id=user.id).exists() or bool(email and presenters.filter(email=email).exists())


class ShowcaseService(BaseService):
    """Every write to showcases; each method checks the caller's right and returns core's result dictionary."""

    OBJECT_TYPE = Showcase

    def __init__(self, user):
        super().__init__(user)

    @service_method("meeting_showcase_service.create", Action.CREATE_SHOWCASES)
    def create(self, obj_data: dict) -> Showcase:
        """Propose a showcase for an event (status DRAFT), with its organisations, presenters and integrations."""
        event = _locked_event(obj_data.get("event_id"))
        now = now_for_storage()
        showcase = Showcase(event=event, status=S.DRAFT, status_changed_at=now)
        _apply_changes(showcase, obj_data)
        return _save(
            showcase,
            self.user,
            partners=_partners(obj_data),
            presenters=_presenters(obj_data, event),
            integrations=_integrations(obj_data),
        )

    @service_method("meeting_showcase_service.update", Action.UPDATE_SHOWCASES)
    def update(self, obj_data: dict) -> Showcase:
        """Change the given fields; `integrations`, `presenterIds` and `partnerOrganisationIds` replace the lists."""
        event, showcase = _locked_showcase(obj_data.get("id"))
        _check_owner(showcase, self.user)
        _check_event_open(event)
        if showcase.status not in EDITABLE:
            raise MeetingError(Problems.SHOWCASE_NOT_EDITABLE, field="id", status=showcase.get_status_display())
        reviewed = reviewed_content(showcase) if showcase.status in SETTLED else None
        _apply_changes(showcase, obj_data)
        partners, integrations = _partners(obj_data), _integrations(obj_data)
        if reviewed is not None:
            check_reviewed_content_kept(showcase, reviewed, partners=partners, integrations=integrations)
        presenters = _presenters(obj_data, event)
        return _save(showcase, self.user, partners=partners, presenters=presenters, integrations=integrations)

    @service_method("meeting_showcase_service.delete", Action.DELETE_SHOWCASES)
    def delete(self, obj_data: dict) -> None:
        """Soft-delete every named showcase, or none of them if one is missing."""
        ids = v.clean_ids(obj_data.get("ids"), field="ids", max_count=int(MeetingConfig.config["max_ids_per_delete"]))
        showcases = {s.id: s for s in Showcase.objects.select_for_update().live().filter(id__in=ids).order_by("id")}
        for showcase_id in ids:
            if showcase_id not in showcases:
                raise MeetingError(Problems.SHOWCASE_NOT_FOUND, field="ids", value=str(showcase_id))
            showcases[showcase_id].delete(user=self.user)

    @service_method("meeting_showcase_service.submit", Action.UPDATE_SHOWCASES)
    def submit(self, obj_data: dict) -> Showcase:
        """Send a draft (or a revised showcase) for review; it needs an abstract, presenters and integrations."""
        event, showcase = _locked_showcase(obj_data.get("id"))
        _check_owner(showcase, self.user)
        _check_event_open(event)
        revised = showcase.status == S.REVISION_REQUESTED
        _move(showcase, S.SUBMITTED)
        _check_complete(showcase)
        if revised:
            showcase.review_round += 1  # the revised showcase is reviewed afresh
        return _save(showcase, self.user)

    @service_method("meeting_showcase_service.withdraw", Action.UPDATE_SHOWCASES)
    def withdraw(self, obj_data: dict) -> Showcase:
        """The submitter (or an organiser) takes the showcase back, at any point before it is presented."""
        _event, showcase = _locked_showcase(obj_data.get("id"))
        _check_owner(showcase, self.user)
        _move(showcase, S.WITHDRAWN)
        return _save(showcase, self.user)

    @service_method("meeting_showcase_service.review", Action.REVIEW_SHOWCASES)
    def review(self, obj_data: dict) -> Showcase:
        """One reviewer's scores and recommendation; the first review puts a submitted showcase UNDER_REVIEW."""
        event, showcase = _locked_showcase(obj_data.get("id"))
        _check_event_open(event)
        if showcase.status not in (S.SUBMITTED, S.UNDER_REVIEW):
            raise MeetingError(Problems.SHOWCASE_NOT_REVIEWABLE, field="id", status=showcase.get_status_display())
        if _is_own(showcase, self.user):
            raise MeetingError(Problems.SHOWCASE_OWN_REVIEW, field="id")
        this_round = {"showcase": showcase, "reviewer": self.user, "round": showcase.review_round}
        if Review.objects.filter(**this_round).exists():
            raise MeetingError(Problems.SHOWCASE_ALREADY_REVIEWED, field="id")
        review = Review(**this_round, reviewed_at=now_for_storage())
        for key, field in (
            ("relevance", "relevance"),
            ("depth", "depth"),
            ("reusability", "reusability"),
            ("country_impact", "countryImpact"),
        ):
            setattr(review, key, v.clean_score(obj_data.get(key), field=field))
        review.comment = v.clean_text(obj_data.get("comment"), field="comment", max_length=5_000)
        review.recommendation = v.clean_choice(
            obj_data.get("recommendation"), field="recommendation", choices=Recommendation
        )
        try:
            with transaction.atomic():
                review.save()
        except IntegrityError:
            raise MeetingError(Problems.SHOWCASE_ALREADY_REVIEWED, field="id") from None
        if showcase.status == S.SUBMITTED:
            _move(showcase, S.UNDER_REVIEW)
            _save(showcase, self.user)
        return showcase

    @service_method("meeting_showcase_service.decide", Action.DECIDE_SHOWCASES)
    def decide(self, obj_data: dict) -> Showcase:
        """Accept, reject or ask for a revision of a reviewed showcase; rejections and revisions say why."""
        event, showcase = _locked_showcase(obj_data.get("id"))
        _check_event_open(event)
        decision = v.clean_choice(obj_data.get("decision"), field="decision", choices=ShowcaseStatus)
        if decision not in DECISIONS:
            raise MeetingError(Problems.INVALID_CHOICE, field="decision", value=decision)
        if showcase.status != S.UNDER_REVIEW:
            raise MeetingError(Problems.SHOWCASE_NOT_DECIDABLE, field="id", status=showcase.get_status_display())
        note = v.clean_text(obj_data.get("note"), field="note", max_length=5_000)
        if decision != S.ACCEPTED and not note:
            raise MeetingError(Problems.SHOWCASE_DECISION_NOTE_REQUIRED, field="note")
        _move(showcase, decision)
        showcase.decision_note = note
        return _save(showcase, self.user)

    @service_method("meeting_showcase_service.schedule", Action.DECIDE_SHOWCASES)
    def schedule(self, obj_data: dict) -> Showcase:
        """Put an accepted showcase on the programme (or move it): within the event, no presenter double-booked."""
        event, showcase = _locked_showcase(obj_data.get("id"))
        _check_event_open(event)
        zone = zone_or_none(event.timezone)
        starts = v.clean_datetime(obj_data.get("starts_at"), field="startsAt", zone=zone, required=True)
        ends = v.clean_datetime(obj_data.get("ends_at"), field="endsAt", zone=zone, required=True)
        _move(showcase, S.SCHEDULED)
        showcase.starts_at, showcase.ends_at = to_storage(starts, zone), to_storage(ends, zone)
        return _save(showcase, self.user)

    @service_method("meeting_showcase_service.mark_presented", Action.DECIDE_SHOWCASES)
    def mark_presented(self, obj_data: dict) -> Showcase:
        """Record that a scheduled showcase was presented, once its slot has begun."""
        event, showcase = _locked_showcase(obj_data.get("id"))
        if S.PRESENTED in SHOWCASE_TRANSITIONS[showcase.status]:  # otherwise _move names the wrong status
            _check_begun(event, showcase)
        _move(showcase, S.PRESENTED)
        return _save(showcase, self.user)
