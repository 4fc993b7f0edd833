"""QR codes, made by segno and drawn as a small greyscale image (four pixels a module), white quiet zone included."""

import segno
from PIL import Image, ImageOps
from reportlab.lib.utils import ImageReader

# Sheets of badges fix the mask (ISO 18004's mask choice only improves the look; any mask decodes) since choosing
# the best of eight is four fifths of segno's time; single documents let segno choose.
SHEET_MASK = 4
PIXELS = 4


def qr_image(content: str, *, mask: int | None = None) -> Image.Image:
    """The code as a greyscale image, one pixel per module, with the standard quiet zone of four modules."""
    matrix = segno.make(content, error="m", micro=False, mask=mask).matrix  # rows of 0 (light) and 1 (dark)
    modules = Image.frombytes("L", (len(matrix[0]), len(matrix)), b"".join(bytes(row) for row in matrix))
    image = ImageOps.expand(modules.point(lambda dark: 0 if dark else 255), border=4, fill=255)
    # Four pixels a module: viewers that smooth an enlarged image (poppler does) keep the modules' edges sharp.
    return image.resize((image.width * PIXELS, image.height * PIXELS), Image.NEAREST)


def draw_qr(canvas, content: str, *, x: float, y: float, size: float, mask: int | None = None) -> None:
    """Draw the QR code of `content` with its lower left corner at (x, y), `size` points wide, quiet zone included."""
    canvas.drawImage(ImageReader(qr_image(content, mask=mask)), x, y, width=size, height=size)
