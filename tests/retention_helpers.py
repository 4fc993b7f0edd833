"""What the retention tests share: a search of every column of every row of the database, and the numbers that must
not change when personal data is erased (statistics and the interoperability matrix, read over GraphQL)."""

from django.db import connection

STATISTICS = """query ($id: String!, $statuses: [MeetingParticipantStatusEnum]) {
  meetingEventStatistics(eventId: $id, statuses: $statuses) {
    registrations capacity confirmed seatsLeft waitlistLength
    byStatus { key count } byRole { key count } byCountry { key count } byOrganisationType { key count }
    byGender { key count } byParticipationMode { key count } attendanceByDay { day attended expected rate }
  }
}"""
MATRIX = """{ meetingInteroperabilityMatrix {
  pairs { systemA { name } systemB { name } standards { code } directions bestEvidenceLevel showcaseCount
          showcaseIds progress { event { code } bestEvidenceLevel showcaseCount } }
  bySystemStandard { system { name } standard { code } bestEvidenceLevel showcaseCount showcaseIds }
} }"""
ALL_STATUSES = ["PENDING", "CONFIRMED", "WAITLISTED", "REJECTED", "CANCELLED", "WITHDRAWN", "NO_SHOW"]


def numbers(session, event_ids) -> dict:
    """Each event's statistics (confirmed ones, and every status) and the whole matrix, as a holder of every right
    reads them."""
    read = {}
    for event_id in event_ids:
        for statuses in (None, ALL_STATUSES):
            answer = session.post(STATISTICS, variables={"id": str(event_id), "statuses": statuses})
            assert "errors" not in answer, answer
            read[(str(event_id), bool(statuses))] = answer["data"]["meetingEventStatistics"]
    answer = session.post(MATRIX)
    assert "errors" not in answer, answer
    read["matrix"] = answer["data"]["meetingInteroperabilityMatrix"]
    return read


def _text(value) -> str:
    if isinstance(value, memoryview):
        value = value.tobytes()
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    return str(value)


def database_hits(values) -> list[tuple[str, str]]:
    """(table, value) for every value found, case-insensitively, in any column of any row of any table."""
    wanted = sorted({value.lower() for value in values if value})
    hits = set()
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
            for row in cursor.fetchall():
                text = "\x1f".join(_text(value) for value in row if value is not None).lower()
                hits.update((table, value) for value in wanted if value in text)
    return sorted(hits)
