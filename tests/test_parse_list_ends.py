"""Where a question list ends, and what the summary may not repeat (issue 11, fifth round).

Each test reads a real document: Karlsruhe inquiries from ../shared/fixtures (file-contents,
rendered to PDF as the sync would receive them) and, for the corpus-wide rule, every text of the
development corpus (tests/corpus/dev, materialized from the fetched snapshots; skipped without
them) and ../shared/fixtures/texts/diverse. Expected values were read off the documents.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from fetcher.model import ParsedDocument
from fetcher.parse import parse_pdf_file, parse_text
from standins.pdf_render import render_text
from tests.corpus_data import corpus_items
from tests.fixtures_path import OPARL_FIXTURES, TEXT_FIXTURES

KARLSRUHE = OPARL_FIXTURES / "karlsruhe" / "file-contents"


def _parse(tmp_path: Path, text_path: Path) -> ParsedDocument:
    doc = parse_pdf_file(render_text(text_path.read_text("utf-8"), tmp_path / "doc.pdf"))
    assert doc.parse_status == "ok", doc.parse_error
    return doc


def test_justification_without_heading_after_the_last_question(tmp_path: Path) -> None:
    """2018/0874: '3) Warum …?' then a paragraph of reasons (with a rhetorical '?'): not in 3."""
    doc = _parse(tmp_path, KARLSRUHE / "606811.txt")
    assert doc.kind == "Anfrage"
    assert doc.questions == (
        "Welche Vereinssportzeiten sind derzeit im Fächerbad fest gebucht?",
        "Welche Zeiten wären für den Wasserballsport nutzbar?",
        "Warum wurden bisherige Anfragen der Wasserballer negativ beschieden?",
    )


def test_context_between_questions_stays_out_of_them(tmp_path: Path) -> None:
    """2019/0068: prose that introduces question 3 ('Satzung der Stadt …: …') is not in 2."""
    doc = _parse(tmp_path, KARLSRUHE / "607544.txt")
    assert len(doc.questions) == 10
    assert (
        doc.questions[1]
        == "Wie sieht aus Sicht der Stadt die Prognose für die nächsten 5 Jahre aus?"
    )
    assert doc.questions[4] == (
        "Wie hat sich die ortsübliche Vergleichsmiete in den letzten 5 Jahren entwickelt?"
    )
    assert doc.questions[8].endswith("in den letzten 5 Jahren entwickelt?")


def test_closing_ends_unnumbered_question_lines(tmp_path: Path) -> None:
    """2025/0563: three unnumbered question lines, then 'Mit freundlichen Grüßen'."""
    doc = _parse(tmp_path, KARLSRUHE / "667767.txt")
    assert doc.kind == "Anfrage"
    assert doc.questions == (
        "Sind im Bereich des Weges, oberhalb der Kita, Hangsicherungsmaßnahmen geplant?",
        "Wurde/wird die Situation von den Fachbehörden beobachtet bzw. bewertet?",
        "Gibt es Pläne den Weg zu sanieren?",
    )


def test_bullet_list_of_questions_ends_at_the_sign_off(tmp_path: Path) -> None:
    """2024/0137: six '•' questions end at the sign-off 'Für die SPD-Fraktion im Ortschaftsrat'."""
    doc = _parse(tmp_path, KARLSRUHE / "655873.txt")
    assert doc.kind == "Anfrage"
    assert doc.factions == ("SPD",)
    assert len(doc.questions) == 6
    assert doc.questions[0] == "Was ist der Unterschied zwischen SKiBB und der Ganztagesschule?"
    assert doc.questions[2] == (
        "Haben die Eltern auch ab 2026 noch das Recht frei zu entscheiden zwischen Ganztages- und "
        "Halbtageschule?"
    )
    assert doc.questions[-1].endswith("die einen unbefristeten Arbeitsvertrag haben?")
    assert not any("Fraktion" in q or "Becker" in q for q in doc.questions)


def test_summary_never_holds_the_question_sentence(tmp_path: Path) -> None:
    """2019/0282: the request '… möchten wir wissen, ob …' is the question, never the summary."""
    doc = _parse(tmp_path, KARLSRUHE / "608626.txt")
    assert doc.questions
    assert doc.questions[0].startswith("ob der Bebauungsplan geändert werden muss")
    assert doc.summary is None or "möchten wir wissen" not in doc.summary


def _fold(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().lower()


def _corpus_texts() -> list[tuple[str, str]]:
    texts = [(item.name, item.text) for item in corpus_items("dev")]
    diverse = sorted((TEXT_FIXTURES / "diverse").glob("*.txt"))
    return texts + [(path.name, path.read_text("utf-8")) for path in diverse]


def test_summary_is_never_the_title_nor_a_question() -> None:
    """Over every dev-corpus and diverse text: no summary repeats the title or a question."""
    texts = _corpus_texts()
    if not texts:
        pytest.skip("no corpus texts")
    offenders = []
    for name, text in texts:
        doc = parse_text(text)
        if not doc.summary:
            continue
        summary = _fold(doc.summary)
        if doc.title and summary.startswith(_fold(doc.title)):
            offenders.append((name, "title"))
        for question in doc.questions:
            folded = _fold(question)
            if folded and (folded[:60] in summary or summary[:60] in folded):
                offenders.append((name, "question"))
    assert offenders == []
