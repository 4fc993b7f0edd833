"""The exports' query parameters, cleaned by the same rules as GraphQL arguments."""

from ... import validation as v
from ...errors import MeetingError, Problems


def text_param(params, name: str, *, max_length: int) -> str | None:
    return v.clean_text(params.get(name), field=name, max_length=max_length) or None


def choice_param(params, name: str, choices) -> str | None:
    return v.clean_choice(text_param(params, name, max_length=64), field=name, choices=choices, required=False)


def codes_param(params, name: str, choices) -> list[str] | None:
    """Codes given as a repeated parameter, comma-separated, or both; None when not given."""
    values = [part.strip() for item in params.getlist(name) for part in str(item).split(",") if part.strip()]
    for value in values:
        v.clean_choice(value, field=name, choices=choices)
    return list(dict.fromkeys(values)) or None


def country_param(params, name: str) -> str | None:
    return v.clean_country(params.get(name), field=name) or None


def uuid_param(params, name: str) -> str | None:
    value = params.get(name)
    return str(v.clean_uuid(value, field=name)) if value not in (None, "") else None


def filtered(filterset_class, data: dict, queryset, request):
    """The queryset narrowed by the module's FilterSet (the one GraphQL uses), fed values already checked."""
    data = {key: ",".join(value) if isinstance(value, list) else value for key, value in data.items() if value}
    filterset = filterset_class(data=data, queryset=queryset, request=request)
    if not filterset.is_valid():  # not expected: every value was checked above
        name, _errors = next(iter(filterset.errors.items()))
        raise MeetingError(Problems.INVALID_CHOICE, field=name, value=str(data.get(name))[:64])
    return filterset.qs
