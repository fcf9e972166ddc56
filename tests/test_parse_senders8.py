"""Senders read by structure: a question wrapped after "… von" is no group, an "-OR-Fraktion"
label keeps its group.

Texts: the corpus development split (tests/corpus/dev/, rebuilt from fetched snapshots; skipped
where absent), through `parse_text` and through a rendered PDF. Expected values were read off
the documents; both tests fail on main ac90994.
"""

from __future__ import annotations

from pathlib import Path

from fetcher.parse import parse_pdf_file, parse_text
from standins.pdf_render import render_paged_text
from tests.corpus_data import corpus_path


def test_wrapped_question_with_a_group_word_is_no_sender(tmp_path: Path) -> None:
    """Leipzig VII-F-08632 through the paged PDF: 'der Leipziger Gruppe betrieben wird?' ends
    question 5 on a line of its own; the inquiry of a single councillor names no faction."""
    text = corpus_path("leipzig-VII-F-08632-anfrage-elektrofahrzeuge-ladepunkte", "dev").read_text()
    doc = parse_pdf_file(render_paged_text(text, tmp_path / "paged.pdf"))
    assert doc.parse_status == "ok", doc.parse_error
    assert doc.submitters == ("Oliver Gebhardt",)
    assert doc.factions == ()
    assert parse_text(text).factions == ()


def test_freie_waehlervereinigung_or_fraktion() -> None:
    """'FWV-OR-Fraktion' (Ortschaftsrat Stupferich) is the Freie Wählervereinigung: Freie Wähler."""
    text = corpus_path("karlsruhe-2019-or-stupferich-anfrage-fwv-gebaeudeliste", "dev").read_text()
    doc = parse_text(text)
    assert doc.submitters == ("FWV-OR-Fraktion",)
    assert doc.factions == ("Freie Wähler",)
