"""Admin actions: one service call per selected row, each row in its own transaction, and a message per row saying
what was done or, in the service's words, why not."""

from collections.abc import Callable

from django.contrib import admin, messages
from django.utils.translation import gettext as _


def status_text(row, result: dict) -> str:
    """The message for a row whose status the call changed: the row and its new status."""
    choices = dict(row._meta.get_field("status").choices)
    status = (result.get("data") or {}).get("status")
    return _("%(object)s: %(status)s.") % {"object": row, "status": choices.get(status, status)}


def each_row(model_admin, request, queryset, call: Callable[[object], dict], done=status_text) -> None:
    """Call `call(row)` (a service method's result) for every selected row and report each outcome; a refusal
    leaves the other rows done."""
    for row in queryset:
        result = call(row)
        if result.get("success"):
            model_admin.message_user(request, done(row, result), messages.SUCCESS)
        else:
            message = (result.get("detail") or {}).get("message") or result.get("message")
            model_admin.message_user(
                request, _("%(object)s: %(message)s") % {"object": row, "message": message}, messages.ERROR
            )


def service_action(name: str, description, *, permission: str, call: Callable, done=status_text):
    """An admin action named `name` that calls `call(service_user, row)` for each selected row."""

    def action(model_admin, request, queryset):
        each_row(model_admin, request, queryset, lambda row: call(request.user, row), done=done)

    action.__name__ = name
    return admin.action(description=description, permissions=[permission])(action)
