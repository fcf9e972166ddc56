"""Question lists whose labels are glyphs, slip, touch their word or are quoted (issue 11, 21st).

Real dev documents rewritten by bench.list_variants' own transforms (circled digits, empty
check boxes, a number typed twice or left out, a number touching its word, a list quoted in an
e-mail reply), read as printed and run together (bench.text_shapes). Every test fails on main
33545e0's parser but the two guards at the end (a sub-list is no slip, a form's box stays),
which hold on main and must keep holding.
"""

from __future__ import annotations

import pytest

from fetcher.parse import parse_text
from tests.list_variant_cases import list_variant, questions_as_labelled

PARKPLAETZE = "dresden-AF2025-13-anfrage-spd-parkplaetze-uniklinikum"
LADEPUNKTE = "leipzig-VII-F-08632-anfrage-elektrofahrzeuge-ladepunkte"
STROMSPERREN = "dresden-AF2015-13-anfrage-linke-stromsperren"
SCHULBAU = "dresden-AF2006-13-anfrage-gruene-schulbaumassnahmen"
RUNDFUNK = "dresden-AF2022-13-anfrage-gruene-rundfunkgebuehren"


@pytest.mark.parametrize(
    ("name", "variant"),
    [
        (LADEPUNKTE, "① circled"),
        (LADEPUNKTE, "❶ dingbat"),
        (LADEPUNKTE, "☐ box"),
        (PARKPLAETZE, "☐ box"),
    ],
)
def test_glyph_labels_open_the_items(name: str, variant: str) -> None:
    """A circled digit or an empty check box before each question is its label: one question
    each, the glyph not part of the question."""
    text = list_variant(name, variant)
    questions = questions_as_labelled(name, text)
    assert not any(q[:1] in "①❶☐" for q in questions)


@pytest.mark.parametrize("variant", ["① circled", "☐ box"])
def test_glyph_labels_in_text_run_together(variant: str) -> None:
    """Run into one line per paragraph, the glyph labels still split the questions."""
    questions_as_labelled(PARKPLAETZE, list_variant(PARKPLAETZE, variant, "para"))


@pytest.mark.parametrize("variant", ["1. 2. 2. 4.", "1. 2. 4. 5."])
@pytest.mark.parametrize("name", [PARKPLAETZE, LADEPUNKTE, STROMSPERREN])
def test_number_typed_twice_or_left_out_opens_the_next_item(name: str, variant: str) -> None:
    """ "1. 2. 2. 4." / "1. 2. 4. 5.": the slipped number still opens a question of its own."""
    questions_as_labelled(name, list_variant(name, variant))


def test_number_typed_twice_in_text_run_together() -> None:
    """ "…? 2. Wann …? 2. Gibt es …? 4. …" in one line: the repeated number is the next item."""
    questions_as_labelled(PARKPLAETZE, list_variant(PARKPLAETZE, "1. 2. 2. 4.", "flat"))


def test_numbers_touching_their_word_in_one_paragraph() -> None:
    """ "1.Wie …? 2.Wann …?" set as one paragraph: one question per number."""
    questions_as_labelled(SCHULBAU, list_variant(SCHULBAU, "1.Wie", "para"))


@pytest.mark.parametrize("name", [SCHULBAU, RUNDFUNK])
def test_list_quoted_in_a_mail_reply(name: str) -> None:
    """ "> 1. Wie …?" / "> 2. …": the quote marks of an e-mail reply are no part of the list;
    the questions read as printed without them."""
    questions = questions_as_labelled(name, list_variant(name, "> 1. mail quote"))
    assert not any(">" in q for q in questions)


def test_sub_list_numbers_are_no_slip() -> None:
    """A sub-list "1. 2." under item "2." of a list whose "3." follows stays inside item 2."""
    text = (
        "Anfrage\n\nWir fragen:\n\n1. Wie viele Anträge gingen ein?\n"
        "2. Welche Gründe gibt es für die folgenden Fälle?\n1. Wie viele davon?\n"
        "2. Wie viele dieser Fälle wurden abgelehnt?\n3. Wann entscheidet der Rat?\n"
    )
    assert len(parse_text(text).questions) == 3


def test_a_box_beside_a_ticked_box_stays() -> None:
    """A form's row of choices ("☒ ☐ „1. Gibt es …") keeps its box; a box before a question
    becomes a bullet."""
    from fetcher.parse.label_glyphs import plain_label_glyphs  # new in this round

    assert plain_label_glyphs("9 ☒ ☐ „1. Gibt es") == "9 ☒ ☐ „1. Gibt es"
    assert plain_label_glyphs("☐ Wie viele?\n☐ Welche?") == "• Wie viele?\n• Welche?"
