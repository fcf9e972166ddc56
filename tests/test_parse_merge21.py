"""Fixes made while merging the twenty-first round's branches (issue #11), on real Karlsruhe texts.

An empty check box became a list bullet ("☐ Wie …?" as "• Wie …?", fetcher.parse.label_glyphs) also
where a form prints boxes as choices: "Nein ☐ Ja ☒" (a yes/no field), "x ☐" (a public / non-public
column), "☐ Investition ☐ Konsumtive Maßnahme" (options, nothing asked). Read as bullets, they cut
the Erläuterungen of Karlsruhe forms out of the summary and put the head's background before the
questions. A box stays a box beside another box or a column's "x", in a text that ticks a box, and
where the text up to the next box asks nothing.
"""

from __future__ import annotations

import pytest

from bench.text_shapes import flat
from fetcher.parse import parse_text
from fetcher.parse.label_glyphs import plain_label_glyphs
from tests.fixtures_path import OPARL_FIXTURES

KARLSRUHE = OPARL_FIXTURES / "karlsruhe" / "file-contents"


def _flat(file_id: str) -> str:
    return flat((KARLSRUHE / f"{file_id}.txt").read_text("utf-8"))


@pytest.mark.parametrize("file_id", ["621569", "645268", "655754", "664014", "665886"])
def test_form_boxes_leave_the_summary_of_a_run_together_form(file_id: str) -> None:
    # flat (an OParl File.text): the form's option boxes stand before the Erläuterungen
    assert parse_text(_flat(file_id)).summary


def test_a_column_tick_beside_a_box_opens_no_question() -> None:
    # "Ortschaftsrat Grötzingen 28.04.2021 14 x ☐ Bis etwa Anfang der 70er Jahre …"
    questions = list(parse_text(_flat("624926")).questions)
    assert len(questions) == 4
    assert questions[0].startswith("Ob die Grötzinger Deponie bereits untersucht")


def test_boxes_of_a_choice_row_stay_and_question_boxes_become_bullets() -> None:
    assert plain_label_glyphs("Nein ☐ Ja ☐ Korridorthema") == "Nein ☐ Ja ☐ Korridorthema"
    assert plain_label_glyphs("☐ Investition\n☐ Konsumtive Maßnahme") == (
        "☐ Investition\n☐ Konsumtive Maßnahme"
    )
    assert plain_label_glyphs("☐ Wie viele Kitas gibt es?\n☐ Welche Träger?") == (
        "• Wie viele Kitas gibt es?\n• Welche Träger?"
    )
    assert plain_label_glyphs("Ja ☒ Nein ☐ Wie viele Kitas gibt es?").count("•") == 0
