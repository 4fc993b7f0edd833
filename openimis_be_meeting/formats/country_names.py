"""Countries by their ISO 3166-1 alpha-2 codes, with names in the active language: the codes, the English names
and their translations come from pycountry (Debian's iso-codes), not from a list of our own."""

import gettext
import unicodedata
from functools import lru_cache

import pycountry
from django.utils.translation import get_language

# The languages whose names the import recognises besides the codes (those the module is translated into).
NAME_LANGUAGES = ("en", "fr")


def _english(country) -> str:
    """The short name people use ("Bolivia", not "Bolivia, Plurinational State of"), as iso-codes gives it."""
    return getattr(country, "common_name", None) or country.name


@lru_cache(maxsize=16)
def _catalogue(language: str):
    return gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[language], fallback=True)


def _language(language: str | None) -> str:
    return (language or get_language() or "en").split("-")[0].lower()


def country_name(code: str, *, language: str | None = None) -> str:
    """The country's name in the given (by default the active) language; the code itself when unknown."""
    country = pycountry.countries.get(alpha_2=code) if code else None
    if country is None:
        return code or ""
    return _catalogue(_language(language)).gettext(_english(country))


def country_choices(*, language: str | None = None) -> list[tuple[str, str]]:
    """(code, name) of every country, by name in the given (by default the active) language."""
    names = [(country.alpha_2, country_name(country.alpha_2, language=language)) for country in pycountry.countries]
    return sorted(names, key=lambda item: _folded(item[1]))


def _folded(text: str) -> str:
    """Lower case without accents: "Côte d'Ivoire" and "cote d'ivoire" are the same name."""
    decomposed = unicodedata.normalize("NFKD", text.strip().lower().replace("\u2019", "'"))
    return "".join(character for character in decomposed if not unicodedata.combining(character))


@lru_cache(maxsize=1)
def _codes_by_name() -> dict[str, str]:
    names = {}
    for country in pycountry.countries:
        for language in NAME_LANGUAGES:
            names[_folded(country_name(country.alpha_2, language=language))] = country.alpha_2
        names.setdefault(_folded(country.name), country.alpha_2)
    return names


def country_code(text: str) -> str:
    """The code a cell names: the code itself, or the country's name in English or French (as the exports write
    them); the text unchanged when it names no country, so that validation refuses it in its own words."""
    value = (text or "").strip()
    if len(value) == 2:
        return value
    return _codes_by_name().get(_folded(value), value)
