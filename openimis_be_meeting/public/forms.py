"""The public forms: they only parse what the browser sends; the rules are the services' (check_public_input), and
each refusal is shown beside its field in the page's language."""

from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from ..errors import MeetingError
from ..formats.country_names import country_choices
from ..models import AttendanceMode, Organisation, ParticipantRole
from ..services.participants import PUBLIC_ROLES

HONEYPOT = "website"


class Select(forms.Select):
    """A select rendered in Python: Django's own renders a template per option, which made the country list most of
    the registration page's cost (bench/public_bench.py)."""

    def render(self, name, value, attrs=None, renderer=None):
        attrs = self.build_attrs(self.attrs, attrs)
        chosen = "" if value is None else str(value)
        options = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            ((code, mark_safe(" selected") if str(code) == chosen else "", label) for code, label in self.choices),
        )
        return format_html('<select name="{}"{}>{}</select>', name, flatatt(attrs), options)


def _choices(values, labels) -> list:
    return [("", "—")] + [(value, labels.get(value, value)) for value in values]


class TextInput(forms.CharField):
    """Text taken as typed (no length or format check here: the service checks it)."""

    def __init__(self, label, *, widget=None, autocomplete: str = ""):
        attrs = {"autocomplete": autocomplete} if autocomplete else {}
        super().__init__(label=label, required=False, strip=False, widget=widget or forms.TextInput(attrs=attrs))


class DetailsForm(forms.Form):
    """What a person says about themselves; shared by registration and the personal page's change form."""

    first_name = TextInput(_("first name"), autocomplete="given-name")
    last_name = TextInput(_("last name"), autocomplete="family-name")
    organisation = TextInput(
        _("organisation"), widget=forms.TextInput(attrs={"list": "organisations", "autocomplete": "organization"})
    )
    job_title = TextInput(_("job title"), autocomplete="organization-title")
    country = TextInput(_("country"), widget=Select(attrs={"autocomplete": "country"}))
    attendance_mode = TextInput(_("participation mode"), widget=Select())
    accessibility_needs = TextInput(_("accessibility needs"), widget=forms.Textarea(attrs={"rows": 2}))
    dietary_needs = TextInput(_("dietary needs"), widget=forms.Textarea(attrs={"rows": 2}))
    consent_listed = forms.BooleanField(
        label=_("I agree to appear in the published list of participants (name, organisation, country, role)"),
        required=False,
    )
    consent_photos = forms.BooleanField(label=_("I agree to be photographed"), required=False)
    consent_contact = forms.BooleanField(label=_("I agree to be contacted after the event"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].widget.choices = [("", "—"), *country_choices()]
        self.fields["attendance_mode"].widget.choices = _choices(AttendanceMode.values, dict(AttendanceMode.choices))

    def service_data(self) -> dict:
        """The form's values under the service's keys."""
        return {name: self.cleaned_data.get(name) for name in self.fields if name != HONEYPOT}

    def show_problems(self, problems: dict[str, MeetingError]) -> None:
        """Put each refusal beside its field, its message naming the field by its label."""
        for name, error in problems.items():
            target = name if name in self.fields else None
            label = self.fields[name].label if target else ""
            self.add_error(target, message_for(error, label))
            if target:
                self.fields[name].widget.attrs.update({"aria-invalid": "true", "aria-describedby": f"id_{name}-error"})


class RegistrationForm(DetailsForm):
    email = TextInput(_("email"), widget=forms.EmailInput(attrs={"autocomplete": "email"}))
    role = TextInput(_("role"), widget=Select())
    accept_privacy = forms.BooleanField(label=_("I have read and accept the privacy notice"), required=False)
    # Hidden from people (and from assistive technology); a robot filling every field fills this one too.
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    field_order = ["first_name", "last_name", "email", "organisation", "job_title", "country", "role"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].widget.choices = _choices(PUBLIC_ROLES, dict(ParticipantRole.choices))
        self.fields["role"].initial = ParticipantRole.ATTENDEE

    def is_robot(self) -> bool:
        return bool(self.data.get(HONEYPOT))


def message_for(error: MeetingError, label) -> str:
    """The refusal's message in the active language, naming the field by its label rather than its API name."""
    params = {**error.params, "field": str(label).capitalize() if label else error.params.get("field")}
    text = str(error.problem.text)
    return text % params if "%(" in text else text


def known_organisations() -> list[str]:
    """The names offered as one types an organisation (a typed name matching one of them is taken as it)."""
    return list(Organisation.objects.live().order_by("name").values_list("name", flat=True)[:2000])
