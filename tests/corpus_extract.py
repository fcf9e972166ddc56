"""Turn a stored file of a public repository into the text of a corpus document. Pure: bytes in.

Each label's `origin` names one method and its options (see tests/corpus/README.md):

- `plain`: the file is the text (UTF-8).
- `json-field`: the `field` of a JSON object; with `select`, of the one entry of a JSON list whose
  keys have those values.
- `html-strip`: the text nodes of an HTML page (`encoding`, default UTF-8), scripts and styles left
  out; each node's lines stripped, empty lines dropped; nodes separated by one blank line.
- `markdown-body`: a Markdown post without its YAML front matter, heading marks, trailing `<br>`,
  image lines and `\\*` escapes; whitespace-only lines blank, blank runs collapsed. Options:
  `cut_through_rule` (also drop everything up to the first `---…` rule), `drop_line_prefixes`.
- `pdf-text`: the text layer of every page read with pypdfium2 (CRLF as LF), pages joined by a
  blank line.
- `java-field`: the String `field` of one serialized Java object (the cache files a scraper wrote
  with `ObjectOutputStream`) whose fields are all Strings.
- `pdf-ocr`: a scanned PDF without a text layer: the page text Ratsbot's own reader
  (`fetcher.pdf.extract_text`) gives through tesseract, pages joined by a blank line. It depends
  on the tesseract version (the label's `origin` names it), so such texts are committed beside
  their labels (`in_snapshot` false) and this method only checks them where that version is
  installed.

`plain` keeps the file's bytes as they are; the other methods end the text with a newline (one is
added where the extraction gives none).
"""

from __future__ import annotations

import json
import re
import struct
from collections.abc import Callable
from html.parser import HTMLParser
from typing import Any

METHODS = (
    "plain",
    "json-field",
    "html-strip",
    "markdown-body",
    "pdf-text",
    "java-field",
    "pdf-ocr",
)


class ExtractError(ValueError):
    """The stored file does not hold what the origin says."""


def _plain(data: bytes, origin: dict[str, Any]) -> str:
    return data.decode("utf-8")


def _json_field(data: bytes, origin: dict[str, Any]) -> str:
    document = json.loads(data.decode("utf-8"))
    select = origin.get("select")
    if select:
        if not isinstance(document, list):
            raise ExtractError("select needs a JSON list")
        entries = [e for e in document if all(e.get(key) == value for key, value in select.items())]
        if len(entries) != 1:
            raise ExtractError(f"{len(entries)} entries match {select}")
        document = entries[0]
    value = document.get(origin["field"]) if isinstance(document, dict) else None
    if not isinstance(value, str):
        raise ExtractError(f"no text field {origin['field']!r}")
    return value


class _TextNodes(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.chunks: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self._hidden += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self._hidden -= 1

    def handle_data(self, data: str) -> None:
        if self._hidden:
            return
        lines = [line.strip() for line in data.splitlines()]
        if any(lines):
            self.chunks.append("\n".join(line for line in lines if line))


def _html_strip(data: bytes, origin: dict[str, Any]) -> str:
    parser = _TextNodes()
    parser.feed(data.decode(origin.get("encoding", "utf-8")))
    parser.close()
    return "\n\n".join(parser.chunks)


_RULE = re.compile(r"-{3,}\s*")
_IMAGE = re.compile(r"\s*!\[[^\]]*\]\([^)]*\)\s*(<br>)?\s*")
_HEADING = re.compile(r"#{1,6}\s+")


def _markdown_body(data: bytes, origin: dict[str, Any]) -> str:
    lines = data.decode("utf-8").split("\n")
    if lines and lines[0].strip() == "---":
        end = next(i for i in range(1, len(lines)) if lines[i].strip() == "---")
        lines = lines[end + 1 :]
    if origin.get("cut_through_rule"):
        end = next(i for i, line in enumerate(lines) if _RULE.fullmatch(line))
        lines = lines[end + 1 :]
    prefixes = tuple(origin.get("drop_line_prefixes", ()))
    out: list[str] = []
    for line in lines:
        if _IMAGE.fullmatch(line) or (prefixes and line.startswith(prefixes)):
            continue
        line = re.sub(r"\s*<br>\s*$", "", line)
        if _HEADING.match(line):
            line = _HEADING.sub("", line, count=1).rstrip()
        line = line.replace("\\*", "*")
        if not line.strip():
            if not out or out[-1] == "":
                continue
            line = ""
        out.append(line)
    while out and out[-1] == "":
        out.pop()
    return "\n".join(out)


def _pdf_text(data: bytes, origin: dict[str, Any]) -> str:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(data)
    try:
        pages = []
        for index in range(len(document)):
            page = document[index]
            textpage = page.get_textpage()
            pages.append(textpage.get_text_range().replace("\r\n", "\n"))
            textpage.close()
            page.close()
    finally:
        document.close()
    return "\n\n".join(pages)


_TC_NULL, _TC_REFERENCE, _TC_STRING, _TC_LONGSTRING = 0x70, 0x71, 0x74, 0x7C
_HANDLE_BASE = 0x7E0000


def _modified_utf8(raw: bytes) -> str:
    """Decode Java's modified UTF-8 (NUL as C0 80, characters beyond the BMP as surrogate pairs)."""
    text = raw.replace(b"\xc0\x80", b"\x00").decode("utf-8", errors="surrogatepass")
    return text.encode("utf-16", "surrogatepass").decode("utf-16")


class _JavaStream:
    """Cursor over one serialization stream; strings get handles in the order they appear."""

    def __init__(self, data: bytes) -> None:
        self.data, self.pos = data, 0
        self.handles: list[str | None] = []

    def take(self, size: int) -> bytes:
        if self.pos + size > len(self.data):
            raise ExtractError("truncated Java serialization stream")
        chunk = self.data[self.pos : self.pos + size]
        self.pos += size
        return chunk

    def number(self, fmt: str) -> int:
        value: int = struct.unpack(fmt, self.take(struct.calcsize(fmt)))[0]
        return value

    def string_or_null(self) -> str | None:
        tag = self.take(1)[0]
        if tag == _TC_NULL:
            return None
        if tag == _TC_REFERENCE:
            target = self.handles[self.number(">I") - _HANDLE_BASE]
            if not isinstance(target, str):
                raise ExtractError("reference to a non-string object")
            return target
        if tag not in (_TC_STRING, _TC_LONGSTRING):
            raise ExtractError(f"unexpected tag {tag:#x} where a String was expected")
        size = self.number(">H" if tag == _TC_STRING else ">Q")
        text = _modified_utf8(self.take(size))
        self.handles.append(text)
        return text


def _java_field(data: bytes, origin: dict[str, Any]) -> str:
    stream = _JavaStream(data)
    if stream.take(4) != b"\xac\xed\x00\x05" or stream.take(2) != b"\x73\x72":
        raise ExtractError("not a serialized Java object with a class description")
    stream.take(stream.number(">H") + 9)  # class name, serialVersionUID, flags
    stream.handles.append(None)  # the class description
    names = []
    for _ in range(stream.number(">H")):
        kind = stream.take(1)
        names.append(stream.take(stream.number(">H")).decode("utf-8"))
        if kind != b"L" or stream.string_or_null() != "Ljava/lang/String;":
            raise ExtractError("only objects whose fields are all Strings are supported")
    if stream.take(2) != b"\x78\x70":  # end of class annotations, no superclass
        raise ExtractError("class annotations or a superclass are not supported")
    stream.handles.append(None)  # the object itself
    values = {name: stream.string_or_null() for name in names}
    value = values.get(origin["field"])
    if not isinstance(value, str):
        raise ExtractError(f"no text field {origin['field']!r}")
    return value


def _pdf_ocr(data: bytes, origin: dict[str, Any]) -> str:
    import tempfile
    from pathlib import Path

    from fetcher.pdf import extract_text

    with tempfile.TemporaryDirectory(prefix="corpus-ocr-") as tmp:
        path = Path(tmp) / "scan.pdf"
        path.write_bytes(data)
        result = extract_text(path)
    if not result.ocr:
        raise ExtractError("the PDF has a text layer: use pdf-text")
    return "\n\n".join(result.pages)


_EXTRACTORS: dict[str, Callable[[bytes, dict[str, Any]], str]] = {
    "plain": _plain,
    "json-field": _json_field,
    "html-strip": _html_strip,
    "markdown-body": _markdown_body,
    "pdf-text": _pdf_text,
    "java-field": _java_field,
    "pdf-ocr": _pdf_ocr,
}


def extract(data: bytes, origin: dict[str, Any]) -> str:
    """Return the document text the origin's extraction method takes from the stored file."""
    method = origin.get("extract")
    if method not in _EXTRACTORS:
        raise ExtractError(f"unknown extraction method {method!r}")
    text = _EXTRACTORS[method](data, origin)
    return text if method == "plain" or text.endswith("\n") else text + "\n"
