"""What a GraphQL document may hold, checked on its text before graphql-core parses it: parsing is pure Python and
takes about a second for 250 KB, and graphql-core's standard rules then report one error per duplicate argument,
so a document too big, or holding too many directives, fragments, arguments or names that may be fields, is refused
in a few milliseconds, whatever it holds.

The text checks count from above: string literals and comments are left out, `:` counts every argument, input
field, alias and variable (aliases and fields are then counted exactly after parsing, by QueryShapeRule)."""

import re
from dataclasses import dataclass
from itertools import accumulate

from graphql import GraphQLError

from ...apps import MeetingConfig
from ...errors import MeetingError, Problems

_BLOCK_STRINGS = re.compile(r'"""(?:[^"\\]|\\.|"(?!""))*(?:"""|$)', re.S)
_STRINGS = re.compile(r'"(?:[^"\\\n]|\\.)*(?:"|$)', re.M)
_COMMENTS = re.compile(r"#[^\n\r]*")
_NOT_BRACES = re.compile(r"[^{}]+")
_FRAGMENT_DEFINITIONS = re.compile(r"\bfragment\b")
_NAMES = re.compile(r"[_A-Za-z]\w*")
# Names that select no field: the keywords and the name after `on` (a type condition); the others are counted by
# the character before or after them (@directive, $variable, ...spread, name: as an argument, alias or input field).
_NOT_FIELDS = re.compile(r"\b(?:on\s+[_A-Za-z]\w*|fragment|query|mutation|subscription|true|false|null|on)\b")
# Names that may be fields may number this many times gql_max_fields before parsing (enum values in lists, the types
# of variables and operation names count too), and braces nest this many times gql_max_depth (input objects nest
# braces too); parsed, fields and their depth are counted exactly.
NAMES_PER_FIELD = 2


@dataclass(frozen=True)
class DocumentLimits:
    """The limits on a document's text; None means no limit."""

    max_bytes: int | None
    max_directives: int | None
    max_fragments: int | None
    max_arguments: int | None
    max_fields: int | None
    max_depth: int | None = None

    @classmethod
    def configured(cls) -> "DocumentLimits":
        config = MeetingConfig.config
        return cls(
            max_bytes=_limit(config.get("gql_max_document_bytes")),
            max_directives=_limit(config.get("gql_max_directives")),
            max_fragments=_limit(config.get("gql_max_fragments")),
            max_arguments=_limit(config.get("gql_max_arguments")),
            max_fields=_limit(config.get("gql_max_fields")),
            max_depth=_limit(config.get("gql_max_depth")),
        )


def _limit(value) -> int | None:
    return None if value is None else int(value)


def document_error(problem, **params) -> GraphQLError:
    return GraphQLError(MeetingError(problem, **params).message, extensions={"code": problem.code})


def check_document(text: str, limits: DocumentLimits | None = None) -> None:
    """Raise a GraphQLError with the first limit the document's text exceeds."""
    limits = limits or DocumentLimits.configured()
    if limits.max_bytes is not None and _utf8_size(text, limits.max_bytes) > limits.max_bytes:
        raise document_error(Problems.QUERY_DOCUMENT_TOO_LARGE, max=limits.max_bytes)
    code = _COMMENTS.sub(" ", _STRINGS.sub('""', _BLOCK_STRINGS.sub('""', text)))
    counts = (
        (code.count("@"), limits.max_directives, Problems.QUERY_TOO_MANY_DIRECTIVES),
        (len(_FRAGMENT_DEFINITIONS.findall(code)), limits.max_fragments, Problems.QUERY_TOO_MANY_FRAGMENTS),
        (code.count(":"), limits.max_arguments, Problems.QUERY_TOO_MANY_ARGUMENTS),
    )
    for count, maximum, problem in counts:
        if maximum is not None and count > maximum:
            raise document_error(problem, max=maximum)
    if limits.max_depth is not None and _brace_depth(code) > NAMES_PER_FIELD * limits.max_depth:
        raise document_error(Problems.QUERY_TOO_DEEP, max=limits.max_depth)
    if limits.max_fields is not None and _field_names(code) > NAMES_PER_FIELD * limits.max_fields:
        raise document_error(Problems.QUERY_TOO_MANY_FIELDS, max=limits.max_fields)


def _brace_depth(code: str) -> int:
    """How deep the document's braces nest (selections, and input objects inside arguments)."""
    braces = _NOT_BRACES.sub("", code)
    return max(accumulate(1 if brace == "{" else -1 for brace in braces), default=0)


def _field_names(code: str) -> int:
    """How many names of the document (strings and comments left out) may select a field, counted from above
    with the regular expression engine alone: all names, less those a `@`, `$`, `...` or `:` shows are no field,
    and the keywords."""
    names = len(_NAMES.findall(code))
    marked = code.count("@") + code.count("$") + code.count("...") + code.count(":")
    return names - marked - len(_NOT_FIELDS.findall(code))


def _utf8_size(text: str, limit: int) -> int:
    """The text's size in UTF-8 bytes, encoded only when its length in characters does not settle the question."""
    if len(text) > limit or len(text) * 4 <= limit:
        return len(text)
    return len(text.encode("utf-8", "surrogatepass"))
