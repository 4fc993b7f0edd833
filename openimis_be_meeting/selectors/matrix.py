"""The interoperability matrix: which systems have been shown exchanging data, by which standard, how far along.

Built from the integrations of showcases that made the programme (ACCEPTED, SCHEDULED, PRESENTED by default), so a
claim that was rejected or withdrawn does not count.
"""

from .. import validation as v
from ..models import EVIDENCE_RANK, Integration, ShowcaseStatus, UseCase
from ..models.reading import read_only
from ..permissions import Action, guarded
from .lists import live_event

COUNTED_STATUSES = (ShowcaseStatus.ACCEPTED, ShowcaseStatus.SCHEDULED, ShowcaseStatus.PRESENTED)


def _best(current: str | None, level: str) -> str:
    return level if current is None or EVIDENCE_RANK[level] > EVIDENCE_RANK[current] else current


def _integrations(*, event_id, country, standard_id, use_case, statuses):
    integrations = Integration.objects.filter(
        showcase__is_deleted=False,
        showcase__event__is_deleted=False,
        showcase__status__in=list(statuses or COUNTED_STATUSES),
        source_system__is_deleted=False,
        target_system__is_deleted=False,
        standard__is_deleted=False,
    ).select_related("source_system", "target_system", "standard", "showcase__event")
    if event_id:
        integrations = integrations.filter(showcase__event=live_event(event_id))
    if country:
        integrations = integrations.filter(showcase__countries__contains=f",{v.clean_country(country)},")
    if standard_id:
        integrations = integrations.filter(standard_id=v.clean_uuid(standard_id, field="standardId"))
    if use_case:
        code = v.clean_choice(use_case, field="useCase", choices=UseCase)
        integrations = integrations.filter(showcase__use_cases__contains=f",{code},")
    # Read-only rows: five HistoryModel instances per integration cost more to track than to use (docs/benchmarks.md).
    return read_only(integrations.order_by("showcase__event__starts_at", "showcase_id", "position"))


@guarded(Action.SEARCH_SHOWCASES)
def interoperability_matrix(
    *, user, event_id=None, country=None, standard_id=None, use_case=None, statuses=None
) -> dict:
    """For each pair of systems (either direction), the standards, directions and best evidence level reached, the
    showcases, and the best level per event in date order (how the link advanced); and the same per system and
    standard."""
    pairs, by_system_standard = {}, {}
    for link in _integrations(
        event_id=event_id, country=country, standard_id=standard_id, use_case=use_case, statuses=statuses
    ):
        first, second = sorted((link.source_system, link.target_system), key=lambda s: (s.name.lower(), str(s.id)))
        pair = pairs.setdefault((first.id, second.id), _new_pair(first, second))
        pair["standards"][link.standard.id] = link.standard
        pair["directions"].add(_direction(link, first))
        _add(pair, link)
        for system in (link.source_system, link.target_system):
            cell = by_system_standard.setdefault(
                (system.id, link.standard.id),
                {"system": system, "standard": link.standard, "best": None, "showcases": {}},
            )
            _add(cell, link)
    return {
        "pairs": [_pair_row(pair) for pair in _sorted(pairs.values(), "system_a", "system_b")],
        "by_system_standard": [_row(cell) for cell in _sorted(by_system_standard.values(), "system", "standard")],
    }


def _new_pair(first, second) -> dict:
    return {"system_a": first, "system_b": second, "standards": {}, "directions": set(), "best": None, "showcases": {}}


def _direction(link: Integration, first) -> str:
    """The direction seen from the pair's first system: A_TO_B, B_TO_A or BOTH."""
    if link.direction == "BOTH":
        return "BOTH"
    # PUSH and PULL say who starts the exchange; either way the data goes from the source to the target.
    towards_b = link.source_system.id == first.id
    return "A_TO_B" if towards_b else "B_TO_A"


def _add(entry: dict, link: Integration) -> None:
    entry["best"] = _best(entry["best"], link.evidence_level)
    per_event = entry["showcases"].setdefault(link.showcase.event.id, {"event": link.showcase.event, "ids": {}})
    per_event["ids"][link.showcase_id] = _best(per_event["ids"].get(link.showcase_id), link.evidence_level)


def _row(entry: dict) -> dict:
    ids = [showcase_id for per_event in entry["showcases"].values() for showcase_id in per_event["ids"]]
    progress = [
        {
            "event": per_event["event"],
            "best_evidence_level": max(per_event["ids"].values(), key=EVIDENCE_RANK.__getitem__),
            "showcase_count": len(per_event["ids"]),
        }
        for per_event in entry["showcases"].values()
    ]
    row = {key: value for key, value in entry.items() if key not in ("best", "showcases")}
    row.update(
        best_evidence_level=entry["best"],
        showcase_count=len(ids),
        showcase_ids=[str(showcase_id) for showcase_id in ids],
        progress=progress,
    )
    return row


def _pair_row(pair: dict) -> dict:
    row = _row(pair)
    row["standards"] = sorted(pair["standards"].values(), key=lambda standard: standard.code.lower())
    both = "BOTH" in pair["directions"] or {"A_TO_B", "B_TO_A"} <= pair["directions"]
    row["directions"] = ["BOTH"] if both else sorted(pair["directions"])
    return row


def _sorted(entries, first_key: str, second_key: str) -> list:
    def name(item):
        return getattr(item, "name", None) or getattr(item, "code", "")

    return sorted(entries, key=lambda entry: (name(entry[first_key]).lower(), name(entry[second_key]).lower()))
