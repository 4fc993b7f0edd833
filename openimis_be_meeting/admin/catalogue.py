"""The catalogue showcases draw on: digital systems and standards."""

from django.contrib import admin

from ..models import DigitalSystem, Standard
from ..permissions import Action
from ..selectors import lists
from ..services import DigitalSystemService, StandardService
from .base import ServiceAdmin


class CatalogueAdmin(ServiceAdmin):
    view_action = Action.SEARCH_SHOWCASES
    add_action = change_action = delete_action = Action.MANAGE_CATALOGUE
    selector = staticmethod(lists.showcase_catalogue_for)


@admin.register(DigitalSystem)
class DigitalSystemAdmin(CatalogueAdmin):
    service_class = DigitalSystemService
    history_entity = "digital_system"
    list_display = ("name", "system_type", "owner", "country", "software_version", "deployment_stage")
    list_select_related = ("owner",)
    list_filter = ("system_type", "deployment_stage", "country")
    search_fields = ("name", "owner__name", "owner__acronym")
    ordering = ("name",)
    fields = ("name", "system_type", "owner", "country", "software_version", "deployment_stage", "url")


@admin.register(Standard)
class StandardAdmin(CatalogueAdmin):
    service_class = StandardService
    history_entity = "standard"
    list_display = ("code", "name", "standard_version", "family")
    list_filter = ("family",)
    search_fields = ("code", "name")
    ordering = ("code",)
    fields = ("code", "name", "standard_version", "family")
