import json
import time
from pathlib import Path
from uuid import UUID

from core.models import User
from django.core.management import BaseCommand, CommandError

from ...errors import MeetingError
from ...models import Event
from ...services.imports import import_participants
from ...services.imports.report import ImportOptions, import_limits

SHOWN_ERRORS = 50


def _plain(text: str) -> str:
    return text  # not the error colour Django gives stderr on a terminal


class ProgressBar:
    """A progress bar on a terminal (redrawn in place); one line per tenth on anything else (logs, CI)."""

    def __init__(self, stream, width: int = 30):
        self.stream = stream
        self.width = width
        self.tty = stream.isatty()
        self.shown: dict[str, int] = {}

    def __call__(self, stage: str, done: int, total: int) -> None:
        fraction = done / total if total else 1.0
        if self.tty:
            filled = int(self.width * fraction)
            bar = "#" * filled + "." * (self.width - filled)
            self.stream.write(f"\r{stage:<9} [{bar}] {done}/{total} {fraction:4.0%}", style_func=_plain, ending="")
            if done >= total:
                self.stream.write("", style_func=_plain)
            self.stream.flush()
            return
        tenth = int(fraction * 10)
        if self.shown.get(stage, -1) < tenth:
            self.shown[stage] = tenth
            self.stream.write(f"{stage} {done}/{total} ({fraction:.0%})", style_func=_plain)


class Command(BaseCommand):
    help = (
        "Register the participants of a CSV or XLSX file for an event, with the rules of single registration. "
        "All or nothing unless --partial; --dry-run checks and reports without writing."
    )

    def add_arguments(self, parser):
        parser.add_argument("event", help="the event's code or id")
        parser.add_argument("file", help="a .csv (UTF-8) or .xlsx file; columns as in docs/samples/participants.csv")
        parser.add_argument("--user", required=True, help="openIMIS user the import is done as (needs the rights)")
        parser.add_argument("--dry-run", action="store_true", help="check and report, write nothing")
        parser.add_argument("--partial", action="store_true", help="import the valid rows even if others fail")
        parser.add_argument(
            "--create-organisations", action="store_true", help="create organisations not found by name or acronym"
        )
        parser.add_argument("--json", action="store_true", help="print the report as JSON (as the REST endpoint)")
        parser.add_argument("--no-progress", action="store_true", help="no progress bar on stderr")

    def handle(self, *args, event, file, user, **options):
        account = User.objects.filter(username=user).first()
        if account is None:
            raise CommandError(f"No openIMIS user named {user}")
        event = self._event(event)
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"No file {file}")
        max_bytes, _rows = import_limits()
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)
        choice = ImportOptions(
            dry_run=options["dry_run"], create_organisations=options["create_organisations"], partial=options["partial"]
        )
        progress = None if options["no_progress"] else ProgressBar(self.stderr)
        started = time.perf_counter()
        try:
            report = import_participants(
                account, event.id, name=path.name, data=data, options=choice, progress=progress
            )
        except MeetingError as error:
            raise CommandError(f"{error.message} [{error.problem.code}]") from None
        elapsed = time.perf_counter() - started
        if options["json"]:
            self.stdout.write(json.dumps(report.as_dict(), indent=2, ensure_ascii=False))
        else:
            self._summary(event, report, elapsed)
        if report.refusal is not None:
            raise CommandError(f"{report.refusal.message} [{report.refusal.problem.code}]")
        if report.errors and report.dry_run:
            raise CommandError(f"{len({error.row for error in report.errors})} row(s) have errors")

    def _event(self, reference: str) -> Event:
        events = Event.objects.live()
        try:
            found = events.filter(id=UUID(reference)).first()
        except ValueError:
            found = events.filter(code__iexact=reference).first()
        if found is None:
            raise CommandError(f"No event with the code or id {reference}")
        return found

    def _summary(self, event: Event, report, elapsed: float) -> None:
        verb = "would register" if report.dry_run else "registered"
        count = report.valid if report.dry_run or report.refusal else report.created
        self.stdout.write(
            f"{event.code}: {report.rows} rows read, {verb} {count} "
            f"({report.confirmed} confirmed, {report.waitlisted} waitlisted, {report.pending} pending) "
            f"in {elapsed:.1f} s; {len(report.errors)} errors"
        )
        if report.organisations_created:
            verb = "would create" if report.dry_run or report.refusal else "created"
            self.stdout.write(f"Organisations {verb}: {', '.join(report.organisations_created)}")
        if report.ignored_columns:
            self.stdout.write(f"Columns ignored: {', '.join(report.ignored_columns)}")
        errors = report.sorted_errors()
        for error in errors[:SHOWN_ERRORS]:
            column = f", {error.column}" if error.column else ""
            self.stdout.write(f"  row {error.row}{column}: {error.message} [{error.code}]")
        if len(errors) > SHOWN_ERRORS:
            self.stdout.write(f"  ... and {len(errors) - SHOWN_ERRORS} more errors (--json lists them all)")
