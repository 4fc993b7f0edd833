"""QR codes, made by segno and drawn as an image of one pixel per module (sharp when printed: PDF viewers and
printers scale it without smoothing, /Interpolate false), white quiet zone included."""

import segno
from PIL import Image, ImageOps
from reportlab.lib.utils import ImageReader

# Sheets of badges fix the mask (ISO 18004's mask choice only improves the look; any mask decodes) since choosing
# the best of eight is four fifths of segno's time; single documents let segno choose.
SHEET_MASK = 4


def qr_image(content: str, *, mask: int | None = None) -> Image.Image:
    """The code as a greyscale image, one pixel per module, with the standard quiet zone of four modules."""
    matrix = segno.make(content, error="m", micro=False, mask=mask).matrix  # rows of 0 (light) and 1 (dark)
    modules = Image.frombytes("L", (len(matrix[0]), len(matrix)), b"".join(bytes(row) for row in matrix))
    return ImageOps.expand(modules.point(lambda dark: 0 if dark else 255), border=4, fill=255)


def draw_qr(canvas, content: str, *, x: float, y: float, size: float, mask: int | None = None) -> None:
    """Draw the QR code of `content` with its lower left corner at (x, y), `size` points wide, quiet zone included."""
    canvas.drawImage(ImageReader(qr_image(content, mask=mask)), x, y, width=size, height=size)
