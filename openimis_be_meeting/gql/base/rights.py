"""GraphQL's side of the rights: each type and each report field reads through one guarded read (a selector or report
decorated with permissions.guarded), so the right a field needs is written once, where it is checked."""

from graphene_django import DjangoObjectType


class GuardedObjectType(DjangoObjectType):
    """A type whose rows come from one selector, `reader`: for the type's lists and for node(id:) alike."""

    reader = None  # staticmethod(selectors.<entity>_for): refuses callers without its right, keeps the visible rows

    class Meta:
        abstract = True

    @classmethod
    def get_queryset(cls, queryset, info):
        return cls.reader(user=info.context.user, queryset=queryset)


def resolved_by(read):
    """A Query resolver that calls a guarded read with the caller and the field's arguments; it carries the read's
    action, so the field's right is the read's."""

    def resolve(root, info, **arguments):
        return read(user=info.context.user, **arguments)

    resolve.action = read.action
    return resolve
