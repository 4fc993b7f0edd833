"""Limits on the shape and cost of a GraphQL request, checked before it runs: the document's text (document.py, before
parsing), how deep its fields nest, how many fields and aliases it selects, how many values its answer may hold (its
cost: each field counted once per row of every page and list around it), and the page sizes and offsets it asks
connections for; and the errors one answer reports.

An instance installs them in its GraphQL view, for every module's queries (docs/operations.md, "Query limits"):
`GraphQLView.as_view(backend=QueryLimitsBackend())`, or `install()` once at start-up for every view that does not
name a backend. `limit_rules()` gives the validation rules themselves, for code that validates documents itself.

Introspection is not exempt: `__type { fields { type { fields ...` nests without end, and each level multiplies
the answer. It is measured like any other query, and its lists of types may nest at most twice, as graphql-js's
MaxIntrospectionDepthRule allows. GraphiQL's introspection query nests 13 levels (its type references unwrap 7
`ofType`s) and newer clients' up to 15 (9), with one list of types: the default depth, 15, lets both through. The
module's own deepest list (a showcase's integrations' systems' owners) nests 7 levels.
"""

from dataclasses import dataclass
from functools import partial
from typing import NamedTuple

from graphene_django.settings import graphene_settings
from graphql import GraphQLError, GraphQLInt
from graphql.backend import GraphQLCoreBackend, set_default_backend
from graphql.execution import ExecutionResult, execute
from graphql.language import ast
from graphql.type.definition import GraphQLInterfaceType, GraphQLList, GraphQLNonNull, GraphQLObjectType, get_named_type
from graphql.validation import validate
from graphql.validation.rules import NoFragmentCycles, specified_rules
from graphql.validation.rules.base import ValidationRule
from graphql_relay.connection.arrayconnection import cursor_to_offset

from ...apps import MeetingConfig
from ...errors import MeetingError, Problems
from .document import check_document
from .ids import IdArgumentsRule

# However the limits are configured, measuring a request stops after this many selections: the fragments of a small
# document can expand to billions of them.
MEASURE_AT_MOST = 100_000
# Introspection may nest its lists of types only this deep (graphql-js's MaxIntrospectionDepthRule): every type's
# fields' types' fields' ... multiply at each level, and the depth limit alone would still let 7 levels through.
INTROSPECTION_ROOTS = ("__schema", "__type")
INTROSPECTION_TYPE_LISTS = ("fields", "inputFields", "interfaces", "possibleTypes")
MAX_INTROSPECTION_LISTS = 2
PAGE_ARGUMENTS = ("first", "last")
CURSOR_ARGUMENTS = ("after", "before")


@dataclass(frozen=True)
class QueryLimits:
    """The limits in force; None means no limit."""

    max_depth: int | None
    max_fields: int | None
    max_aliases: int | None
    max_page: int | None
    max_cost: int | None = None
    list_size: int = 3  # what a list that is no connection is taken to hold, for the cost

    @classmethod
    def configured(cls) -> "QueryLimits":
        """The module's configuration (gql_max_depth, gql_max_fields, gql_max_aliases) and the instance's
        GRAPHENE["RELAY_CONNECTION_MAX_LIMIT"]."""
        config = MeetingConfig.config
        return cls(
            max_depth=_limit(config.get("gql_max_depth")),
            max_fields=_limit(config.get("gql_max_fields")),
            max_aliases=_limit(config.get("gql_max_aliases")),
            max_page=_limit(graphene_settings.RELAY_CONNECTION_MAX_LIMIT),
            max_cost=_limit(config.get("gql_max_cost")),
            list_size=int(config.get("gql_list_size") or 1),
        )


def _limit(value) -> int | None:
    return None if value is None else int(value)


def limit_error(problem, node=None, **params) -> GraphQLError:
    """A GraphQL error in the request's language, with the problem's code as extensions.code."""
    message = MeetingError(problem, **params).message
    return GraphQLError(message, nodes=[node] if node is not None else None, extensions={"code": problem.code})


class QueryShapeRule(ValidationRule):
    """Refuses an operation whose fields nest deeper than gql_max_depth, that selects more than gql_max_fields
    fields or gql_max_aliases aliases, counting each use of a fragment again (as the server runs it), whose answer
    may hold more than gql_max_cost values, or whose introspection nests lists of types more than
    MAX_INTROSPECTION_LISTS deep."""

    def __init__(self, context, variables: dict | None = None):
        super().__init__(context)
        self.variables = variables if isinstance(variables, dict) else {}

    def enter_OperationDefinition(self, node, *_args):  # noqa: N802 - graphql-core calls enter_<Kind>
        root = {"query": "get_query_type", "mutation": "get_mutation_type", "subscription": "get_subscription_type"}
        parent = getattr(self.context.get_schema(), root.get(node.operation, ""), lambda: None)()
        measure = _Measure(self.context, QueryLimits.configured(), self.variables)
        error = measure.first_excess(node.selection_set, parent)
        if error is not None:
            self.context.report_error(error)
        return False


class _Place(NamedTuple):
    """A selection set met while measuring: how deep its fields are, the fragments being expanded around it, how
    many introspection lists of types enclose it (None outside introspection), the type it selects from (None when
    unknown), how many times its fields may be answered (the rows of the pages and lists around it), and, inside a
    connection, the page size its `edges` hold."""

    selection_set: object
    depth: int
    expanding: frozenset
    type_lists: int | None
    parent: object = None
    rows: int = 1
    page: int = 1


class _Measure:
    def __init__(self, context, limits: QueryLimits, variables: dict | None = None):
        self.context, self.limits, self.variables = context, limits, variables or {}
        self.selections = self.aliases = self.cost = 0

    def first_excess(self, selection_set, parent=None) -> GraphQLError | None:
        # Depth first, with an explicit stack: a document may nest deeper than Python's recursion allows.
        stack = [_Place(selection_set, 1, frozenset(), None, parent)]
        while stack:
            place = stack.pop()
            for selection in place.selection_set.selections:
                error = self._count(selection, place)
                if error is not None:
                    return error
                stack.extend(self._inside(selection, place))
        return None

    def _count(self, selection, place: _Place) -> GraphQLError | None:
        limits = self.limits
        self.selections += 1
        if limits.max_fields is not None and self.selections > limits.max_fields:
            return limit_error(Problems.QUERY_TOO_MANY_FIELDS, selection, max=limits.max_fields)
        if self.selections > MEASURE_AT_MOST:
            return limit_error(Problems.QUERY_TOO_MANY_FIELDS, selection, max=MEASURE_AT_MOST)
        if not isinstance(selection, ast.Field):
            return None
        if limits.max_depth is not None and place.depth > limits.max_depth:
            return limit_error(Problems.QUERY_TOO_DEEP, selection, max=limits.max_depth)
        self.aliases += selection.alias is not None
        if limits.max_aliases is not None and self.aliases > limits.max_aliases:
            return limit_error(Problems.QUERY_TOO_MANY_ALIASES, selection, max=limits.max_aliases)
        if _type_lists(selection, place) > MAX_INTROSPECTION_LISTS:
            return limit_error(Problems.QUERY_INTROSPECTION_TOO_DEEP, selection, max=MAX_INTROSPECTION_LISTS)
        self.cost += place.rows
        if limits.max_cost is not None and self.cost > limits.max_cost:
            return limit_error(Problems.QUERY_TOO_COSTLY, selection, max=limits.max_cost)
        return None

    def _inside(self, selection, place: _Place) -> list[_Place]:
        """The selection sets a selection opens: a field's one level deeper, a fragment's at the same level."""
        if isinstance(selection, ast.Field):
            if selection.selection_set is None:
                return []
            if selection.name.value in INTROSPECTION_ROOTS:
                lists = 0
            else:  # outside introspection it stays None: other fields may be named "fields" too
                lists = None if place.type_lists is None else _type_lists(selection, place)
            inner = _Place(selection.selection_set, place.depth + 1, place.expanding, lists)
            return [inner._replace(**self._answers(selection, place))]
        if isinstance(selection, ast.InlineFragment):
            return [place._replace(selection_set=selection.selection_set, parent=self._condition(selection, place))]
        name = selection.name.value
        fragment = self.context.get_fragment(name)
        if fragment is None or name in place.expanding:  # unknown or cyclic: the standard rules say so
            return []
        inner = place._replace(selection_set=fragment.selection_set, expanding=place.expanding | {name})
        return [inner._replace(parent=self._condition(fragment, place))]

    def _condition(self, fragment, place: _Place):
        condition = getattr(fragment, "type_condition", None)
        return self.context.get_schema().get_type(condition.name.value) if condition is not None else place.parent

    def _answers(self, field, place: _Place) -> dict:
        """The type a field's selections select from and how many times they may be answered: a connection's
        `edges` once per row of its page (its `first` or `last`, or the largest page when neither is given), any
        other list `gql_list_size` times."""
        parent = place.parent
        definition = parent.fields.get(field.name.value) if isinstance(parent, _WITH_FIELDS) else None
        if definition is None:
            return {"parent": None, "rows": place.rows, "page": 1}
        named, rows = get_named_type(definition.type), place.rows
        if field.name.value == "edges" and _is_connection_type(parent):
            rows *= place.page
        elif _is_list(definition.type):
            rows *= self.limits.list_size
        page = self._page(field) if _is_connection_type(named) else 1
        return {"parent": named, "rows": rows, "page": page}

    def _page(self, field) -> int:
        largest = self.limits.max_page if self.limits.max_page is not None else MEASURE_AT_MOST
        for argument in field.arguments or []:
            if argument.name.value in PAGE_ARGUMENTS:
                value = argument.value
                if isinstance(value, ast.Variable):
                    given = _whole_number(self.variables.get(value.name.value))
                else:
                    given = _whole_number(getattr(value, "value", None))
                return largest if given is None else max(0, min(given, largest))
        return largest


_WITH_FIELDS = (GraphQLObjectType, GraphQLInterfaceType)


def _is_list(graphql_type) -> bool:
    if isinstance(graphql_type, GraphQLNonNull):
        graphql_type = graphql_type.of_type
    return isinstance(graphql_type, GraphQLList)


def _is_connection_type(named) -> bool:
    return isinstance(named, GraphQLObjectType) and {"edges", "pageInfo"} <= set(named.fields)


def _type_lists(field, place: _Place) -> int:
    """How many introspection lists of types enclose the field's selections, the field included (-1 outside)."""
    if place.type_lists is None:
        return -1
    return place.type_lists + (field.name.value in INTROSPECTION_TYPE_LISTS)


class PageArgumentsRule(ValidationRule):
    """Refuses, on a connection, `first` or `last` outside 0..RELAY_CONNECTION_MAX_LIMIT, a negative `offset` and
    an `after` or `before` cursor holding a negative offset, written in the query or passed as variables."""

    def __init__(self, context, variables: dict | None = None):
        super().__init__(context)
        self.variables = variables if isinstance(variables, dict) else {}
        # Every operation's default of each variable: a fragment does not say which operation runs it, so an
        # argument in a fragment is checked against the default of every operation that declares the variable.
        self.defaults: dict[str, list] = {}
        for definition in context.get_ast().definitions:
            for name, default in _defaults(definition).items():
                self.defaults.setdefault(name, []).append(default)
        self.operation_defaults: dict | None = None  # inside an operation, its own defaults
        self.fields: list[str] = []
        self.max_page = QueryLimits.configured().max_page

    def enter_OperationDefinition(self, node, *_args):  # noqa: N802 - graphql-core calls enter_<Kind>
        self.operation_defaults = _defaults(node)

    def enter_FragmentDefinition(self, node, *_args):  # noqa: N802 - graphql-core calls enter_<Kind>
        self.operation_defaults = None

    def enter_Field(self, node, *_args):  # noqa: N802 - graphql-core calls enter_<Kind>
        self.fields.append(node.name.value)

    def leave_Field(self, node, *_args):  # noqa: N802 - graphql-core calls enter_<Kind>
        self.fields.pop()

    def enter_Argument(self, node, *_args):  # noqa: N802 - graphql-core calls enter_<Kind>
        name = node.name.value
        if name not in (*PAGE_ARGUMENTS, *CURSOR_ARGUMENTS, "offset"):
            return
        if not _is_connection(self.context.get_field_def()):
            return
        for given in self._given(node.value):  # none: not given, or a literal the standard validation refuses
            problem = self._problem(name, given)
            if problem is not None:
                field = self.fields[-1] if self.fields else ""
                maximum = self.max_page if self.max_page is not None else "∞"
                params = {"field": field, "argument": name, "max": maximum, "value": str(given)[:64]}
                self.context.report_error(limit_error(problem, node, **params))
                return

    def _problem(self, name: str, given):
        if name in CURSOR_ARGUMENTS:
            # graphene-django slices from the offset a cursor holds: a negative one cannot be sliced.
            offset = cursor_to_offset(given) if isinstance(given, str) else None
            return Problems.QUERY_INVALID_CURSOR if offset is not None and offset < 0 else None
        value = _whole_number(given)
        if name == "offset":
            return Problems.QUERY_NEGATIVE_OFFSET if value is None or value < 0 else None
        too_large = value is not None and self.max_page is not None and value > self.max_page
        return Problems.QUERY_PAGE_OUT_OF_RANGE if value is None or value < 0 or too_large else None

    def _given(self, value) -> list:
        """What the request may give the argument: a variable's value as sent, else its defaults, or the number or
        text written in it."""
        if isinstance(value, ast.Variable):
            name = value.name.value
            if name in self.variables:
                return [] if self.variables[name] is None else [self.variables[name]]
            if self.operation_defaults is not None:
                defaults = [self.operation_defaults[name]] if name in self.operation_defaults else []
            else:
                defaults = self.defaults.get(name, [])
            return [given for default in defaults for given in self._given(default)]
        if isinstance(value, ast.IntValue):
            return [int(value.value)]
        return [value.value] if isinstance(value, ast.StringValue) else []


def _defaults(definition) -> dict:
    """The default values an operation declares for its variables, by name."""
    declared = getattr(definition, "variable_definitions", None) or []
    return {d.variable.name.value: d.default_value for d in declared if d.default_value is not None}


def _whole_number(value) -> int | None:
    """The value as graphql-core reads an Int (it takes "-7" and 7.0 too), or None when it reads none."""
    if isinstance(value, bool):
        return None
    try:
        return GraphQLInt.parse_value(value)
    except Exception:  # graphql-core raises a bare Exception beyond 32 bits, ValueError for text
        return None


def _is_connection(field) -> bool:
    return field is not None and _is_connection_type(get_named_type(field.type))


def limit_rules(variables: dict | None = None) -> list:
    """The validation rules of the limits, for a request with these variable values."""
    return [
        partial(QueryShapeRule, variables=variables),
        partial(PageArgumentsRule, variables=variables),
        partial(IdArgumentsRule, variables=variables),
    ]


def execute_within_limits(schema, document_ast, *args, **kwargs):
    """graphql-core's validate-then-execute, with the limits (and fragment cycles) checked first: a request over them
    is refused before the standard rules look at it, some of which take time that grows with the square of the
    fields, and some of which recurse without end through a fragment cycle."""
    if kwargs.get("validate", True):
        errors = validate(schema, document_ast, [NoFragmentCycles, *limit_rules(kwargs.get("variable_values"))])
        errors = errors or validate(schema, document_ast, specified_rules)
        if errors:
            return ExecutionResult(errors=at_most(errors), invalid=True)
    result = execute(schema, document_ast, *args, **kwargs)
    if getattr(result, "errors", None):
        result.errors = at_most(result.errors)
    return result


def at_most(errors: list) -> list:
    """The first gql_max_errors errors of an answer, and one saying how many more were left out."""
    maximum = _limit(MeetingConfig.config.get("gql_max_errors"))
    if maximum is None or len(errors) <= maximum:
        return errors
    return [*errors[:maximum], limit_error(Problems.QUERY_TOO_MANY_ERRORS, count=len(errors) - maximum)]


class QueryLimitsBackend(GraphQLCoreBackend):
    """graphql-core's backend with the limits: give it to GraphQLView (`backend=`), or install() it as the default."""

    def document_from_string(self, schema, document_string):
        check_document(document_string)  # before parsing: the parser's time grows with the text
        try:
            document = super().document_from_string(schema, document_string)
        except RecursionError:  # braces nested beyond what the parser can follow
            raise limit_error(Problems.QUERY_TOO_DEEP, max=QueryLimits.configured().max_depth) from None
        document.execute = partial(execute_within_limits, schema, document.document_ast, **self.execute_params)
        return document


def install() -> None:
    """Make the limits the default of every GraphQL view that names no backend of its own."""
    set_default_backend(QueryLimitsBackend())
