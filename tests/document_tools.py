"""Read PDFs as a person would: the text with poppler's pdftotext, the pages rendered with pdftoppm and their QR codes
decoded with zbar's zbarimg (Debian packages poppler-utils and zbar-tools: `make documents-deps`). Without the tools
the tests that need them are skipped, unless MEETING_DOCUMENT_TESTS=required (CI), where they fail."""

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

TOOLS = ("pdftotext", "pdftoppm", "zbarimg")
MISSING = [tool for tool in TOOLS if shutil.which(tool) is None]
REQUIRED = os.environ.get("MEETING_DOCUMENT_TESTS") == "required"

if MISSING and REQUIRED:
    raise RuntimeError(f"MEETING_DOCUMENT_TESTS=required but {', '.join(MISSING)} missing: run `make documents-deps`")

needs_tools = pytest.mark.skipif(
    bool(MISSING), reason=f"{', '.join(MISSING)} not installed: run `make documents-deps` (poppler-utils, zbar-tools)"
)


def content_of(response) -> bytes:
    content = b"".join(response.streaming_content) if response.streaming else response.content
    assert response["Content-Type"] == "application/pdf", content[:300]
    assert content.startswith(b"%PDF-"), content[:100]
    return content


def pdf_text(pdf: bytes) -> str:
    """The text a reader copies from the PDF, page after page (form feeds between pages)."""
    done = subprocess.run(["pdftotext", "-enc", "UTF-8", "-", "-"], input=pdf, capture_output=True, check=True)
    assert not done.stderr, done.stderr.decode()[:2000]  # poppler says "Syntax Error" about a malformed file
    return done.stdout.decode()


def page_count(pdf: bytes) -> int:
    return pdf_text(pdf).count("\f")


def _decoded(image: Path) -> list[str]:
    done = subprocess.run(["zbarimg", "-q", "--raw", str(image)], capture_output=True)
    assert done.returncode in (0, 4), done.stderr  # 4: no code in that image
    return [line for line in done.stdout.decode().splitlines() if line]


def _pages(pdf: bytes, folder: str, dpi: int) -> list[Path]:
    source = Path(folder) / "document.pdf"
    source.write_bytes(pdf)
    subprocess.run(["pdftoppm", "-r", str(dpi), "-png", str(source), f"{folder}/page"], check=True)
    return sorted(Path(folder).glob("page-*.png"))


def qr_codes(pdf: bytes, *, dpi: int = 150) -> list[list[str]]:
    """The QR codes zbarimg reads on each page rendered at `dpi`, page by page (a page of one code: a certificate, a
    letter, a single badge)."""
    with tempfile.TemporaryDirectory() as folder:
        return [_decoded(image) for image in _pages(pdf, folder, dpi)]


def badge_codes(pdf: bytes, *, dpi: int = 150) -> list[list[str]]:
    """The QR codes of a sheet of badges, read badge by badge as a door scanner sees them: each page rendered at `dpi`
    and cut along the instance's badge grid. (zbar reading a whole sheet at once misses about one code in 60: the
    finder patterns of eight codes in a grid line up and it pairs them across badges; each badge alone reads.)"""
    from PIL import Image

    from openimis_be_meeting.documents.layout import badge_layout

    layout = badge_layout()
    left, bottom = layout.margins
    pages = []
    with tempfile.TemporaryDirectory() as folder:
        for page in _pages(pdf, folder, dpi):
            scale = dpi / 72
            with Image.open(page) as sheet:
                codes = []
                for row in range(layout.rows):  # from the top of the sheet, as the badges are laid out
                    for column in range(layout.columns):
                        x = (left + column * layout.width) * scale
                        top = sheet.height - (bottom + (layout.rows - row) * layout.height) * scale
                        cell = Path(folder) / f"cell-{row}-{column}.png"
                        sheet.crop(
                            (round(x), round(top), round(x + layout.width * scale), round(top + layout.height * scale))
                        ).save(cell)
                        codes += _decoded(cell)
            pages.append(codes)
    return pages
