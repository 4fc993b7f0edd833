"""Who gets through the door of the instance's Django admin site (/api/admin/) to the module's pages.

openIMIS core makes only the IMIS administrator a Django staff member (`core.User.is_staff` is the interactive user's
`is_imis_admin`), so Django's admin would turn everyone else away at the login form. The module opens the door,
and only the door, to active users who hold a right to read one of its lists. Behind it every page asks its own
ModelAdmin: the module's pages ask the module's rights (permissions.py); other applications' pages (core's module
configuration, technical users, groups, ...) ask Django's model permissions, which openIMIS users do not hold, so
such a user sees the module's pages and nothing else of the site.
"""

from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import AuthenticationForm

from ..apps import MODULE_NAME
from ..permissions import Action, can

# Reading one of these lists opens the admin to a user; which pages they may open is decided page by page.
READ_ACTIONS = (
    Action.SEARCH_EVENTS,
    Action.SEARCH_ORGANISATIONS,
    Action.SEARCH_PARTICIPANTS,
    Action.SEARCH_SHOWCASES,
    Action.SEARCH_SESSIONS,
)


# The site's own pages a module user may open besides the module's: the index, logging in and out, the scripts and
# lookups the module's forms use. Not the password change (openIMIS users change passwords through openIMIS) nor
# the "view on site" redirects.
SITE_PAGES = {"index", "login", "logout", "jsi18n", "autocomplete"}


def is_module_staff(user) -> bool:
    """Whether an active user may enter the admin site for the module's pages."""
    return bool(getattr(user, "is_active", False)) and any(can(user, action) for action in READ_ACTIONS)


class LoginForm(AdminAuthenticationForm):
    """The admin's login form, which also lets in the module's users (core does not make them Django staff)."""

    def confirm_login_allowed(self, user):
        if is_module_staff(user):
            AuthenticationForm.confirm_login_allowed(self, user)  # the active check, without Django's staff check
        else:
            super().confirm_login_allowed(user)


def open_to_module_staff(site) -> None:
    """Let the module's users through the site's door (login form and permission check), once per site; an instance
    that set its own login form keeps it."""
    if getattr(site, "meeting_door_open", False):
        return
    staff_only = site.has_permission

    def has_permission(request):
        return staff_only(request) or (is_module_staff(request.user) and is_module_page(request))

    site.has_permission = has_permission
    if site.login_form is None:
        site.login_form = LoginForm
    site.meeting_door_open = True


def is_module_page(request) -> bool:
    """Whether the request is for one of the module's admin pages, or one of the site's pages the module needs."""
    match = getattr(request, "resolver_match", None)
    if match is None:
        return False
    if match.url_name in SITE_PAGES:
        return True
    if match.url_name == "app_list":
        return match.kwargs.get("app_label") == MODULE_NAME
    return bool(match.url_name) and match.url_name.startswith(f"{MODULE_NAME}_")
