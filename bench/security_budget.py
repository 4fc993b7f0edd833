"""The cost budget of one request (docs/security.md, "Cost budget"): the heaviest requests an anonymous caller and a
holder of one read right can send, each against a fresh server process, with its wall time and the server's peak
memory (VmHWM from /proc, before and after).

    .venv/bin/python bench/security_budget.py [--db meeting_security_bench] [--participants 100000] [--port 8400]

Fills the database with bench/generate.py (idempotent), adds two users holding one read right each (215001, 216001),
then for each request starts `tests/manage.py runserver --noreload --nothreading` on 127.0.0.1:<port> on that
database, warms it up (a login and a small query), reads VmHWM, sends the request, and reads VmHWM again. Traffic
goes to 127.0.0.1 only; each server is stopped before the next starts.
"""

import argparse
import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from http.cookiejar import CookieJar
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import ROOT, TESTS, db_env, machine_info, setup_django  # noqa: E402
from bench.generate import LARGEST_EVENT_CODE  # noqa: E402

GRAPHQL = "/api/graphql"
PASSWORD = "Budget-password-1"
READERS = {"Budget215001": "215001", "Budget216001": "216001"}
LISTED = "firstName lastName jobTitle country role organisationName organisationAcronym"
PARTICIPANT = (
    "uuid firstName lastName jobTitle country status role attendanceMode waitlistPosition consentListed "
    "consentPhotos consentContact registeredAt statusChangedAt version email phone gender accessibilityNeeds "
    "dietaryNeeds checkinToken rejectionReason event { uuid code name status startsAt endsAt timezone city country }"
)


class Browser:
    """A browser session against the server: cookies, and the CSRF token once logged in."""

    def __init__(self, base: str):
        self.base, self.cookies, self.csrf = base, CookieJar(), None
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.cookies))

    def cookie(self, name: str):
        return next((cookie.value for cookie in self.cookies if cookie.name == name), None)

    def post(self, query: str, variables=None, csrf=None) -> tuple[int, dict]:
        body = json.dumps({"query": query} | ({"variables": variables} if variables else {})).encode()
        headers = {"Content-Type": "application/json"}
        if csrf or self.csrf:
            headers["X-CSRFToken"] = csrf or self.csrf
        request = urllib.request.Request(self.base + GRAPHQL, data=body, headers=headers, method="POST")
        try:
            with self.opener.open(request, timeout=600) as response:
                return response.status, _json(response.read())
        except urllib.error.HTTPError as error:
            return error.code, _json(error.read())

    def visit(self) -> None:
        self.opener.open(urllib.request.Request(self.base + GRAPHQL, headers={"Accept": "text/html"}), timeout=60)

    def login(self, username: str, password: str) -> None:
        self.visit()
        query = "mutation ($u: String!, $p: String!) { tokenAuth(username: $u, password: $p) { refreshExpiresIn } }"
        _status, result = self.post(query, {"u": username, "p": password}, csrf=self.cookie("csrftoken"))
        if "errors" in result:
            raise RuntimeError(f"login of {username} failed: {result['errors']}")
        self.csrf = self.post("mutation { getCsrfToken { csrfToken } }")[1]["data"]["getCsrfToken"]["csrfToken"]


def _json(body: bytes) -> dict:
    try:
        return json.loads(body or b"{}")
    except ValueError:  # axes answers a lockout with a page of text
        return {"errors": [{"message": body.decode("utf-8", "replace")[:60]}]}


def prepare(db: str, participants: int) -> str:
    subprocess.run(
        [sys.executable, str(ROOT / "bench" / "generate.py"), "--db", db, "--participants", str(participants)],
        check=True,
    )
    setup_django(db)
    from axes.models import AccessAttempt
    from core.models import User

    from openimis_be_meeting.models import Event

    from factories import make_user

    for username, right in READERS.items():
        if not User.objects.filter(username=username).exists():
            make_user(username, rights=[right])
        user = User.objects.get(username=username)
        user.i_user.set_password(PASSWORD)
        user.i_user.save()
    AccessAttempt.objects.all().delete()  # the lockout of an earlier run's guessing scenario
    return str(Event.objects.get(code=LARGEST_EVENT_CODE).id)


def vm_hwm(pid: int) -> int:
    """The process's peak resident memory so far, in kB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return 0


def serve(db: str, port: int) -> subprocess.Popen:
    env = {**os.environ, **db_env(db), "AXES_ENABLED": "true"}
    command = [sys.executable, "manage.py", "runserver", "--noreload", "--nothreading", f"127.0.0.1:{port}"]
    server = subprocess.Popen(command, cwd=TESTS, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(300):
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return server
        time.sleep(0.2)
    server.kill()
    raise RuntimeError("the server did not start")


def scenarios(event_id: str) -> list[tuple[str, str | None, str]]:
    """(name, the user who sends it or None for anonymous, the document)."""
    published = f'meetingPublishedParticipants(eventId: "{event_id}", first: 100) {{ edges {{ node {{ {LISTED} }} }} }}'
    participants = f"meetingParticipants(first: 100, offset: 99800) {{ edges {{ node {{ {PARTICIPANT} }} }} }}"
    tokens = 'tokenAuth(username: "Budget215001", password: "wrong") { refreshExpiresIn }'
    from graphql.utils.introspection_query import introspection_query

    return [
        ("anonymous: GraphiQL's introspection query", None, introspection_query),
        (
            "215001: 30 aliases x the published list of 20,000 (100 a page)",
            "Budget215001",
            "{ " + " ".join(f"a{n}: {published}" for n in range(30)) + " }",
        ),
        (
            "216001: 28 aliases x 100 participants at offset 99,800, 32 fields each",
            "Budget216001",
            "{ " + " ".join(f"a{n}: {participants}" for n in range(28)) + " }",
        ),
        (
            "anonymous: 30 tokenAuth (last: axes then locks the address out) with a wrong password",
            None,
            "mutation { " + " ".join(f"a{n}: {tokens}" for n in range(30)) + " }",
        ),
        ("anonymous: a 256 KB document of 2,000 fields", None, "{ " + " __typename" * 2_000 + " " * 240_000 + "}"),
    ]


def measure(db: str, port: int, name: str, username: str | None, document: str) -> dict:
    server = serve(db, port)
    try:
        browser = Browser(f"http://127.0.0.1:{port}")
        if username:
            browser.login(username, PASSWORD)
        else:
            browser.visit()
            browser.csrf = browser.cookie("csrftoken")
        browser.post("{ __typename }")
        before = vm_hwm(server.pid)
        started = time.perf_counter()
        status, answer = browser.post(document)
        seconds = time.perf_counter() - started
        after = vm_hwm(server.pid)
    finally:
        server.terminate()
        server.wait(timeout=30)
    errors = answer.get("errors") or []
    return {
        "request": name,
        "status": status,
        "seconds": round(seconds, 2),
        "peak_mb": round(after / 1024, 1),
        "growth_mb": round((after - before) / 1024, 1),
        "answer_kb": round(len(json.dumps(answer)) / 1024),
        "errors": len(errors),
        "first_error": (errors[0].get("extensions", {}).get("code") or errors[0].get("message", ""))[:60]
        if errors
        else "",
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", default="meeting_security_bench")
    parser.add_argument("--participants", type=int, default=100_000)
    parser.add_argument("--port", type=int, default=8400)
    args = parser.parse_args()
    event_id = prepare(args.db, args.participants)
    rows = [measure(args.db, args.port, *scenario) for scenario in scenarios(event_id)]
    print(json.dumps({"machine": machine_info(), "participants": args.participants, "results": rows}, indent=2))
    print("| request | HTTP | wall time (s) | server peak (MB) | growth (MB) | answer (KB) | errors |")
    print("|---|---|---|---|---|---|---|")
    for row in rows:
        note = f"{row['errors']} ({row['first_error']})" if row["errors"] else "0"
        print(
            f"| {row['request']} | {row['status']} | {row['seconds']} | {row['peak_mb']} | {row['growth_mb']} | "
            f"{row['answer_kb']} | {note} |"
        )


if __name__ == "__main__":
    main()
