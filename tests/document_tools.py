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


def qr_codes(pdf: bytes, *, dpi: int = 150) -> list[list[str]]:
    """The QR codes zbarimg reads on each page rendered at `dpi`, page by page."""
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "document.pdf"
        source.write_bytes(pdf)
        subprocess.run(["pdftoppm", "-r", str(dpi), "-png", str(source), f"{folder}/page"], check=True)
        pages = []
        for image in sorted(Path(folder).glob("page-*.png")):
            done = subprocess.run(["zbarimg", "-q", "--raw", str(image)], capture_output=True)
            assert done.returncode in (0, 4), done.stderr  # 4: no code on that page
            pages.append([line for line in done.stdout.decode().splitlines() if line])
        return pages
