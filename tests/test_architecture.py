"""The package's layers import only what docs/architecture.md allows, and no module is over 400 lines.

Read with `ast`, so nothing is imported: every `import` and `from ... import` of a module of openimis_be_meeting
(relative ones resolved) is checked against the rules below.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "openimis_be_meeting"
MAX_LINES = 400

# The rules every layer shares (top-level modules), and what the openIMIS assembly looks for.
RULES = {"errors", "timeutils", "validation", "apps", "permissions"}
ASSEMBLY = {"schema", "urls", "rights"}
# What each area may import from the package, besides itself. `rights` reads the whole API (schema, urls) to build
# the rights table; nothing in the package imports `rights`, `demo` (but its command) or `tests`.
ALLOWED = {
    "models": set(),
    "errors": set(),
    "timeutils": set(),
    "validation": {"errors", "timeutils"},
    "apps": {"errors", "timeutils"},
    "permissions": {"apps", "errors"},
    "mail": RULES | {"models", "selectors", "formats"},
    # formats: the import reads what the exports write (country names, the CSV's formula guard, undone).
    "services": RULES | {"models", "selectors", "mail", "formats"},
    # mail: the outbox's readers preview an announcement with the mail's own templates.
    "selectors": RULES | {"models", "mail"},
    "formats": RULES | {"models", "selectors"},
    "gql": RULES | {"models", "selectors", "services", "documents"},
    "rest": RULES | {"models", "selectors", "services", "formats", "documents"},
    "admin": RULES | {"models", "selectors", "services", "formats", "documents"},
    "demo": RULES | {"models", "services"},
    "tasks": RULES | {"mail", "services"},
    # The documents (PDF badges, certificates, letters) are drawn from models and read through selectors; their
    # rules (who gets which) are in their own services, beside the drawing.
    "documents": RULES | {"models", "selectors", "services", "formats", "mail"},
    # The participant's side: server-rendered pages, an interface like rest/ and admin/.
    "public": RULES | {"models", "selectors", "services", "formats", "mail", "documents", "rest"},
    "management": RULES | {"models", "selectors", "services", "formats", "demo", "mail"},
    "schema": RULES | {"models", "selectors", "gql"},
    "urls": RULES | {"rest"},
    "rights": RULES | {"schema", "urls"},
    "tests": RULES
    | ASSEMBLY
    | {"models", "selectors", "services", "formats", "gql", "rest", "admin", "mail", "documents", "public"},
}
# Known crossings, each a name that is not a writer or an interface: (importing module, imported module.name).
EXCEPTIONS = {
    # The key under which a row's related lists are kept in json_ext, written by services, read by the history.
    ("openimis_be_meeting.selectors.history", "openimis_be_meeting.services.history.LISTS_KEY"),
    # The calendar days of an event in its zone: one pure function, used by check-in and by the statistics.
    ("openimis_be_meeting.selectors.statistics", "openimis_be_meeting.services.attendance.event_days"),
    # The admin's CSV export answers with the REST export's file response (same headers, same streaming).
    ("openimis_be_meeting.admin.participants", "openimis_be_meeting.rest.exports.file_response"),
    # ... and its badge action with the REST badge download's PDF response.
    ("openimis_be_meeting.admin.participants", "openimis_be_meeting.rest.documents.pdf_response"),
    # The lock order every writer keeps (event, then the row), used to read the event an announcement goes to.
    ("openimis_be_meeting.selectors.mail", "openimis_be_meeting.services.locks.live_row"),
    # The retention erasure reaches the visa letters' passport details through the documents' own eraser.
    ("openimis_be_meeting.services.erasers", "openimis_be_meeting.documents.erase_personal"),
    # An event's public address, built where the public pages' URLs are named; GraphQL shows it as publicUrl.
    ("openimis_be_meeting.gql.events", "openimis_be_meeting.public.links"),
    # The public registration's mail (verification links carry a secret: not kept in the outbox, public/notify.py).
    ("openimis_be_meeting.services.public", "openimis_be_meeting.public.notify"),
}


def _modules() -> list[Path]:
    return sorted(path for path in PACKAGE.rglob("*.py") if "migrations" not in path.relative_to(PACKAGE).parts)


def _name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path, source: str | None = None) -> list[str]:
    """Every module-level name of the package that `path` (or `source`, read as that module) imports, as
    `openimis_be_meeting.x.y[.name]`."""
    module, found = _name(path), []
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    for node in ast.walk(ast.parse(source if source is not None else path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, *([node.module] if node.module else [])])
            found += [f"{base}.{alias.name}" for alias in node.names]
    return [name for name in found if name.split(".")[0] == "openimis_be_meeting"]


def _area(dotted: str) -> str:
    parts = dotted.split(".")
    return parts[1] if len(parts) > 1 else ""


def _crossings(sources: dict[Path, str] | None = None) -> list[str]:
    refused, sources = [], sources or {}
    for path in _modules():
        module = _name(path)
        area = _area(module)
        for target in _imports(path, sources.get(path)):
            target_area = _area(target)
            if target_area in ("", area) or target_area in ALLOWED[area]:
                continue
            if (module, target) not in EXCEPTIONS:
                refused.append(f"{module} imports {target} ({area} may import {sorted(ALLOWED[area]) or 'nothing'})")
    return refused


def test_every_area_of_the_package_has_a_rule():
    areas = {_area(_name(path)) for path in _modules()} - {""}
    assert areas == set(ALLOWED), f"give these areas a rule in ALLOWED: {sorted(areas - set(ALLOWED))}"


def test_each_layer_imports_only_what_it_may():
    assert _crossings() == []


def test_the_exceptions_are_still_needed():
    used = {(_name(path), target) for path in _modules() for target in _imports(path)}
    assert used >= EXCEPTIONS, f"remove exceptions no longer used: {sorted(EXCEPTIONS - used)}"


def test_the_rules_would_catch_a_service_importing_graphql_or_a_model_importing_a_service():
    """The checker itself, on two modules given an import they may not have."""
    service, model = PACKAGE / "services" / "events.py", PACKAGE / "models" / "events.py"
    sources = {
        service: service.read_text(encoding="utf-8") + "\nfrom ..gql.events import EventType\n",
        model: model.read_text(encoding="utf-8") + "\nfrom ..services import EventService\n",
    }
    crossings = _crossings(sources)
    assert len(crossings) == 2, crossings
    assert crossings[0].startswith(
        "openimis_be_meeting.models.events imports openimis_be_meeting.services.EventService"
    )
    assert crossings[1].startswith("openimis_be_meeting.services.events imports openimis_be_meeting.gql.events")


def _long_files() -> list[Path]:
    folders = [PACKAGE, ROOT / "tests", ROOT / "bench"]
    files = [path for folder in folders for path in folder.rglob("*.py")]
    return sorted(path for path in files if "migrations" not in path.parts and ".venv" not in path.parts)


@pytest.mark.parametrize("path", _long_files(), ids=lambda p: str(p.relative_to(ROOT)))
def test_no_module_is_over_400_lines(path: Path):
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_LINES, f"{path.relative_to(ROOT)} has {lines} lines: split it (docs/architecture.md)"
