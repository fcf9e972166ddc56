"""Fixes made while merging the twentieth round's branches (issue #11), on real Karlsruhe texts.

A later request that only asks for the answers above to be delivered ("Deshalb bitten um die obigen
Informationen … zur ersten Sitzung", "Wir bitten den Ortschaftsrat zu informieren.") is no
question of its own (fetcher.parse.prose_requests.delivery_only), nor is a sentence that reports
someone else's asking ("Der Beirat hatte um Auskunft gebeten."). A printed subject line after a
type phrase keeps its capitalised words ("Parken Am Markt und Zur Post …"): only a head run
together with the text is cut at the text's first sentence (fetcher.parse.type_prefix). A day-care
group ("Halbtagsgruppe HT") is no council group: only a council's "-tags" (Kreistag, Landtag …)
names one ("Kreistagsgruppe FDP/Freie Wähler").
"""

from __future__ import annotations

from bench.text_shapes import flat
from fetcher.parse import parse_text
from fetcher.parse.prose_requests import asks_of_its_own, delivery_only
from fetcher.parse.type_prefix import subject_after_prefix
from tests.fixtures_path import OPARL_FIXTURES

KARLSRUHE = OPARL_FIXTURES / "karlsruhe" / "file-contents"


def _questions(file_id: str) -> list[str]:
    return list(parse_text((KARLSRUHE / f"{file_id}.txt").read_text("utf-8")).questions)


def test_request_for_the_information_above_is_no_question() -> None:
    questions = _questions("660553")
    assert len(questions) == 2
    assert questions[1].startswith("Weiterhin bitten wir um Auskunft, ob")
    assert not any("obigen Informationen" in question for question in questions)


def test_request_to_inform_the_council_is_no_question() -> None:
    questions = _questions("643307")
    assert len(questions) == 1
    assert questions[0].startswith("Wir bitten um neueste Informationen")
    assert not any(question.startswith("Wir bitten den Ortschaftsrat") for question in questions)


def test_delivery_only_keeps_requests_with_a_question_of_their_own() -> None:
    assert delivery_only("Wir bitten, diese Fragen in der nächsten Sitzung zu beantworten.")
    assert not delivery_only("Wir bitten darüber hinaus um Auskunft zu den Kosten.")
    assert not delivery_only("Ferner bitten wir um Auskunft darüber, ob weitere Gruppen entstehen.")


def test_reported_asking_is_no_request_of_the_authors() -> None:
    assert not asks_of_its_own("Bereits im März hatte der Beirat um Auskunft gebeten.")
    assert not asks_of_its_own("Die Eltern bitten seit Monaten um Informationen zur Warteliste.")
    assert asks_of_its_own("Ferner bitten wir um Auskunft, ob und bis wann Gruppen entstehen.")
    assert asks_of_its_own("Es wird um Darstellung gebeten, wie viele Plätze fehlen.")


def test_requests_in_a_real_inquiry_keep_counting() -> None:
    # Karlsruhe 667863: a first request, then three "… wird um Mitteilung/Auskunft gebeten" ones
    questions = _questions("667863")
    assert len(questions) == 4
    assert questions[3].startswith("Des Weiteren wird um Auskunft gebeten")


def test_subject_line_keeps_capitalised_place_names() -> None:
    assert (
        subject_after_prefix(
            "Anfrage zur Sitzung am 12.03.2024: Parken Am Markt und Zur Post wird neu geregelt."
        )
        == "Parken Am Markt und Zur Post wird neu geregelt."
    )
    assert (
        subject_after_prefix(
            "Ihre Anfrage vom 01.02.2024 – Radweg Im Grund wird durchgehend asphaltiert werden."
        )
        == "Radweg Im Grund wird durchgehend asphaltiert werden."
    )


def test_repeated_legal_basis_reads_as_one_prefix() -> None:
    # "§ 1 Abs." once matched two ways per piece (exponential in the pieces): now one reading
    subject = subject_after_prefix(
        "Anfrage " + "gem. § 1 Abs. 2 GO " * 30 + "- Spielplatz am Lindenweg"
    )
    assert subject == "Spielplatz am Lindenweg"


def test_day_care_group_is_no_council_group() -> None:
    # Karlsruhe 605209 (a Kita funding paper) run together: "Halbtagsgruppe HT für 3-Jährige …"
    text = (KARLSRUHE / "605209.txt").read_text("utf-8")
    assert "HT" not in parse_text(flat(text)).factions
    answer = "Antwort auf die Anfrage der Kreistagsgruppe FDP/Freie Wähler vom 15.04.2024\n"
    assert parse_text(answer + "\nZur Frage 1: Wie viele?\nViele.\n").factions == (
        "FDP",
        "Freie Wähler",
    )
