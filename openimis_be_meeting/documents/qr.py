"""QR codes, made by segno and drawn as vector squares (sharp at any print size, read by any scanner)."""

import segno


def draw_qr(canvas, content: str, *, x: float, y: float, size: float) -> None:
    """Draw the QR code of `content` with its lower left corner at (x, y), `size` points wide, quiet zone included."""
    code = segno.make(content, error="m", micro=False)
    rows = list(code.matrix_iter(scale=1, border=4))
    module = size / len(rows)
    canvas.saveState()
    canvas.setFillColorRGB(1, 1, 1)
    canvas.rect(x, y, size, size, stroke=0, fill=1)
    canvas.setFillColorRGB(0, 0, 0)
    path = canvas.beginPath()
    for row_number, row in enumerate(rows):
        top = y + size - (row_number + 1) * module
        start = None
        for column, dark in enumerate([*row, 0]):  # one rectangle per run of dark modules
            if dark and start is None:
                start = column
            elif not dark and start is not None:
                path.rect(x + start * module, top, (column - start) * module, module)
                start = None
    canvas.drawPath(path, stroke=0, fill=1)
    canvas.restoreState()
