"""Test helper: a minimal PDF of given objects (bomb tests, bench.parse_fuzz's broken PDFs)."""

from __future__ import annotations

from pathlib import Path


def one_page_pdf(path: Path, stream: bytes, filters: bytes) -> Path:
    """Write a one-page PDF whose content stream is `stream`, declared with `filters`."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
        b"<< /Length %d /Filter %s >>\nstream\n" % (len(stream), filters) + stream + b"\nendstream",
    ]
    path.write_bytes(pdf_of_objects(objects))
    return path


def pdf_of_objects(objects: list[bytes]) -> bytes:
    """Return a PDF of these objects (1 0 obj is the catalog) with a correct xref table."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % off for off in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)
