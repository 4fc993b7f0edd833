from django.db import models
from django.utils.translation import gettext_lazy as _

from .events import Event


class ErasedTally(models.Model):
    """How many erased registrations of an event had each status and gender: erasure takes the gender off the row,
    and the event's statistics still count it (an erased registration's status never changes again)."""

    event = models.ForeignKey(Event, models.DO_NOTHING, related_name="erased_tallies", verbose_name=_("event"))
    status = models.CharField(_("status"), max_length=16)
    gender = models.CharField(_("gender"), max_length=16, blank=True, default="")
    count = models.PositiveIntegerField(_("count"), default=0)

    class Meta:
        verbose_name = _("erased registrations' tally")
        verbose_name_plural = _("erased registrations' tallies")
        constraints = [
            models.UniqueConstraint(fields=["event", "status", "gender"], name="meeting_erased_tally_uniq"),
        ]

    def __str__(self):
        return f"{self.event_id} {self.status} {self.gender or '-'}: {self.count}"
