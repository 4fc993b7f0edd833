"""What the public pages' browser test needs beside the browser: a real SMTP server on loopback that keeps what it
receives, and axe-core (from the npm registry, tests/browser/package.json) run inside each page."""

import email
import email.policy
import re
import subprocess
import time
from pathlib import Path

from aiosmtpd.controller import Controller

HERE = Path(__file__).resolve().parent
AXE = HERE / "node_modules" / "axe-core" / "axe.min.js"
BLOCKING = ("serious", "critical")
LINK = re.compile(r"https?://\S+?/api/openimis_be_meeting/public/\S+")


class Mailbox:
    """An aiosmtpd handler: every message received, parsed."""

    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's hook name
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        self.messages.append((list(envelope.rcpt_tos), message))
        return "250 OK"

    def wait_for(self, to: str, count: int, timeout: float = 20.0):
        """The `count`th message to `to` (1-based), once it has arrived."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            mine = [message for rcpt, message in self.messages if to in rcpt]
            if len(mine) >= count:
                return mine[count - 1]
            time.sleep(0.05)
        raise AssertionError(f"no message {count} to {to}; received {[rcpt for rcpt, _m in self.messages]}")


def start_smtp(port: int):
    mailbox = Mailbox()
    controller = Controller(mailbox, hostname="127.0.0.1", port=port)
    controller.start()
    return controller, mailbox


def text_of(message) -> str:
    return message.get_body(preferencelist=("plain",)).get_content()


def first_link(message) -> str:
    return LINK.findall(text_of(message))[0]


def axe_source() -> str:
    """axe.min.js, installed from the npm registry with the committed lock file when it is missing."""
    if not AXE.exists():
        subprocess.run(["npm", "ci", "--ignore-scripts", "--no-audit", "--no-fund"], cwd=HERE, check=True)
    return AXE.read_text(encoding="utf-8")


AXE_RUN = """
const done = arguments[arguments.length - 1];
axe.run(document, {resultTypes: ['violations']})
  .then(result => done(result.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                                                    nodes: v.nodes.map(n => n.target.join(' '))}))))
  .catch(error => done([{id: 'axe-error', impact: 'critical', help: String(error), nodes: []}]));
"""


def accessibility_violations(driver, source: str) -> list[dict]:
    """axe-core's serious and critical violations on the page the driver shows."""
    driver.set_script_timeout(60)
    driver.execute_script(source)
    return [v for v in driver.execute_async_script(AXE_RUN) if v["impact"] in BLOCKING]
