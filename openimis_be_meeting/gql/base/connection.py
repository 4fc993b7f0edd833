"""The connection field every list of the module uses: core's ordered, filtered list, made cheaper to page."""

import graphene
from core.schema import OrderedDjangoFilterConnectionField
from core.utils import ExtendedConnection
from django.db.models import QuerySet, Subquery
from graphene_django.fields import DjangoConnectionField
from graphene_django.settings import graphene_settings
from graphene_django.utils import maybe_queryset

# From this offset on, a page is found by a primary-key-only scan first (a "deferred join"): the database then
# skips rows of one narrow index instead of joining every skipped row.
DEFERRED_JOIN_FROM = 1_000


class _DeferredJoinPages:
    """A queryset as the sequence graphene-django slices; deep slices select primary keys first, then the rows."""

    def __init__(self, queryset: QuerySet, start: int = 0, length: int | None = None):
        self.queryset, self.start, self.length = queryset, start, length
        self.model = queryset.model  # core's data-masking decorator reads the list's model

    def __len__(self):
        if self.length is None:
            self.length = self.queryset.count()
        return max(self.length - self.start, 0)

    def __getitem__(self, item: slice):
        start = self.start + (item.start or 0)
        if item.stop is None:
            return _DeferredJoinPages(self.queryset, start, self.length)
        stop = self.start + item.stop
        if start < DEFERRED_JOIN_FROM:
            return list(self.queryset[start:stop])
        page = self.queryset.values("pk")[start:stop]
        return list(self.queryset.filter(pk__in=Subquery(page)))  # the outer ORDER BY keeps the page's order


class MeetingConnectionField(OrderedDjangoFilterConnectionField):
    """core's ordered list, with `id` as the last sort key so that pages never repeat or skip rows that tie."""

    @classmethod
    def resolve_queryset(cls, connection, iterable, info, args, filtering_args, filterset_class):
        queryset = super().resolve_queryset(connection, iterable, info, args, filtering_args, filterset_class)
        ordering = list(queryset.query.order_by)
        if ordering and not {"id", "-id", "pk", "-pk"} & set(map(str, ordering)):
            queryset = queryset.order_by(*ordering, "id")
        return queryset

    @classmethod
    def resolve_connection(cls, connection, args, iterable, max_limit=None, user=None):
        iterable = maybe_queryset(iterable)
        if isinstance(iterable, QuerySet):
            iterable = _DeferredJoinPages(iterable)
        return super().resolve_connection(connection, args, iterable, max_limit=max_limit, user=user)


_PAGE_ARGUMENTS = frozenset({"first", "last", "after", "before", "offset"})


def page_of(node_type, name: str) -> type:
    """A connection (edges, pageInfo, totalCount) of a type that is no model's, for a PagedListField."""
    return type(name, (ExtendedConnection,), {"Meta": type("Meta", (), {"node": node_type})})


class PagedListField(graphene.relay.ConnectionField):
    """A list of rows that is no model type's list (a report), paged like every other list of the module: the same
    `first`, `last`, `after`, `before` and `offset`, the same largest page (RELAY_CONNECTION_MAX_LIMIT, and that
    page when neither `first` nor `last` is given)."""

    def __init__(self, type_, *args, **kwargs):
        kwargs.setdefault("offset", graphene.Int())
        super().__init__(type_, *args, **kwargs)

    @classmethod
    def connection_resolver(cls, resolver, connection_type, root, info, **args):
        arguments = {name: value for name, value in args.items() if name not in _PAGE_ARGUMENTS}
        return cls.resolve_connection(connection_type, args, resolver(root, info, **arguments))

    @classmethod
    def resolve_connection(cls, connection_type, args, resolved):
        iterable = maybe_queryset(resolved)
        if isinstance(iterable, QuerySet):
            iterable = _DeferredJoinPages(iterable)
        max_limit = graphene_settings.RELAY_CONNECTION_MAX_LIMIT
        return DjangoConnectionField.resolve_connection(connection_type, dict(args), iterable, max_limit=max_limit)
