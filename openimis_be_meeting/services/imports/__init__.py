"""Bulk registration of participants from a CSV or XLSX file, under the rules of one registration at a time.

Every row goes through the checks of ParticipantService.register: the same cleaning functions and messages
(participants.apply_changes), the same rights and registration-open rule (check_registration_open), the same
one-active-registration-per-email rule, and the same seats and waiting list (seats_left, next_waitlist_position),
applied in file order as if the rows had been registered one after the other. What differs is how rows are written:
registering 10,000 people one save at a time (a transaction, a history row and signals each) is far too slow, so a
real run locks the event row once (the order every writer keeps: event, then organisations), computes every
status, and writes the participants and their history rows in bulk: COPY on PostgreSQL, bulk_create (with
simple_history's bulk_history_create) elsewhere. No per-participant service signal is sent for imported rows.

A real run is all-or-nothing unless `partial` is asked: one invalid row and nothing is written. A dry run reads,
checks and places every row the same way and writes nothing.
"""

import os

from django.db import transaction

from ... import validation as v
from ...errors import MeetingError, Problems
from ...models import Event, ParticipantStatus
from ...permissions import Action, can, require
from ..locks import locked_event
from ..participants import check_registration_open
from .columns import COLUMNS
from .placement import (
    check_against_database,
    create_organisations,
    lock_organisations,
    new_organisations,
    place,
    refuse_beyond_seats,
)
from .reading import read_table
from .report import ImportOptions, ImportProblems, ImportReport, Progress, audit
from .rows import Row, check_rows
from .writing import write

P = ParticipantStatus


def _event(event_id) -> Event:
    uuid = v.clean_uuid(event_id, field="eventId")
    event = Event.objects.live().filter(id=uuid).first()
    if event is None:
        raise MeetingError(Problems.EVENT_NOT_FOUND, field="eventId", value=str(uuid))
    return event


def import_participants(
    user,
    event_id,
    *,
    name: str,
    data: bytes,
    options: ImportOptions = ImportOptions(),  # noqa: B008 - frozen, never mutated
    progress: Progress | None = None,
) -> ImportReport:
    """Register the participants of a CSV or XLSX file for an event.

    Raises MeetingError (MeetingPermissionDenied for rights) when the import cannot start: no right, unknown or
    closed event, or a file that is not a readable CSV/XLSX with the required columns within the limits. Otherwise
    returns the report; `refusal` is set when a real all-or-nothing run wrote nothing because rows have errors.
    """
    require(user, Action.REGISTER_PARTICIPANTS)
    if options.create_organisations:
        require(user, Action.CREATE_ORGANISATIONS)
    # Refuse a closed event before reading the file; a real run checks again under the event's lock.
    event = _event(event_id)
    check_registration_open(event, user)
    table = read_table(name, data)
    report = ImportReport(
        dry_run=options.dry_run,
        rows=len(table.rows),
        ignored_columns=table.ignored_columns,
        column_order={COLUMNS[key]: position for position, key in enumerate(table.keys) if key},
    )
    rows = check_rows(table, report, progress)
    may_list = can(user, Action.SEARCH_PARTICIPANTS)
    if options.dry_run:
        check_against_database(event, rows, report, options, may_list=may_list)
        refuse_beyond_seats(event, rows, report)
        valid = [row for row in rows if not row.failed]
        report.organisations_created = list(new_organisations(valid).values())
        _finish(event, valid, report)
        audit(user, event, name=name, report=report, options=options)
        return report
    report = _run(user, event, name, rows, report, options, progress, may_list=may_list)
    audit(user, event, name=name, report=report, options=options)  # after the run: a refused run is kept too
    return report


def _run(user, event, name, rows, report, options, progress, *, may_list: bool) -> ImportReport:
    with transaction.atomic():
        event = locked_event(event.id, field="eventId")
        check_registration_open(event, user)
        check_against_database(event, rows, report, options, may_list=may_list)
        refuse_beyond_seats(event, rows, report)
        lock_organisations([row for row in rows if not row.failed], report)
        if report.errors and not options.partial:
            return _refuse(event, rows, report)
        create_organisations(user, [row for row in rows if not row.failed], report)
        if report.errors and not options.partial:
            transaction.set_rollback(True)  # the organisations just created go too
            report.organisations_created = []
            return _refuse(event, rows, report)
        valid = [row for row in rows if not row.failed]
        _finish(event, valid, report)
        write(event, user, valid, f"Imported from {os.path.basename(name or 'a file')}"[:100], progress)
        report.created = len(valid)
    return report


def _finish(event: Event, valid: list[Row], report: ImportReport) -> None:
    report.valid = len(valid)
    place(event, valid, report)


def _refuse(event: Event, rows: list[Row], report: ImportReport) -> ImportReport:
    _finish(event, [row for row in rows if not row.failed], report)
    failed = len({error.row for error in report.errors})
    report.refusal = MeetingError(ImportProblems.ROWS_INVALID, field="file", count=failed)
    return report
