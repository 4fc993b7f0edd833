"""Demo participants of the Yaoundé meeting: the organisations of the seed text and Cameroon's schemes, written
through the services (register, approve, reject, cancel, check in) so the demo shows every status."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from ..models import Event, Organisation, Participant
from ..services import AttendanceService, OrganisationService, ParticipantService
from ..services.attendance import event_days

# acronym -> (name, type, country)
ORGANISATIONS = {
    "MINSANTE": ("Ministère de la Santé Publique du Cameroun", "MINISTRY", "CM"),
    "MINAS": ("Ministère des Affaires Sociales du Cameroun", "MINISTRY", "CM"),
    "CHEQUE-SANTE": ("Programme Chèque Santé (maternal health vouchers)", "SCHEME_OPERATOR", "CM"),
    "CNLS": ("Comité National de Lutte contre le SIDA (HIV fee elimination)", "SCHEME_OPERATOR", "CM"),
    "HCR-VOUCHER": ("Health voucher scheme for refugees", "SCHEME_OPERATOR", "CM"),
    "PBF-CM": ("Performance Based Financing programme of Cameroon", "SCHEME_OPERATOR", "CM"),
    "GIZ": ("Deutsche Gesellschaft für Internationale Zusammenarbeit", "IMPLEMENTER", "DE"),
    "BMZ": ("Federal Ministry for Economic Cooperation and Development", "DONOR", "DE"),
    "SDC": ("Swiss Agency for Development and Cooperation", "DONOR", "CH"),
    "WB": ("World Bank (CORE-MIS team)", "MULTILATERAL", "US"),
    "AeHIN": ("Asia eHealth Information Network", "KNOWLEDGE_HUB", "PH"),
    "KeHIA": ("Kenya Health Informatics Association", "KNOWLEDGE_HUB", "KE"),
    "Swiss TPH": ("Swiss Tropical and Public Health Institute", "ACADEMIA", "CH"),
    "SolDevelo": ("SolDevelo", "SOFTWARE_DEVELOPER", "PL"),
    "HIB": ("Health Insurance Board", "SCHEME_OPERATOR", "NP"),
    "NHIF-TZ": ("National Health Insurance Fund", "SCHEME_OPERATOR", "TZ"),
}

# (first name, last name, organisation acronym, role, gender, participation mode); the country is the organisation's.
PEOPLE = [
    ("Manaouda", "Malachie", "MINSANTE", "SPEAKER", "MALE", "IN_PERSON"),
    ("Georgette", "Ngo Bilong", "MINSANTE", "ORGANISER", "FEMALE", "IN_PERSON"),
    ("Aristide", "Fouda", "MINSANTE", "ATTENDEE", "MALE", "IN_PERSON"),
    ("Clarisse", "Mbarga", "MINSANTE", "ATTENDEE", "FEMALE", "IN_PERSON"),
    ("Jean-Paul", "Essomba", "MINSANTE", "ATTENDEE", "MALE", "IN_PERSON"),
    ("Pauline", "Ebanga", "MINAS", "SPEAKER", "FEMALE", "IN_PERSON"),
    ("Hervé", "Ndzana", "MINAS", "ATTENDEE", "MALE", "IN_PERSON"),
    ("Sandrine", "Abega", "MINAS", "ATTENDEE", "FEMALE", "IN_PERSON"),
    ("Alain", "Tchoumi", "CHEQUE-SANTE", "SHOWCASE_PRESENTER", "MALE", "IN_PERSON"),
    ("Bernadette", "Ayuk", "CHEQUE-SANTE", "ATTENDEE", "FEMALE", "IN_PERSON"),
    ("Emmanuel", "Njoya", "CHEQUE-SANTE", "ATTENDEE", "MALE", "IN_PERSON"),
    ("Florence", "Ateba", "CHEQUE-SANTE", "ATTENDEE", "FEMALE", "IN_PERSON"),
    ("Thierry", "Kamga", "CNLS", "SHOWCASE_PRESENTER", "MALE", "IN_PERSON"),
    ("Yvette", "Moukoko", "CNLS", "ATTENDEE", "FEMALE", "IN_PERSON"),
    ("Serge", "Nkoulou", "CNLS", "ATTENDEE", "MALE", "IN_PERSON"),
    ("Aïcha", "Bouba", "HCR-VOUCHER", "SPEAKER", "FEMALE", "IN_PERSON"),
    ("Ibrahim", "Oumarou", "HCR-VOUCHER", "ATTENDEE", "MALE", "IN_PERSON"),
    ("Mireille", "Tsala", "HCR-VOUCHER", "ATTENDEE", "FEMALE", "IN_PERSON"),
    ("Patrice", "Ondoa", "PBF-CM", "SHOWCASE_PRESENTER", "MALE", "IN_PERSON"),
    ("Rosine", "Eyenga", "PBF-CM", "ATTENDEE", "FEMALE", "IN_PERSON"),
    ("Ulrike", "Brandt", "GIZ", "ORGANISER", "FEMALE", "IN_PERSON"),
    ("Jonas", "Weber", "GIZ", "ORGANISER", "MALE", "IN_PERSON"),
    ("Carine", "Mvondo", "GIZ", "ATTENDEE", "FEMALE", "IN_PERSON"),
    ("Felix", "Hartmann", "GIZ", "ATTENDEE", "MALE", "ONLINE"),
    ("Katrin", "Schulz", "BMZ", "DONOR_REPRESENTATIVE", "FEMALE", "IN_PERSON"),
    ("Martin", "Vogel", "BMZ", "DONOR_REPRESENTATIVE", "MALE", "ONLINE"),
    ("Regula", "Meier", "SDC", "DONOR_REPRESENTATIVE", "FEMALE", "IN_PERSON"),
    ("Lukas", "Keller", "SDC", "OBSERVER", "MALE", "ONLINE"),
    ("Priya", "Raman", "WB", "SPEAKER", "FEMALE", "IN_PERSON"),
    ("Daniel", "Okafor", "WB", "SPEAKER", "MALE", "IN_PERSON"),
    ("Sofia", "Castillo", "WB", "ATTENDEE", "FEMALE", "ONLINE"),
    ("Ana", "Reyes", "AeHIN", "KNOWLEDGE_HUB_REPRESENTATIVE", "FEMALE", "IN_PERSON"),
    ("Rafael", "Santos", "AeHIN", "KNOWLEDGE_HUB_REPRESENTATIVE", "MALE", "ONLINE"),
    ("Wanjiru", "Kamau", "KeHIA", "KNOWLEDGE_HUB_REPRESENTATIVE", "FEMALE", "IN_PERSON"),
    ("Otieno", "Odhiambo", "KeHIA", "SPEAKER", "MALE", "IN_PERSON"),
    ("Achieng", "Atieno", "KeHIA", "ATTENDEE", "FEMALE", "ONLINE"),
    ("Nadine", "Gerber", "Swiss TPH", "SPEAKER", "FEMALE", "IN_PERSON"),
    ("Marc", "Zimmermann", "Swiss TPH", "ATTENDEE", "MALE", "IN_PERSON"),
    ("Piotr", "Nowak", "SolDevelo", "SHOWCASE_PRESENTER", "MALE", "IN_PERSON"),
    ("Agnieszka", "Kowalska", "SolDevelo", "ATTENDEE", "FEMALE", "ONLINE"),
    ("Tomasz", "Wiśniewski", "SolDevelo", "ATTENDEE", "MALE", "IN_PERSON"),
    ("Sita", "Shrestha", "HIB", "SPEAKER", "FEMALE", "IN_PERSON"),
    ("Ramesh", "Adhikari", "HIB", "ATTENDEE", "MALE", "ONLINE"),
    ("Neema", "Mwakyusa", "NHIF-TZ", "ATTENDEE", "FEMALE", "IN_PERSON"),
    ("Juma", "Mrisho", "NHIF-TZ", "ATTENDEE", "MALE", "IN_PERSON"),
    ("Christelle", "Biya Ekotto", "MINSANTE", "ATTENDEE", "FEMALE", "IN_PERSON"),
    ("Boris", "Manga", "CNLS", "ATTENDEE", "MALE", "IN_PERSON"),
    ("Estelle", "Nanga", "CHEQUE-SANTE", "ATTENDEE", "FEMALE", "IN_PERSON"),
    ("Gaston", "Menye", "PBF-CM", "ATTENDEE", "MALE", "IN_PERSON"),
    ("Lydie", "Ewane", "MINAS", "ATTENDEE", "FEMALE", "IN_PERSON"),
    ("Samuel", "Eto'o Mballa", None, "PRESS", "MALE", "IN_PERSON"),
    ("Odile", "Nkeng", None, "PRESS", "FEMALE", "IN_PERSON"),
    ("Brice", "Tabi", "HCR-VOUCHER", "ATTENDEE", "MALE", "IN_PERSON"),
    ("Honorine", "Fon", "CNLS", "ATTENDEE", "FEMALE", "IN_PERSON"),
    ("Valentin", "Owona", "MINSANTE", "ATTENDEE", "MALE", "IN_PERSON"),
    ("Blaise", "Atangana", "CHEQUE-SANTE", "ATTENDEE", "MALE", "IN_PERSON"),
    ("Irène", "Ngono", "MINAS", "ATTENDEE", "FEMALE", "IN_PERSON"),
    ("Gervais", "Mendo", "PBF-CM", "ATTENDEE", "MALE", "IN_PERSON"),
    ("Liliane", "Eboa", "MINSANTE", "ATTENDEE", "FEMALE", "IN_PERSON"),
    ("Roger", "Milla Tsanga", "HCR-VOUCHER", "ATTENDEE", "MALE", "IN_PERSON"),
    # Past the 60 seats: these wait in line.
    ("Didier", "Zoa", "MINSANTE", "ATTENDEE", "MALE", "IN_PERSON"),
    ("Prisca", "Ndongo", "CNLS", "ATTENDEE", "FEMALE", "IN_PERSON"),
    ("Joseph", "Kengne", "CHEQUE-SANTE", "ATTENDEE", "MALE", "IN_PERSON"),
    ("Viviane", "Eyango", "MINAS", "OBSERVER", "FEMALE", "IN_PERSON"),
    # Left undecided, and refused.
    ("Arnaud", "Bekolo", None, "OBSERVER", "MALE", "IN_PERSON"),
    ("Nathalie", "Messi", None, "ATTENDEE", "FEMALE", "IN_PERSON"),
]
PENDING, REJECTED = {"Bekolo"}, {"Messi"}
CANCELLED = {"Hartmann"}  # cancels after confirmation: the head of the line moves up
CHECKED_IN_YESTERDAY, CHECKED_IN_TODAY = 40, 32  # the first confirmed people, by registration order


def _email(first: str, last: str) -> str:
    local = f"{first}.{last}".lower().replace(" ", "").replace("'", "")
    return local.encode("ascii", "ignore").decode() + "@example.org"


def _organisations(user) -> dict:
    ids = {}
    service = OrganisationService(user)
    for acronym, (name, kind, country) in ORGANISATIONS.items():
        existing = Organisation.objects.live().filter(name=name, country=country).values_list("id", flat=True).first()
        if existing is None:
            result = service.create({"name": name, "acronym": acronym, "organisation_type": kind, "country": country})
            _check(result, acronym)
            existing = result["data"]["id"]
        ids[acronym] = str(existing)
    return ids


def _check(result: dict, what: str) -> dict:
    if not result["success"]:
        raise RuntimeError(f"demo {what}: {result['detail']}")
    return result


def seed_participants(user, event: Event) -> int:
    """Register, decide and check in the Yaoundé participants, unless the event already has some."""
    if Participant.objects.live().filter(event=event).exists():
        return 0
    organisations = _organisations(user)
    participants = ParticipantService(user)
    ids = {}
    for number, (first, last, acronym, role, gender, mode) in enumerate(PEOPLE):
        details = {
            "event_id": str(event.id),
            "first_name": first,
            "last_name": last,
            "email": _email(first, last),
            "gender": gender,
            "role": role,
            "attendance_mode": mode,
            "organisation_id": organisations.get(acronym),
            "country": ORGANISATIONS[acronym][2] if acronym else "CM",
            "consent_listed": number % 4 != 3,
            "consent_photos": number % 3 != 2,
            "consent_contact": number % 2 == 0,
            "dietary_needs": "Vegetarian" if number % 9 == 4 else "",
            "accessibility_needs": "Step-free access" if number == 17 else "",
        }
        ids[last] = _check(participants.register(details), last)["data"]["id"]
    for last, participant_id in ids.items():
        if last in REJECTED:
            _check(participants.reject({"id": participant_id, "reason": "Registration closed for observers."}), last)
        elif last not in PENDING:
            _check(participants.approve({"id": participant_id}), last)
    for last in CANCELLED:
        _check(participants.cancel({"id": ids[last]}), last)
    _check_in(user, event)
    return len(ids)


def _check_in(user, event: Event) -> None:
    confirmed = Participant.objects.live().filter(event=event, status="CONFIRMED").order_by("registered_at", "id")
    zone = ZoneInfo(event.timezone)
    yesterday_morning = datetime.now(zone).replace(hour=9, minute=5, second=0, microsecond=0) - timedelta(days=1)
    first, last = event_days(event)
    if not first <= yesterday_morning.date() < last:  # an event seeded on an earlier day: no check-ins to show
        return
    service = AttendanceService(user)
    for index, participant in enumerate(confirmed[:CHECKED_IN_YESTERDAY]):
        arrived = yesterday_morning + timedelta(minutes=index)
        scan = {"token": participant.checkin_token, "method": "QR", "event_id": str(event.id), "checked_in_at": arrived}
        _check(service.check_in(scan), "check-in")
    for participant in confirmed[:CHECKED_IN_TODAY]:
        _check(service.check_in({"id": str(participant.id), "method": "MANUAL"}), "check-in")
