"""Shared by the benchmark scripts: the bench database's settings and Django set up on the test host."""

import os
import platform
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "benchmarks.md"
TESTS = ROOT / "tests"
DEFAULT_DB = "meeting_bench"
# Databases the benchmark never writes to, whatever --db says.
PROTECTED = ("meeting_dev", "postgres", "template0", "template1")


def db_env(db_name: str | None = None) -> dict:
    """The environment the host settings read to reach the bench database on PostgreSQL."""
    name = db_name or os.environ.get("BENCH_DB_NAME", DEFAULT_DB)
    if name in PROTECTED or name.startswith("test_") or name == "test":
        raise SystemExit(f"refusing to use database {name!r}: the benchmark writes only to its own database")
    return {
        "DB_ENGINE": "postgresql",
        "DB_HOST": os.environ.get("DB_HOST", "127.0.0.1"),
        "DB_PORT": os.environ.get("DB_PORT", "5432"),
        "DB_USER": os.environ.get("DB_USER", "postgres"),
        "DB_PASSWORD": os.environ.get("DB_PASSWORD", ""),
        "DB_NAME": name,
        "IS_TESTING": "false",
        "DEBUG": "false",
    }


def setup_django(db_name: str | None = None) -> None:
    os.environ.update(db_env(db_name))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "host.settings")
    if str(TESTS) not in sys.path:
        sys.path.insert(0, str(TESTS))
    import django

    django.setup()


def _run(command: list[str]) -> str:
    try:
        return subprocess.run(command, capture_output=True, text=True, timeout=10).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return "?"


def machine_info() -> dict:
    """What the numbers were measured on (call after setup_django)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT version()")
        pg_version = cursor.fetchone()[0].split(" on ")[0]
    cpu = "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {
        "date": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "nproc": _run(["nproc"]),
        "cpu": cpu,
        "memory": _run(["free", "-g"]).splitlines()[1].split()[1] if _run(["free", "-g"]) != "?" else "?",
        "postgres": pg_version,
        "python": platform.python_version(),
        "loadavg": " ".join(Path("/proc/loadavg").read_text().split()[:3]) if Path("/proc/loadavg").exists() else "?",
        "commit": _run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"]),
        "dirty": bool(_run(["git", "-C", str(ROOT), "status", "--porcelain", "--untracked-files=no"])),
    }


def percentile(values: list[float], fraction: float) -> float:
    """Nearest-rank percentile of a non-empty list."""
    ordered = sorted(values)
    index = max(0, min(len(ordered) - 1, round(fraction * len(ordered) + 0.5) - 1))
    return ordered[index]


def median(values: list[float]) -> float:
    ordered = sorted(values)
    middle = len(ordered) // 2
    return ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2


def write_section(name: str, text: str) -> None:
    start, end = f"<!-- {name}:start -->", f"<!-- {name}:end -->"
    doc = DOC.read_text() if DOC.exists() else f"# Benchmarks\n\n{start}\n{end}\n"
    if start not in doc:
        doc += f"\n{start}\n{end}\n"
    head, rest = doc.split(start, 1)
    _, tail = rest.split(end, 1)
    DOC.parent.mkdir(exist_ok=True)
    DOC.write_text(f"{head}{start}\n{text}\n{end}{tail}")
    print(f"wrote the {name} section of {DOC.relative_to(ROOT)}")


def _admin_connection(db: dict):
    import psycopg2

    connection = psycopg2.connect(
        host=db["DB_HOST"], port=db["DB_PORT"], user=db["DB_USER"], password=db["DB_PASSWORD"], dbname="postgres"
    )
    connection.autocommit = True
    return connection


def prepare_database(db_name: str, reset: bool) -> None:
    """Create (or with reset, drop and recreate) the bench database, then migrate it."""
    db = db_env(db_name)
    connection = _admin_connection(db)
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [db["DB_NAME"]])
        exists = cursor.fetchone() is not None
        if exists and reset:
            print(f"dropping {db['DB_NAME']}")
            cursor.execute(f'DROP DATABASE "{db["DB_NAME"]}" WITH (FORCE)')
            exists = False
        if not exists:
            print(f"creating {db['DB_NAME']}")
            cursor.execute(f'CREATE DATABASE "{db["DB_NAME"]}"')
    connection.close()
    env = {**os.environ, **db, "DJANGO_SETTINGS_MODULE": "host.settings"}
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--run-syncdb", "--noinput", "-v", "0"], cwd=TESTS, env=env, check=True
    )
