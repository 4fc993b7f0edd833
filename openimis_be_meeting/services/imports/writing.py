"""Writing an import's participants and their history rows in bulk: COPY on PostgreSQL, bulk_create elsewhere."""

import io
from datetime import datetime
from uuid import UUID

from core.utils import uuidv7
from django.db import connection
from django.utils import timezone

from ...models import Event, Participant, ParticipantStatus, new_checkin_token
from .report import WRITE_BATCH, Progress
from .rows import Row

P = ParticipantStatus


def write(event: Event, user, rows: list[Row], reason: str, progress: Progress | None) -> None:
    """Insert the participants, with every field HistoryModel.save() would set on a new row, and their history rows
    ("+", by the importing user, with the reason): COPY on PostgreSQL, bulk_create with simple_history's
    bulk_history_create on other databases."""
    stamp = datetime.now()  # as HistoryModel.save() stamps date_created
    # What every row shares: the model's defaults and the bookkeeping fields.
    shared = {f.attname: f.get_default() for f in Participant._meta.concrete_fields} | {
        "event_id": event.id,
        "version": 1,
        "is_deleted": False,
        "json_ext": None,
        "user_created_id": user.id,
        "user_updated_id": user.id,
        "date_created": stamp,
        "date_updated": stamp,
    }
    history = {"history_date": timezone.now(), "history_change_reason": reason, "history_type": "+"}
    copy = _Copy(shared, history, user) if connection.vendor == "postgresql" else None
    total = len(rows)
    for start in range(0, total, WRITE_BATCH):
        batch = [_own_values(row) for row in rows[start : start + WRITE_BATCH]]
        if copy is not None:
            copy.write(batch)
        else:
            participants = Participant.objects.bulk_create([Participant(**{**shared, **values}) for values in batch])
            Participant.history.bulk_history_create(
                participants,
                default_user=user,
                default_date=history["history_date"],
                default_change_reason=reason,
            )
        if progress:
            progress("writing", start + len(batch), total)


def _own_values(row: Row) -> dict:
    """The fields that differ from one participant to the next."""
    return {
        **row.values,
        "id": uuidv7(),
        "organisation_id": row.organisation_id,
        "status": row.status,
        "waitlist_position": row.position,
        "registered_at": row.at,
        "status_changed_at": row.at,
        "checkin_token": new_checkin_token(),
    }


class _Copy:
    """COPY into the participant and history tables: for 10,000 rows several times faster than INSERT statements.
    Each participant is written as one CSV line; its history row is that line and the history columns."""

    def __init__(self, shared: dict, history: dict, user):
        fields = Participant._meta.concrete_fields
        self.names = [f.attname for f in fields]
        self.shared = {name: _csv_value(value) for name, value in shared.items()}
        history_model = Participant.history.model
        history_fields = {f.attname: f for f in history_model._meta.concrete_fields if not f.primary_key}
        extra = {**history, "history_user_id": user.id}
        if set(history_fields) != set(self.names) | set(extra):  # simple_history changed its table: say so
            raise RuntimeError(f"unexpected history columns: {sorted(set(history_fields) ^ set(self.names))}")
        self.history_suffix = "," + ",".join(_csv_value(value) for value in extra.values()) + "\n"
        quote = connection.ops.quote_name
        columns = [quote(f.column) for f in fields]
        history_columns = [quote(history_fields[name].column) for name in [*self.names, *extra]]
        self.participant_sql = self._sql(Participant._meta.db_table, columns)
        self.history_sql = self._sql(history_model._meta.db_table, history_columns)

    @staticmethod
    def _sql(table: str, columns: list[str]) -> str:
        quote = connection.ops.quote_name
        return f"COPY {quote(table)} ({', '.join(columns)}) FROM STDIN WITH (FORMAT csv, NULL '\\N')"

    def write(self, batch: list[dict]) -> None:
        shared = self.shared
        lines = [
            ",".join(_csv_value(values[name]) if name in values else shared[name] for name in self.names)
            for values in batch
        ]
        with connection.cursor() as cursor:
            self._copy(cursor.cursor, self.participant_sql, "\n".join(lines) + "\n")
            self._copy(cursor.cursor, self.history_sql, self.history_suffix.join(lines) + self.history_suffix)

    @staticmethod
    def _copy(raw, sql: str, data: str) -> None:
        if hasattr(raw, "copy_expert"):  # psycopg2
            raw.copy_expert(sql, io.StringIO(data))
        else:  # psycopg 3
            with raw.copy(sql) as copy:
                copy.write(data)


def _csv_text(value: str) -> str:
    return '"' + value.replace('"', '""') + '"'


# PostgreSQL's COPY CSV form of each type of value: text is always quoted, so that only an unquoted \N is NULL.
_CSV_FORMS = {
    str: _csv_text,
    bool: lambda value: "t" if value else "f",
    type(None): lambda value: "\\N",
    datetime: lambda value: value.isoformat(sep=" "),
    int: str,
    UUID: str,
}


def _csv_value(value) -> str:
    form = _CSV_FORMS.get(type(value))
    if form is not None:
        return form(value)
    for kind in (str, datetime, int, UUID):  # subclasses, such as a TextChoices member (a model field's default)
        if isinstance(value, kind):
            return _CSV_FORMS[kind](kind(value) if kind in (str, int) else value)
    raise TypeError(f"no COPY form for {type(value).__name__}")
