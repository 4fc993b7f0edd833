"""The module's part of the instance's GraphQL schema, as SDL: its root fields and every type they reach by name."""

import re
import sys
from pathlib import Path

SCHEMA_FILE = Path(__file__).resolve().parent.parent / "openimis_be_meeting" / "schema.graphql"


def module_sdl() -> str:
    from host.schema import schema

    blocks = str(schema).split("\n\n")
    keep = []
    for block in blocks:
        head = block.split("{")[0]
        if head.startswith(("type Query", "type Mutation")):
            lines = block.splitlines()
            fields = [line for line in lines[1:-1] if re.match(r"\s+meeting|\s+\w+Meeting", line)]
            keep.append("\n".join([lines[0], *fields, lines[-1]]))
        elif re.search(r"\b(type|enum|input)\s+\w*Meeting\w*", head):
            keep.append(block)
    return "\n\n".join(keep).strip() + "\n"


if __name__ == "__main__":
    import os

    import django

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "host.settings")
    django.setup()
    SCHEMA_FILE.write_text(module_sdl(), encoding="utf-8")
    print(f"wrote {SCHEMA_FILE}")
