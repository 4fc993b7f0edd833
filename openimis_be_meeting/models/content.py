"""Texts written in English and in French: an event's name and description, a session's title and description, a
showcase's title and abstract. Each keeps its column (the English text, or the only one written) and has a French
column beside it, `<field>_fr`; what a page, feed, export, mail, document or GraphQL answer shows is the text in
the active language, else the other one (docs/architecture.md says why these are two columns of our own rather
than a translated-fields library's)."""

from django.conf import settings
from django.utils import translation


def content_language(language: str | None = None) -> str:
    """The content language ("en" or "fr") for a language code: the given one, else the active one, else the
    instance's; French for any French variant, English for everything else."""
    code = (language or translation.get_language() or settings.LANGUAGE_CODE or "en").lower()
    return "fr" if code.split("-")[0].split("_")[0] == "fr" else "en"


def choose(english: str, french: str, language: str | None = None) -> str:
    """Of a text's English and French, the one in the given (else the active) language, else the other."""
    english, french = english or "", french or ""
    return (french or english) if content_language(language) == "fr" else (english or french)


def in_language(obj, field: str, language: str | None = None) -> str:
    """`obj.<field>` in the given (else the active) language, falling back to the other language's text."""
    return choose(getattr(obj, field), getattr(obj, f"{field}_fr"), language)


class InLanguage:
    """A read-only attribute, `event.local_name`: the field's text in the active language (see in_language)."""

    def __init__(self, field: str):
        self.field = field

    def __get__(self, obj, objtype=None):
        return self if obj is None else in_language(obj, self.field)
