"""The one PDF library of the documents, reportlab (BSD licence, wheels on PyPI, no system package): a canvas with
the module's fonts registered, and the document's metadata set."""

from reportlab.pdfgen.canvas import Canvas

from . import fonts

PRODUCER = "openimis-be-meeting"


def new_canvas(output, page_size, *, title: str) -> Canvas:
    """A canvas writing to the file-like `output`; compressed pages, the fonts embedded as subsets."""
    fonts.registered()
    canvas = Canvas(output, pagesize=page_size, pageCompression=1, invariant=0)
    canvas.setTitle(str(title))
    canvas.setCreator(PRODUCER)
    canvas.setProducer(PRODUCER)
    return canvas
