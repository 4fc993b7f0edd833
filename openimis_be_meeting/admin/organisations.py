"""Organisations people come from, reused across events."""

from django.contrib import admin

from ..models import Organisation
from ..permissions import Action
from ..selectors import lists
from ..services import OrganisationService
from .base import ServiceAdmin


@admin.register(Organisation)
class OrganisationAdmin(ServiceAdmin):
    view_action = Action.SEARCH_ORGANISATIONS
    add_action = Action.CREATE_ORGANISATIONS
    change_action = Action.UPDATE_ORGANISATIONS
    delete_action = Action.DELETE_ORGANISATIONS
    service_class = OrganisationService
    selector = staticmethod(lists.organisations_for)
    history_entity = "organisation"

    list_display = ("name", "acronym", "organisation_type", "country", "website")
    list_filter = ("organisation_type", "country")
    search_fields = ("name", "acronym")
    ordering = ("name",)
    fields = ("name", "acronym", "organisation_type", "country", "website")
