"""WSGI entry point of the test host (tests/host has none), for the load benchmark's gunicorn.

gunicorn --chdir <repo> bench.wsgi:application
"""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "host.settings")

from django.core.wsgi import get_wsgi_application  # noqa: E402

application = get_wsgi_application()
