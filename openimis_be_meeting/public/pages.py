"""What every public page shares: its language (asked for, remembered, or the browser's), its headers, and a log
that never holds the secret tokens some addresses carry."""

import functools

from django.conf import settings
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.views.decorators.csrf import csrf_protect

LANGUAGES = (("en", "English"), ("fr", "Français"))
LANGUAGE_CODES = tuple(code for code, _name in LANGUAGES)
COOKIE = getattr(settings, "LANGUAGE_COOKIE_NAME", "django_language")


def page_language(request) -> str:
    """The language asked for by the page's switch (?lang=), else the one remembered in the cookie, else the
    browser's first one the pages speak, else English."""
    asked = request.GET.get("lang")
    if asked in LANGUAGE_CODES:
        return asked
    remembered = request.COOKIES.get(COOKIE)
    if remembered in LANGUAGE_CODES:
        return remembered
    header = request.META.get("HTTP_ACCEPT_LANGUAGE", "")
    for part in header.split(","):
        code = part.split(";")[0].strip().lower()[:2]
        if code in LANGUAGE_CODES:
            return code
    return "en"


def public_page(*, secret: bool = False):
    """A public view: CSRF-checked forms, rendered in page_language (the choice of the switch is remembered), and,
    for pages whose address holds a secret (`secret`), never cached, never sent as a Referer to other sites, not
    indexed and never logged by Django's request logger (which writes the path of every refused request)."""

    def decorate(view):
        @functools.wraps(view)
        @csrf_protect
        def wrapper(request, *args, **kwargs):
            language = page_language(request)
            with translation.override(language):
                request.page_language = language
                response = view(request, *args, **kwargs)
            if request.GET.get("lang") in LANGUAGE_CODES:
                response.set_cookie(COOKIE, language, max_age=365 * 24 * 3600, samesite="Lax")
            response.headers.setdefault("Content-Language", language)
            response.headers.setdefault("X-Content-Type-Options", "nosniff")
            response.headers.setdefault("X-Frame-Options", "DENY")
            if secret:
                response.headers["Cache-Control"] = "no-store"
                response.headers["Referrer-Policy"] = "same-origin"  # no-referrer would make forms post Origin: null
                response.headers["X-Robots-Tag"] = "noindex"
                response._has_been_logged = True
            return response

        return wrapper

    return decorate


def page(request, template: str, context: dict | None = None, *, status: int = 200):
    """Render a public template with what the layout needs: the language and its switch."""
    context = {"language": request.page_language, "languages": LANGUAGES, **(context or {})}
    return render(request, f"openimis_be_meeting/public/{template}", context, status=status)


def absolute(request):
    """An UrlFor: (url name, the one argument of its path) -> the absolute address, for mail."""

    def url_for(name: str, argument: str) -> str:
        key = "event_id" if name == "meeting-public-event" else "token"
        return request.build_absolute_uri(reverse(name, kwargs={key: argument}))

    return url_for


def client_ip(request) -> str:
    """The address the request came from, as the web server saw it (a proxy in front must set REMOTE_ADDR)."""
    return request.META.get("REMOTE_ADDR", "") or "unknown"
