"""Demo showcases of the Yaoundé meeting: openIMIS in Cameroon linked with the World Bank supported PBF platform,
the social registry planned by MINAS, DHIS2 and payment tools, written through the services (create, submit,
review, decide, schedule, mark presented) so the programme shows every workflow state and the interoperability
matrix shows links at every evidence level."""

import secrets
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from core.models import InteractiveUser, Language, Role, RoleRight, User
from core.services import create_or_update_user_roles

from ..models import DigitalSystem, Event, Organisation, Participant, Showcase, Standard
from ..permissions import Action, rights_for
from ..services import DigitalSystemService, ShowcaseService, StandardService
from ..timeutils import from_storage
from .participants import ORGANISATIONS
from .showcase_data import AFTER_REVIEW, REVIEWER_LOGIN, REVIEWER_ROLE, SHOWCASES, STANDARDS, SYSTEMS


def _check(result: dict, what: str) -> str:
    if not result["success"]:
        raise RuntimeError(f"demo {what}: {result['detail']}")
    return result["data"]["id"]


def _organisations() -> dict:
    """The live demo organisations (as seeded with the participants) by acronym."""
    ids = {}
    for acronym, (name, _kind, country) in ORGANISATIONS.items():
        found = Organisation.objects.live().filter(name=name, country=country).values_list("id", flat=True).first()
        if found is not None:
            ids[acronym] = str(found)
    return ids


def _systems(user, organisations: dict) -> tuple[dict, int]:
    """The demo systems by key, created unless a live one of that name and country exists; and how many were new."""
    ids, created = {}, 0
    service = DigitalSystemService(user)
    for key, (name, kind, owner, country, version, stage, url) in SYSTEMS.items():
        existing = DigitalSystem.objects.live().filter(name__iexact=name, country=country).values_list("id", flat=True)
        if existing:
            ids[key] = str(existing[0])
            continue
        details = {
            "name": name,
            "system_type": kind,
            "owner_id": organisations.get(owner) if owner else None,
            "country": country,
            "software_version": version,
            "deployment_stage": stage,
            "url": url,
        }
        ids[key] = _check(service.create(details), f"system {name}")
        created += 1
    return ids, created


def _standards(user) -> tuple[dict, int]:
    """The demo standards by key, created unless a live one with that code exists; and how many were new."""
    ids, created = {}, 0
    service = StandardService(user)
    for key, (code, name, version, family) in STANDARDS.items():
        existing = Standard.objects.live().filter(code__iexact=code).values_list("id", flat=True)
        if existing:
            ids[key] = str(existing[0])
            continue
        details = {"code": code, "name": name, "standard_version": version, "family": family}
        ids[key] = _check(service.create(details), f"standard {code}")
        created += 1
    return ids, created


def demo_reviewer(user, password: str | None = None) -> User:
    """The demo reviewer: an openIMIS interactive user whose one role holds the rights to search and review
    showcases, created with `password` (or one nobody knows) unless a user of that login exists."""
    existing = User.objects.filter(username=REVIEWER_LOGIN).first()
    if existing is not None:
        return existing
    audit_user_id = user.id_for_audit
    role = Role.objects.filter(name=REVIEWER_ROLE, is_system=0, validity_to__isnull=True).first()
    if role is None:
        role = Role.objects.create(name=REVIEWER_ROLE, is_system=0, is_blocked=False, audit_user_id=audit_user_id)
        rights = {*rights_for(Action.SEARCH_SHOWCASES), *rights_for(Action.REVIEW_SHOWCASES)}
        for right in sorted(rights):
            RoleRight.objects.create(role=role, right_id=int(right), audit_user_id=audit_user_id)
    language = getattr(user.i_user, "language_id", None) or (
        Language.objects.order_by("sort_order").values_list("code", flat=True).first()
    )
    if language is None:
        raise RuntimeError("demo reviewer: no language defined")
    i_user = InteractiveUser.objects.create(
        language_id=language,
        last_name="Reviewer",
        other_names="Showcase",
        login_name=REVIEWER_LOGIN,
        email="showcase.reviewer@example.org",
        role_id=role.id,
    )
    # Without a password given, one nobody knows (core's login fails on a user without one): an administrator sets one.
    i_user.set_password(password or f"{secrets.token_urlsafe(24)}Aa1!", private_key=secrets.token_hex(128))
    i_user.save()
    reviewer = User.objects.create(username=REVIEWER_LOGIN, i_user=i_user)
    create_or_update_user_roles(i_user, [role.id], audit_user_id)
    return reviewer


def _presenters(event: Event) -> dict:
    """Confirmed participants of the event by last name."""
    people = Participant.objects.live().filter(event=event, status="CONFIRMED").values_list("last_name", "id")
    return {last: str(participant_id) for last, participant_id in people}


def _slot(event: Event, day: int, hour: int, minute: int, minutes: int = 45) -> tuple[datetime, datetime]:
    """A slot on the event's `day` (0 = its first day) at a wall-clock time of the event's own zone."""
    zone = ZoneInfo(event.timezone)
    first = from_storage(event.starts_at, zone).date()
    last = from_storage(event.ends_at, zone).date()
    date = min(first + timedelta(days=day), last)
    starts = datetime.combine(date, time(hour, minute), tzinfo=zone)
    return starts, starts + timedelta(minutes=minutes)


def _scores(score: int, recommendation: str, comment: str) -> dict:
    return {
        "relevance": score,
        "depth": score,
        "reusability": score,
        "country_impact": max(1, score - 1) if recommendation == "ACCEPT" else score,
        "comment": comment,
        "recommendation": recommendation,
    }


def seed_showcases(user, event: Event, *, reviewer_password: str | None = None) -> dict:
    """Create the Yaoundé showcases with their systems and standards and take each to its demo status, unless the
    event already has showcases; return what was created: systems, standards and showcases by status."""
    if Showcase.objects.live().filter(event=event).exists():
        return {}
    organisations = _organisations()
    systems, new_systems = _systems(user, organisations)
    standards, new_standards = _standards(user)
    reviewer = demo_reviewer(user, reviewer_password)
    presenters = _presenters(event)
    service, reviewing = ShowcaseService(user), ShowcaseService(reviewer)
    statuses = {}
    for spec in SHOWCASES:
        title = spec["title"]
        missing = [name for name in spec["presenters"] if name not in presenters]
        missing += [acronym for acronym in (spec["lead"], *spec["partners"]) if acronym not in organisations]
        if missing:
            raise RuntimeError(f"demo showcase {title}: missing {', '.join(missing)}")
        details = {
            "event_id": str(event.id),
            "title": title,
            "abstract": spec["abstract"],
            "title_fr": spec.get("title_fr", ""),
            "abstract_fr": spec.get("abstract_fr", ""),
            "lead_organisation_id": organisations[spec["lead"]],
            "partner_organisation_ids": [organisations[acronym] for acronym in spec["partners"]],
            "presenter_ids": [presenters[name] for name in spec["presenters"]],
            "scheme_name": spec["scheme_name"],
            "scheme_type": spec["scheme_type"],
            "use_cases": spec["use_cases"],
            "countries": ["CM"],
            "demo_type": spec["demo_type"],
            "media_links": spec["media_links"],
            "integrations": [
                {
                    "source_system_id": systems[source],
                    "target_system_id": systems[target],
                    "direction": direction,
                    "standard_id": standards[standard],
                    "data_exchanged": data,
                    "mode": mode,
                    "evidence_level": level,
                    "conformance_reference": reference,
                }
                for source, target, standard, level, data, direction, mode, reference in spec["integrations"]
            ],
        }
        showcase_id = _check(service.create(details), title)
        if spec["status"] != "DRAFT":
            _check(service.submit({"id": showcase_id}), f"{title} submitted")
            _check(reviewing.review({"id": showcase_id, **_scores(*spec["review"])}), f"{title} reviewed")
        for step in AFTER_REVIEW.get(spec["status"], []):
            if step in ("ACCEPTED", "REJECTED"):
                decision = {"id": showcase_id, "decision": step, "note": spec.get("decision_note", "")}
                _check(service.decide(decision), f"{title} {step}")
            elif step == "SCHEDULED":
                starts, ends = _slot(event, *spec["slot"])
                _check(service.schedule({"id": showcase_id, "starts_at": starts, "ends_at": ends}), f"{title} slot")
            else:
                _check(service.mark_presented({"id": showcase_id}), f"{title} presented")
        statuses[spec["status"]] = statuses.get(spec["status"], 0) + 1
    return {"systems": new_systems, "standards": new_standards, "showcases": statuses}
