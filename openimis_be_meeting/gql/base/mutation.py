"""The base of the module's GraphQL mutations: core's MutationLog, one service call, refusals as JSON errors, and
each clientMutationId done once (locked while it runs, settled in the change's own transaction)."""

import json
import logging

from core.models import MutationLog
from core.schema import OpenIMISMutation
from django.db import transaction

from ... import validation as v
from ...apps import MODULE_NAME
from ...errors import MeetingError, Problems

logger = logging.getLogger(__name__)

_MUTATION_META_KEYS = ("client_mutation_id", "client_mutation_label", "client_mutation_details", "mutation_extensions")


class MeetingMutation(OpenIMISMutation):
    """Writes a MutationLog row (core), calls one service method, and reports refusals as JSON errors."""

    _mutation_module = MODULE_NAME
    link_model = None  # the <Entity>Mutation link table, when the mutation touches one object
    link_field = ""

    class Meta:
        abstract = True

    service_class = None  # the BaseService subclass that does the work
    service_method = ""  # the name of its method this mutation calls
    # Whether the service receives the clientMutationId as `client_id` (to recognise a replayed request).
    passes_client_id = False

    @classmethod
    def perform(cls, user, data: dict) -> dict:
        """Call the service; return its result dictionary."""
        return getattr(cls.service_class(user), cls.service_method)(data)

    @classmethod
    def link(cls, result: dict, claimed: list) -> None:
        """Record which object the mutation touched on the logs this call holds, so the frontend can re-read it by
        clientMutationId."""
        object_id = (result.get("data") or {}).get("id")
        if cls.link_model is None or not object_id:
            return
        for log_id in claimed:
            cls.link_model.objects.get_or_create(mutation_id=log_id, **{f"{cls.link_field}_id": object_id})

    @classmethod
    def replay(cls, user, client_mutation_id: str, claimed: list, payload: dict) -> bool:
        """Whether the same user already sent this request — the same clientMutationId and the same input — and it
        succeeded (a retry after a lost answer, a double click): then nothing is done again, and the logs this call
        holds are linked to what the first changed. The same id with another input is refused, not taken as done."""
        done = MutationLog.objects.filter(
            client_mutation_id=client_mutation_id, user=user, status=MutationLog.SUCCESS
        ).values_list("json_content", flat=True)
        if not done:
            return False
        if any(_input_of(content) != payload for content in done):
            raise MeetingError(Problems.CLIENT_MUTATION_ID_REUSED, field="clientMutationId")
        if cls.link_model is not None:
            earlier = cls.link_model.objects.filter(
                mutation__client_mutation_id=client_mutation_id, mutation__user=user
            )
            for object_id in set(earlier.values_list(f"{cls.link_field}_id", flat=True)):
                for log_id in claimed:
                    cls.link_model.objects.get_or_create(mutation_id=log_id, **{f"{cls.link_field}_id": object_id})
        return True

    @classmethod
    def mutate_and_get_payload(cls, root, info, **data):
        """core writes clientMutationId and clientMutationLabel into its log (255 characters each) before anything
        else: what that table cannot hold is refused here with a clear GraphQL error, not a database error. So is a
        clientMutationId with blanks around it: core's mutationLogs filter strips them, so its log could not be
        found by it."""
        for key, field in (
            ("client_mutation_id", "clientMutationId"),
            ("client_mutation_label", "clientMutationLabel"),
        ):
            value = data.get(key)
            v.clean_text(value, field=field, max_length=255)
            if isinstance(value, str) and len(value) > 255:  # core stores it with its surrounding blanks
                raise MeetingError(Problems.TOO_LONG, field=field, max=255)
        client_mutation_id = data.get("client_mutation_id")
        if isinstance(client_mutation_id, str) and client_mutation_id != client_mutation_id.strip():
            raise MeetingError(Problems.INVALID_ID, field="clientMutationId", value=client_mutation_id)
        return super().mutate_and_get_payload(root, info, **data)

    @classmethod
    def coerce_mutation_data(cls, input_data, input_class=None):
        """Keep the JSON-decoded input as it is: every input is a string, number, boolean or enum value that the
        service cleans itself. core's own version fails on enum fields."""
        return input_data

    @classmethod
    def claim(cls, user, client_mutation_id: str, payload: dict) -> list:
        """Lock every log of this user's clientMutationId until the transaction ends: simultaneous duplicates (a double
        click, a retry racing the first request, a worker redelivering a message) then run one after the other, and
        the second one sees the first one's success. A no-op without row locks (SQLite writes serialise anyway).
        Returns the locked logs that carry this very input: the ones this call answers for."""
        locked = MutationLog.objects.select_for_update().filter(client_mutation_id=client_mutation_id, user=user)
        rows = locked.order_by("id").values_list("id", "json_content")
        return [log_id for log_id, content in rows if _input_of(content) == payload]

    @classmethod
    def settle(cls, claimed: list) -> None:
        """Mark this clientMutationId's waiting logs successful in the same transaction as the change itself: a worker
        killed after the commit (before core marks its log) leaves a log that already says so, and the redelivered
        message is recognised as a replay instead of being done twice. Only the logs this call locked: a duplicate
        that arrived since holds its own lock, and will find this success when its turn comes."""
        MutationLog.objects.filter(id__in=claimed, status=MutationLog.RECEIVED).update(status=MutationLog.SUCCESS)

    @classmethod
    def async_mutate(cls, user, **data):
        client_mutation_id = data.get("client_mutation_id")
        given = _input_of(data)
        payload = dict(given)
        if cls.passes_client_id:
            payload["client_id"] = client_mutation_id
        tracked = bool(client_mutation_id) and getattr(user, "is_authenticated", False)
        try:
            with transaction.atomic():
                claimed = cls.claim(user, client_mutation_id, given) if tracked else []
                # Mutations that pass the client id on recognise their replays themselves, more precisely.
                if tracked and not cls.passes_client_id and cls.replay(user, client_mutation_id, claimed, given):
                    return None
                result = cls.perform(user, payload)
                if result.get("success") and tracked:
                    cls.link(result, claimed)
                    cls.settle(claimed)
        except MeetingError as error:
            return [error.as_dict()]
        except Exception:
            logger.exception("%s failed", cls.__name__)
            return [MeetingError(Problems.UNEXPECTED).as_dict()]
        if not result.get("success"):
            return [result.get("detail") or MeetingError(Problems.UNEXPECTED).as_dict()]
        return None


def _input_of(data) -> dict:
    """A mutation's input without the client's bookkeeping (a MutationLog's json_content, or the decoded input)."""
    if isinstance(data, str):
        try:
            data = json.loads(data)
        except ValueError:
            return {}
    return {key: value for key, value in (data or {}).items() if key not in _MUTATION_META_KEYS}


INSTANT = "ISO 8601, e.g. 2026-12-01T09:00:00+01:00; without an offset, a wall-clock time in the event's zone."
