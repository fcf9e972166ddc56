"""Letters whose text lost its line breaks (a scraper's one-line copy) still read as letters.

Texts: real letters of the corpus development split (tests/corpus/dev, rebuilt from fetched
snapshots; skipped where they are absent), joined into one line here. Expected values were read
off the letters (their hand-read labels).
"""

from __future__ import annotations

from fetcher.model import ParsedDocument
from fetcher.parse import parse_text
from tests.corpus_data import corpus_path


def _flat(name: str) -> ParsedDocument:
    text = corpus_path(name, "dev").read_text("utf-8")
    return parse_text(" ".join(x.strip() for x in text.replace("\f", "\n").splitlines()))


def test_flattened_letter_keeps_its_lettered_questions() -> None:
    """Nordstemmen DS 34/2023 (Grüne): five questions a)–e) after the salutation, one line."""
    doc = _flat("nordstemmen-DS-34-2023-anfrage-gruene-mehrzweckhalle")
    assert doc.kind == "Anfrage"
    assert len(doc.questions) == 5
    assert doc.questions[0].startswith("Welche Maßnahmen umfasst die Sanierung?")
    assert "Bündnis 90/Die Grünen" in doc.factions


def test_flattened_salutation_is_not_the_first_question() -> None:
    """'Sehr geehrte Frau Bürgermeisterin, der Ortsrat Barnten bittet …' splits after the comma."""
    doc = _flat("nordstemmen-DS-3-2024-anfrage-ortsrat-barnten")
    assert doc.kind == "Anfrage"
    assert doc.questions[0].startswith(
        "der Ortsrat Barnten bittet bis zur nächsten Ortsratssitzung"
    )


def test_flattened_letterhead_names_the_group() -> None:
    """'Freie Wähler Karlsruhe, Hebelstraße 13, …' before 'Herrn Oberbürgermeister' in one line."""
    doc = _flat("karlsruhe-2016-fw-brief-anfrage-gewerbeflaechen-ikea")
    assert doc.kind == "Anfrage"
    assert doc.factions == ("Freie Wähler",)
