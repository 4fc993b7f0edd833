"""GraphQL's side of the rights: each type and each report field reads through one guarded read (a selector or report
decorated with permissions.guarded), so the right a field needs is written once, where it is checked.

A type's right holds on every path that reaches it: its lists and node(id:) read through its `reader`, and any other
field that returns it (a participant's `event`, a showcase's `leadOrganisation`, the matrix's `progress.event`) is
checked when graphql-core completes the object, in `is_type_of`, which every object of the type passes through."""

import contextlib

from graphene_django import DjangoObjectType

from ...permissions import Action, require


class GuardedObjectType(DjangoObjectType):
    """A type whose rows come from one selector, `reader`: for the type's lists and for node(id:) alike; reached
    through any other field, the reader's right is required all the same."""

    reader = None  # staticmethod(selectors.<entity>_for): refuses callers without its right, keeps the visible rows

    class Meta:
        abstract = True

    @classmethod
    def get_queryset(cls, queryset, info):
        return cls.reader(user=info.context.user, queryset=queryset)

    @classmethod
    def is_type_of(cls, root, info):
        if not super().is_type_of(root, info):
            return False  # another type's object (the Node interface asks every type)
        _require_once(info, cls.reader.action)
        return True


def _require_once(info, action: Action) -> None:
    """The caller's right for the action, checked once per request (a page of a thousand objects asks once)."""
    context = info.context
    allowed = getattr(context, "_meeting_allowed", None)
    if allowed is None:
        allowed = set()
        with contextlib.suppress(AttributeError):  # a context that takes no attributes: check each time
            context._meeting_allowed = allowed
    if action not in allowed:
        require(getattr(context, "user", None), action)
        allowed.add(action)


def resolved_by(read):
    """A Query resolver that calls a guarded read with the caller and the field's arguments; it carries the read's
    action, so the field's right is the read's."""

    def resolve(root, info, **arguments):
        return read(user=info.context.user, **arguments)

    resolve.action = read.action
    return resolve
