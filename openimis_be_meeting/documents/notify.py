"""The one place documents are mailed from: through the module's outbox (mail/outbox.py), queued in the transaction
that issued the document, so nothing is mailed for a change that was rolled back and nothing issued is forgotten."""

from ..mail import outbox


def certificate_issued(certificate, *, user=None) -> None:
    """Queue the participant's certificate (PDF attached) in the issuing transaction; once per certificate."""
    from .certificate_pdf import certificate_pdf_bytes

    outbox.queue(
        "CERTIFICATE",
        certificate.participant,
        context={"code": certificate.code},
        attachments=[(f"certificate-{certificate.code}.pdf", certificate_pdf_bytes(certificate), "application/pdf")],
        user=user,
        once_key=f"certificate:{certificate.pk}",
    )
