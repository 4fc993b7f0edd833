"""What every service method shares: one transaction, and core's result dictionary as the outcome."""

import functools
import logging
from datetime import datetime

from core.services.utils import build_delete_instance_payload, model_representation, output_result_success
from core.signals import register_service_signal
from django.db import transaction

from ..errors import MeetingError, Problems
from ..permissions import Action, is_public_actor, require

logger = logging.getLogger(__name__)


def failure(error: MeetingError) -> dict:
    """core's result shape for a refusal; `detail` carries the code, message and field."""
    return {"success": False, "message": error.message, "detail": error.as_dict(), "data": ""}


def service_method(signal_name: str, action: Action):
    """A service method: the caller's right is checked first, then core's before-signal runs (other modules'
    hooks), then the method in one transaction with core's result dictionary, then the after-signal."""

    def decorate(method):
        signalled = register_service_signal(signal_name)(service_result(method))

        @functools.wraps(method)
        def wrapper(self, *args, **kwargs):
            try:
                require(self.user, action)
            except MeetingError as error:
                return failure(error)
            return signalled(self, *args, **kwargs)

        wrapper.action = action  # the right it needs, as rights.py reads it for each mutation
        return wrapper

    return decorate


def public_method(signal_name: str):
    """A service method for the public pages, which people use without an openIMIS account: the deliberate way in
    for exactly the acts those pages offer (register oneself, change or cancel one's own registration, check in at
    the door). It runs only as the public actor (permissions.public_actor(), which holds no right, so nothing else
    opens to it), and the method itself proves the caller's standing: the event allows the act, the person holds
    their secret link, the door code is right. Then it keeps every rule an openIMIS user's call keeps."""

    def decorate(method):
        signalled = register_service_signal(signal_name)(service_result(method))

        @functools.wraps(method)
        def wrapper(self, *args, **kwargs):
            if not is_public_actor(self.user):
                return failure(MeetingError(Problems.PERMISSION_DENIED))
            return signalled(self, *args, **kwargs)

        wrapper.action = None  # no right: rights.py lists these as opened by none
        wrapper.public = True
        return wrapper

    return decorate


def service_result(method):
    """Run a domain operation atomically and report it as core's {"success", "message", "detail", "data"}."""

    @functools.wraps(method)
    def wrapper(self, *args, **kwargs):
        try:
            with transaction.atomic():
                outcome = method(self, *args, **kwargs)
        except MeetingError as error:
            return failure(error)
        except Exception:
            logger.exception("%s.%s failed", type(self).__name__, method.__name__)
            return failure(MeetingError(Problems.UNEXPECTED))
        if outcome is None:
            return build_delete_instance_payload()
        return output_result_success(_representation(outcome))

    return wrapper


def touch(instance) -> None:
    """Mark a HistoryModel row changed although none of its own columns did (only its many-to-many lists or child
    rows): core's save then still raises its version and writes a history row."""
    instance.date_updated = datetime.now()


def _representation(instance) -> dict:
    """core's dictionary of the saved object, with many-to-many values given as lists of ids."""
    data = model_representation(instance)
    for field in instance._meta.many_to_many:
        data[field.name] = [str(related.pk) for related in data.get(field.name) or []]
    return data
