"""The host's Celery application, set up as the openIMIS assembly sets up its own (openIMIS/celery.py): settings
under the CELERY_ prefix, tasks found in every installed app (core's `openimis_mutation_async` among them)."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "host.settings")

app = Celery("openimis")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
