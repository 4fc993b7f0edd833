"""The participants' side: registration requests waiting for their email to be confirmed, and personal links."""

from core import models as core_models
from django.db import models
from django.utils.translation import gettext_lazy as _

from .events import Event
from .participants import Participant


class RegistrationRequest(core_models.UUIDModel):
    """What a person filled in on the public form, kept until the emailed link confirms the address (or expires).

    The link carries this row's id and a one-use secret whose SHA-256 is `nonce_hash`: the secret itself is stored
    nowhere, and `used_at` makes the link good for one confirmation only."""

    event = models.ForeignKey(Event, models.DO_NOTHING, related_name="+", verbose_name=_("event"))
    email = models.EmailField(_("email"), max_length=254)
    data = models.JSONField(_("registration details"), default=dict)
    language = models.CharField(_("language"), max_length=8)
    nonce_hash = models.CharField(_("secret's hash"), max_length=64, unique=True)
    requested_at = models.DateTimeField(_("requested at"))
    expires_at = models.DateTimeField(_("expires at"))
    used_at = models.DateTimeField(_("used at"), null=True, blank=True)

    class Meta:
        verbose_name = _("registration request")
        verbose_name_plural = _("registration requests")
        indexes = [models.Index(fields=["event", "used_at", "expires_at"], name="meeting_regrequest_open_idx")]


class PersonalLink(core_models.UUIDModel):
    """The secret address of one participant's personal page, by the SHA-256 of its token; a new token (on request)
    replaces the old one, which then opens nothing. Also keeps the language the person chose for pages and mail."""

    participant = models.OneToOneField(
        Participant, models.DO_NOTHING, related_name="personal_link", verbose_name=_("participant")
    )
    token_hash = models.CharField(_("token's hash"), max_length=64, unique=True)
    language = models.CharField(_("preferred language"), max_length=8)
    issued_at = models.DateTimeField(_("issued at"))

    class Meta:
        verbose_name = _("personal link")
        verbose_name_plural = _("personal links")
