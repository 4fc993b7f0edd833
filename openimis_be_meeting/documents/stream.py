"""One PDF streamed from many: reportlab holds a whole document in memory until it is saved, so a large event's
badges are drawn by reportlab a few sheets at a time, and each of those small documents is copied into the one
streamed out, its objects renumbered and its pages hung under one page tree. Memory then depends on the chunk, not
on the event; what grows is one offset and one page number per object and page (a few bytes each).

Only PDFs that reportlab itself writes are read here: a classic cross-reference table, no object streams, no
encryption. Each object is cut out of the chunk by the offsets of that table, and references are renumbered in
its dictionary only, never inside its (binary) stream."""

import re
from array import array
from collections.abc import Iterable, Iterator

_STARTXREF = re.compile(rb"startxref\s+(\d+)\s+%%EOF\s*$")
_XREF_ENTRY = re.compile(rb"(\d{10}) (\d{5}) ([nf])")
_TRAILER_REF = re.compile(rb"/(Root|Info) (\d+) 0 R")
_REFERENCE = re.compile(rb"(?<![\w.])(\d+) 0 R")
_OBJECT_HEAD = re.compile(rb"^(\d+) 0 obj\s*")
_PAGE = re.compile(rb"/Type\s*/Page(?![A-Za-z])")
_PAGES = re.compile(rb"/Type\s*/Pages(?![A-Za-z])")
_PARENT = re.compile(rb"/Parent \d+ 0 R")
_STREAM = re.compile(rb"stream\r?\n")

CATALOG, PAGES, INFO = 1, 2, 3


def _objects(chunk: bytes) -> tuple[list[tuple[int, bytes]], int, int]:
    """The chunk's objects as (number, text from "n 0 obj" to "endobj"), and its catalog's and info's numbers."""
    xref_at = int(_STARTXREF.search(chunk[-64:]).group(1))
    table, _, trailer = chunk[xref_at:].partition(b"trailer")
    offsets = [
        (int(offset), number)
        for number, (offset, _generation, kind) in enumerate(_XREF_ENTRY.findall(table))
        if kind == b"n"
    ]
    offsets.sort()
    ends = [offset for offset, _number in offsets[1:]] + [xref_at]
    objects = [(number, chunk[offset:end]) for (offset, number), end in zip(offsets, ends, strict=True)]
    refs = dict(_TRAILER_REF.findall(trailer))
    return objects, int(refs[b"Root"]), int(refs[b"Info"])


def _split(text: bytes) -> tuple[bytes, bytes]:
    """An object's dictionary part and its stream part (empty for an object without a stream)."""
    match = _STREAM.search(text)
    return (text[: match.start()], text[match.start() :]) if match else (text, b"")


def _renumbered(head: bytes, numbers: dict) -> bytes:
    """The dictionary part with its own number and every reference it makes renumbered (others left as they are)."""
    number = int(_OBJECT_HEAD.match(head).group(1))
    head = _OBJECT_HEAD.sub(b"%d 0 obj\n" % numbers[number], head, count=1)
    return _REFERENCE.sub(lambda ref: b"%d 0 R" % numbers.get(int(ref.group(1)), int(ref.group(1))), head)


def joined(chunks: Iterable[bytes], *, title: str) -> Iterator[bytes]:
    """One PDF of the pages of `chunks` (complete PDFs written by reportlab, taken one at a time), as pieces."""
    offsets, kids = array("Q", [0, 0, 0, 0]), array("Q")
    position = 0

    def emit(number: int, text: bytes) -> bytes:
        nonlocal position
        while len(offsets) <= number:
            offsets.append(0)
        offsets[number] = position
        position += len(text)
        return text

    header = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n"
    position = len(header)
    yield header
    for chunk in chunks:
        objects, root, info = _objects(chunk)
        kept = [(number, *_split(text)) for number, text in objects if number not in (root, info)]
        kept = [(number, head, tail) for number, head, tail in kept if not _PAGES.search(head)]
        numbers = {number: len(offsets) + index for index, (number, _head, _tail) in enumerate(kept)}
        for number, head, tail in kept:
            head = _renumbered(head, numbers)
            if _PAGE.search(head):
                head = _PARENT.sub(b"/Parent %d 0 R" % PAGES, head, count=1)
                kids.append(numbers[number])
            yield emit(numbers[number], head + tail)
    pages = b" ".join(b"%d 0 R" % kid for kid in kids)
    yield emit(PAGES, b"%d 0 obj\n<< /Type /Pages /Count %d /Kids [ %s ] >>\nendobj\n" % (PAGES, len(kids), pages))
    yield emit(CATALOG, b"%d 0 obj\n<< /Type /Catalog /Pages %d 0 R >>\nendobj\n" % (CATALOG, PAGES))
    yield emit(INFO, b"%d 0 obj\n<< /Producer (openimis-be-meeting) /Title %s >>\nendobj\n" % (INFO, _pdf_text(title)))
    xref_at = position
    lines = [b"xref\n0 %d\n" % len(offsets), b"0000000000 65535 f \n"]
    lines += [b"%010d 00000 n \n" % offset for offset in offsets[1:]]
    yield b"".join(lines)
    yield b"trailer\n<< /Size %d /Root %d 0 R /Info %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(offsets),
        CATALOG,
        INFO,
        xref_at,
    )


def _pdf_text(text: str) -> bytes:
    """A PDF text string in UTF-16 (any script), as a hex string."""
    return b"<FEFF" + str(text).encode("utf-16-be").hex().upper().encode() + b">"
