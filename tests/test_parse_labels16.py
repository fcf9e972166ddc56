"""Every way a list label is printed: the label is read as a label and never stays in the question.

A label is a short run at an item's start that repeats with its counter across the items: the
word naming the item ("Frage Nr. 1:", "Nr. 1", "Punkt 1:", "F1:"), the number and the mark
ending it (" -", " –", ".-", "/", "1. Frage:"), an ordinal spelt out ("Erstens:"), or a bullet
of any sign ("o", "■", "✓"). Texts: real dev documents whose top-level question labels were
rewritten by bench.list_variants (Dresden texts are committed in tests/corpus/dev/; the Landtag
text comes from the corpus snapshots). Every document test fails on main c5fb717's parser.
"""

from __future__ import annotations

import pytest

from fetcher.parse import parse_text
from fetcher.parse.markers import list_marker
from tests.list_variant_cases import list_variant, questions_as_labelled

STROMSPERREN = "dresden-AF2015-13-anfrage-linke-stromsperren"
EEG_UMLAGE = "dresden-AF2010-13-anfrage-fdp-eeg-umlage"
HOFEWIESE = "dresden-AF2009-13-antwort-hofewiese"
ZHIN = "LANDTAG-niedersachsen-19-11237-kleine-anfrage-mit-antwort"

LABELS = [
    "1 -",
    "1 –",
    "1.-",
    "1/",
    "Frage 1 -",
    "Frage Nr. 1:",
    "Nr. 1",
    "Punkt 1:",
    "F1:",
    "F 1:",
    "1. Frage:",
    "Erstens:",
    "o bullet",
    "■ block",
    "✓ check",
]


@pytest.mark.parametrize("variant", LABELS)
def test_a_label_of_any_print_never_stays_in_the_question(variant: str) -> None:
    """Dresden AF2015/13 with its six labels printed as `variant` reads six questions, the first
    starting with its words, not with the label ("1 - Wie viele …", "Frage: Wie viele …")."""
    questions_as_labelled(STROMSPERREN, list_variant(STROMSPERREN, variant))


@pytest.mark.parametrize(
    "variant", ["Punkt 1:", "Frage Nr. 1:", "Nr. 1", "Erstens:", "✓ check", "o bullet"]
)
@pytest.mark.parametrize("shape", ["flat", "para"])
def test_a_label_run_of_any_print_is_split_in_run_together_text(variant: str, shape: str) -> None:
    """The same labels inside a page or paragraph run into one line ("… betroffen? Nr. 2 Wie
    viele …"): one style counting on, each after a sentence end, before a capital."""
    questions_as_labelled(STROMSPERREN, list_variant(STROMSPERREN, variant, shape))


def test_a_dashed_label_at_a_page_foot_is_no_footnote() -> None:
    """Dresden AF2010/13 with "3 - Welche Kostensteigerungen …" among the last lines of page 1
    keeps question 3 and its dashed sub-items: a number followed by a dash is a label's, a
    footnote's number is followed by its text ("3 Vgl. …")."""
    text = list_variant(EEG_UMLAGE, "1 -")
    questions = parse_text(text).questions
    assert len(questions) == 4
    assert questions[2].startswith("Welche Kostensteigerungen entstehen")
    assert "- die Zoo Dresden GmbH" in questions[2]


def test_a_quoted_question_after_a_word_label_is_the_question() -> None:
    """Dresden's answer to AF2009/13 quotes the inquiry with "Nr. 1 Wie ist …?"" and
    "Nr. 2 „In welcher …?"": the numbered layout, so the quoted context above "Nr. 1" is no
    question and the first question is the one labelled 1."""
    questions = parse_text(list_variant(HOFEWIESE, "Nr. 1")).questions
    assert len(questions) == 2
    assert questions[0].startswith("Wie ist der derzeitige Stand in diesem Verfahren")


def test_a_dashed_label_after_a_repeated_answer_is_no_page_number() -> None:
    """Landtag 19/11237 with "5 - In wie vielen …" below an answer line that repeats on the page
    ("Es wird auf die Antwort zu Frage 1 verwiesen. …"): after "4 - …" the "5" is the list's next
    label, not a page number split off its line."""
    questions = questions_as_labelled(ZHIN, list_variant(ZHIN, "1 -"))
    assert questions[4].startswith("In wie vielen Verfahren")


@pytest.mark.parametrize(
    "line",
    ["Nr. 1 der Satzung gilt weiter.", "1 - 2 Tage vor der Sitzung", "1/2 der Kosten", "o weh"],
)
def test_a_number_in_prose_is_no_label(line: str) -> None:
    """A number word without a capital after it, a range, a fraction and a lower-case "o" before
    a lower-case word stay prose."""
    assert list_marker(line) is None
