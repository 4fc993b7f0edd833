"""Admin forms whose validation ends with the module's service call: the service is the one validator and the one
writer, so an admin save follows the same rules, lifecycle, audit user and history as a GraphQL mutation.

A form hands the service the data dict the mutation would pass: ids as text, foreign keys as `<name>_id`, lists of
related rows as `<singular>_ids`, instants as ISO 8601 text without an offset (a wall-clock time in the event's
zone, as the form shows them). A refusal becomes an error on the field the service names, or on the whole form;
then nothing was written and the form shows again.
"""

import re
from datetime import datetime
from zoneinfo import available_timezones

from django import forms
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from ..formats.country_names import country_choices
from ..timeutils import from_storage
from .times import event_zone

LOCAL_TIME_HELP = _("Wall-clock time in the event's time zone.")


class ListField(forms.CharField):
    """A list of short codes (countries, languages) typed as text, separated by commas or spaces; or of addresses,
    one per line, with `lines=True`."""

    def __init__(self, *, lines: bool = False, **kwargs):
        self.lines = lines
        kwargs.setdefault("required", False)
        if lines:
            kwargs.setdefault("widget", forms.Textarea(attrs={"rows": 3}))
        super().__init__(**kwargs)

    def prepare_value(self, value):
        if isinstance(value, (list, tuple)):
            return ("\n" if self.lines else ", ").join(str(item) for item in value)
        return value

    def to_python(self, value):
        text = super().to_python(value) or ""
        parts = text.splitlines() if self.lines else re.split(r"[,;\s]+", text)
        return [part.strip() for part in parts if part.strip()]


def _countries() -> list[tuple[str, str]]:
    """Every country by name in the language of the request (the choices are read each time a form is shown)."""
    return country_choices()


def _zones() -> list[tuple[str, str]]:
    return [(name, name) for name in sorted(available_timezones())]


class OfferedChoiceField(forms.ChoiceField):
    """A select of the usual values whose answer the service checks, as it checks GraphQL's: a value outside the
    list (a zone the server's zoneinfo lacks, a code typed in lower case) gets the service's own words."""

    def valid_value(self, value) -> bool:
        return True


class OfferedMultipleChoiceField(forms.MultipleChoiceField):
    """Several of the offered values (or codes separated by commas or spaces), checked by the service."""

    def to_python(self, value):
        return [part for item in super().to_python(value) for part in re.split(r"[,;\s]+", item) if part]

    def valid_value(self, value) -> bool:
        return True


def country_field(field: forms.Field, *, many: bool = False) -> forms.Field:
    """The model's country code (or list of codes) offered as a choice of countries by name."""
    options = {"label": field.label, "help_text": "", "required": False}
    if many:
        return OfferedMultipleChoiceField(choices=_countries, **options)
    return OfferedChoiceField(choices=lambda: [("", "---------"), *_countries()], **options)


def zone_field(field: forms.Field) -> forms.Field:
    """The IANA time zone, a choice among those the server's zoneinfo knows."""
    return OfferedChoiceField(choices=_zones, label=field.label, help_text=field.help_text, required=field.required)


class ServiceForm(forms.ModelForm):
    """A model form that validates by calling the service; `request` and `model_admin` are set by ServiceAdmin."""

    request = None
    model_admin = None
    # Instants shown and entered as wall-clock times in the event's time zone.
    local_time_fields: tuple[str, ...] = ()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.saved = None  # the row the service wrote
        if "country" in self.fields:
            self.fields["country"] = country_field(self.fields["country"])
        if "countries" in self.fields:
            self.fields["countries"] = country_field(self.fields["countries"], many=True)
        if "timezone" in self.fields:
            self.fields["timezone"] = zone_field(self.fields["timezone"])
        zone = event_zone(self.instance) if self.instance.pk else None
        for name in self.local_time_fields:
            if name in self.fields:
                self.fields[name].help_text = LOCAL_TIME_HELP
                value = getattr(self.instance, name, None) if self.instance.pk else None
                if value is not None and zone is not None:
                    self.initial[name] = from_storage(value, zone).replace(tzinfo=None)

    @property
    def inline_formsets(self) -> list:
        """The page's inline formsets (ServiceAdmin hands them over), whose rows are part of the service's input."""
        return getattr(self.instance, "admin_inline_formsets", [])

    def _post_clean(self):
        # The service replaces the model's own validation, which would speak other words than GraphQL and check
        # unique constraints against the row the service has just written.
        if self.errors or not all(formset.is_valid() for formset in self.inline_formsets):
            return
        if self.instance.pk and not self.has_changes():
            self.saved = self.instance
            return
        result = self.model_admin.write(self.request, self)
        if result["success"]:
            self.saved = self.model_admin.model.objects.get(pk=result["data"]["id"])
        else:
            add_refusal(self, result["detail"] or {})

    def has_changes(self) -> bool:
        return self.has_changed() or any(formset.has_changed() for formset in self.inline_formsets)

    def service_data(self) -> dict:
        """The input of the service call: every field of a new row, the changed fields of an existing one."""
        names = [name for name in self.fields if name in self.cleaned_data]
        if self.instance.pk:
            changed = set(self.changed_data)
            if "timezone" in changed:  # the times shown are meant in the new zone
                changed.update(self.local_time_fields)
            names = [name for name in names if name in changed]
        return dict(service_item(self._meta.model, name, self.cleaned_data[name]) for name in names)


def service_item(model, name: str, value) -> tuple[str, object]:
    """One form value as the mutation passes it: (input key, value)."""
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:  # a form-only field, named as the service's key
        field = None
    if isinstance(field, models.ManyToManyField):
        return f"{name.removesuffix('s')}_ids", [str(row.pk) for row in value or []]
    if isinstance(field, models.ForeignKey):
        return f"{name}_id", str(value.pk) if isinstance(value, models.Model) else (value or None)
    if isinstance(value, datetime):
        return name, value.replace(tzinfo=None).isoformat()
    return name, value


def add_refusal(form, detail: dict) -> None:
    """Show the service's message on the field it names (an input field of the API), else on the whole form; a
    refused inline row (`integrations.1.targetSystemId`) is named by its list and number."""
    message = detail.get("message") or str(_("The change was refused."))
    api_field = detail.get("field") or ""
    row = re.match(r"^(\w+)\.(\d+)\.", api_field)
    if row:
        context = {"list": _list_label(form, row.group(1)), "row": int(row.group(2)) + 1, "message": message}
        form.add_error(None, _("%(list)s, row %(row)s: %(message)s") % context)
    else:
        form.add_error(form_field_name(form, api_field), message)


def _list_label(form, name: str) -> str:
    try:
        return capfirst(form._meta.model._meta.get_field(name).related_model._meta.verbose_name_plural)
    except FieldDoesNotExist:
        return name


def form_field_name(form, api_field: str) -> str | None:
    """The form field an API input name refers to (`endsAt` → ends_at, `organisationId` → organisation,
    `presenterIds` → presenters), or None."""
    if not api_field:
        return None
    snake = re.sub(r"(?<!^)(?=[A-Z])", "_", api_field).lower()
    for candidate in (snake, snake.removesuffix("_id"), snake.removesuffix("_ids") + "s"):
        if candidate in form.fields:
            return candidate
    return None
