"""The demo agenda of the Yaoundé meeting: plenaries, panels, the showcase slots, workshops, a side meeting and the
breaks over the event's days, in its rooms, in French and English with interpretation, written through the agenda
service (which refuses a double-booked room or person) so the calendar feeds and exports have something real in
them."""

from datetime import datetime, time, timedelta

from ..models import ACTIVE_PARTICIPANT_STATUSES, Event, Participant, Session, Showcase, ShowcaseStatus
from ..services import SessionService
from ..services.showcases import EVENT_CLOSED
from ..timeutils import from_storage, zone_or_none
from .showcase_data import SHOWCASES

HALL, SANAGA, WOURI = "Salle des Conférences", "Salle Sanaga", "Salle Wouri"
SHOWCASE_CORNER, FOYER = "Espace démonstrations", "Foyer"
FR, EN, BOTH = ["fr"], ["en"], ["fr", "en"]

# key -> (day of the event from 0, starts, ends, type, room, languages, interpretation into, speakers, chairs); people
# by the last names of the demo participants. Titles and descriptions follow in TEXTS.
PROGRAMME = {
    "opening": (0, "08:30", "09:30", "PLENARY", HALL, BOTH, BOTH, ["Malachie", "Schulz", "Meier"], ["Ngo Bilong"]),
    "financing": (0, "10:00", "11:30", "PANEL", HALL, EN, FR, ["Raman", "Meier", "Shrestha"], ["Brandt"]),
    "hubs": (0, "11:30", "12:30", "PANEL", HALL, EN, FR, ["Reyes", "Kamau", "Odhiambo"], ["Weber"]),
    "fhir-claims": (0, "14:00", "15:30", "WORKSHOP", SANAGA, EN, FR, ["Gerber", "Nowak"], ["Zimmermann"]),
    "cheques": (0, "14:00", "15:30", "WORKSHOP", WOURI, FR, EN, ["Tchoumi", "Ayuk"], ["Ngo Bilong"]),
    "wrap-up": (0, "16:00", "17:30", "PLENARY", HALL, BOTH, BOTH, ["Bouba", "Shrestha"], ["Brandt"]),
    "schemes": (1, "09:00", "10:30", "PLENARY", HALL, FR, EN, ["Malachie", "Tchoumi", "Bouba"], ["Ngo Bilong"]),
    "registry": (1, "11:00", "12:30", "PANEL", HALL, BOTH, BOTH, ["Ebanga", "Raman", "Odhiambo"], ["Weber"]),
    "adx": (1, "14:00", "16:00", "WORKSHOP", SANAGA, EN, FR, ["Kamga", "Manga"], ["Mvondo"]),
    "new-scheme": (1, "14:00", "16:00", "WORKSHOP", WOURI, EN, [], ["Shrestha", "Kowalska"], ["Zimmermann"]),
    "roadmap": (1, "16:30", "17:30", "NETWORKING", HALL, BOTH, [], ["Brandt", "Nowak"], ["Reyes"]),
    "lessons": (2, "09:00", "10:00", "PLENARY", HALL, EN, FR, ["Odhiambo", "Raman"], ["Meier"]),
    "fhir-server": (2, "10:45", "12:15", "WORKSHOP", SANAGA, EN, FR, ["Gerber", "Kamga"], ["Zimmermann"]),
    "donors": (2, "10:45", "12:15", "SIDE_MEETING", WOURI, EN, [], ["Schulz", "Meier", "Raman"], ["Brandt"]),
    "sp-dci": (2, "13:30", "15:30", "WORKSHOP", SANAGA, FR, EN, ["Ebanga", "Okafor"], ["Weber"]),
    "closing": (2, "16:00", "17:30", "PLENARY", HALL, BOTH, BOTH, ["Malachie", "Schulz", "Brandt"], ["Ngo Bilong"]),
}
TEXTS = {
    "opening": (
        "Opening plenary: openIMIS after the merger with CORE-MIS",
        "Welcome by the Ministry of Public Health of Cameroon; the openIMIS Initiative (GIZ on behalf of BMZ, SDC) "
        "on what the merger with CORE-MIS, the World Bank's solution, means for the community.",
    ),
    "financing": (
        "Panel: financing health schemes after the merger",
        "Donors and scheme operators on funding, hosting and maintaining openIMIS; questions from the floor.",
    ),
    "hubs": (
        "Knowledge hubs: how AeHIN and KeHIA share what works",
        "Capacity building, peer learning and the implementers' network in Asia and East Africa.",
    ),
    "fhir-claims": (
        "Workshop: claims with the openIMIS FHIR R4 module",
        "Hands-on: Claim and ClaimResponse resources, the implementation guide and its test data.",
    ),
    "cheques": (
        "Atelier : vérification des chèques santé",
        "Contrôle des prestations, rejets et paiements des formations sanitaires dans le programme Chèque Santé.",
    ),
    "wrap-up": (
        "What the schemes need next: day one wrap-up",
        "Rapporteurs of the panels and workshops; priorities raised by the scheme operators.",
    ),
    "schemes": (
        "Cameroon's schemes under the Ministry of Public Health",
        "HIV fee elimination, maternal health vouchers and health vouchers for refugees: results and next steps.",
    ),
    "registry": (
        "Social protection and health insurance: one registry, many schemes",
        "The social registry planned by MINAS, the CORE-MIS tools and the openIMIS schemes: who keeps what.",
    ),
    "adx": (
        "Workshop: reporting to DHIS2 with ADX",
        "Mapping openIMIS indicators to DHIS2 data sets; sending them monthly as ADX.",
    ),
    "new-scheme": (
        "Workshop: configuring a new scheme in openIMIS",
        "Products, services, price lists and enrolment rules, from the Nepal and Tanzania experience.",
    ),
    "roadmap": ("Community roadmap and networking", "The next releases, the working groups and how to join them."),
    "lessons": (
        "Interoperability in practice: what the showcases taught us",
        "Evidence levels, standards and what it takes to go from a demonstration to production.",
    ),
    "fhir-server": (
        "Workshop: FHIR R4 exchanges with the national server",
        "Routing Patient, Coverage and Claim resources through the Cameroon health FHIR server.",
    ),
    "donors": ("Side meeting: donor coordination (BMZ, SDC, World Bank)", "By invitation."),
    "sp-dci": (
        "Atelier : relier openIMIS au registre social du MINAS (SP-DCI)",
        "Recherche des ménages éligibles, synchronisation des bénéficiaires et interfaces SP-DCI.",
    ),
    "closing": (
        "Closing plenary and the next community meeting",
        "Conclusions, commitments of the partners and the host of the next meeting.",
    ),
}
# (day, starts, ends, title): coffee and lunch in the foyer.
# The French of the plenary sessions (the workshop on health cheques is written in French only).
FRENCH = {
    "opening": (
        "Plénière d'ouverture : openIMIS après la fusion avec CORE-MIS",
        "Accueil par le ministère de la Santé publique du Cameroun ; l'Initiative openIMIS (la GIZ pour le BMZ et la "
        "DDC) sur ce que la fusion avec CORE-MIS, la solution de la Banque mondiale, signifie pour la communauté.",
    ),
    "financing": (
        "Panel : financer les programmes de santé après la fusion",
        "Bailleurs et opérateurs de programmes sur le financement, l'hébergement et la maintenance d'openIMIS ; "
        "questions de la salle.",
    ),
    "schemes": (
        "Les programmes du Cameroun sous la tutelle du ministère de la Santé publique",
        "Élimination des frais liés au VIH, chèques santé maternelle et chèques santé pour les réfugiés : résultats "
        "et prochaines étapes.",
    ),
}
BREAK_FRENCH = {"Coffee break": "Pause café", "Lunch": "Déjeuner"}

BREAKS = [
    (0, "09:30", "10:00", "Coffee break"),
    (0, "12:30", "14:00", "Lunch"),
    (0, "15:30", "16:00", "Coffee break"),
    (1, "10:30", "11:00", "Coffee break"),
    (1, "12:30", "14:00", "Lunch"),
    (1, "16:00", "16:30", "Coffee break"),
    (2, "10:00", "10:30", "Coffee break"),
    (2, "12:15", "13:30", "Lunch"),
    (2, "15:30", "16:00", "Coffee break"),
]

# The showcase slots: one session per demo showcase on the programme, at its own slot.
SHOWCASE_TITLES = [spec["title"] for spec in SHOWCASES]
ON_PROGRAMME = (ShowcaseStatus.SCHEDULED, ShowcaseStatus.PRESENTED)


def _check(result: dict, what: str) -> str:
    if not result["success"]:
        raise RuntimeError(f"demo session {what}: {result['detail']}")
    return result["data"]["id"]


def _people(event: Event) -> dict:
    """Active participants of the event by last name."""
    people = Participant.objects.live().filter(event=event, status__in=ACTIVE_PARTICIPANT_STATUSES)
    return {last: str(participant_id) for last, participant_id in people.values_list("last_name", "id")}


def _at(first_day, day: int, clock: str, zone) -> datetime:
    hours, minutes = (int(part) for part in clock.split(":"))
    return datetime.combine(first_day + timedelta(days=day), time(hours, minutes), tzinfo=zone)


def _showcase_slots(event: Event, zone) -> list[dict]:
    """A SHOWCASE_SLOT session for each scheduled or presented demo showcase, at exactly its slot, its presenters
    speaking."""
    showcases = (
        Showcase.objects.live()
        .filter(event=event, status__in=ON_PROGRAMME, title__in=SHOWCASE_TITLES, starts_at__isnull=False)
        .prefetch_related("presenters")
        .order_by("starts_at")
    )
    return [
        {
            "title": f"Showcase: {showcase.title}",
            "title_fr": f"Démonstration : {showcase.title_fr}" if showcase.title_fr else "",
            "session_type": "SHOWCASE_SLOT",
            "description": showcase.abstract,
            "starts_at": from_storage(showcase.starts_at, zone),
            "ends_at": from_storage(showcase.ends_at, zone),
            "room": SHOWCASE_CORNER,
            "languages": BOTH,
            "interpretation": [],
            "capacity": 30,
            "speaker_ids": [
                str(person.id)
                for person in showcase.presenters.all()
                if not person.is_deleted and person.status in ACTIVE_PARTICIPANT_STATUSES
            ],
            "showcase_ids": [str(showcase.id)],
        }
        for showcase in showcases
    ]


def seed_agenda(user, event: Event) -> dict:
    """Write the Yaoundé agenda unless the event already has sessions or is finished; return the sessions created
    by type (empty when nothing was written). Times are wall-clock times of the event's own zone on the event's own
    days, counted from its first day; a session that would fall outside the event is left out."""
    if event.status in EVENT_CLOSED or Session.objects.live().filter(event=event).exists():
        return {}
    zone = zone_or_none(event.timezone)
    first_day = from_storage(event.starts_at, zone).date()
    starts, ends = from_storage(event.starts_at, zone), from_storage(event.ends_at, zone)
    people = _people(event)
    planned = []
    for key, (day, start, end, kind, room, languages, interpretation, speakers, chairs) in PROGRAMME.items():
        title, text = TEXTS[key]
        title_fr, text_fr = FRENCH.get(key, ("", ""))
        missing = [name for name in (*speakers, *chairs) if name not in people]
        if missing:
            raise RuntimeError(f"demo session {title}: missing {', '.join(missing)}")
        planned.append(
            {
                "title": title,
                "title_fr": title_fr,
                "session_type": kind,
                "description": text,
                "description_fr": text_fr,
                "starts_at": _at(first_day, day, start, zone),
                "ends_at": _at(first_day, day, end, zone),
                "room": room,
                "languages": languages,
                "interpretation": interpretation,
                "capacity": 60 if room == HALL else 25,
                "speaker_ids": [people[name] for name in speakers],
                "chair_ids": [people[name] for name in chairs],
            }
        )
    for day, start, end, title in BREAKS:
        planned.append(
            {
                "title": title,
                "title_fr": BREAK_FRENCH[title],
                "session_type": "BREAK",
                "starts_at": _at(first_day, day, start, zone),
                "ends_at": _at(first_day, day, end, zone),
                "room": FOYER,
            }
        )
    planned += _showcase_slots(event, zone)
    service, created = SessionService(user), {}
    for details in sorted(planned, key=lambda item: (item["starts_at"], item["title"])):
        if details["starts_at"] < starts or details["ends_at"] > ends:
            continue
        _check(service.create({"event_id": str(event.id), **details}), details["title"])
        created[details["session_type"]] = created.get(details["session_type"], 0) + 1
    return created
