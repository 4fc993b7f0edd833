"""What every admin page of the module shares: rights from permissions.py, live rows only, and every write through
the module's services (see forms.py for saving; deletions and actions here)."""

from contextlib import nullcontext
from uuid import UUID

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.utils import construct_change_message
from django.core.exceptions import BadRequest
from django.db import transaction
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from ..permissions import Action, can
from .forms import ServiceForm
from .history import history_response
from .times import local_time


class Refused(Exception):
    """A service refused a deletion or an action's write: everything the request did is rolled back."""

    def __init__(self, detail: dict):
        self.message = detail.get("message") or str(_("The change was refused."))
        super().__init__(self.message)


def choices(site, db_field, request):
    """The rows a relation may be set to: the live ones, if the user may list them (as autocomplete asks too)."""
    related = db_field.related_model
    related_admin = site._registry.get(related)
    if related_admin is not None and not related_admin.has_view_permission(request):
        return related.objects.none()
    return related.objects.filter(is_deleted=False) if hasattr(related, "is_deleted") else related.objects.all()


class ServiceAdmin(admin.ModelAdmin):
    """A ModelAdmin whose rights are the module's Actions and whose writes are the module's service calls."""

    form = ServiceForm
    view_action: Action = None
    add_action: Action | None = None
    change_action: Action | None = None
    delete_action: Action | None = None
    service_class = None
    create_method = "create"
    # The entity's name for history.entity_history.
    history_entity = ""
    # Whether the service's delete takes a list (`ids`, all or none) rather than one `id`.
    deletes_many = True
    # The read that applies the list's visibility rules: a selector taking user= and queryset=, as a staticmethod.
    selector = None

    # The bookkeeping every row carries, shown read-only at the foot of its form.
    RECORD_FIELDS = ("version", "local_date_created", "created_by", "local_date_updated", "changed_by")
    local_date_created = local_time("date_created", _("created at"), in_event_zone=False)
    local_date_updated = local_time("date_updated", _("changed at"), in_event_zone=False)

    @admin.display(description=_("created by"))
    def created_by(self, obj):
        return obj.user_created.username if obj.user_created_id else None

    @admin.display(description=_("changed by"))
    def changed_by(self, obj):
        return obj.user_updated.username if obj.user_updated_id else None

    # -- rights ------------------------------------------------------------------------------------------------------

    def has_view_permission(self, request, obj=None):
        """Reading the list needs its search right; nothing else stands in for it."""
        return can(request.user, self.view_action)

    def has_module_permission(self, request):
        return self.has_view_permission(request)

    def has_add_permission(self, request):
        return self._may(request, self.add_action)

    def has_change_permission(self, request, obj=None):
        return self._may(request, self.change_action)

    def has_delete_permission(self, request, obj=None):
        return self._may(request, self.delete_action)

    def _may(self, request, action: Action | None) -> bool:
        # Every page that writes also shows the rows: the search right comes with every other.
        return action is not None and self.has_view_permission(request) and can(request.user, action)

    # -- reading -----------------------------------------------------------------------------------------------------

    def get_queryset(self, request):
        return self.selector(user=request.user, queryset=super().get_queryset(request))

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name not in self.autocomplete_fields:
            kwargs.setdefault("queryset", choices(self.admin_site, db_field, request))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name not in self.autocomplete_fields:
            kwargs.setdefault("queryset", choices(self.admin_site, db_field, request))
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def get_fieldsets(self, request, obj=None):
        fieldsets = list(super().get_fieldsets(request, obj))
        if obj is None:
            return fieldsets
        fieldsets.append((_("Record"), {"fields": self.RECORD_FIELDS}))
        if not self.has_change_permission(request, obj):  # read-only: instants in the event's zone, named
            fieldsets = [
                (name, {**options, "fields": [self._read_only_name(field) for field in options["fields"]]})
                for name, options in fieldsets
            ]
        return fieldsets

    def _read_only_name(self, field: str) -> str:
        return f"local_{field}" if field in self.form.local_time_fields else field

    def get_readonly_fields(self, request, obj=None):
        local_times = [f"local_{field}" for field in self.form.local_time_fields]
        return [*super().get_readonly_fields(request, obj), *self.RECORD_FIELDS, *local_times]

    def history_view(self, request, object_id, extra_context=None):
        return history_response(self, request, object_id, extra_context)

    # -- saving: the form called the service while it validated ------------------------------------------------------

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        return type(form.__name__, (form,), {"request": request, "model_admin": self})

    def _create_formsets(self, request, obj, change):
        # Django validates the main form before the inline formsets; the form's service call takes the inline rows
        # too (a showcase's integrations are part of its input), so it is handed the formsets here.
        formsets, inline_instances = super()._create_formsets(request, obj, change)
        obj.admin_inline_formsets = formsets
        return formsets, inline_instances

    def write(self, request, form) -> dict:
        """Create or update through the service; core's result dictionary."""
        service = self.service_class(request.user)
        data = self.service_input(form)
        if form.instance.pk:
            return service.update({"id": str(form.instance.pk), **data})
        return getattr(service, self.create_method)(data)

    def service_input(self, form) -> dict:
        return form.service_data()

    def save_form(self, request, form, change):
        return form.saved

    def save_model(self, request, obj, form, change):
        pass  # the service wrote it while the form was validated

    def save_related(self, request, form, formsets, change):
        pass  # the service wrote the lists and inline rows with the row

    def construct_change_message(self, request, form, formsets, add=False):
        # Django's own version reads what formset.save() did; here the service saved the inline rows.
        message = construct_change_message(form, [], add)
        changed_lists = [str(capfirst(fs.model._meta.verbose_name_plural)) for fs in formsets if fs.has_changed()]
        if changed_lists and not add:
            message.append({"changed": {"fields": changed_lists}})
        return message

    # -- deleting: a soft delete through the service -----------------------------------------------------------------

    def delete_model(self, request, obj):
        self.delete_queryset(request, [obj])

    def delete_queryset(self, request, queryset):
        """All the rows or none (the request's transaction is rolled back on a refusal)."""
        service = self.service_class(request.user)
        ids = [str(row.pk) for row in queryset]
        inputs = [{"ids": ids}] if self.deletes_many else [{"id": row_id} for row_id in ids]
        for data in inputs:
            result = service.delete(data)
            if not result["success"]:
                raise Refused(result["detail"] or {})

    def get_deleted_objects(self, objs, request):
        """Only the rows themselves: the deletion is soft (marked deleted, with a history row); nothing cascades."""
        objs = list(objs)
        count = {self.opts.verbose_name_plural: len(objs)} if objs else {}
        return [str(obj) for obj in objs], count, set(), []

    def delete_view(self, request, object_id, extra_context=None):
        try:
            return super().delete_view(request, object_id, extra_context)
        except Refused as refusal:
            self.message_user(request, refusal.message, messages.ERROR)
            change_page = f"admin:{self.opts.app_label}_{self.opts.model_name}_change"
            return HttpResponseRedirect(reverse(change_page, args=[object_id]))

    def response_action(self, request, queryset):
        # Django would pass malformed ids straight to a UUID lookup, and fail with a 500.
        for row_id in request.POST.getlist(helpers.ACTION_CHECKBOX_NAME):
            try:
                UUID(row_id)
            except ValueError:
                raise BadRequest("A selected row's id is not a UUID.") from None
        # The module's actions call a service per row, each in its own transaction; only Django's bulk deletion
        # (one service call per row, all or nothing) needs one around them all.
        all_or_nothing = request.POST.get("action") == "delete_selected"
        try:
            with transaction.atomic() if all_or_nothing else nullcontext():
                return super().response_action(request, queryset)
        except Refused as refusal:
            self.message_user(request, refusal.message, messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())
