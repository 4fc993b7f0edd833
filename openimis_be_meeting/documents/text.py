"""Text on a page: lines in the module's fonts, centred or wrapped to a width."""

from . import fonts


def draw(canvas, text: str, *, x: float, y: float, size: float, bold: bool = False, align: str = "left") -> set:
    """One line at (x, y), aligned left, centre (x is the middle) or right; returns the characters not printable."""
    shown = fonts.printable(text, bold=bold)
    canvas.setFont(shown.font, size)
    if align == "centre":
        canvas.drawCentredString(x, y, shown.text)
    elif align == "right":
        canvas.drawRightString(x, y, shown.text)
    else:
        canvas.drawString(x, y, shown.text)
    return set(shown.missing)


def wrapped(text: str, *, size: float, room: float, bold: bool = False) -> list[str]:
    """The text cut into lines no wider than `room`, at blanks (a word longer than a line stays whole)."""
    lines = []
    for paragraph in (text or "").split("\n"):
        line = ""
        for word in paragraph.split():
            candidate = f"{line} {word}".strip()
            if line and fonts.width(fonts.printable(candidate, bold=bold), size) > room:
                lines.append(line)
                line = word
            else:
                line = candidate
        lines.append(line)
    return lines


def paragraph(
    canvas,
    text: str,
    *,
    x: float,
    y: float,
    size: float,
    room: float,
    leading: float | None = None,
    bold: bool = False,
    align: str = "left",
) -> float:
    """The text wrapped to `room` from (x, y) down; the y below its last line."""
    leading = leading or size * 1.35
    for line in wrapped(text, size=size, room=room, bold=bold):
        draw(canvas, line, x=x, y=y, size=size, bold=bold, align=align)
        y -= leading
    return y
