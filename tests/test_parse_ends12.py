"""Where the question list ends: real Dresden inquiries, as printed or rewritten by
bench.boundary_variants (a closing, a signature, a place and date, "Anlage(n):", "Verteiler:", a
justification without heading below the last question, a running head between two questions),
read their questions without the letter's end, the justification or the page's head.

Texts: Dresden inquiries of the dev corpus (tests/corpus/dev/, committed). Every document test
fails on main efe33cf's parser.
"""

from __future__ import annotations

import pytest

from bench.boundary_variants import rewrite
from bench.parse_accuracy import reader
from bench.text_shapes import flat
from fetcher.parse import parse_text
from tests.corpus_data import corpus_path, dev_label

ESSENSRESTE = "dresden-AF2012-13-anfrage-gruene-essensreste"
FERNBUS = "dresden-AF0028-14-anfrage-cdu-fernbuslinien"
FRAGERECHT = "dresden-AF2016-13-anfrage-fdp-fragerecht-geschaeftsordnung"
HOFEWIESE = "dresden-AF2009-13-anfrage-buergerbuendnis-hofewiese"
VIDEOKAMERAS = "dresden-AF2803-14-anfrage-gruene-videokameras-flurstueck"
LAST_ESSENSRESTE = "Welche Regelungen gelten für Freie Träger?"


def _text(name: str) -> str:
    return corpus_path(name, "dev").read_text("utf-8")


def _variant(name: str, variant: str) -> str:
    rewritten = rewrite(_text(name), dev_label(name), variant)
    assert rewritten is not None, f"{variant} does not apply to {name}"
    return rewritten


def test_transform_writes_the_closing_below_the_last_question_only() -> None:
    """The bench's "closing" variant of Dresden AF2012/13 adds the greeting, a name, a role and
    the label's faction right below "3. Welche Regelungen gelten für Freie Träger?" and changes
    no other line."""
    old = _text(ESSENSRESTE).split("\n")
    new = _variant(ESSENSRESTE, "closing").split("\n")
    row = old.index("3. " + LAST_ESSENSRESTE)
    assert new[: row + 1] == old[: row + 1]
    assert new[row + 1 : row + 7] == [
        "",
        "Mit freundlichen Grüßen",
        "",
        "Maria Muster",
        "Stadträtin",
        "Fraktion Bündnis 90/Die Grünen",
    ]
    assert new[row + 7 :] == old[row + 1 :]


def test_transform_breaks_the_page_before_the_middle_question() -> None:
    """The "running head" variant opens a second page with the label's reference and "Seite 2"
    right above "2. Gibt es …", and changes nothing else."""
    old = _text(ESSENSRESTE)
    new = _variant(ESSENSRESTE, "running head")
    head = "\fDrucksache AF2012/13 – Seite 2\n\n"
    at = old.index("2. Gibt es für alle Essensanbieter")
    assert new == old[:at] + head + old[at:]


@pytest.mark.parametrize("variant", ["signature", "place and date", "Anlage(n)", "Verteiler"])
def test_the_letters_end_is_no_part_of_the_last_question(variant: str) -> None:
    """A signature block, "Dresden, den 12.03.2023", "Anlage(n):" or "Verteiler:" below the last
    question of Dresden AF2012/13 stays out of it (main: the lines and the councillor's name ran
    into question 3)."""
    questions = parse_text(_variant(ESSENSRESTE, variant)).questions
    assert len(questions) == 3
    assert questions[-1] == LAST_ESSENSRESTE


def test_thanks_and_signer_are_no_part_of_the_last_question() -> None:
    """Dresden AF0028/14 as printed: "Vielen Dank!" and "Gunter Thiele" below question 2 are the
    letter's end (main: "… am Hbf. Dresden? Vielen Dank! Gunter Thiele")."""
    questions = parse_text(_text(FERNBUS)).questions
    assert questions[-1] == (
        "Wie viele Fernbusabfahrten erfolgen derzeit werktags sowie sonnabends und sonntags am "
        "Hbf. Dresden?"
    )


def test_a_thanks_sentence_ends_the_list() -> None:
    """Dresden AF2016/13 as printed: "Für die Beantwortung meiner Fragen bedanke ich mich im
    Voraus und verbleibe / mit freundlichen Grüßen" below question 5 is no part of it (main: the
    thanks ended question 5)."""
    questions = parse_text(_text(FRAGERECHT)).questions
    assert len(questions) == 5
    assert questions[-1].endswith("(so wie es die Geschäftsordnung §19 vorsieht) bekommen?")
    assert "bedanke" not in questions[-1]


@pytest.mark.parametrize(
    ("name", "last"),
    [
        (
            HOFEWIESE,
            "In welcher Art und Weise wird das Bemühen Langebrücks unterstützt, diesen "
            "traditionsreichen Ort für die Dresdner wieder einer sinnvollen Nutzung zuzuführen?",
        ),
        (
            VIDEOKAMERAS,
            "Ist die Landeshauptstadt Dresden Eigentümerin des Flurstücks 457/8? Wenn nein, gehört "
            "das Grundstück dem Eigentümer des Flurstücks 457/6?",
        ),
    ],
)
def test_a_justification_without_heading_after_the_list(name: str, last: str) -> None:
    """The justification of Dresden AF2009/13 (one sentence) and AF2803/14 (two sentences)
    moved below the last question without its heading "Einleitung:" is no part of it (main: the
    justification and the signer ended the last question)."""
    questions = parse_text(_variant(name, "justification after")).questions
    assert len(questions) == dev_label(name)["questions"]
    assert questions[-1] == last


def test_a_running_head_naming_its_page_is_no_part_of_a_question() -> None:
    """The running head "Drucksache AF2012/13 – Seite 2" opening page 2 between questions 1
    and 2 of Dresden AF2012/13 is page furniture (main: it ended question 1)."""
    questions = parse_text(_variant(ESSENSRESTE, "running head")).questions
    assert len(questions) == 3
    assert questions[0].endswith("Wenn nein, wer ist dafür verantwortlich und auskunftsfähig?")
    assert not any("Seite 2" in question for question in questions)


@pytest.mark.parametrize("variant", ["signature", "place and date"])
def test_the_letters_end_run_into_the_last_question_line(variant: str) -> None:
    """Run together (bench.text_shapes.flat), the signer's lines or the place and date below the
    last question of Dresden AF2012/13 share its line or the next: they stay out of the question
    (main: "… für Freie Träger? Maria Muster Stadträtin Fraktion … Gerit Thomas")."""
    questions = parse_text(flat(_variant(ESSENSRESTE, variant))).questions
    assert len(questions) == 3
    assert questions[-1] == LAST_ESSENSRESTE


@pytest.mark.parametrize("variant", ["running head", "page number", "footer block"])
def test_page_furniture_run_into_the_text_between_questions(variant: str) -> None:
    """Run together, a page break between questions 2 and 3 of Dresden AF2016/13 (its third
    page) with a running head or "- 3 -" opening the page, or a letter's footer ending each
    page, leaves every question as the text without it reads (main: the head or the footer
    ended question 2)."""
    plain = parse_text(flat(_text(FRAGERECHT))).questions
    questions = parse_text(flat(_variant(FRAGERECHT, variant))).questions
    assert len(plain) == 5
    assert questions == plain


def test_a_justification_and_signer_run_into_one_line() -> None:
    """Run together, Dresden AF2009/13's justification moved below the last question shares a
    line with the signer ("… nichts mehr entgegensteht. Christoph Hille"): neither is part of
    the question (main: both were)."""
    questions = parse_text(flat(_variant(HOFEWIESE, "justification after"))).questions
    assert len(questions) == 2
    assert questions[-1].endswith("wieder einer sinnvollen Nutzung zuzuführen?")


@pytest.mark.parametrize(
    ("name", "start"),
    [
        ("dresden-AF2017-13-anfrage-gruene-staedtepartnerschaft-st-petersburg", "Gab es Gespräche"),
        ("LANDTAG-niedersachsen-19-11180-kleine-anfrage-mit-antwort", "Welche Zahlungen"),
    ],
)
def test_a_page_foot_run_into_a_question_keeps_the_question(name: str, start: str) -> None:
    """Run together and printed to a paged PDF, a page's foot "Seite 1 von N" ends a line that
    holds a question ("5.) Gab es … e.V., Seite 1 von 2"): the foot goes, the question stays, and
    the count is the labelled one."""
    label = dev_label(name)
    doc = reader("paged", "flat")(_text(name))
    assert len(doc.questions) == label["questions"]
    assert any(q.startswith(start) for q in doc.questions)
