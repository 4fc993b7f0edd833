"""The one place documents are mailed from. For now django.core.mail, sent after the commit of the transaction
that issued the document (nothing is mailed for a change that was rolled back); when the module's outbox
(openimis_be_meeting.mail.outbox) is merged, these functions queue through it instead and nothing else changes."""

import logging

from django.core.mail import EmailMessage
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)


def certificate_issued(certificate) -> None:
    """Mail the participant their certificate (PDF attached) once the issuing transaction commits."""
    transaction.on_commit(lambda: _send_certificate(certificate.pk))


def _send_certificate(certificate_id) -> None:
    from ..models import Certificate
    from .certificate_pdf import certificate_pdf_bytes

    certificate = Certificate.objects.select_related("participant__event").get(pk=certificate_id)
    participant = certificate.participant
    with translation.override(certificate.language):
        message = EmailMessage(
            subject=_("Your certificate of attendance: %(event)s") % {"event": participant.event.name},
            body=_(
                "Dear %(name)s,\n\nPlease find attached your certificate of attendance of %(event)s.\n"
                "Its verification code is %(code)s.\n"
            )
            % {"name": participant, "event": participant.event.name, "code": certificate.code},
            to=[participant.email],
        )
        message.attach(f"certificate-{certificate.code}.pdf", certificate_pdf_bytes(certificate), "application/pdf")
    try:
        message.send()
    except Exception:  # a mail server down must not undo the certificate: logged, to be sent again
        logger.exception("could not mail certificate %s", certificate.code)
