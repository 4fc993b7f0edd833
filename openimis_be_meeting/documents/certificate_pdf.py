"""The certificate of attendance as a PDF: one A4 landscape page in the certificate's language, naming the days
(and sessions) attended, signed by the event's signatory, with its verification code and a QR code to the public
verification page. Its wording is the template documents/certificate.txt (overridable by the instance)."""

import io
from datetime import date

from django.template.loader import render_to_string
from django.utils import formats, translation
from django.utils.translation import gettext as _
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm

from .attendance import settings_of
from .badges import event_dates
from .pdf import new_canvas
from .qr import draw_qr
from .text import draw, paragraph
from .urls import verification_url


def _days(certificate) -> str:
    return ", ".join(formats.date_format(date.fromisoformat(day), "j F Y") for day in certificate.days)


def write_certificate(output, certificate, *, request=None) -> None:
    participant = certificate.participant
    event = participant.event
    document = settings_of(event)
    url = verification_url(certificate.code, request=request)
    width, height = landscape(A4)
    with translation.override(certificate.language):
        canvas = new_canvas(output, (width, height), title=_("Certificate of attendance"))
        canvas.setStrokeColorRGB(0.12, 0.43, 0.92)
        canvas.setLineWidth(3)
        canvas.rect(12 * mm, 12 * mm, width - 24 * mm, height - 24 * mm)
        middle, room = width / 2, width - 70 * mm
        draw(canvas, _("Certificate of attendance"), x=middle, y=height - 45 * mm, size=30, bold=True, align="centre")
        body = render_to_string(
            "openimis_be_meeting/documents/certificate.txt",
            {
                "name": str(participant),
                "event": event.local_name,
                "dates": event_dates(event),
                "place": ", ".join(part for part in (event.venue, event.city, event.country) if part),
                "days": _days(certificate),
                "sessions": certificate.sessions,
            },
        ).strip()
        first, _blank, rest = body.partition("\n")
        y = paragraph(canvas, first, x=middle, y=height - 62 * mm, size=14, room=room, align="centre")
        draw(canvas, str(participant), x=middle, y=y - 10 * mm, size=26, bold=True, align="centre")
        paragraph(canvas, rest.strip(), x=middle, y=y - 24 * mm, size=12, room=room, align="centre")
        _signature(canvas, document, x=35 * mm, y=40 * mm)
        qr = 32 * mm
        draw_qr(canvas, url, x=width - 35 * mm - qr, y=30 * mm, size=qr)
        draw(
            canvas,
            _("Verification code: %(code)s") % {"code": certificate.code},
            x=width - 35 * mm,
            y=24 * mm,
            size=9,
            align="right",
        )
        draw(canvas, url, x=width - 35 * mm, y=19 * mm, size=7, align="right")
        issued = formats.date_format(certificate.issued_at.date(), "j F Y")
        draw(canvas, _("Issued on %(date)s") % {"date": issued}, x=35 * mm, y=19 * mm, size=9)
        canvas.showPage()
        canvas.save()


def _signature(canvas, document, *, x: float, y: float) -> None:
    canvas.setStrokeColorRGB(0, 0, 0)
    canvas.setLineWidth(0.6)
    canvas.line(x, y + 8 * mm, x + 70 * mm, y + 8 * mm)
    draw(canvas, document.signatory_name or _("The organisers"), x=x, y=y + 2 * mm, size=11, bold=True)
    if document.signatory_title:
        draw(canvas, document.signatory_title, x=x, y=y - 3 * mm, size=9)


def certificate_pdf_bytes(certificate, *, request=None) -> bytes:
    output = io.BytesIO()
    write_certificate(output, certificate, request=request)
    return output.getvalue()
