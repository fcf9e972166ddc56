"""The eighteenth round's merge: what the branches did not test alone.

flatans18 made "Prüfauftrag" a motion's type name; a Karlsruhe motion whose subject line opens
with that word ("Prüfauftrag: Einrichtung einer Fahrradstraße …") then lost its title, while the
same line with "Prüfantrag:" gave the subject after the colon. flatmarks18 stopped reading a
day's dot ("4. Mai 2010") as a sentence end; in a Karlsruhe inquiry run together into one line
(outside the dev corpus the branch measured) the lead-in "… stelle ich namens unserer Fraktion
folgende Anfrage:" then had no sentence start within reach, and its one question was lost.
"""

from __future__ import annotations

from bench.text_shapes import SHAPES
from fetcher.parse import parse_text
from standins.fixtures import OPARL_FIXTURES
from tests.corpus_data import corpus_path

KARLSRUHE = OPARL_FIXTURES / "karlsruhe" / "file-contents"
SUBJECT = "Einrichtung einer Fahrradstraße in der Durmersheimer Straße"


def test_a_motion_type_word_with_its_colon_opens_the_title_like_other_motion_types() -> None:
    text = corpus_path("karlsruhe-2020-1441-antrag-gruene-pruefauftrag-fahrradstrasse").read_text(
        encoding="utf-8"
    )
    assert "Prüfauftrag: " + SUBJECT in text
    for type_word in ("Prüfauftrag", "Prüfantrag"):
        doc = parse_text(text.replace("Prüfauftrag:", type_word + ":"))
        assert doc.kind == "Antrag"
        assert doc.title == SUBJECT, type_word


def test_a_question_after_a_lead_in_with_no_sentence_end_near_is_found_run_together() -> None:
    text = (KARLSRUHE / "39225.txt").read_text(encoding="utf-8")
    assert "4. Mai 2010" in text
    wanted = ("Wann ist einer Bepflanzung der Baumscheiben zu rechnen?",)
    assert parse_text(text).questions == wanted
    assert parse_text(SHAPES["flat"](text)).questions == wanted


def test_a_question_label_naming_its_inquiry_is_no_lead_in_without_a_sentence_end() -> None:
    # An answer run together: "… Regionalentwicklung Frage 1 der Anfrage: Welche …?" — the words
    # before the colon label the quoted question, they do not lead in; the line stays whole there.
    from fetcher.parse.reline_headings import lead_in_cuts

    head = "Stadt Karlsruhe | Amt für Stadtentwicklung | Stadt- und Regionalentwicklung " * 5
    line = head + "Frage 1 der Anfrage: Welche Ämter haben bereits Konzepte im Einsatz?"
    assert lead_in_cuts(line, line.index("Anfrage:")) == set()
    led = head + "Dazu stelle ich namens unserer Fraktion folgende Anfrage: Wann wird gepflanzt?"
    assert lead_in_cuts(led, led.index("Anfrage:")) == {led.index("Wann")}


def test_a_footnote_number_with_a_non_ascii_digit_is_no_footnote_and_raises_nothing() -> None:
    # "1١": a regex \d matched the Arabic-Indic digit, and the note's number lookup raised
    doc = parse_text("Anfrage\nSchulbericht1١ gibt es.\n1١ Vgl. Bericht.\n")
    assert doc.kind == "Anfrage"


def test_a_unit_superscript_stays_when_a_footnote_of_that_number_exists() -> None:
    from fetcher.parse.footnote_marks import unmarked_pages

    page = (
        "Wie groß ist die Fläche von 100 m² im Schulbericht¹ genau?\nText hier.\n"
        "¹ Vgl. Schulbericht 2020.\n² Ebd. Seite 4."
    )
    (cut,) = unmarked_pages([page])
    assert "100 m² im Schulbericht genau?" in cut
    assert "Vgl." not in cut


def test_a_follow_up_labelled_zu_after_unlabelled_questions_raises_nothing() -> None:
    # "Zu 1." opened an item and "Falls ja, …" then dropped it as a follow-up of the question
    # above, leaving the label's index behind (IndexError in unlisted)
    text = (
        "Anfrage\nWir bitten um Beantwortung folgender Fragen:\nWie viele Schulen gibt es?\n"
        "Zu 1. Falls ja, welche?\n"
    )
    assert parse_text(text).questions[0] == "Wie viele Schulen gibt es?"


def test_a_lead_in_run_into_the_subject_is_no_part_of_the_title() -> None:
    # Karlsruhe 39225 run together: "… öffentlich Bepflanzung der Baumscheiben im Wohngebiet
    # Zündhütle Zur nächsten Ortschaftsratssitzung stelle ich namens unserer Fraktion folgende
    # Anfrage: Wann …?" — a capitalised "Zur" opens the lead-in's sentence
    text = SHAPES["flat"]((KARLSRUHE / "39225.txt").read_text(encoding="utf-8"))
    assert parse_text(text).title == "Bepflanzung der Baumscheiben im Wohngebiet Zündhütle"
