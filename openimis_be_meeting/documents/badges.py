"""Badges: one per confirmed participant, alone on a page of its own size or several to an A4 sheet with cutting
marks. A badge shows the name, organisation, country, role (on a band of the role's colour), the event's name and
dates, and a QR code holding exactly what the QR check-in accepts: the participant's check-in token."""

import io
import itertools
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from django.utils import formats
from django.utils.translation import gettext as _
from reportlab.lib.colors import HexColor
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm

from ..models import Event, ParticipantRole
from ..services.attendance import event_days
from . import fonts, stream
from .layout import BadgeLayout, badge_layout, role_colour
from .pdf import new_canvas
from .qr import draw_qr


@dataclass(frozen=True)
class BadgeData:
    """What one badge prints, read from a participant row (a model or a values() dict)."""

    first_name: str
    last_name: str
    organisation: str
    country: str
    role: str
    token: str

    @classmethod
    def of(cls, row) -> "BadgeData":
        if isinstance(row, dict):
            organisation = row.get("organisation__name") or ""
            return cls(
                row["first_name"], row["last_name"], organisation, row["country"], row["role"], row["checkin_token"]
            )
        name = row.organisation.name if row.organisation_id else ""
        return cls(row.first_name, row.last_name, name, row.country, row.role, row.checkin_token)


def event_dates(event: Event) -> str:
    """The event's days in its own time zone, in the active language: "12 March 2026" or "12 – 14 March 2026"."""
    first, last = event_days(event)
    if first == last:
        return formats.date_format(first, "j F Y")
    return f"{formats.date_format(first, 'j F Y' if first.year != last.year else 'j F')} – " + formats.date_format(
        last, "j F Y"
    )


def _line(canvas, text: str, *, x: float, y: float, room: float, largest: float, smallest: float, bold=False):
    """One line of text, shrunk to fit `room`; returns what could not be printed."""
    shown = fonts.printable(text, bold=bold)
    size = fonts.fitted_size(shown, largest=largest, smallest=smallest, room=room)
    canvas.setFont(shown.font, size)
    canvas.drawString(x, y, shown.text)
    return shown.missing


def draw_badge(canvas, badge: BadgeData, *, event: Event, dates: str, x: float, y: float, layout: BadgeLayout):
    """One badge with its lower left corner at (x, y)."""
    width, height = layout.width, layout.height
    pad, band = 4 * mm, 11 * mm
    canvas.saveState()
    canvas.setStrokeColorRGB(0.8, 0.8, 0.8)
    canvas.setLineWidth(0.3)
    canvas.rect(x, y, width, height, stroke=1, fill=0)
    canvas.setFillColor(HexColor(role_colour(badge.role)))
    canvas.rect(x, y, width, band, stroke=0, fill=1)
    canvas.setFillColorRGB(1, 1, 1)
    role_label = str(ParticipantRole(badge.role).label) if badge.role in ParticipantRole.values else badge.role
    _line(canvas, role_label.upper(), x=x + pad, y=y + 3.8 * mm, room=width - 2 * pad, largest=12, smallest=7, bold=1)
    canvas.setFillColorRGB(0.2, 0.2, 0.2)
    top = y + height - pad
    text_room = width - 2 * pad
    _line(canvas, event.local_name, x=x + pad, y=top - 8, room=text_room, largest=8.5, smallest=5.5, bold=True)
    _line(canvas, dates, x=x + pad, y=top - 18, room=text_room, largest=7.5, smallest=5.5)
    qr_size = height - band - 2 * pad - 20
    name_room = width - 2 * pad - qr_size - 2 * mm
    canvas.setFillColorRGB(0, 0, 0)
    missing = _line(canvas, badge.first_name, x=x + pad, y=top - 38, room=name_room, largest=17, smallest=8, bold=1)
    missing |= _line(canvas, badge.last_name, x=x + pad, y=top - 56, room=name_room, largest=17, smallest=8, bold=1)
    canvas.setFillColorRGB(0.2, 0.2, 0.2)
    _line(canvas, badge.organisation, x=x + pad, y=top - 72, room=name_room, largest=9, smallest=5.5)
    _line(canvas, badge.country, x=x + pad, y=top - 84, room=name_room, largest=9, smallest=6)
    if missing:  # never a name silently half-printed: the badge says so, for a hand-written one
        canvas.setFillColorRGB(0.8, 0, 0)
        _line(
            canvas,
            _("Name not printable: write it by hand"),
            x=x + pad,
            y=top - 94,
            room=name_room,
            largest=6,
            smallest=4,
        )
    draw_qr(canvas, badge.token, x=x + width - pad - qr_size, y=y + band + pad, size=qr_size)
    canvas.restoreState()


def _cut_marks(canvas, layout: BadgeLayout, left: float, bottom: float) -> None:
    """Marks in the margins along every cutting line of the grid, outside the badges."""
    mark, gap = layout.cut_mark, 1.5 * mm
    right, top = left + layout.columns * layout.width, bottom + layout.rows * layout.height
    canvas.setLineWidth(0.4)
    canvas.setStrokeColorRGB(0, 0, 0)
    for column in range(layout.columns + 1):
        line_x = left + column * layout.width
        canvas.line(line_x, bottom - gap, line_x, bottom - gap - mark)
        canvas.line(line_x, top + gap, line_x, top + gap + mark)
    for row in range(layout.rows + 1):
        line_y = bottom + row * layout.height
        canvas.line(left - gap, line_y, left - gap - mark, line_y)
        canvas.line(right + gap, line_y, right + gap + mark, line_y)


def single_badge_pdf(output, participant) -> None:
    """One participant's badge, on a page of the badge's size, written to the file-like `output`."""
    layout = badge_layout()
    canvas = new_canvas(output, (layout.width, layout.height), title=_("Badge"))
    draw_badge(
        canvas,
        BadgeData.of(participant),
        event=participant.event,
        dates=event_dates(participant.event),
        x=0,
        y=0,
        layout=layout,
    )
    canvas.showPage()
    canvas.save()


def sheets_pdf(output, *, event: Event, rows: Iterable) -> int:
    """The badges of `rows` (participant rows, read one at a time), several to an A4 sheet with cutting marks, written
    to `output`; the number of badges."""
    layout = badge_layout()
    left, bottom = layout.margins
    canvas = new_canvas(output, A4, title=_("Badges: %(event)s") % {"event": event.local_name})
    dates, count = event_dates(event), 0
    for count, badge in enumerate(_badges(rows), start=1):
        slot = (count - 1) % layout.per_sheet
        if slot == 0 and count > 1:
            canvas.showPage()
        if slot == 0:
            _cut_marks(canvas, layout, left, bottom)
        column, row = slot % layout.columns, slot // layout.columns
        badge_y = bottom + (layout.rows - 1 - row) * layout.height
        draw_badge(
            canvas,
            badge,
            event=event,
            dates=dates,
            x=left + column * layout.width,
            y=badge_y,
            layout=layout,
        )
    if count == 0:
        fonts.registered()
        canvas.setFont(fonts.REGULAR, 12)
        canvas.drawString(
            20 * mm, A4[1] - 30 * mm, _("No participant of %(event)s gets a badge.") % {"event": event.local_name}
        )
    canvas.showPage()
    canvas.save()
    return count


# Sheets reportlab draws at a time before they are streamed out (stream.joined): memory follows this, not the event.
SHEETS_PER_CHUNK = 10


def streamed_sheets(*, event: Event, rows: Iterable) -> Iterator[bytes]:
    """The badges of `rows` as `sheets_pdf` draws them, as the pieces of one PDF made a few sheets at a time: rows are
    read, drawn and sent as they come, and nothing of a sent chunk is kept."""
    per_chunk = badge_layout().per_sheet * SHEETS_PER_CHUNK
    title = _("Badges: %(event)s") % {"event": event.local_name}
    return stream.joined(_chunks(event, iter(rows), per_chunk), title=title)


def _chunks(event: Event, rows: Iterator, per_chunk: int) -> Iterator[bytes]:
    first = True
    while True:
        batch = list(itertools.islice(rows, per_chunk))
        if not batch and not first:
            return
        output = io.BytesIO()
        sheets_pdf(output, event=event, rows=batch)
        yield output.getvalue()
        first = False


def _badges(rows: Iterable) -> Iterator[BadgeData]:
    for row in rows:
        yield BadgeData.of(row)
