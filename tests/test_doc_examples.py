"""Every example of README.md and docs/*.md runs as written against a freshly seeded demo (`make demo`), in the
order a reader meets them: each file against its own fresh copy of the demo database, served by `runserver`."""

import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from doc_examples import DATA, DOCS, ROOT, RUN, DemoReader, blocks

TESTS = ROOT / "tests"
# The demo servers listen on the first free port from MEETING_DOCS_PORT (8351) up to 8399.
FIRST_PORT = int(os.environ.get("MEETING_DOCS_PORT", "8351"))


def _free_port() -> int:
    for port in range(FIRST_PORT, 8400):
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) != 0:
                return port
    raise RuntimeError(f"no free port from {FIRST_PORT} to 8399")


def _env(database: Path, home: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DB_", "PYTEST", "DJANGO_SETTINGS"))}
    venv_bin = str(Path(sys.executable).parent)
    # curl fails on an HTTP error (~/.curlrc), so a refused download fails its example.
    env.update(DB_NAME=str(database), HOME=str(home), PATH=f"{venv_bin}:{env.get('PATH', '/usr/bin:/bin')}")
    env.update(IS_TESTING="false", MODE="DEV", PYTHONDONTWRITEBYTECODE="1")
    return env


@pytest.fixture(scope="module")
def demo_template(tmp_path_factory) -> Path:
    """The demo database as `make demo-db` leaves it, built once; each file gets a copy."""
    folder = tmp_path_factory.mktemp("demo")
    database, home = folder / "template.sqlite3", folder / "home"
    home.mkdir()
    env = _env(database, home)
    for command in (["migrate", "--run-syncdb", "--noinput"], ["demo_setup"]):
        subprocess.run([sys.executable, "manage.py", *command], cwd=TESTS, env=env, check=True, capture_output=True)
    return database


def _wait_for(port: int, server: subprocess.Popen) -> None:
    for _ in range(200):
        if server.poll() is not None:
            raise RuntimeError(f"runserver ended: {server.stderr.read()}")
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise RuntimeError("runserver did not start")


@pytest.fixture
def demo_reader(demo_template, tmp_path):
    """A reader at a fresh demo: its own copy of the database, runserver on it, a working directory holding the
    repository's tests/, docs/ and .venv (examples `cd tests`, upload docs/samples/...), logged in as Admin."""
    database, home, workdir = tmp_path / "demo.sqlite3", tmp_path / "home", tmp_path / "work"
    shutil.copy(demo_template, database)
    home.mkdir()
    workdir.mkdir()
    (home / ".curlrc").write_text("fail\nshow-error\n")
    for name in ("tests", "docs", ".venv"):
        (workdir / name).symlink_to(ROOT / name)
    env, port = _env(database, home), _free_port()
    server = subprocess.Popen(
        [sys.executable, "manage.py", "runserver", "--noreload", "--insecure", f"127.0.0.1:{port}"],
        cwd=TESTS,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        _wait_for(port, server)
        reader = DemoReader(f"http://127.0.0.1:{port}", workdir, env)
        assert "errors" not in reader.login("Admin", "admin123")
        yield reader
    finally:
        server.terminate()
        server.wait(timeout=30)


def _documents_with_examples():
    return [path for path in DOCS if any(b.language in RUN and not b.fragment for b in blocks(path))]


@pytest.mark.parametrize("path", _documents_with_examples(), ids=lambda p: str(p.relative_to(ROOT)))
def test_every_example_runs_as_written_against_a_fresh_demo(path: Path, demo_reader):
    for block in blocks(path):
        if block.language in RUN and not block.fragment:
            demo_reader.run(block)


@pytest.mark.parametrize("path", DOCS, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_block_says_whether_it_runs(path: Path):
    untagged = [b.name for b in blocks(path) if b.language not in RUN | DATA]
    assert not untagged, f"tag these blocks `graphql` or `bash` (run) or one of {sorted(DATA)}: {untagged}"


def test_the_readme_links_every_docs_page():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    unlinked = [p.name for p in DOCS[1:] if f"(docs/{p.name})" not in readme]
    assert not unlinked, f"README.md's 'Further reading' should link {unlinked}"
