"""The fifteenth round's merge: what the branches did not test alone."""

from __future__ import annotations

import pytest

from bench.text_shapes import SHAPES
from fetcher.parse import parse_text
from fetcher.parse.faction_phrases import WEB_ADDRESS
from fetcher.parse.submitters import factions_of_submitter
from standins.fixtures import OPARL_FIXTURES, TEXT_FIXTURES

flat = SHAPES["flat"]
KARLSRUHE = OPARL_FIXTURES / "karlsruhe" / "file-contents"


def _karlsruhe(file_id: str) -> str:
    return (KARLSRUHE / f"{file_id}.txt").read_text(encoding="utf-8")


def test_addresses_are_not_factions_and_are_cut_from_a_word_start_only() -> None:
    # The party in an e-mail or web address is the domain's, not the submitter's.
    assert factions_of_submitter("SPD-Fraktion, info@cdu-musterstadt.de") == ["SPD"]
    assert factions_of_submitter("SPD-Fraktion www.cdu-musterstadt.de") == ["SPD"]
    # The address pattern takes whole words: "Mail:info@…" stays one word and goes whole.
    assert WEB_ADDRESS.sub(" ", "Mail:info@cdu-x.de SPD").split() == ["SPD"]
    assert WEB_ADDRESS.sub(" ", "SPD @home").split() == ["SPD", "@home"]


def test_a_long_word_before_the_submitter_does_not_hide_the_faction() -> None:
    # A table or blob run into one 30,000-character word on the submitter's line (bench.parse_worst
    # "one token, then a head" measured the time: it grew with the square of the word's length).
    text = "x" * 30_000 + " Anfrage der SPD-Fraktion\n1. Wie viele Bäume?\n2. Wo stehen sie?"
    document = parse_text(text)
    assert document.factions == ("SPD",)
    assert document.questions[0].startswith("Wie viele Bäume")


def test_one_question_mark_in_a_cited_title_makes_no_answer() -> None:
    # A concept paper (Nachhaltige Essensversorgung) cites "Is(s)t KiTa gut?" below two table
    # captions: the answer reader pairs caption and citation, and annex15's "both of two
    # questions answered" made the paper an answer with the captions as its question.
    doc = parse_text(_karlsruhe("591446"))
    assert doc.kind == "sonstiges"
    assert doc.questions == ()


def test_an_answer_under_topic_headings_keeps_the_inquirys_outline() -> None:
    # "1. Statistik & Entwicklung" / "1.1 Wie viele …?" / answer / "1.2 …?": numbered outline
    # questions, read by the numbered readers as the inquiry (670325) is, not one by one as
    # unnumbered question paragraphs (22 questions).
    answer = parse_text(_karlsruhe("670348"))
    inquiry = parse_text(_karlsruhe("670325"))
    assert answer.kind == "Antwort"
    assert len(answer.questions) == len(inquiry.questions) == 6
    assert "1.1 Wie viele Personen" in answer.questions[0]


def test_a_request_among_the_sub_questions_keeps_them_in_their_parent() -> None:
    # "1. Wie viele …?" / "a. Bitte geben Sie … getrennt an." / "b. Wie vielen …?" / answer.
    doc = parse_text(_karlsruhe("655831"))
    first = doc.questions[0].splitlines()
    assert first[0].startswith("Wie viele Menschen haben im Jahr 2023")
    assert [line[:2] for line in first[1:]] == ["a.", "b."]


def test_an_offices_abbreviated_cell_is_no_title() -> None:
    # "Dienststelle: UA i. B. m." (in Benehmen mit) above "SWK-Netze": an office, not a subject.
    assert parse_text(_karlsruhe("636762")).title != "UA i. B. m."
    # An office's short name before the subject run into its cell still leaves the subject
    # ("Dienststelle: SJB Verbesserungen im Bildungspaket", run together).
    title = parse_text(flat(_karlsruhe("623403"))).title
    assert title is not None
    assert title.endswith("Verbesserungen im Bildungspaket")


@pytest.mark.parametrize("file_id", ["622418", "643183"])
def test_members_signing_with_a_capital_letter_keep_an_inquiry_run_together(file_id: str) -> None:
    # "Unterzeichnet von:" (Karlsruhe's form) and "Für die FDP Fraktion" (a letter's signature)
    # are the members' signature; with the lines run together the type line "Anfrage" carries the
    # head after it, and the form's "Verantwortlich: Dez. 5" with the justification below the
    # questions outweighed the inquiry (annex15's lower bar for an answer) while the signature,
    # looked for in lower case only, counted for nothing.
    text = _karlsruhe(file_id)
    assert parse_text(text).kind == "Anfrage"
    assert parse_text(flat(text)).kind == "Anfrage"


def test_a_subject_label_inside_a_head_run_together_starts_the_title() -> None:
    # Politik bei uns' page of Leipzig's F-00724/14, its table's label cells without colons run
    # into one line: "… Eingereicht von Fraktion Bündnis 90/Die Grünen Betreff Gemeinwesenarbeit
    # – Vernetzung – Synergie Sachverhalt: …" (a8c7118 read "Daten", refs15 the line from
    # "Eingereicht von").
    text = (TEXT_FIXTURES / "politik-bei-uns-leipzig-F-00724-14.txt").read_text(encoding="utf-8")
    assert parse_text(text).title == "Gemeinwesenarbeit – Vernetzung – Synergie"
