"""Which right guards each GraphQL field and REST endpoint of the module, read from the code that checks it:

- a list (connection) field: its type's `reader`, a selector declared with permissions.guarded;
- another query field: its resolver's `action` (gql/base/rights.resolved_by on a guarded read), or a ByArgument;
- a mutation: the action of the service method it calls (services.base.service_method);
- a REST endpoint: its view's `action` (rest.base.MeetingAPIView); None for the badge-token feed, opened by no right.

Nothing here grants or refuses anything. tests/test_rights_*.py prove that each listed right is the one really checked
(a holder of only that right succeeds, a holder of every other right is refused), and the table in
docs/rights-and-configuration.md is rights_table().
"""

import re

from django.urls import URLResolver
from graphene.utils.str_converters import to_camel_case

from .apps import DEFAULT_CFG
from .permissions import Action, ByArgument

HTTP_METHODS = ("get", "post", "put", "patch", "delete")


def graphql_guards() -> dict:
    """GraphQL field name (as clients write it) -> Action, ByArgument, or None when no right is declared."""
    from .schema import Mutation, Query

    guards = {to_camel_case(name): _query_action(Query, name, field) for name, field in Query._meta.fields.items()}
    for name, field in Mutation._meta.fields.items():
        guards[to_camel_case(name)] = _mutation_action(field.type)
    return guards


def _query_action(query, name: str, field):
    node = getattr(getattr(field.type, "_meta", None), "node", None)
    reader = getattr(node, "reader", None)
    if reader is not None:
        return getattr(reader, "action", None)
    return getattr(getattr(query, f"resolve_{name}", None), "action", None)


def _mutation_action(mutation):
    method = getattr(getattr(mutation, "service_class", None), getattr(mutation, "service_method", "") or "-", None)
    return getattr(method, "action", None)


def rest_guards() -> dict:
    """Each REST endpoint, as "<METHOD> <route>" -> its view's Action, or None for a view no right opens."""
    from .urls import urlpatterns

    guards = {}
    for pattern in urlpatterns:
        if isinstance(pattern, URLResolver):
            continue  # the public pages (public/urls.py): opened by no right, by design (docs/public.md)
        view = pattern.callback.view_class
        if getattr(view, "public_page", False):  # a page for the public (documents/views.py): no right opens it
            continue
        for method in HTTP_METHODS:
            if hasattr(view, method):
                guards[f"{method.upper()} {route(pattern)}"] = view.action
    return guards


def route(pattern) -> str:
    """A URL pattern as the documentation writes it: events/<event_id>/participants.{csv,xlsx}."""
    text = str(pattern.pattern).strip("^$")
    text = re.sub(r"<(?:\w+:)?(\w+)>", r"<\1>", text)
    text = re.sub(r"\(\?P<(\w+)>\[\^/\]\+\)", r"<\1>", text)
    text = re.sub(r"\(\?P<\w+>([\w|]+)\)", lambda match: "{" + match.group(1).replace("|", ",") + "}", text)
    return text.replace("\\.", ".").replace("/?", "")


def _codes(action: Action) -> str:
    return ", ".join(DEFAULT_CFG[action.value])


def _right(guard, *, none: str) -> str:
    if guard is None:
        return none
    if isinstance(guard, ByArgument):
        return "; ".join(f"{_codes(action)} (`{value}`)" for value, action in guard.actions.items())
    return _codes(guard)


def _key(guard) -> str:
    if guard is None:
        return ""
    actions = guard.actions.values() if isinstance(guard, ByArgument) else [guard]
    return ", ".join(dict.fromkeys(f"`{action.value}`" for action in actions))


def rights_table() -> str:
    """The table of docs/rights-and-configuration.md: each query, mutation and endpoint, its default rights and key."""
    rows = ["| query, mutation or endpoint | right (default) | configuration key |", "|---|---|---|"]
    for name, guard in graphql_guards().items():
        rows.append(f"| `{name}` | {_right(guard, none='**none declared**')} | {_key(guard)} |")
    for name, guard in rest_guards().items():
        rows.append(f"| `{name}` | {_right(guard, none='none: the badge token is the key')} | {_key(guard)} |")
    return "\n".join(rows)
