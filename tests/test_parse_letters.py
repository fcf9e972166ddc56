"""Letter-style papers: kind from type words and prose, factions from prose and signatures.

Texts: ../shared/fixtures/oparl/karlsruhe/file-contents/ and the corpus development split
(tests/corpus/dev/, rebuilt from fetched snapshots; skipped where they are absent). Expected
values were read off the texts.
"""

from __future__ import annotations

from pathlib import Path

from fetcher.model import ParsedDocument
from fetcher.parse import parse_pdf_file
from fetcher.parse.kind import letter_kind
from fetcher.parse.submitters import factions_in_prose
from fetcher.parse.text import clean_lines
from standins.pdf_render import render_text
from tests.corpus_data import corpus_path
from tests.fixtures_path import OPARL_FIXTURES

KARLSRUHE = OPARL_FIXTURES / "karlsruhe" / "file-contents"


def _parse(tmp_path: Path, path: Path) -> ParsedDocument:
    doc = parse_pdf_file(render_text(path.read_text("utf-8"), tmp_path / "doc.pdf"))
    assert doc.parse_status == "ok", doc.parse_error
    return doc


def _lines(path: Path) -> list[str]:
    return clean_lines(path.read_text("utf-8").split("\f"))


def test_zusatzantrag_is_a_motion_even_when_it_asks(tmp_path: Path) -> None:
    """'ZUSATZANTRAG' over a '?' sentence is a motion with no question list, not an inquiry."""
    doc = _parse(tmp_path, KARLSRUHE / "144404.txt")
    assert doc.kind == "Antrag"
    assert doc.factions == ("FDP",)
    assert doc.questions == ()


def test_letter_thanking_for_the_inquiry_is_an_answer(tmp_path: Path) -> None:
    """'Formlose Stellungnahme … vom 30.10.2019 zur interfraktionellen Anfrage' answers it."""
    doc = _parse(tmp_path, KARLSRUHE / "612972.txt")
    assert doc.kind == "Antwort"


def test_motion_named_in_the_letter_prose() -> None:
    """'Die Gruppe SPD / Die Grünen … beantragt …' below the salutation names a motion."""
    lines = _lines(corpus_path("nordstemmen-DS-109-2022-antrag-spd-gruene-waldkindergarten", "dev"))
    body = lines[next(i for i, x in enumerate(lines) if x.startswith("Sehr geehrte")) + 1 :]
    assert letter_kind("\n".join(body)) == "Antrag"


def test_inquiry_named_in_the_letter_prose() -> None:
    """'stellt die Fraktion Menschen für Grötzingen folgende Anfrage' names an inquiry."""
    lines = _lines(KARLSRUHE / "667767.txt")
    body = lines[next(i for i, x in enumerate(lines) if x.startswith("Sehr geehrte")) + 1 :]
    assert letter_kind("\n".join(body)) == "Anfrage"


def test_group_name_with_fuer_in_prose() -> None:
    """'die Fraktion Menschen für Grötzingen folgende Anfrage': the whole name, not 'Menschen'."""
    lines = _lines(KARLSRUHE / "667767.txt")
    sentence = next(x for x in lines if "stellt die Fraktion" in x)
    assert factions_in_prose([sentence]) == ["Menschen für Grötzingen"]


def test_faction_chair_in_the_signature() -> None:
    """'Fraktionsvorsitzende Bündnis 90/Die Grünen' under the name signs for that group."""
    name = "karlsruhe-2025-0202-anfrage-gruene-or-wettersbach-aschenbecher"
    lines = _lines(corpus_path(name, "dev"))
    closing = next(i for i, x in enumerate(lines) if x.startswith("Mit freundlichen Grüßen"))
    assert factions_in_prose(lines[closing + 1 :]) == ["Bündnis 90/Die Grünen"]


def test_signature_for_a_joint_group(tmp_path: Path) -> None:
    """'im Namen der Gruppe SPD / Die Grünen' and the letterhead: both parties of the group."""
    path = corpus_path("nordstemmen-DS-109-2022-antrag-spd-gruene-waldkindergarten", "dev")
    doc = _parse(tmp_path, path)
    assert doc.kind == "Antrag"
    assert {"SPD", "Bündnis 90/Die Grünen"} <= set(doc.factions)


def test_parcel_number_is_no_reference(tmp_path: Path) -> None:
    """A site plan's 'Flurst.-Nr.: / 3/1 u.a.' is a parcel: no reference is invented."""
    doc = _parse(tmp_path, KARLSRUHE / "642607.txt")
    assert doc.reference is None


def test_minutes_excerpt_keeps_no_reference_from_its_agenda_items(tmp_path: Path) -> None:
    """Minutes list 'Vorlage: 2017/0301' per agenda item: no reference of the minutes itself."""
    doc = _parse(tmp_path, KARLSRUHE / "598001.txt")
    assert doc.kind == "Niederschrift"
    assert doc.reference is None


def test_answer_heading_below_the_inquiry(tmp_path: Path) -> None:
    """'Anfrage' form with 'Stellungnahme des Bürgermeisteramtes:' under the subject answers it."""
    path = corpus_path("karlsruhe-2006-anfrage-kal-led-ampeln-stellungnahme", "dev")
    assert _parse(tmp_path, path).kind == "Antwort"


def test_untyped_answer_with_zu_n_blocks(tmp_path: Path) -> None:
    """'Zur Beantwortung der Fragen …' then 'Zu 1:', 'Zu 2:' blocks: an answer without type line."""
    path = corpus_path("nordstemmen-2025-06-24-antwort-fragen-windenergie", "dev")
    assert _parse(tmp_path, path).kind == "Antwort"


def test_motion_word_below_a_vorlage_number(tmp_path: Path) -> None:
    """'Vorlage Nr.' form whose prose says '… stellen wir deshalb folgenden ANTRAG' is a motion."""
    path = corpus_path("karlsruhe-2021-1060-or-durlach-antrag-fdp-naturpark", "dev")
    assert _parse(tmp_path, path).kind == "Antrag"


def test_motion_named_after_a_long_justification(tmp_path: Path) -> None:
    """No type line; '… stellen wir den Antrag …' after 40 lines of reasons: a motion, though
    its dash items ask."""
    path = corpus_path("karlsruhe-2021-or-groetzingen-antrag-spd-ganztagesgrundschule", "dev")
    doc = _parse(tmp_path, path)
    assert doc.kind == "Antrag"
    assert "SPD" in doc.factions


def test_zu_n_blocks_repeat_each_question(tmp_path: Path) -> None:
    """'Zu 1. / Teilt die Verwaltung …? / Nein, …': each block gives its question and answer."""
    doc = _parse(tmp_path, KARLSRUHE / "625302.txt")
    assert doc.kind == "Antwort"
    assert len(doc.questions) == 4
    assert doc.questions[0].startswith("Teilt die Verwaltung die Auffassung, dass das Preis-")
    assert doc.questions[1] == (
        "Beabsichtigt die Verwaltung womöglich nach der endgültigen Fertigstellung des "
        "Campingplatzes die Preise zu erhöhen?"
    )
    assert doc.answers[0].startswith("Nein, die Verwaltung teilt diese Auffassung nicht.")


def test_prose_questions_after_a_lead_in_and_before_und(tmp_path: Path) -> None:
    """'… Im Einzelnen: / Wie wird …? …' and '… des Landkreises? / und / -anschließende …':
    six questions, the first without its lead-in, the last ending at its '?'."""
    path = corpus_path("nordstemmen-2018-11-27-anfrage-gruene-kita-hygiene", "dev")
    doc = _parse(tmp_path, path)
    assert len(doc.questions) == 6
    assert doc.questions[0] == (
        "Wie wird die Art der aufgetretenen Infektion ermittelt, wer veranlasst dies?"
    )
    assert doc.questions[5] == (
        "Erfolgte in den letzten 12 Monaten eine Kontrolle durch die Aufsichtsbehörde des "
        "Landkreises?"
    )
    assert doc.factions == ("Bündnis 90/Die Grünen",)


def test_frage_n_blocks_with_a_joint_answer(tmp_path: Path) -> None:
    """'Frage 1:' and 'Frage 2 + 3:' blocks repeat three questions; 2 and 3 share one answer."""
    path = corpus_path("karlsruhe-2018-0649-stellungnahme-linke-schulversicherungen", "dev")
    doc = _parse(tmp_path, path)
    assert doc.kind == "Antwort"
    assert len(doc.questions) == 3
    assert doc.questions[0].startswith("Sind der Stadt Fälle bekannt, in denen an Karlsruher")
    assert doc.questions[1] == "Was hält die Stadt von derartigen Werbe- und Verkaufsangeboten?"
    assert doc.questions[2].startswith("Wird sie, falls sich das an Karlsruher Schulen ereignet")
    assert doc.answers[2].startswith("Eltern, Schülerinnen und Schüler sind von der Schule")


def test_zu_frage_2_und_3_heading(tmp_path: Path) -> None:
    """'Zu Frage 2 und 3:' then two questions: five questions in all, each with its answer."""
    doc = _parse(tmp_path, KARLSRUHE / "608172.txt")
    assert len(doc.questions) == 5
    assert doc.questions[2] == "Wer ist für die Pflege und Aufstellung dieser verantwortlich?"
    assert doc.questions[4].startswith("Werden die alten gewerblichen Plakatständer demnächst")


def test_zu_frage_n_with_the_question_on_the_same_line(tmp_path: Path) -> None:
    """'Zu Frage 1: Wie haben sich …?' then the answer: five blocks, five questions."""
    doc = _parse(tmp_path, KARLSRUHE / "617671.txt")
    assert len(doc.questions) == 5
    assert doc.questions[0].startswith("Wie haben sich die Zahlen zu Häuslicher Gewalt")


def test_letter_taking_a_stand_on_the_inquiry(tmp_path: Path) -> None:
    """'zu der oben genannten Anfrage vom 28. März 2019 nimmt das … Stellung': an answer letter."""
    path = corpus_path("karlsruhe-2019-or-wolfartsweier-brief-antwort-spd-tankstelle", "dev")
    assert _parse(tmp_path, path).kind == "Antwort"


def test_letter_answering_questions_from_a_session(tmp_path: Path) -> None:
    """Subject 'Stellungnahme zu Fragen aus der GR-Sitzung …' and 'die von Ihnen … gestellten
    Fragen … beantworten': an answer letter."""
    path = corpus_path("karlsruhe-2015-brief-antwort-fragen-fdp-alttextilsammlung", "dev")
    assert _parse(tmp_path, path).kind == "Antwort"


def test_letter_subject_zusatzfragen_aus_der_sitzung(tmp_path: Path) -> None:
    """Subject 'Zusatzfragen aus der Plenarsitzung des Gemeinderats …' above the salutation."""
    path = corpus_path("karlsruhe-2015-0329-brief-antwort-zusatzfragen-konservatorium", "dev")
    assert _parse(tmp_path, path).kind == "Antwort"


def test_statement_in_a_hearing_is_no_answer(tmp_path: Path) -> None:
    """'Die Stadt Karlsruhe nimmt hierzu wie folgt Stellung' on a hearing answers no inquiry."""
    path = corpus_path("karlsruhe-2015-brief-ob-ministerium-mietpreisbremse-anhoerung", "dev")
    assert _parse(tmp_path, path).kind == "sonstiges"
