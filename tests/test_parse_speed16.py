"""The parser's shortcuts change no result (issue 11, sixteenth round, speed).

Each shortcut skips work that could have found nothing: a pattern tried only where a match can
start (pattern_gates), a faction or place pattern tried only in lines holding a word each of its
matches holds, the character fixes skipped in text without a character to fix, and pdfplumber
not run on a first page without a vertical rule (pdf_rules). Checked on the real dev documents
(as printed and run together) and the real fixture PDFs.
"""

from __future__ import annotations

import importlib
import io
import pkgutil
import re
import unicodedata
from functools import cache
from pathlib import Path

import pdfplumber
import pypdfium2 as pdfium
import pytest

import fetcher.parse
from fetcher import factions, pdf
from fetcher.parse import parse_pdf_file, prose_factions, seated_labels, senders
from fetcher.parse.pattern_gates import gated, ungated
from fetcher.parse.text import _CHAR_FIXES, _fold, clean_lines, fixed_chars
from fetcher.pdf_rules import could_rule_table, page_could_rule_table
from tests.corpus_data import corpus_items
from tests.fixtures_path import PDF_FIXTURES


@cache
def _dev_texts() -> tuple[str, ...]:
    return tuple(item.text for item in corpus_items("dev"))


@cache
def _dev_lines() -> tuple[str, ...]:
    """Every cleaned line of the dev documents, and each document run together into one line."""
    lines: list[str] = []
    for text in _dev_texts():
        cleaned = clean_lines(text.split("\f"))
        lines += cleaned
        lines.append(re.sub(r"\s+", " ", " ".join(cleaned)))
    return tuple(lines)


def _parser_patterns() -> dict[str, re.Pattern[str]]:
    found: dict[str, re.Pattern[str]] = {}
    for info in pkgutil.iter_modules(fetcher.parse.__path__):
        module = importlib.import_module(f"fetcher.parse.{info.name}")
        for name, value in vars(module).items():
            if isinstance(value, re.Pattern) and isinstance(value.pattern, str):
                found.setdefault(f"{info.name}.{name}", value)
    return found


GATED = sorted(name for name, p in _parser_patterns().items() if ungated(p) is not p)


def test_the_hot_whole_text_patterns_are_gated() -> None:
    """The patterns searched over whole documents carry their test (the speed of this round)."""
    assert {
        "content_kind._REPLY",
        "content_kind._ASKING",
        "content_kind._ADMINISTRATION",
        "wording.INTRO",
        "prose_factions._NAMED_FACTION",
        "text._INLINE_FURNITURE",
    } <= set(GATED)


@pytest.mark.parametrize("name", GATED)
def test_a_gated_pattern_finds_what_the_pattern_as_written_finds(name: str) -> None:
    """Every match of a gated parser pattern in the dev documents is the written pattern's."""
    pattern = _parser_patterns()[name]
    written = ungated(pattern)
    for line in _dev_lines():
        assert [m.span() for m in pattern.finditer(line)] == [
            m.span() for m in written.finditer(line)
        ]


def test_gated_leaves_patterns_it_cannot_bound() -> None:
    """A pattern that may start with nearly any character, or match nothing, is kept as it is."""
    for source in (r"[^,]+,", r".x", r"\W+x", r"x?", r"(?i:a)b", r"(?:a|)"):
        pattern = re.compile(source)
        assert gated(pattern) is pattern


def test_gated_folds_case_as_the_pattern_does() -> None:
    """Under IGNORECASE the test folds case as the pattern does, also for "ſ" and "K"."""
    pattern = gated(re.compile(r"\bstellungnahme\b|\bkreis\b", re.I))
    assert ungated(pattern) is not pattern
    for text in ("STELLUNGNAHME", "ſtellungnahme", "Kreis", "\u212areis", "die Kreis-Stadt"):
        assert [m.span() for m in pattern.finditer(text)] == [
            m.span() for m in ungated(pattern).finditer(text)
        ]


def test_each_faction_phrase_holds_one_of_its_words() -> None:
    """A faction phrase (prose_factions) matches no dev line without one of its gate words."""
    for pattern, words in prose_factions._PHRASES:
        for line in _dev_lines():
            if not any(word in line for word in words):
                assert pattern.search(line) is None, (pattern.pattern[:40], line[:80])
    for line in _dev_lines():
        if "raktion" not in line:
            assert seated_labels._SEATED_LABEL.search(line) is None


def test_a_place_and_date_needs_its_comma() -> None:
    """The place-and-date pattern (senders) matches no dev line without a comma."""
    for line in _dev_lines():
        if "," not in line:
            assert senders._PLACE_PATTERNS[-1].search(line) is None


def test_character_fixes_are_skipped_only_where_nothing_changes() -> None:
    """fixed_chars and _fold give the full translation's text for every dev page and line."""
    for text in _dev_texts():
        assert fixed_chars(text) == text.translate(_CHAR_FIXES)
        for line in text.split("\n"):
            full = unicodedata.normalize("NFC", line.translate(_CHAR_FIXES))
            assert _fold(line) == re.sub(r"[ \t]+", " ", full).strip()


def test_could_rule_table_joins_short_strokes_as_pdfplumber_does() -> None:
    """Underlines rule no table; a dashed vertical rule (strokes 1 pt apart) or a box does."""
    underlines = [(429.0, 430.0), (277.0, 278.0), (90.0, 91.0), (90.2, 90.7)]
    assert not could_rule_table(underlines)
    assert could_rule_table([(100.0 + 2 * k, 100.5 + 2 * k) for k in range(3)])
    assert could_rule_table([(100.0, 120.0)])
    assert not could_rule_table([])


def _first_page_rules(path: str) -> bool:
    doc = pdfium.PdfDocument(path)
    try:
        page = doc[0]
        try:
            return page_could_rule_table(page)
        finally:
            page.close()
    finally:
        doc.close()


@pytest.mark.parametrize("path", sorted(PDF_FIXTURES.glob("*.pdf")), ids=lambda p: p.name)
def test_a_page_without_vertical_rules_holds_no_pdfplumber_table(path: Path) -> None:
    """Where pdf_rules sees no vertical rule on page 1, pdfplumber finds no table there."""
    with pdfplumber.open(io.BytesIO(path.read_bytes())) as document:
        tables = document.pages[0].extract_tables()
    if not _first_page_rules(str(path)):
        assert tables == []
    assert pdf.header_tables(path) == [
        [[cell or "" for cell in row] for row in table] for table in tables
    ]


def test_minutes_skip_pdfplumber_and_a_ruled_answer_does_not() -> None:
    """Minutes whose page 1 has only underlines skip pdfplumber; the ruled Stuttgart answer not."""
    assert not _first_page_rules(str(PDF_FIXTURES / "2024-04-24_Niederschrift.pdf"))
    assert _first_page_rules(str(PDF_FIXTURES / "Antwort_Anfrage_23-2018_Stuttgart.pdf"))


def test_parse_pdf_file_is_the_same_without_the_table_shortcut(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Every fixture PDF parses to the same document with pdfplumber asked every time."""
    paths = sorted(PDF_FIXTURES.glob("*.pdf"))
    fast = [parse_pdf_file(p) for p in paths]
    monkeypatch.setattr(pdf, "_first_page_could_rule_table", lambda data: True)
    assert [parse_pdf_file(p) for p in paths] == fast


def _spans_alias_by_alias(text: str) -> list[tuple[int, int, str]]:
    lower = text.lower()
    found: list[tuple[int, int, str]] = []
    for faction in factions._table():
        for pattern in faction.patterns:
            found += [(m.start(), m.end(), faction.name) for m in pattern.finditer(lower)]
        for pattern in faction.patterns_cs:
            found += [(m.start(), m.end(), faction.name) for m in pattern.finditer(text)]
    found.sort(key=lambda m: (m[0], -(m[1] - m[0])))
    kept: list[tuple[int, int, str]] = []
    for match in found:
        if not kept or match[0] >= kept[-1][1]:
            kept.append(match)
    return kept


def test_faction_spans_skips_only_texts_that_name_no_alias() -> None:
    """faction_spans, asking each alias only when one alias search finds any, reads every dev
    line (and each document run together) as asking every alias does."""
    for line in (*_dev_lines(), "KAL und FÜR", "ſpd-Fraktion", "Bündnis 90/Die Grünen"):
        assert factions.faction_spans(line) == _spans_alias_by_alias(line)
