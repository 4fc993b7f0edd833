"""Check that a built wheel carries every migration, compiled translation and template of the repository."""

import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "openimis_be_meeting"


def expected_files() -> set[str]:
    migrations = set(PACKAGE.glob("migrations/*.py"))
    catalogues = set(PACKAGE.glob("locale/*/LC_MESSAGES/*.mo"))
    templates = set(PACKAGE.glob("templates/**/*.html"))
    fonts = set(PACKAGE.glob("documents/fonts/*"))
    return {str(p.relative_to(ROOT)) for p in migrations | catalogues | templates | fonts}


def main(wheel: str) -> int:
    names = set(zipfile.ZipFile(wheel).namelist())
    expected = expected_files()
    if not any(name.endswith(".mo") for name in expected):
        print("no compiled .mo file in the repository")
        return 1
    missing = sorted(expected - names)
    for name in missing:
        print(f"missing from {wheel}: {name}")
    if not missing:
        print(f"{wheel}: {len(expected)} migrations, catalogues and templates present")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
