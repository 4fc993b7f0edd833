"""Showcases, with their integrations inline: the showcase and its integrations are one service input."""

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from ..models import Integration, Showcase, UseCase
from ..permissions import Action
from ..selectors import lists
from ..services import ShowcaseService
from .base import ServiceAdmin, choices
from .forms import ListField, ServiceForm, service_item
from .times import local_time

INTEGRATION_FIELDS = (
    "source_system",
    "target_system",
    "standard",
    "direction",
    "mode",
    "evidence_level",
    "data_exchanged",
    "conformance_reference",
)
# Set by the review workflow and the programme: shown, never typed here.
STATE = ("status", "local_starts_at", "local_ends_at", "decision_note", "review_round", "local_status_changed_at")


class IntegrationForm(forms.ModelForm):
    def _post_clean(self):
        pass  # the showcase service checks the rows with the showcase, in its own words


class IntegrationInline(admin.TabularInline):
    """A showcase's integrations; the showcase's rights apply to them."""

    model = Integration
    form = IntegrationForm
    fields = INTEGRATION_FIELDS
    ordering = ("position",)
    extra = 1

    def _showcases(self):
        return self.admin_site._registry[self.parent_model]

    def has_view_permission(self, request, obj=None):
        return self._showcases().has_view_permission(request, obj)

    def has_add_permission(self, request, obj=None):
        showcases = self._showcases()
        return showcases.has_change_permission(request, obj) if obj else showcases.has_add_permission(request)

    has_change_permission = has_delete_permission = has_add_permission

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        kwargs.setdefault("queryset", choices(self.admin_site, db_field, request))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class ShowcaseForm(ServiceForm):
    use_cases = forms.MultipleChoiceField(
        label=_("use cases"), choices=UseCase.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    countries = forms.MultipleChoiceField(label=_("countries"), required=False)  # choices: ServiceForm
    media_links = ListField(label=_("media links"), lines=True, help_text=_("One web address per line."))


def integration_rows(formsets) -> list[dict]:
    """The integrations the inline rows describe, in their order, as the service takes them."""
    rows = []
    for formset in formsets:
        for form in formset.forms:
            if not form.cleaned_data or formset._should_delete_form(form):
                continue
            values = form.cleaned_data
            rows.append(dict(service_item(Integration, name, values.get(name)) for name in INTEGRATION_FIELDS))
    return rows


@admin.register(Showcase)
class ShowcaseAdmin(ServiceAdmin):
    form = ShowcaseForm
    inlines = [IntegrationInline]
    view_action = Action.SEARCH_SHOWCASES
    add_action = Action.CREATE_SHOWCASES
    change_action = Action.UPDATE_SHOWCASES
    delete_action = Action.DELETE_SHOWCASES
    service_class = ShowcaseService
    selector = staticmethod(lists.showcases_for)
    history_entity = "showcase"

    list_display = ("title", "event", "lead_organisation", "status", "demo_type", "local_starts_at")
    list_select_related = ("event", "lead_organisation")
    list_filter = (
        "status",
        ("event", admin.RelatedOnlyFieldListFilter),
        "demo_type",
        "scheme_type",
        "integrations__evidence_level",
    )
    search_fields = ("title", "title_fr", "lead_organisation__name", "lead_organisation__acronym", "event__code")
    ordering = ("event__starts_at", "title")
    autocomplete_fields = ("partner_organisations", "presenters")
    fieldsets = (
        (
            None,
            {
                "fields": (
                    "event",
                    "title",
                    "title_fr",
                    "abstract",
                    "abstract_fr",
                    "lead_organisation",
                    "partner_organisations",
                    "presenters",
                )
            },
        ),
        (_("Scheme"), {"fields": ("scheme_name", "scheme_type", "use_cases", "countries")}),
        (_("Demonstration"), {"fields": ("demo_type", "media_links")}),
        (_("Review and programme"), {"fields": STATE}),
    )
    readonly_fields = STATE

    local_starts_at = local_time("starts_at", _("starts at"))
    local_ends_at = local_time("ends_at", _("ends at"))
    local_status_changed_at = local_time("status_changed_at", _("status changed at"))

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        return fieldsets if obj is not None else [entry for entry in fieldsets if entry[1]["fields"] != STATE]

    def get_readonly_fields(self, request, obj=None):
        readonly = super().get_readonly_fields(request, obj)
        return [*readonly, "event"] if obj is not None else readonly

    def service_input(self, form) -> dict:
        data = form.service_data()
        if not form.instance.pk or any(formset.has_changed() for formset in form.inline_formsets):
            data["integrations"] = integration_rows(form.inline_formsets)
        return data
