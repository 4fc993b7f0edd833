"""Verification codes: random, unambiguous to read aloud or type (no 0/O, 1/I/L), grouped by four."""

import re
import secrets

ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
GROUPS, GROUP = 3, 4
_FORMAT = re.compile(rf"^[{ALPHABET}]{{{GROUPS * GROUP}}}$")


def new_code() -> str:
    raw = "".join(secrets.choice(ALPHABET) for _ in range(GROUPS * GROUP))
    return "-".join(raw[start : start + GROUP] for start in range(0, len(raw), GROUP))


def normalised(text: str) -> str | None:
    """The code as stored from what someone typed (any case, with or without dashes and blanks); None when it cannot
    be a code."""
    raw = re.sub(r"[\s-]", "", str(text or "")[:64]).upper()
    if not _FORMAT.match(raw):
        return None
    return "-".join(raw[start : start + GROUP] for start in range(0, len(raw), GROUP))
