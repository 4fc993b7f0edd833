"""Check that a built wheel carries every migration, compiled translation and template of the repository, the
GraphQL contract (schema.graphql) and the licence, and that its metadata declares what an instance needs: an SPDX
licence, project URLs, a requirement for every distribution the code imports (found with ast), and no cap on DRF
(which would downgrade instances)."""

import ast
import re
import sys
import zipfile
from email.parser import Parser
from importlib.metadata import packages_distributions
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "openimis_be_meeting"


def imported_distributions() -> set[str]:
    """The distributions whose modules the package's code imports (read with ast; the standard library aside)."""
    top_level = set()
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                top_level |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and not node.level and node.module:
                top_level.add(node.module.split(".")[0])
    top_level -= {*sys.stdlib_module_names, "openimis_be_meeting"}
    owners = packages_distributions()
    unknown = sorted(name for name in top_level if name not in owners)
    if unknown:
        raise SystemExit(f"imported but installed by no distribution here: {unknown}")
    return {_normal(owner) for name in top_level for owner in owners[name][:1]}


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def expected_files() -> set[str]:
    migrations = set(PACKAGE.glob("migrations/*.py"))
    catalogues = set(PACKAGE.glob("locale/*/LC_MESSAGES/*.mo"))
    templates = set(PACKAGE.glob("templates/**/*.html"))
    contract = {PACKAGE / "schema.graphql"}
    fonts = set(PACKAGE.glob("documents/fonts/*"))
    return {str(p.relative_to(ROOT)) for p in migrations | catalogues | templates | contract | fonts}


def metadata_problems(wheel: zipfile.ZipFile) -> list[str]:
    names = wheel.namelist()
    [metadata_name] = [n for n in names if n.endswith(".dist-info/METADATA")]
    metadata = Parser().parsestr(wheel.read(metadata_name).decode())
    problems = []
    licences = [n for n in names if ".dist-info/" in n and n.rsplit("/", 1)[-1] == "LICENSE"]
    if not licences:
        problems.append("no LICENSE in the wheel's .dist-info")
    elif wheel.read(licences[0]) != (ROOT / "LICENSE").read_bytes():
        problems.append("the wheel's LICENSE differs from the repository's")
    if "GNU AFFERO GENERAL PUBLIC LICENSE" not in (ROOT / "LICENSE").read_text():
        problems.append("LICENSE is not the GNU AGPL")
    licence = metadata.get("License-Expression") or metadata.get("License")
    if licence != "AGPL-3.0-only":
        problems.append(f"licence metadata is {licence!r}, not the SPDX expression AGPL-3.0-only")
    if not metadata.get_all("Project-URL"):
        problems.append("no Project-URL")
    requires = {r.split(";")[0].strip() for r in metadata.get_all("Requires-Dist") or []}
    declared = {_normal(re.split(r"[<>=~!\[ ]", r, maxsplit=1)[0]) for r in requires}
    problems += [f"imported but not in Requires-Dist: {name}" for name in sorted(imported_distributions() - declared)]
    problems += [f"DRF is capped: {r}" for r in requires if r.lower().startswith("djangorestframework") and "<" in r]
    return problems


def main(wheel: str) -> int:
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        problems = metadata_problems(archive)
    expected = expected_files()
    if not any(name.endswith(".mo") for name in expected):
        problems.append("no compiled .mo file in the repository")
    problems += [f"missing from {wheel}: {name}" for name in sorted(expected - names)]
    for problem in problems:
        print(problem)
    if not problems:
        print(
            f"{wheel}: {len(expected)} data files (migrations, catalogues, templates, fonts, schema); "
            "licence and metadata ok"
        )
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
