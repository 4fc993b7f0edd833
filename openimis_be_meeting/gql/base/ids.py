"""Ids that are not UUIDs, refused with the module's own message before the request runs.

graphene's UUID scalar reads an argument by calling Python's uuid.UUID, whose ValueError ("badly formed hexadecimal
UUID string") graphql-core 2 passes to the caller as the answer's message, for a literal and for a variable alike.
This rule checks every argument of type UUID (or a list of them) first, written in the query or sent as a variable,
and answers meeting.validation.invalid_id naming the value; the standard rules then never meet one.
"""

import uuid

from graphql.language import ast
from graphql.type.definition import GraphQLList, GraphQLNonNull
from graphql.validation.rules.base import ValidationRule

from ...errors import Problems

UUID_TYPE = "UUID"


def _is_uuid_type(graphql_type) -> bool:
    while isinstance(graphql_type, (GraphQLNonNull, GraphQLList)):
        graphql_type = graphql_type.of_type
    return getattr(graphql_type, "name", None) == UUID_TYPE


def _not_a_uuid(value) -> str | None:
    """The first value that is not a UUID, as text, or None (values of other kinds are the standard rules' to
    refuse)."""
    for given in value if isinstance(value, (list, tuple)) else [value]:
        if isinstance(given, str):
            try:
                uuid.UUID(given)
            except ValueError:
                return given
    return None


class IdArgumentsRule(ValidationRule):
    """Refuses an argument of type UUID whose literal or variable value is not a UUID."""

    def __init__(self, context, variables: dict | None = None):
        super().__init__(context)
        self.variables = variables if isinstance(variables, dict) else {}

    def enter_Argument(self, node, *_args):  # noqa: N802 - graphql-core calls enter_<Kind>
        argument = self.context.get_argument()
        if argument is None or not _is_uuid_type(argument.type):
            return
        wrong = _not_a_uuid(self._given(node.value))
        if wrong is not None:
            from .limits import limit_error  # limits.py gathers the rules, this one included

            self.context.report_error(limit_error(Problems.INVALID_ID, node, value=wrong[:64]))

    def _given(self, value):
        if isinstance(value, ast.Variable):
            return self.variables.get(value.name.value)
        if isinstance(value, ast.ListValue):
            return [item.value for item in value.values if isinstance(item, ast.StringValue)]
        return value.value if isinstance(value, ast.StringValue) else None
