"""Shared by the benchmark scripts: the bench database's settings and Django set up on the test host."""

import os
import platform
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
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
