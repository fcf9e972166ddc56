"""List labels when the text runs together, topic and Roman headings between items, and labels
in square brackets.

Texts: real dev documents rewritten by bench.list_variants (their question labels made "1 -",
"Frage 1 –", "1. Frage:", "[1]", Roman headings or topic headings put between the items), in a
shape of bench.text_shapes where named ("flat": every page one line; "para": one line per
paragraph). Dresden inquiries (tests/corpus/dev/, committed) run everywhere; the Karlsruhe and
Landtag ones come from the corpus snapshots (skipped without ../.mirror). Every document test
fails on main 7576e3f's parser.
"""

from __future__ import annotations

from bench import list_variants
from bench.text_shapes import SHAPES
from fetcher.parse import parse_text
from fetcher.parse.reline_runs import run_cuts
from tests.corpus_data import corpus_path, dev_label

ESSENSRESTE = "dresden-AF2012-13-anfrage-gruene-essensreste"
GEZ = "dresden-AF2022-13-anfrage-gruene-rundfunkgebuehren"
KRANKENHAUS = "LANDTAG-niedersachsen-19-11184-kleine-anfrage-mit-antwort"
STELLPLAETZE = "karlsruhe-2023-1250-anfrage-fdp-stellplaetze"
LUFTREINIGER = "karlsruhe-2022-or-wolfartsweier-anfrage-spd-luftreiniger"


def _variant(name: str, variant: str, shape: str | None = None) -> str:
    """Return a dev document with its labels rewritten by bench.list_variants (in `shape`)."""
    text = list_variants.rewrite(corpus_path(name).read_text("utf-8"), dev_label(name), variant)
    assert text is not None, f"{variant} does not apply to {name}"
    return SHAPES[shape](text) if shape else text


def _fold(text: str) -> str:
    return " ".join(text.split()).lower()


def _reads_list(text: str, name: str) -> tuple[str, ...]:
    """Parse and check the labelled count and first question; return the questions."""
    label = dev_label(name)
    questions = parse_text(text).questions
    assert len(questions) == label["questions"]
    assert _fold(questions[0]).startswith(_fold(label["first_question_start"]))
    return questions


def test_number_then_word_label_stays_one_label_run_together() -> None:
    """'1. Frage: Hat …?' run into one line keeps 'Frage:' out of the question's text."""
    for shape in ("flat", "para"):
        questions = _reads_list(_variant(ESSENSRESTE, "1. Frage:", shape), ESSENSRESTE)
        assert not any(question.startswith("Frage") for question in questions)


def test_counted_dash_numbers_split_a_run_together_list() -> None:
    """'1 - Wie …? 2 - Wie …? 3 - …' in one line is a list of five, not one question."""
    _reads_list(_variant(GEZ, "1 -", "flat"), GEZ)
    _reads_list(_variant(GEZ, "1 –", "para"), GEZ)


def test_word_dash_number_labels_run_together() -> None:
    """'Frage 1 – Welche …' in a Landtag answer run into lines per page reads its four
    questions from the first on."""
    _reads_list(_variant(KRANKENHAUS, "Frage 1 –", "flat"), KRANKENHAUS)
    _reads_list(_variant(KRANKENHAUS, "1 -", "flat"), KRANKENHAUS)


def test_lone_dash_number_inside_prose_is_no_label() -> None:
    """A single 'Gruppe 2 – Die …' inside a sentence line is a dash, not a counted label."""
    line = (
        "Die Einstufung erfolgt nach Gruppe 2 - Die Verwaltung prüft das. "
        "Wir bitten um Auskunft, wie die Verwaltung die Lage bewertet und welche Schritte folgen."
    )
    assert not run_cuts(line, set(), {})


def test_roman_heading_run_into_its_first_item_in_paragraphs() -> None:
    """'II. Einzelfragen 1. Wie viele …?' as one paragraph line: the heading is no question and
    the restarted numbering under it goes on with the list."""
    questions = _reads_list(_variant(STELLPLAETZE, "I. headings, restart", "para"), STELLPLAETZE)
    assert not any("Einzelfragen" in question for question in questions)


def test_roman_heading_after_a_lead_in_colon() -> None:
    """'… vorangeschritten: I. Allgemeines 1. Sind diese bestellt? II. Einzelfragen 2. …' reads
    the questions without the heading words."""
    questions = _reads_list(_variant(LUFTREINIGER, "I. headings", "para"), LUFTREINIGER)
    assert not any("Allgemeines" in question for question in questions)


def test_square_bracket_labels() -> None:
    """'[1] Hat …?' / '[2] Gibt es …?': the brackets are labels, as printed and run together."""
    for shape in (None, "flat", "para"):
        questions = _reads_list(_variant(ESSENSRESTE, "[1]", shape), ESSENSRESTE)
        assert not any(question.startswith("[") for question in questions)


def test_topic_headings_between_items_join_no_question() -> None:
    """'… registriert? Zu den Kosten 2. Wie viele …?': the heading heads the next item and
    joins neither question, as printed and run together."""
    for shape in (None, "flat", "para"):
        questions = _reads_list(_variant(STELLPLAETZE, "topic heading", shape), STELLPLAETZE)
        for topic in list_variants.TOPICS:
            assert not any(topic in question for question in questions), (shape, topic)
