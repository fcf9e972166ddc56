"""Where a question list ends, and what the summary may not repeat (issue 11, fifth round).

Each test reads a real document: Karlsruhe inquiries from ../shared/fixtures (file-contents,
rendered to PDF as the sync would receive them) and, for the corpus-wide rule, every text of the
development corpus (tests/corpus/dev, materialized from the fetched snapshots; skipped without
them) and ../shared/fixtures/texts/diverse. Expected values were read off the documents.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from fetcher.model import ParsedDocument
from fetcher.parse import parse_pdf_file, parse_text
from standins.pdf_render import render_paged_text, render_text
from tests.corpus_data import corpus_items, corpus_path
from tests.fixtures_path import OPARL_FIXTURES, TEXT_FIXTURES

KARLSRUHE = OPARL_FIXTURES / "karlsruhe" / "file-contents"


def _parse(tmp_path: Path, text_path: Path) -> ParsedDocument:
    doc = parse_pdf_file(render_text(text_path.read_text("utf-8"), tmp_path / "doc.pdf"))
    assert doc.parse_status == "ok", doc.parse_error
    return doc


def test_justification_without_heading_after_the_last_question(tmp_path: Path) -> None:
    """2018/0874: '3) Warum …?' then a paragraph of reasons (with a rhetorical '?'): not in 3."""
    doc = _parse(tmp_path, KARLSRUHE / "606811.txt")
    assert doc.kind == "Anfrage"
    assert doc.questions == (
        "Welche Vereinssportzeiten sind derzeit im Fächerbad fest gebucht?",
        "Welche Zeiten wären für den Wasserballsport nutzbar?",
        "Warum wurden bisherige Anfragen der Wasserballer negativ beschieden?",
    )


def test_context_between_questions_stays_out_of_them(tmp_path: Path) -> None:
    """2019/0068: prose that introduces question 3 ('Satzung der Stadt …: …') is not in 2."""
    doc = _parse(tmp_path, KARLSRUHE / "607544.txt")
    assert len(doc.questions) == 10
    assert (
        doc.questions[1]
        == "Wie sieht aus Sicht der Stadt die Prognose für die nächsten 5 Jahre aus?"
    )
    assert doc.questions[4] == (
        "Wie hat sich die ortsübliche Vergleichsmiete in den letzten 5 Jahren entwickelt?"
    )
    assert doc.questions[8].endswith("in den letzten 5 Jahren entwickelt?")


def test_closing_ends_unnumbered_question_lines(tmp_path: Path) -> None:
    """2025/0563: three unnumbered question lines, then 'Mit freundlichen Grüßen'."""
    doc = _parse(tmp_path, KARLSRUHE / "667767.txt")
    assert doc.kind == "Anfrage"
    assert doc.questions == (
        "Sind im Bereich des Weges, oberhalb der Kita, Hangsicherungsmaßnahmen geplant?",
        "Wurde/wird die Situation von den Fachbehörden beobachtet bzw. bewertet?",
        "Gibt es Pläne den Weg zu sanieren?",
    )


def test_bullet_list_of_questions_ends_at_the_sign_off(tmp_path: Path) -> None:
    """2024/0137: six '•' questions end at the sign-off 'Für die SPD-Fraktion im Ortschaftsrat'."""
    doc = _parse(tmp_path, KARLSRUHE / "655873.txt")
    assert doc.kind == "Anfrage"
    assert doc.factions == ("SPD",)
    assert len(doc.questions) == 6
    assert doc.questions[0] == "Was ist der Unterschied zwischen SKiBB und der Ganztagesschule?"
    assert doc.questions[2] == (
        "Haben die Eltern auch ab 2026 noch das Recht frei zu entscheiden zwischen Ganztages- und "
        "Halbtageschule?"
    )
    assert doc.questions[-1].endswith("die einen unbefristeten Arbeitsvertrag haben?")
    assert not any("Fraktion" in q or "Becker" in q for q in doc.questions)


def test_summary_never_holds_the_question_sentence(tmp_path: Path) -> None:
    """2019/0282: the request '… möchten wir wissen, ob …' is the question, never the summary."""
    doc = _parse(tmp_path, KARLSRUHE / "608626.txt")
    assert doc.questions
    assert doc.questions[0].startswith("ob der Bebauungsplan geändert werden muss")
    assert doc.summary is None or "möchten wir wissen" not in doc.summary


def _fold(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().lower()


def _corpus_texts() -> list[tuple[str, str]]:
    texts = [(item.name, item.text) for item in corpus_items("dev")]
    diverse = sorted((TEXT_FIXTURES / "diverse").glob("*.txt"))
    return texts + [(path.name, path.read_text("utf-8")) for path in diverse]


def test_summary_is_never_the_title_nor_a_question() -> None:
    """Over every dev-corpus and diverse text: no summary repeats the title or a question."""
    texts = _corpus_texts()
    if not texts:
        pytest.skip("no corpus texts")
    offenders = []
    for name, text in texts:
        doc = parse_text(text)
        if not doc.summary:
            continue
        summary = _fold(doc.summary)
        if doc.title and summary.startswith(_fold(doc.title)):
            offenders.append((name, "title"))
        for question in doc.questions:
            folded = _fold(question)
            if folded and (folded[:60] in summary or summary[:60] in folded):
                offenders.append((name, "question"))
    assert offenders == []


def _corpus_dev(name: str) -> Path:
    path = corpus_path(name, "dev")
    if not path.is_file():
        pytest.skip(f"corpus text not present: {name}")
    return path


def test_dash_follow_ups_stay_inside_their_question(tmp_path: Path) -> None:
    """Durlach 2024/0989: 'Wird … benötigt?' / 'Wenn ja:' / three '- …?' are one question."""
    doc = _parse(tmp_path, _corpus_dev("karlsruhe-2024-0989-anfrage-fdp-or-durlach-turmbergbahn"))
    assert len(doc.questions) == 1
    lines = doc.questions[0].split("\n")
    assert lines[0].startswith("Wird für die Gewährung der Zuschüsse und öffentlichen Fördermittel")
    assert lines[0].endswith("Wenn ja:")
    assert lines[1:] == [
        "- Wurde von der VBK bereits ein neuer Gutachter beauftragt?",
        "- Welche Firmen wurden beauftragt?",
        "- Liegen bereits Ergebnisse zu den Verkehrszahlen und der Wirtschaftlichkeit vor bzw. bis "
        "wann ist damit zu rechnen?",
    ]


def test_dash_follow_ups_below_a_heading_and_question(tmp_path: Path) -> None:
    """Wolfartsweier 2022: 'Anfrage' heading, 'Gibt es Planungen …?', three dashes: one."""
    doc = _parse(tmp_path, _corpus_dev("karlsruhe-2022-or-wolfartsweier-anfrage-cdu-dachstaender"))
    assert len(doc.questions) == 1
    assert doc.questions[0].startswith("Gibt es Planungen der Stromversorger, die Freileitung")
    assert doc.questions[0].count("\n- ") == 3


def test_numbered_questions_over_a_lettered_sub_list(tmp_path: Path) -> None:
    """2024/1272: '1. Wie …?', '2. Wie ist … in folgenden Bereichen:' a.–h., '3. …?': three."""
    doc = _parse(tmp_path, _corpus_dev("karlsruhe-2024-1272-anfrage-linke-antirassismus"))
    assert len(doc.questions) == 3
    assert doc.questions[0].startswith("Wie ist der aktuelle Stand zur Prüfung der Umsetzbarkeit")
    assert "\nh. Welche Maßnahmen werden ergriffen" in doc.questions[1]
    assert doc.questions[2].startswith("Welche Rolle hat das regionale Demokratiezentrum")


def test_table_value_numbered_10_is_no_list(tmp_path: Path) -> None:
    """2015/0002: 'TOP:' over '10. Plenarsitzung Gemeinderat' (a value), then questions 1.–3."""
    doc = _parse(tmp_path, _corpus_dev("karlsruhe-2015-0002-anfrage-gruene-wak-faesser"))
    assert len(doc.questions) == 3
    assert doc.questions[0].startswith("In welchen Zeitabständen sollen künftig Fässer")
    assert not any("Plenarsitzung" in q for q in doc.questions)


def test_asking_sentence_before_a_question_opens_it(tmp_path: Path) -> None:
    """Durlach 2019: 'Wir stellen die Frage, ob … ist. Darf überall geflogen werden …?': one."""
    doc = _parse(tmp_path, _corpus_dev("karlsruhe-2019-or-durlach-anfrage-cdu-drohnenflug"))
    assert doc.questions == (
        "ob Drohnenflug dort grundsätzlich erlaubt ist. Darf überall geflogen werden oder gibt es "
        "Einschränkungen?",
    )


def test_request_with_erkundigen_gives_its_ob_clause(tmp_path: Path) -> None:
    """Wettersbach 2025/0201: 'Wir möchten uns … darüber erkundigen, ob es möglich ist, …'."""
    doc = _parse(
        tmp_path, _corpus_dev("karlsruhe-2025-0201-anfrage-gruene-or-wettersbach-lastenraeder")
    )
    assert len(doc.questions) == 1
    assert doc.questions[0].startswith("ob es möglich ist, eines der bereits vom Gemeinderat")


def test_one_numbered_question_keeps_its_bullets(tmp_path: Path) -> None:
    """2019/0071: '1. Wie schätzt … ein, …?' over five '•' parts is one question with them."""
    doc = _parse(tmp_path, _corpus_dev("karlsruhe-2019-0071-anfrage-fuer-karlsruhe-innenstadtzone"))
    assert len(doc.questions) == 1
    assert doc.questions[0].startswith("Wie schätzt die Verwaltung die entstehenden Auswirkungen")
    assert doc.questions[0].count("\n• ") == 5
    assert "Sachverhalt" not in doc.questions[0]


def test_asking_lead_in_beats_a_list_of_problems(tmp_path: Path) -> None:
    """Grötzingen 2025: '• …' problems, then 'In diesem Kontext frage ich:' '1.)' '2.)': two."""
    doc = _parse(tmp_path, KARLSRUHE / "665299.txt")
    assert len(doc.questions) == 2
    assert doc.questions[0].startswith("Doppelnutzung von Räumen ab Herbst 2025")
    assert doc.questions[1].endswith(
        "Können wir auch den „Bestandsfamilien“ eine Hortbetreuung garantieren?"
    )


def test_lead_in_with_frage_before_ich_or_wir(tmp_path: Path) -> None:
    """Grötzingen 2021: 'Aus gegebenem Anlass fragen wir:' over 1.–3. gives three questions."""
    doc = _parse(tmp_path, KARLSRUHE / "628211.txt")
    assert len(doc.questions) == 3
    assert (
        doc.questions[1]
        == "Wie erfolgt die derzeit gültige Hochwasser-Warnung für die Grötzinger Bürger?"
    )


def test_form_word_after_the_last_question_stays_out(tmp_path: Path) -> None:
    """Grötzingen 2021: the checkbox form's 'Antrag' below question 3 is no part of it."""
    doc = _parse(tmp_path, KARLSRUHE / "628211.txt")
    assert doc.questions[-1].endswith("wie funktioniert der dortige Ablauf im Notfall?")


def test_lone_lettered_question_above_a_numbered_list(tmp_path: Path) -> None:
    """2018/0109: 'A) <statement> … Wo sehen …?' then '1. …?' '2. …?' and no 'B)': three."""
    doc = _parse(tmp_path, _corpus_dev("karlsruhe-2018-0109-gemeinsame-anfrage-fw-vandalismus"))
    assert len(doc.questions) == 3
    assert doc.questions[0].startswith("Laut Medienberichten ist der in Karlsruhe")
    assert doc.questions[0].endswith("in welchen Kreisen sind die Täter zu verorten?")
    assert (
        doc.questions[1]
        == "Welche Maßnahmen werden ergriffen, um weiterem Vandalismus entgegenzuwirken?"
    )


def test_question_under_anfrage_heading_over_a_list_of_study_topics(tmp_path: Path) -> None:
    """2023/0493: 'Anfrage:' asks one question; '1.–7.' below a non-asking label are its scope."""
    doc = _parse(tmp_path, _corpus_dev("karlsruhe-2023-0493-anfrage-spd-or-wolfartsweier-gewerbe"))
    assert len(doc.questions) == 1
    assert doc.questions[0].startswith("Teilt die Stadtverwaltung Karlsruhe die Ansicht, dass")
    assert doc.questions[0].endswith("eine konzeptionelle Untersuchung sinnvoll ist?")


def test_numbers_with_dot_and_bracket_alone_on_their_lines() -> None:
    """Dresden AF2029/13: '10.)' … '20.)' alone above their text; '14.)' opens page 2."""
    path = _corpus_dev("dresden-AF2029-13-anfrage-gruene-wohnheim-wetterwarte")
    doc = parse_text(path.read_text("utf-8"))
    assert len(doc.questions) == 20
    assert doc.questions[9].startswith("Welche Kosten entstünden, würden generell abgeschlossene")
    assert doc.questions[12] == "Wie viele Duschen sind in den 2 Duschräumen geplant?"
    assert doc.questions[13] == (
        "Wie sollen 3 Waschmaschinen für 60 Personen gegebenenfalls mit Kindern ausreichen "
        "(Vergleichswerte)?"
    )
    assert not any(q.startswith(")") for q in doc.questions)
    other = parse_text(_corpus_dev("dresden-AF2020-13-anfrage-gruene-abschiebungen").read_text())
    assert other.questions[9].startswith("Was geschieht mit den aufgrund psychischen")


def _dresden(name: str) -> ParsedDocument:
    return parse_text(_corpus_dev(name).read_text("utf-8"))


def test_follow_up_inquiry_labels_its_questions_zu_1_zu_2() -> None:
    """Dresden AF2176/13: under 'Fragen:', 'Zu 1. …?' and 'Zu 2. …?' are two questions."""
    doc = _dresden("dresden-AF2176-13-anfrage-gruene-nachfrage-zu-1")
    assert doc.questions == (
        "Liegt inzwischen eine verbindliche Antwort des Finanzministeriums vor? Wenn ja, bitte "
        "ich um Ausreichung. Wenn nein, wann wird diese erwartet?",
        "Liegt das Verkehrswertgutachten inzwischen vor? Weiter siehe 1.",
    )


def test_later_lead_in_inside_a_quoted_inquiry_opens_the_question() -> None:
    """Dresden mAF0007/14 and mAF0367/13: salutation and background before 'Hierzu meine
    Fragen:' / 'Ich frage dazu: Gibt es …?' are context, not the first question."""
    friedhof = _dresden("dresden-mAF0007-14-muendliche-anfrage-gruene-juedischer-friedhof")
    assert friedhof.questions[0].startswith("Ist es der Ernst der Landeshauptstadt Dresden")
    plan = _dresden("dresden-mAF0367-13-muendliche-anfrage-vb-plan")
    assert plan.questions == (
        "Gibt es eine genehmigte Änderung des VB-Plan 573.1 und wann und wo wurde diese "
        "Veränderung beschlossen?",
    )


def test_main_question_above_its_numbered_sub_questions() -> None:
    """Dresden mAF0008/14: '… folgender Frage:' / 'Welche …?' / 'Unterfragen:' / '1.)' '2.)'."""
    doc = _dresden("dresden-mAF0008-14-muendliche-anfrage-linke-de-mail")
    assert len(doc.questions) == 3
    assert doc.questions[0].startswith("Welche Aufwendungen an Personal und Geldmitteln")
    assert doc.questions[1].startswith("Die Telekom wirbt öffentlich mit der Teilnahme")
    assert doc.questions[2].endswith("und welchen wurde gefolgt?")


def test_number_read_as_1_comma_alone_on_its_line(tmp_path: Path) -> None:
    """Dresden mAF0369/13 (OCR '1,' for '1.') through the paged PDF: '1,' is no question text."""
    text = _corpus_dev("dresden-mAF0369-13-antwort-fdp-eissaison").read_text("utf-8")
    doc = parse_pdf_file(render_paged_text(text, tmp_path / "paged.pdf"))
    assert len(doc.questions) == 2
    assert doc.questions[0].startswith("Warum war es nicht möglich, die Eishalle angesichts")


def test_hyphenated_wrap_starting_like_a_heading_goes_on() -> None:
    """Karlsruhe 2010 Stellungnahme: '… neue Windkraft-' / 'anlagen zu nutzen?' is no 'Anlagen'
    heading; the list runs on to its six questions."""
    path = _corpus_dev("karlsruhe-2010-stellungnahme-linke-erneuerbare-energien")
    doc = parse_text(path.read_text("utf-8"))
    assert len(doc.questions) == 6
    assert doc.questions[0].startswith("Wie hat sich die Stromerzeugung aus erneuerbaren")
    assert doc.questions[3].startswith("Hält die Stadt Karlsruhe überkommunale Kooperationen")
