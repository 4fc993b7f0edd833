"""The read-only history page of a row: every version, who made it, when and what changed (selectors/history.py
reads it, masked as the caller's rights say)."""

from dataclasses import replace
from datetime import datetime

from django.contrib.admin.utils import unquote
from django.core.exceptions import FieldDoesNotExist, PermissionDenied
from django.db import models
from django.http import Http404
from django.template.response import TemplateResponse
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..errors import MeetingError, MeetingPermissionDenied
from ..formats.country_names import country_name
from ..selectors.history import CHANGED, CREATED, DELETED, entity_history
from .times import event_zone, shown

TEMPLATE = "admin/openimis_be_meeting/object_history.html"
CHANGE_WORDS = {CREATED: gettext_lazy("created"), CHANGED: gettext_lazy("changed"), DELETED: gettext_lazy("deleted")}


def history_response(model_admin, request, object_id, extra_context=None):
    """The page for `model_admin`'s row `object_id`: 404 for a row the list does not show, 403 without the right."""
    obj = model_admin.get_object(request, unquote(object_id))
    if obj is None:
        raise Http404
    if not model_admin.has_view_permission(request, obj):
        raise PermissionDenied
    try:
        entries = entity_history(request.user, model_admin.history_entity, obj.pk)
    except MeetingPermissionDenied:
        raise PermissionDenied from None
    except MeetingError:
        raise Http404 from None
    opts = model_admin.model._meta
    context = {
        **model_admin.admin_site.each_context(request),
        "title": _("History: %s") % obj,
        "subtitle": None,
        "entries": [_entry_row(entry, event_zone(obj), opts.model) for entry in entries],
        "module_name": str(capfirst(opts.verbose_name_plural)),
        "object": obj,
        "opts": opts,
        "preserved_filters": model_admin.get_preserved_filters(request),
        **(extra_context or {}),
    }
    request.current_app = model_admin.admin_site.name
    return TemplateResponse(request, TEMPLATE, context)


def _entry_row(entry, zone, model) -> dict:
    return {
        "version": entry.version,
        "changed_at": shown(entry.changed_at, zone),
        "changed_by": entry.changed_by,
        "change": CHANGE_WORDS.get(entry.change, entry.change),
        "reason": entry.reason,
        "changes": [_readable(change, zone, model) for change in entry.changes],
    }


def _readable(change, zone, model):
    """A change as a person reads it: labels for codes, yes or no, countries by name, instants in the event's zone
    to the minute (the selector, which GraphQL shares, keeps the codes and ISO 8601 in UTC)."""
    if change.masked:
        return change
    try:
        field = model._meta.get_field(change.field)
    except FieldDoesNotExist:
        return change
    if not isinstance(field, models.Field) or field.is_relation:  # related rows are named by the selector already
        return change
    return replace(change, before=_value(field, change.before, zone), after=_value(field, change.after, zone))


def _value(field, text: str | None, zone) -> str | None:
    if text is None:
        return None
    if field.choices:
        return str(dict(field.flatchoices).get(text, text))
    if isinstance(field, models.BooleanField):
        return _("yes") if text == "true" else _("no") if text == "false" else text
    if isinstance(field, models.DateTimeField):
        try:
            return shown(datetime.fromisoformat(text), zone)
        except ValueError:
            return text
    if field.name == "country":
        return country_name(text)
    return text
