"""The openIMIS location of an event, picked by searching its code or name (the admin's own autocomplete widget).

openIMIS's location module registers no admin page, so Django's autocomplete_fields (which asks the related model's
admin) cannot serve it; the event page answers the widget's searches itself, with the locations the user may see
as openIMIS decides it (Location.get_queryset: row security and the user's districts)."""

from django import forms
from django.conf import settings
from django.contrib.admin.widgets import get_select2_language
from django.core.exceptions import PermissionDenied
from django.http import JsonResponse
from django.utils.translation import gettext_lazy as _
from location.models import Location

PAGE_SIZE = 20


def visible_locations(user):
    """The valid openIMIS locations the user may see, as openIMIS's own location queries decide."""
    return Location.get_queryset(Location.objects.filter(validity_to__isnull=True), user)


class LocationSearchWidget(forms.Select):
    """A Select2 search box (the admin's autocomplete widget) over the event page's location search; its value is
    the location's UUID, which the service checks."""

    def __init__(self, url: str, attrs=None):
        super().__init__(attrs)
        self.url = url

    def build_attrs(self, base_attrs, extra_attrs=None):
        attrs = super().build_attrs(base_attrs, extra_attrs=extra_attrs)
        attrs.setdefault("class", "")
        attrs.update(
            {
                "data-ajax--cache": "true",
                "data-ajax--delay": 250,
                "data-ajax--type": "GET",
                "data-ajax--url": self.url,
                "data-theme": "admin-autocomplete",
                "data-allow-clear": "true",
                "data-placeholder": str(_("Search by code or name")),
                "lang": get_select2_language(),
                "class": attrs["class"] + (" " if attrs["class"] else "") + "admin-autocomplete",
            }
        )
        return attrs

    def optgroups(self, name, value, attrs=None):
        """Only the chosen location is rendered; the others come from the search."""
        uuid = next((item for item in value if item), None)
        location = Location.objects.filter(uuid__iexact=uuid).first() if uuid else None
        self.choices = [("", "")] + ([(uuid, str(location) if location else uuid)] if uuid else [])
        return super().optgroups(name, value, attrs)

    @property
    def media(self):
        extra = "" if settings.DEBUG else ".min"
        language = get_select2_language()
        i18n = (f"admin/js/vendor/select2/i18n/{language}.js",) if language else ()
        return forms.Media(
            js=(
                f"admin/js/vendor/jquery/jquery{extra}.js",
                f"admin/js/vendor/select2/select2.full{extra}.js",
                *i18n,
                "admin/js/jquery.init.js",
                "admin/js/autocomplete.js",
            ),
            css={"screen": (f"admin/css/vendor/select2/select2{extra}.css", "admin/css/autocomplete.css")},
        )


def location_search(model_admin, request):
    """GET ?term=…&page=…: the matching locations in Select2's format, for whoever may add or change events."""
    if not (model_admin.has_add_permission(request) or model_admin.has_change_permission(request)):
        raise PermissionDenied
    term = (request.GET.get("term") or "").strip()[:50]
    try:
        page = max(int(request.GET.get("page") or 1), 1)
    except ValueError:
        page = 1
    queryset = visible_locations(request.user)
    if term:
        queryset = queryset.filter(code__icontains=term) | queryset.filter(name__icontains=term)
    found = list(queryset.order_by("code", "id")[(page - 1) * PAGE_SIZE : page * PAGE_SIZE + 1])
    results = [{"id": str(location.uuid), "text": str(location)} for location in found[:PAGE_SIZE]]
    return JsonResponse({"results": results, "pagination": {"more": len(found) > PAGE_SIZE}})
