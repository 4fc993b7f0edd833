"""QR codes, made by segno and drawn as a small greyscale image (four pixels a module), white quiet zone included."""

import segno
from PIL import Image, ImageOps
from reportlab.lib.utils import ImageReader

# segno chooses the mask by ISO 18004's penalty rules, as it should: it is most of segno's time, but a fixed mask made
# one code in 400 unreadable to zbar on a page rendered at 150 dpi, where every chosen mask was read.
PIXELS = 4


def qr_image(content: str) -> Image.Image:
    """The code as a greyscale image, one pixel per module, with the standard quiet zone of four modules."""
    matrix = segno.make(content, error="m", micro=False).matrix  # rows of 0 (light) and 1 (dark)
    modules = Image.frombytes("L", (len(matrix[0]), len(matrix)), b"".join(bytes(row) for row in matrix))
    image = ImageOps.expand(modules.point(lambda dark: 0 if dark else 255), border=4, fill=255)
    # Four pixels a module: viewers that smooth an enlarged image (poppler does) keep the modules' edges sharp.
    return image.resize((image.width * PIXELS, image.height * PIXELS), Image.NEAREST)


def draw_qr(canvas, content: str, *, x: float, y: float, size: float) -> None:
    """Draw the QR code of `content` with its lower left corner at (x, y), `size` points wide, quiet zone included."""
    canvas.drawImage(ImageReader(qr_image(content)), x, y, width=size, height=size)
