"""The read-only history page of a row: every version, who made it, when and what changed (selectors/history.py
reads it, masked as the caller's rights say)."""

from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.template.response import TemplateResponse
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..errors import MeetingError, MeetingPermissionDenied
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
        "entries": [_entry_row(entry, event_zone(obj)) for entry in entries],
        "module_name": str(capfirst(opts.verbose_name_plural)),
        "object": obj,
        "opts": opts,
        "preserved_filters": model_admin.get_preserved_filters(request),
        **(extra_context or {}),
    }
    request.current_app = model_admin.admin_site.name
    return TemplateResponse(request, TEMPLATE, context)


def _entry_row(entry, zone) -> dict:
    return {
        "version": entry.version,
        "changed_at": shown(entry.changed_at, zone),
        "changed_by": entry.changed_by,
        "change": CHANGE_WORDS.get(entry.change, entry.change),
        "reason": entry.reason,
        "changes": entry.changes,
    }
