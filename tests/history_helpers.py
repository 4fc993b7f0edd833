"""Reading `meetingHistory` as the frontend would, and the shapes the history tests compare."""

ENTRY = "version changedAt changedBy change reason changes { field label before after masked }"


def read_history(session, entity: str, object_id) -> dict:
    return session.post(f'{{ meetingHistory(entity: {entity}, id: "{object_id}") {{ {ENTRY} }} }}')


def history_of(session, entity: str, object_id) -> list[dict]:
    result = read_history(session, entity, object_id)
    assert "errors" not in result, result
    return result["data"]["meetingHistory"]


def changes(entry: dict) -> dict:
    """field -> (before, after), masked fields as "masked"."""
    return {c["field"]: "masked" if c["masked"] else (c["before"], c["after"]) for c in entry["changes"]}


def summary(entries: list[dict]) -> list[tuple]:
    return [(e["version"], e["change"], e["changedBy"]) for e in entries]
