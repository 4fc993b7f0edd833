"""The HTTP side of bench/load.py: a GraphQL client that logs in and talks as the openIMIS frontend does, and the
gunicorn server it talks to (started on 127.0.0.1, stopped by the run)."""

import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
import uuid
from http.cookiejar import CookieJar
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import ROOT, db_env  # noqa: E402

ADMIN_USER, ADMIN_PASSWORD = "Admin", "admin123"

GRAPHQL = "/api/graphql"


def literal(value) -> str:
    """A GraphQL input literal, as the frontend writes them (tests/frontend.py)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Enum):
        return value.name
    return json.dumps(str(value), ensure_ascii=False)


class Enum:
    def __init__(self, name: str):
        self.name = name


class Client:
    """One browser session: its own cookies (csrftoken, JWT, session) and CSRF token."""

    def __init__(self, base: str, timings: dict, lock: threading.Lock):
        self.base, self.timings, self.lock = base, timings, lock
        self.cookies = CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.cookies))
        self.csrf = None

    def _cookie(self, name: str) -> str | None:
        return next((cookie.value for cookie in self.cookies if cookie.name == name), None)

    def post(self, kind: str, query: str, variables: dict | None = None, csrf: str | None = None) -> dict:
        body = {"query": query} | ({"variables": variables} if variables is not None else {})
        headers = {"Content-Type": "application/json"}
        if csrf or self.csrf:
            headers["X-CSRFToken"] = csrf or self.csrf
        request = urllib.request.Request(
            self.base + GRAPHQL, data=json.dumps(body).encode(), headers=headers, method="POST"
        )
        started = time.perf_counter()
        with self.opener.open(request, timeout=60) as response:
            payload = json.loads(response.read())
        elapsed = (time.perf_counter() - started) * 1000
        with self.lock:
            self.timings.setdefault(kind, []).append(elapsed)
        return payload

    def login(self) -> None:
        page = urllib.request.Request(self.base + GRAPHQL, headers={"Accept": "text/html"})
        self.opener.open(page, timeout=60).read()
        result = self.post(
            "login",
            "mutation authenticate($username: String!, $password: String!) "
            "{ tokenAuth(username: $username, password: $password) { refreshExpiresIn } }",
            {"username": ADMIN_USER, "password": ADMIN_PASSWORD},
            csrf=self._cookie("csrftoken"),
        )
        if "errors" in result:
            raise RuntimeError(f"login failed: {result['errors']}")
        token = self.post("login", "mutation { getCsrfToken { csrfToken } }")
        self.csrf = token["data"]["getCsrfToken"]["csrfToken"]

    def mutate(self, kind: str, name: str, fields: dict) -> tuple[str, dict]:
        """Send the mutation, then read its log row as the frontend polls it; return (clientMutationId, log)."""
        client_id = str(uuid.uuid4())
        inputs = " ".join(f"{key}: {literal(value)}" for key, value in fields.items())
        response = self.post(
            kind,
            f'mutation {{ {name}(input: {{ clientMutationId: "{client_id}" clientMutationLabel: "load" {inputs} }}) '
            "{ clientMutationId internalId } }",
        )
        if "errors" in response:
            raise RuntimeError(f"{name}: {response['errors']}")
        logs = self.post(
            "mutationLogs",
            "query ($id: String) { mutationLogs(clientMutationId: $id) { edges { node { status error } } } }",
            {"id": client_id},
        )
        edges = logs["data"]["mutationLogs"]["edges"]
        return client_id, (edges[0]["node"] if edges else {"status": None, "error": "no mutation log"})

    def participant(self, client_id: str) -> dict | None:
        result = self.post(
            "read participant",
            "query ($id: String) { meetingParticipants(first: 1, clientMutationId: $id) "
            "{ edges { node { uuid status waitlistPosition } } } }",
            {"id": client_id},
        )
        edges = result["data"]["meetingParticipants"]["edges"]
        return edges[0]["node"] if edges else None


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_server(args, port: int, log_path: Path) -> subprocess.Popen:
    gunicorn = Path(sys.executable).with_name("gunicorn")
    if not gunicorn.exists():
        raise SystemExit("gunicorn is not installed in this venv: .venv/bin/python -m pip install gunicorn")
    env = {**os.environ, **db_env(args.db), "DJANGO_SETTINGS_MODULE": "host.settings", "LOG_LEVEL": "ERROR"}
    command = [
        str(gunicorn),
        "--chdir",
        str(ROOT),
        "--workers",
        str(args.workers),
        "--bind",
        f"127.0.0.1:{port}",
        "--timeout",
        "120",
        "--log-level",
        "warning",
        "bench.wsgi:application",
    ]
    log = log_path.open("w")
    server = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    for _ in range(120):
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}{GRAPHQL}", timeout=5) as response:
                response.read()
            return server
        except urllib.error.HTTPError:
            return server  # it answers (a GET without a query is a 400): it is up
        except OSError:
            if server.poll() is not None:
                raise SystemExit(f"gunicorn exited; see {log_path}") from None
            time.sleep(0.5)
    stop_server(server)
    raise SystemExit(f"gunicorn did not answer; see {log_path}")


def stop_server(server: subprocess.Popen) -> None:
    if server.poll() is None:
        os.killpg(server.pid, signal.SIGTERM)  # its own session: the master and its workers, nothing else
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()
