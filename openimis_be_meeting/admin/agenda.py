"""The agenda: sessions, with times in the event's zone, rooms, languages, speakers, chairs and showcases."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from ..models import Session
from ..permissions import Action
from ..selectors import lists
from ..services import SessionService
from .base import ServiceAdmin
from .forms import ListField, ServiceForm
from .times import local_time

LANGUAGES_HELP = _("ISO 639-1 codes such as en, fr, separated by commas.")


class SessionForm(ServiceForm):
    local_time_fields = ("starts_at", "ends_at")
    languages = ListField(label=_("languages"), help_text=LANGUAGES_HELP)
    interpretation = ListField(label=_("interpretation into"), help_text=LANGUAGES_HELP)


@admin.register(Session)
class SessionAdmin(ServiceAdmin):
    form = SessionForm
    view_action = Action.SEARCH_SESSIONS
    add_action = change_action = delete_action = Action.MANAGE_AGENDA
    service_class = SessionService
    selector = staticmethod(lists.sessions_for)
    history_entity = "session"

    list_display = ("title", "event", "session_type", "local_starts_at", "local_ends_at", "room")
    list_select_related = ("event",)
    list_filter = (("event", admin.RelatedOnlyFieldListFilter), "session_type", "room")
    search_fields = ("title", "title_fr", "room", "event__code")
    date_hierarchy = "starts_at"
    ordering = ("event__starts_at", "starts_at", "room")
    autocomplete_fields = ("speakers", "chairs", "showcases")
    fieldsets = (
        (None, {"fields": ("event", "title", "title_fr", "session_type", "description", "description_fr")}),
        (_("When and where"), {"fields": ("starts_at", "ends_at", "room", "capacity")}),
        (_("Languages"), {"fields": ("languages", "interpretation")}),
        (_("People and showcases"), {"fields": ("speakers", "chairs", "showcases")}),
    )

    local_starts_at = local_time("starts_at", _("starts at"))
    local_ends_at = local_time("ends_at", _("ends at"))

    def get_readonly_fields(self, request, obj=None):
        readonly = super().get_readonly_fields(request, obj)
        return [*readonly, "event"] if obj is not None else readonly
