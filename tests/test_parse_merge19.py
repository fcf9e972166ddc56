"""The nineteenth round's merge: what the branches did not test alone.

heads19 let a question that opens right after a head's subject end the subject, so a run-together
head no longer swallows the lead-in and the first question. Karlsruhe's statements print their
office's cell ("Dienststelle: OA") just before a subject that is itself a question; run together
(outside the dev corpus the branch measured) the title became the office's code alone ("OA",
"VBK", "Gartenbauamt"). An office's code or name alone before the question is no subject.

The before-stop review found two more: letterfac19's signer reading took a group's own name
after "Fraktion" for a person, and a line of many faction labels raised RecursionError.
"""

from __future__ import annotations

import pytest

from bench.text_shapes import SHAPES
from fetcher.parse import parse_text
from fetcher.parse.submitters import factions_of_submitter
from standins.fixtures import OPARL_FIXTURES

KARLSRUHE = OPARL_FIXTURES / "karlsruhe" / "file-contents"


@pytest.mark.parametrize(
    ("name", "office", "question"),
    [
        ("646454", "OA", "Wie geht das Ordnungsamt mit von Fahrrädern zugestellten"),
        ("650220", "VBK", "Wie gut sind Rettungseinsatzkräfte"),
        ("660045", "Gartenbauamt", "Wie sieht der aktuelle Zeitplan"),
    ],
)
def test_an_office_code_before_a_subject_that_asks_is_not_the_title_run_together(
    name: str, office: str, question: str
) -> None:
    text = (KARLSRUHE / f"{name}.txt").read_text(encoding="utf-8")
    assert office in text.split(question, 1)[0].split()[-1:]
    title = parse_text(SHAPES["flat"](text)).title
    assert title is not None
    assert question in title


def test_a_one_word_subject_still_ends_before_the_first_question_run_together() -> None:
    text = (KARLSRUHE / "646454.txt").read_text(encoding="utf-8")
    head = "Betreff: Taubenhäuser\nWie viele Taubenhäuser betreibt die Stadt?\n"
    doc = parse_text(SHAPES["flat"](head + text.split("Anfrage: FW|FÜR", 1)[1]))
    assert doc.title == "Taubenhäuser"


def test_a_group_named_after_its_label_is_no_signer() -> None:
    # letterfac19 read two capitalised words after "Fraktion" as the signer a run-together
    # signature puts there ("für die Fraktion Karin Weiß"); a group's own name has that shape too.
    for group in ("Freie Bürger", "Aktive Bürger", "Pro Hürth"):
        assert factions_of_submitter(f"Fraktion {group}") == [group]
        assert factions_of_submitter(f"für die Fraktion {group}") == [group]
    assert factions_of_submitter("für die Fraktion Karin Weiß") == []
    assert factions_of_submitter("Fraktion Karin Weiß") == []  # "für die" on the line before


def test_a_line_of_many_faction_labels_is_read_without_deep_recursion() -> None:
    # faction_phrases._bare called itself once per label after a label; a line of a thousand
    # raised RecursionError (before this round too).
    doc = parse_text("Anfrage der Fraktion SPD " * 1000)
    assert doc.factions == ("SPD",)
