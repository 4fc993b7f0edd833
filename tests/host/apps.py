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
        # The mail worker test: pause after the mail server accepted a message, before its row is marked SENT.
        if os.environ.get("MEETING_TEST_MAIL_PAUSE_FILE"):
            from openimis_be_meeting.mail.delivery import message_accepted

            message_accepted.connect(_pause_after_sending, dispatch_uid="meeting-test-mail-pause")


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


def _pause_after_sending(sender, message, **kwargs):
    with open(os.environ["MEETING_TEST_MAIL_PAUSE_FILE"], "w") as marker:
        marker.write(str(message.pk))
    time.sleep(float(os.environ.get("MEETING_TEST_PAUSE_SECONDS", "120")))
