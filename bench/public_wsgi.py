"""The test host for the public pages' benchmark (bench/public_bench.py): Django, plus one static file served by the
same gunicorn as the ceiling, mail to the benchmark's own SMTP server, and the abuse limits raised (one client
address sends every request here)."""

import os

from django.conf import settings

from bench.wsgi import application as django_application
from openimis_be_meeting.apps import MeetingConfig

STATIC_PATH = "/bench-static.html"
STATIC_BODY = b"<!DOCTYPE html><html lang='en'><head><title>static</title></head><body><p>ceiling</p></body></html>"

settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
settings.EMAIL_HOST = "127.0.0.1"
settings.EMAIL_PORT = int(os.environ.get("BENCH_SMTP_PORT", "8726"))
MeetingConfig.config.update(public_requests_per_ip=10**9, public_requests_per_email=10**9)


def application(environ, start_response):
    if environ.get("PATH_INFO") == STATIC_PATH:
        start_response("200 OK", [("Content-Type", "text/html"), ("Content-Length", str(len(STATIC_BODY)))])
        return [STATIC_BODY]
    return django_application(environ, start_response)
