"""Checking rows against the database (one live registration per email, organisations) and placing each row in a
seat, on the waiting list or in approval, in file order."""

from uuid import UUID

from ...errors import MeetingError, Problems
from ...models import ACTIVE_PARTICIPANT_STATUSES, Event, Organisation, Participant, ParticipantStatus
from ..organisations import OrganisationService
from ..participants import next_waitlist_position, seats_left
from .report import ImportOptions, ImportProblems, ImportReport, RowError
from .rows import Row

P = ParticipantStatus


class _Organisations:
    """Live organisations by lower-cased name and acronym."""

    def __init__(self):
        self.by_name: dict[str, list] = {}
        self.by_acronym: dict[str, list] = {}
        for pk, name, acronym in Organisation.objects.live().values_list("id", "name", "acronym"):
            self.by_name.setdefault(name.strip().casefold(), []).append((pk, name))
            if acronym.strip():
                self.by_acronym.setdefault(acronym.strip().casefold(), []).append((pk, name))

    def find(self, text: str):
        """The id of the one organisation so named, or else so abbreviated; None when there is none."""
        key = text.casefold()
        for matches in (self.by_name.get(key), self.by_acronym.get(key)):
            if matches and len(matches) == 1:
                return matches[0][0]
            if matches:
                names = ", ".join(sorted(name for _pk, name in matches)[:5])
                raise MeetingError(
                    ImportProblems.AMBIGUOUS_ORGANISATION, field="organisation", value=text, matches=names
                )
        return None


def check_against_database(
    event: Event, rows: list[Row], report: ImportReport, options: ImportOptions, *, may_list: bool = True
) -> None:
    """The checks that need the event's registrations and the organisations: an email already active for the
    event, and organisations matched by name or acronym (unknown ones refused unless they are to be created).

    Who is registered is the participant list's to say: for a caller who may not list participants (216001), a row
    whose email is already registered is left out of the import and only counted (alreadyRegistered), never named
    by row or email, so that a file of candidate addresses learns nothing about any one of them."""
    taken = {
        email.lower()
        for email in Participant.objects.live()
        .filter(event=event, status__in=ACTIVE_PARTICIPANT_STATUSES)
        .values_list("email", flat=True)
    }
    organisations = _Organisations() if any(row.organisation for row in rows) else None
    for row in rows:
        if row.email in taken and not row.duplicate:
            if may_list:
                report.add(row.number, MeetingError(Problems.PARTICIPANT_EMAIL_TAKEN, field="email", value=row.email))
            else:
                report.already_registered += 1
            row.failed = True
        if not row.organisation:
            continue
        try:
            row.organisation_id = organisations.find(row.organisation)
        except MeetingError as error:
            report.add(row.number, error)
            row.failed = True
            continue
        if row.organisation_id is None:
            if options.create_organisations:
                row.new_organisation = row.organisation.casefold()
            else:
                error = MeetingError(ImportProblems.UNKNOWN_ORGANISATION, field="organisation", value=row.organisation)
                report.add(row.number, error)
                row.failed = True


def lock_organisations(rows: list[Row], report: ImportReport) -> None:
    """Lock the organisations the rows name (in id order, as deletes do), so that none is deleted before the
    participants referring to it are saved; one deleted meanwhile fails its rows."""
    wanted = {row.organisation_id for row in rows if row.organisation_id}
    if not wanted:
        return
    locked = set(
        Organisation.objects.select_for_update()
        .live()
        .filter(id__in=wanted)
        .order_by("id")
        .values_list("id", flat=True)
    )
    for row in rows:
        if row.organisation_id and row.organisation_id not in locked:
            error = MeetingError(ImportProblems.UNKNOWN_ORGANISATION, field="organisation", value=row.organisation)
            report.add(row.number, error)
            row.failed = True


def new_organisations(rows: list[Row]) -> dict[str, str]:
    """The organisations to create for the valid rows: key -> the name as first written."""
    names: dict[str, str] = {}
    for row in rows:
        if row.new_organisation and not row.failed:
            names.setdefault(row.new_organisation, row.organisation)
    return names


def create_organisations(user, rows: list[Row], report: ImportReport) -> None:
    """Create each missing organisation once, through OrganisationService (its rules and right), type OTHER."""
    created: dict[str, object] = {}
    for key, name in new_organisations(rows).items():
        result = OrganisationService(user).create({"name": name, "organisation_type": "OTHER"})
        if result["success"]:
            created[key] = UUID(str(result["data"]["id"]))
            report.organisations_created.append(name)
            continue
        detail = result["detail"]
        for row in rows:
            if row.new_organisation == key and not row.failed:
                report.errors.append(RowError(row.number, "organisation", detail["code"], detail["message"]))
                row.failed = True
    for row in rows:
        if row.new_organisation in created:
            row.organisation_id = created[row.new_organisation]


def refuse_beyond_seats(event: Event, rows: list[Row], report: ImportReport) -> None:
    """An event without a waiting list: the rows that would find no seat (in file order) are errors."""
    seats = None if event.requires_approval or not event.no_waiting_list else seats_left(event)
    if seats is None:
        return
    for row in [row for row in rows if not row.failed][seats:]:
        error = MeetingError(Problems.EVENT_FULL, field="eventId")
        report.errors.append(RowError(row.number, None, error.problem.code, error.message))
        row.failed = True


def place(event: Event, rows: list[Row], report: ImportReport) -> None:
    """The status each row gets, in file order, exactly as single registration gives it: PENDING when the event
    needs approval, else CONFIRMED while seats remain, else WAITLISTED continuing the current waiting list."""
    seats = None if event.requires_approval else seats_left(event)
    position = None
    for row in rows:
        row.position = None
        if event.requires_approval:
            row.status = P.PENDING
            report.pending += 1
        elif seats is None or seats > 0:
            row.status = P.CONFIRMED
            seats = None if seats is None else seats - 1
            report.confirmed += 1
        else:
            position = next_waitlist_position(event) if position is None else position + 1
            row.status, row.position = P.WAITLISTED, position
            report.waitlisted += 1
