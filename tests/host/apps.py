import os
import time

from django.apps import AppConfig


class HostConfig(AppConfig):
    name = "host"
    verbose_name = "Test and demo host"

    def ready(self):
        # Only the async tests set this, in the environment of a Celery worker they mean to kill mid-way.
        if os.environ.get("MEETING_TEST_PAUSE_FILE"):
            from django.db.models.signals import post_save

            from openimis_be_meeting.models import Participant

            post_save.connect(_pause_inside_the_transaction, sender=Participant, dispatch_uid="meeting-test-pause")


def _pause_inside_the_transaction(sender, instance, created, **kwargs):
    """The participant row is written but not committed (or, with MEETING_TEST_PAUSE_AFTER_COMMIT, committed but the
    task not finished): say so, then wait to be killed."""
    if not created:
        return
    if os.environ.get("MEETING_TEST_PAUSE_AFTER_COMMIT"):
        from django.db import transaction

        transaction.on_commit(lambda: _pause(instance.pk))
    else:
        _pause(instance.pk)


def _pause(pk):
    with open(os.environ["MEETING_TEST_PAUSE_FILE"], "w") as marker:
        marker.write(str(pk))
    time.sleep(float(os.environ.get("MEETING_TEST_PAUSE_SECONDS", "120")))
