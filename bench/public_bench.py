"""The public pages under load: the agenda page and the registration form, against a static file served by the same
gunicorn as the ceiling; and the cost of one verified public registration against one through GraphQL.

    .venv/bin/python -m pip install gunicorn        # bench-only dependency
    .venv/bin/python bench/public_bench.py [--clients 8] [--seconds 15] [--workers 3] [--registrations 30]

Makes its own PostgreSQL database (meeting_public_bench: dropped and recreated), an event open for public
registration with a three-day agenda (3 rooms, 54 sessions, 200 participants of whom half agreed to be listed), and
starts gunicorn (bench/public_wsgi.py, sync workers) on 127.0.0.1:8750 and an SMTP server on 127.0.0.1:8726 whose
messages give the verification links. Each target is loaded by --clients threads for --seconds; results print as
JSON.
"""

import argparse
import json
import os
import re
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
from datetime import timedelta
from http.cookiejar import CookieJar
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from bench.common import ROOT, db_env, machine_info, median, percentile, setup_django  # noqa: E402

DB = "meeting_public_bench"
PORT, SMTP_PORT = 8750, 8726
PUBLIC = "/api/openimis_be_meeting/public/"


def build_world() -> str:
    """The bench database and its public event; returns the event's id."""
    from bench.generate import admin_user, prepare_database

    prepare_database(DB, reset=True)
    setup_django(DB)
    from openimis_be_meeting.services import EventService, ParticipantService, SessionService

    from factories import event_input, future

    admin = admin_user()
    data = event_input(code="PUBLIC-BENCH", capacity=5000, public_registration=True, privacy_notice_en="Notice.")
    event_id = EventService(admin).create(data)["data"]["id"]
    for status in ("PUBLISHED", "REGISTRATION_OPEN"):
        assert EventService(admin).change_status({"id": event_id, "status": status})["success"]
    people = []
    for n in range(200):
        person = {"event_id": event_id, "first_name": f"P{n}", "last_name": "Bench", "email": f"p{n}@bench.example"}
        people.append(ParticipantService(admin).register({**person, "consent_listed": n % 2 == 0})["data"]["id"])
    start = future(30)
    for day in range(3):
        for slot in range(6):
            for index, room in enumerate(("Hall", "Room B", "Room C")):
                begins = start + timedelta(days=day, hours=slot)
                session = {"event_id": event_id, "title": f"Session {day}-{slot}-{room}", "session_type": "PANEL"}
                session.update(starts_at=begins, ends_at=begins + timedelta(minutes=50), room=room)
                session.update(
                    languages=["en"],
                    interpretation=["fr"],
                    speaker_ids=people[slot * 6 + index * 2 : slot * 6 + index * 2 + 2],
                )
                result = SessionService(admin).create(session)
                assert result["success"], result
    return event_id


def start_gunicorn(workers: int, log_path: Path) -> subprocess.Popen:
    gunicorn = Path(sys.executable).with_name("gunicorn")
    if not gunicorn.exists():
        raise SystemExit("gunicorn is not installed in this venv: .venv/bin/python -m pip install gunicorn")
    env = {**os.environ, **db_env(DB), "DJANGO_SETTINGS_MODULE": "host.settings", "BENCH_SMTP_PORT": str(SMTP_PORT)}
    command = [str(gunicorn), "--chdir", str(ROOT), "--workers", str(workers), "--bind", f"127.0.0.1:{PORT}"]
    command += ["--log-level", "warning", "bench.public_wsgi:application"]
    server = subprocess.Popen(command, env=env, stdout=log_path.open("w"), stderr=subprocess.STDOUT)
    for _ in range(120):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{PORT}/bench-static.html", timeout=5).read()
            return server
        except OSError:
            time.sleep(0.5)
    server.terminate()
    raise SystemExit(f"gunicorn did not start; see {log_path}")


def load(url: str, *, clients: int, seconds: float) -> dict:
    """GET url from `clients` threads for `seconds`; requests per second and latency percentiles (ms)."""
    latencies, failures, lock = [], [], threading.Lock()
    stop = time.perf_counter() + seconds

    def client():
        mine, bad = [], 0
        while time.perf_counter() < stop:
            began = time.perf_counter()
            try:
                with urllib.request.urlopen(url, timeout=60) as response:
                    response.read()
                    bad += response.status != 200
            except OSError:
                bad += 1
            mine.append((time.perf_counter() - began) * 1000)
        with lock:
            latencies.extend(mine)
            failures.append(bad)

    began = time.perf_counter()
    threads = [threading.Thread(target=client) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - began
    return {
        "requests": len(latencies),
        "failures": sum(failures),
        "requests_per_s": round(len(latencies) / elapsed, 1),
        "p50_ms": round(median(latencies), 1),
        "p95_ms": round(percentile(latencies, 0.95), 1),
    }


class Browser:
    """One person's cookies and the form's CSRF token, over urllib."""

    def __init__(self):
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()))

    def get(self, url: str) -> str:
        with self.opener.open(url, timeout=60) as response:
            return response.read().decode()

    def post(self, url: str, fields: dict) -> int:
        page = self.get(url) if "csrfmiddlewaretoken" not in fields else ""
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        data = {**fields, **({"csrfmiddlewaretoken": token.group(1)} if token else {})}
        request = urllib.request.Request(url, data=urllib.parse.urlencode(data).encode(), headers={"Referer": url})
        with self.opener.open(request, timeout=60) as response:
            response.read()
            return response.status


def verified_registrations(event_id: str, mailbox, count: int) -> list[float]:
    """Seconds for each public registration: the form, the mailed link's page, its confirmation."""
    base = f"http://127.0.0.1:{PORT}{PUBLIC}"
    timings = []
    for n in range(count):
        browser, email = Browser(), f"public{n}@bench.example"
        fields = {"first_name": "Bench", "last_name": f"Public{n}", "email": email, "role": "ATTENDEE"}
        fields.update(attendance_mode="IN_PERSON", accept_privacy="on", country="CM")
        began = time.perf_counter()
        assert browser.post(f"{base}events/{event_id}/register/", fields) == 200  # after the redirect
        link = re.search(r"http://\S+/public/verify/\S+", mailbox.wait_for(email, 1).get_content()).group(0)
        token = link.rstrip("/").rsplit("/", 1)[1]
        assert browser.post(link, {"token": token}) == 200
        timings.append(time.perf_counter() - began)
    return timings


def graphql_registrations(event_id: str, count: int) -> list[float]:
    """Seconds for each registration through GraphQL, as the frontend sends it (mutation, then its log)."""
    import threading as _threading

    from bench.load import Client

    client = Client(f"http://127.0.0.1:{PORT}", {}, _threading.Lock())
    client.login()
    timings = []
    for n in range(count):
        fields = {"eventId": event_id, "firstName": "Bench", "lastName": f"Gql{n}", "email": f"gql{n}@bench.example"}
        began = time.perf_counter()
        client.mutate("register", "registerMeetingParticipant", fields)
        timings.append(time.perf_counter() - began)
    return timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=15)
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--registrations", type=int, default=30)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT / "tests" / "browser"))
    from public_pages import start_smtp

    event_id = build_world()
    controller, mailbox = start_smtp(SMTP_PORT)
    mailbox.wait_for = _plain_waiter(mailbox)
    server = start_gunicorn(args.workers, Path("/tmp/public_bench_gunicorn.log"))
    try:
        base = f"http://127.0.0.1:{PORT}"
        results = {"machine": machine_info(), "clients": args.clients, "workers": args.workers}
        for name, path in (
            ("static file (ceiling)", "/bench-static.html"),
            ("public agenda page", f"{PUBLIC}events/{event_id}/"),
            ("registration form", f"{PUBLIC}events/{event_id}/register/"),
        ):
            results[name] = load(base + path, clients=args.clients, seconds=args.seconds)
        public = verified_registrations(event_id, mailbox, args.registrations)
        graphql = graphql_registrations(event_id, args.registrations)
        results["one verified public registration (form + link + confirm), ms"] = _summary(public)
        results["one GraphQL registration (mutation + its log), ms"] = _summary(graphql)
        print(json.dumps(results, indent=2, default=str))
    finally:
        server.terminate()
        server.wait(timeout=30)
        controller.stop()


def _summary(seconds: list[float]) -> dict:
    ms = [value * 1000 for value in seconds]
    return {"count": len(ms), "median": round(median(ms), 1), "p95": round(percentile(ms, 0.95), 1)}


def _plain_waiter(mailbox):
    wait_for = mailbox.wait_for

    def plain(to, count, timeout=20.0):
        return wait_for(to, count, timeout).get_body(preferencelist=("plain",))

    return plain


if __name__ == "__main__":
    main()
