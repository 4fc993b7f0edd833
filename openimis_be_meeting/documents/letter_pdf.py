"""The visa invitation letter as a PDF: the event's letterhead, the number and date, the invitation naming the
passport details, the signatory, and the verification code with a QR code to the public verification page. Its
wording is the template documents/letter.txt (overridable by the instance)."""

from django.template.loader import render_to_string
from django.utils import formats
from django.utils.translation import gettext as _
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm

from .attendance import settings_of
from .badges import event_dates
from .pdf import new_canvas
from .qr import draw_qr
from .text import draw, paragraph
from .urls import verification_url


def write_letter(output, letter, *, request=None) -> None:
    participant = letter.participant
    event = participant.event
    document = settings_of(event)
    width, height = A4
    left, room = 25 * mm, width - 50 * mm
    canvas = new_canvas(output, A4, title=_("Visa invitation letter %(number)s") % {"number": letter.number})
    y = height - 25 * mm
    for line in (document.letterhead or event.organisers or event.local_name).splitlines()[:6]:
        draw(canvas, line, x=left, y=y, size=10, bold=y == height - 25 * mm)
        y -= 5 * mm
    canvas.setStrokeColorRGB(0.12, 0.43, 0.92)
    canvas.line(left, y, width - left, y)
    y -= 10 * mm
    draw(canvas, _("No. %(number)s") % {"number": letter.number}, x=left, y=y, size=10, bold=True)
    decided = formats.date_format(letter.decided_at.date(), "j F Y")
    draw(canvas, decided, x=width - left, y=y, size=10, align="right")
    y -= 14 * mm
    draw(canvas, _("Visa invitation letter"), x=left, y=y, size=16, bold=True)
    y -= 12 * mm
    body = render_to_string(
        "openimis_be_meeting/documents/letter.txt",
        {
            "name": str(participant),
            "passport": letter.passport_number,
            "nationality": letter.nationality,
            "born": formats.date_format(letter.date_of_birth, "j F Y"),
            "expiry": formats.date_format(letter.passport_expiry, "j F Y"),
            "event": event.local_name,
            "dates": event_dates(event),
            "place": ", ".join(part for part in (event.venue, event.city, event.country) if part),
            "organisation": participant.organisation.name if participant.organisation_id else "",
        },
    ).strip()
    for block in body.split("\n\n"):
        y = paragraph(canvas, " ".join(block.split()), x=left, y=y, size=11, room=room) - 4 * mm
    y -= 10 * mm
    canvas.setStrokeColorRGB(0, 0, 0)
    canvas.line(left, y, left + 70 * mm, y)
    draw(canvas, document.signatory_name or _("The organisers"), x=left, y=y - 6 * mm, size=11, bold=True)
    if document.signatory_title:
        draw(canvas, document.signatory_title, x=left, y=y - 11 * mm, size=9)
    url = verification_url(letter.code, request=request)
    draw_qr(canvas, url, x=width - left - 30 * mm, y=22 * mm, size=30 * mm)
    note = _("Verify this letter with code %(code)s at") % {"code": letter.code}
    draw(canvas, note, x=left, y=30 * mm, size=8)
    draw(canvas, url, x=left, y=26 * mm, size=8)
    canvas.showPage()
    canvas.save()
