"""Instances built for reading only, without django-dirtyfields' per-instance bookkeeping.

HistoryModel mixes in django-dirtyfields, whose __init__ connects a signal and deep-copies every field of every
instance: measured, about a third of the time of a 100-row list page. A list that is only read has no use for it.
Instances from `for_reading()` cannot be saved (dirtyfields finds no original state and raises), so they cannot
leak into a write by mistake; services always read afresh, with their row locks.
"""

import threading

from django.db import models
from django.db.models.query import ModelIterable

_building = threading.local()


class ReadableMixin:
    """Goes first in a HistoryModel's bases: skips dirtyfields while a `for_reading()` queryset builds rows."""

    def __init__(self, *args, **kwargs):
        if getattr(_building, "for_reading", False):
            models.Model.__init__(self, *args, **kwargs)
        else:
            super().__init__(*args, **kwargs)


class ReadOnlyModelIterable(ModelIterable):
    def __iter__(self):
        _building.for_reading = True
        try:
            rows = list(super().__iter__())  # related rows from select_related are built here too
        finally:
            _building.for_reading = False
        return iter(rows)


def read_only(queryset: models.QuerySet) -> models.QuerySet:
    """Any queryset (of a model without LiveQuerySet too), built as read-only instances, its joined rows included."""
    clone = queryset._chain()
    clone._iterable_class = ReadOnlyModelIterable
    return clone


class LiveQuerySet(models.QuerySet):
    def live(self):
        """Rows that are not soft-deleted."""
        return self.filter(is_deleted=False)

    def for_reading(self):
        """The same rows, built as read-only instances (see the module's docstring)."""
        clone = self._chain()
        clone._iterable_class = ReadOnlyModelIterable
        return clone
