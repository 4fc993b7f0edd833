"""A real Celery worker process for the async tests: the host's app, the test database, RabbitMQ as the broker."""

import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

from django.db import connection

TESTS = Path(__file__).resolve().parent
CELERY = Path(sys.executable).with_name("celery")


class Worker:
    """`celery worker --pool=solo` on this run's queue, reading and writing the database the tests use."""

    def __init__(self, log_dir: Path, **extra_env):
        self.log = log_dir / f"worker-{uuid.uuid4().hex[:8]}.log"
        self.env = {**os.environ, **extra_env, "DB_NAME": connection.settings_dict["NAME"], "MODE": "PROD"}
        self.env.pop("ASYNC", None)  # core then reads MODE=PROD: mutations are asynchronous
        self.process = None

    def start(self, timeout: float = 90) -> "Worker":
        command = [
            str(CELERY), "-A", "host", "worker", "--pool=solo", "--loglevel=INFO",
            "--without-mingle", "--without-gossip", "--without-heartbeat",
            "-Q", os.environ.get("CELERY_TASK_DEFAULT_QUEUE", "openimis"),
            "-n", f"meeting-test-{uuid.uuid4().hex[:8]}@%h",
        ]  # fmt: skip
        with open(self.log, "w") as out:
            self.process = subprocess.Popen(
                command, cwd=TESTS, env=self.env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
            )
        self.wait_for("ready.", timeout)
        return self

    def output(self) -> str:
        return self.log.read_text(errors="replace") if self.log.exists() else ""

    def wait_for(self, text: str, timeout: float = 60, count: int = 1) -> None:
        deadline = time.monotonic() + timeout
        while self.output().count(text) < count:
            if self.process.poll() is not None:
                raise AssertionError(f"the worker exited ({self.process.returncode}):\n{self.output()[-3000:]}")
            if time.monotonic() > deadline:
                raise AssertionError(f"no {text!r} x{count} from the worker in {timeout} s:\n{self.output()[-3000:]}")
            time.sleep(0.2)

    def kill(self) -> None:
        """SIGKILL: no cleanup, no acknowledgement, the database connection dropped mid-transaction."""
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=30)

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.kill()
