"""The fonts documents print with, and which characters they can print.

DejaVu Sans (shipped in fonts/, Bitstream Vera licence in fonts/LICENSE) covers every Latin script with its
diacritics (Vietnamese and Turkish included), Greek, Cyrillic, Armenian and Georgian, among others; right-to-left
scripts are never printed (see covered()). An
instance adds fonts for other scripts with the setting MEETING_DOCUMENT_FONTS (a list of TrueType files, e.g. a
Noto Sans CJK or Noto Sans Arabic): a text is printed in the first font whose character map (cmap) holds every one
of its characters. Text that no font covers is never printed as empty boxes: its uncovered characters print as "?"
and the caller is told (Printable.missing), so a badge can say that the name must be written by hand."""

import functools
import logging
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

logger = logging.getLogger(__name__)

FONT_DIR = Path(__file__).resolve().parent / "fonts"
REGULAR, BOLD = "MeetingSans", "MeetingSans-Bold"
REPLACEMENT = "?"
RIGHT_TO_LEFT = {"R", "AL"}


@dataclass(frozen=True)
class Printable:
    """A text as it will be printed: in `font`, with `missing` the characters no font could print (shown as ?)."""

    text: str
    font: str
    missing: frozenset


@functools.cache
def registered() -> tuple:
    """Register the shipped and the instance's fonts with reportlab once; their names, shipped first."""
    pdfmetrics.registerFont(TTFont(REGULAR, str(FONT_DIR / "DejaVuSans.ttf")))
    pdfmetrics.registerFont(TTFont(BOLD, str(FONT_DIR / "DejaVuSans-Bold.ttf")))
    names = [REGULAR]
    for number, path in enumerate(getattr(settings, "MEETING_DOCUMENT_FONTS", []) or []):
        name = f"MeetingExtra{number}"
        try:
            pdfmetrics.registerFont(TTFont(name, str(path)))
        except Exception:  # a broken instance font must not stop documents: logged, and skipped
            logger.exception("MEETING_DOCUMENT_FONTS: cannot load %s", path)
            continue
        names.append(name)
    return tuple(names)


def covered(font: str, text: str) -> frozenset:
    """The characters of `text` (other than spaces) that `font` cannot print: those its cmap lacks, and those of
    right-to-left scripts (Hebrew, Arabic...), which reportlab would lay out left to right without its optional
    bidi and shaping libraries: a reversed name is as wrong as a missing one."""
    cmap = pdfmetrics.getFont(font).face.charToGlyph
    return frozenset(
        char
        for char in text
        if not char.isspace() and (ord(char) not in cmap or unicodedata.bidirectional(char) in RIGHT_TO_LEFT)
    )


def printable(text: str, *, bold: bool = False) -> Printable:
    """The text in the first font that prints all of it (bold only for the shipped font); uncovered characters
    replaced by ? when none does."""
    text = unicodedata.normalize("NFC", text or "")
    fonts = registered()
    for font in fonts:
        if not covered(font, text):
            return Printable(text, BOLD if bold and font == REGULAR else font, frozenset())
    missing = covered(REGULAR, text)
    logger.warning("no document font prints %r of %r", "".join(sorted(missing)), text)
    shown = "".join(REPLACEMENT if char in missing else char for char in text)
    return Printable(shown, BOLD if bold else REGULAR, missing)


def width(printable_text: Printable, size: float) -> float:
    return pdfmetrics.stringWidth(printable_text.text, printable_text.font, size)


def fitted_size(printable_text: Printable, *, largest: float, smallest: float, room: float) -> float:
    """The largest size from `largest` down to `smallest` at which the text fits in `room` points."""
    size = largest
    while size > smallest and width(printable_text, size) > room:
        size -= 0.5
    return size
