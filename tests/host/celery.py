"""The host's Celery application, set up as the openIMIS assembly sets up its own (openIMIS/celery.py): settings
under the CELERY_ prefix, tasks found in every installed app (core's `openimis_mutation_async` among them)."""

import os
import sys

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "host.settings")

_path = list(sys.path)
app = Celery("openimis")
# Celery's Django fixup puts the working directory first on sys.path; `make messages` works inside the package,
# whose selectors/ package would then shadow the standard library's.
sys.path[:] = _path
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
