"""A real SMTP server on a loopback port (aiosmtpd) for the mail tests: it keeps the bytes of every message it accepts,
and can refuse recipients, temporarily (4xx) or for good (5xx)."""

import email
import email.policy
import socket
import threading

from aiosmtpd.controller import Controller

PORTS = range(8525, 8575)


def free_port() -> int:
    for port in PORTS:
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError("no free port in 8525-8574")


class Recorder:
    """The server's handler: stores what it accepts; `refuse` maps a recipient to the reply that refuses it."""

    def __init__(self):
        self.received = []  # (envelope recipients, raw bytes)
        self.refuse = {}
        self.lock = threading.Lock()

    async def handle_RCPT(  # noqa: N802 - the name aiosmtpd calls
        self, server, session, envelope, address, rcpt_options
    ):
        if address in self.refuse:
            return self.refuse[address]
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(  # noqa: N802 - the name aiosmtpd calls
        self, server, session, envelope
    ):
        with self.lock:
            self.received.append((list(envelope.rcpt_tos), bytes(envelope.original_content or envelope.content)))
        return "250 Message accepted for delivery"


class SmtpServer:
    def __init__(self, port: int | None = None):
        self.port = port or free_port()
        self.recorder = Recorder()
        self.controller = None

    def start(self) -> "SmtpServer":
        self.controller = Controller(self.recorder, hostname="127.0.0.1", port=self.port)
        self.controller.start()
        return self

    def stop(self) -> None:
        if self.controller is not None:
            self.controller.stop()
            self.controller = None

    @property
    def refuse(self) -> dict:
        return self.recorder.refuse

    def messages(self) -> list:
        """Every accepted message, parsed back with the email package."""
        with self.recorder.lock:
            raw = [data for _rcpt, data in self.recorder.received]
        return [email.message_from_bytes(data, policy=email.policy.default) for data in raw]

    def raw(self) -> list[bytes]:
        with self.recorder.lock:
            return [data for _rcpt, data in self.recorder.received]
