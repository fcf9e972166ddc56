"""The kind of a paper that prints no type word, from what its body does (issue 11, round 14).

Real dev documents with their printed type words taken out by bench.kind_variants.rewrite ("no
type word": "STELLUNGNAHME zur Anfrage", "Mitteilungsvorlage", "ANFRAGE" …, every other word as
printed), read as printed and run together (`flat`). Each test fails on main cc89254.
"""

from __future__ import annotations

from bench.kind_variants import rewrite
from bench.text_shapes import flat
from fetcher.parse import parse_text
from tests.corpus_data import corpus_path


def _untyped(name: str, family: str) -> str:
    text = corpus_path(name).read_text("utf-8")
    rewritten = rewrite(text, f"no type word ({family})")
    assert rewritten is not None
    assert rewritten != text
    return rewritten


def test_answer_that_answers_each_question_below_it() -> None:
    """Nordstemmen's notice DS 70/2011 without "Mitteilungsvorlage": each repeated question is
    followed by its answer ("1. Wie viele Baugrundstücke …?" / "Es wurde ein Grundstück
    verkauft"), and its subject "Anfrage der CDU-Fraktion zur Vermarktung …" is the inquiry it
    answers, not its type: an answer."""
    text = _untyped("nordstemmen-DS-70-2011-antwort-cdu-baugrundstuecke", "answer")
    for shaped in (text, flat(text)):
        doc = parse_text(shaped)
        assert doc.kind == "Antwort"
        assert len(doc.questions) == 5


def test_answer_that_quotes_the_questions_then_replies() -> None:
    """Karlsruhe's statement on inquiry 2016/0760 without "STELLUNGNAHME zur Anfrage": the three
    questions quoted, then the administration's long reply ("Die Masten wurden bzw. werden von
    der EnBW errichtet …") under the responsible department ("Verantwortlich: Dez. 5"), with no
    signature of members and no justification: an answer, not the inquiry."""
    text = _untyped("karlsruhe-2016-0760-stellungnahme-fw-feinstaub-turmberg", "answer")
    for shaped in (text, flat(text)):
        assert parse_text(shaped).kind == "Antwort"


def test_answer_that_points_to_another_answer() -> None:
    """A Karlsruhe Ortschaftsrat statement without its type line: "Siehe Antwort zu Frage 1."
    below the second question says it answers."""
    text = _untyped("karlsruhe-2021-or-wolfartsweier-stellungnahme-cdu-steinkreuzstrasse", "answer")
    for shaped in (text, flat(text)):
        assert parse_text(shaped).kind == "Antwort"


def test_notice_with_its_answer_attached_run_together() -> None:
    """Nordstemmen's DS 84/2007 run together into one line, without "Mitteilungsvorlage": the
    attached "Beantwortung der CDU-Anfrage vom 04.07.2007" inside the line makes it an answer."""
    text = _untyped("nordstemmen-DS-84-2007-antwort-cdu-ablaufkanal", "answer")
    assert parse_text(flat(text)).kind == "Antwort"


def test_notice_about_a_motion_is_no_motion() -> None:
    """Nordstemmen's DS 19/2017 without "Mitteilungsvorlage": its subject "Antrag Abschaffung
    Straßenausbaubeitragssatzung" stands above "Inhalt der Mitteilung:", so the paper reports
    on a citizens' motion and is none itself."""
    text = _untyped("nordstemmen-DS-19-2017-mitteilungsvorlage-strassenausbaubeitraege", "answer")
    for shaped in (text, flat(text)):
        assert parse_text(shaped).kind in ("Informationsvorlage", "sonstiges")


def test_inquiry_without_faction_that_asks_a_list() -> None:
    """Leipzig's inquiry VII-F-08632 without its type words, submitted by no faction the parser
    reads: seven questions asked of the administration make it an inquiry."""
    text = _untyped("leipzig-VII-F-08632-anfrage-elektrofahrzeuge-ladepunkte", "inquiry")
    for shaped in (text, flat(text)):
        doc = parse_text(shaped)
        assert doc.kind == "Anfrage"
        assert len(doc.questions) == 7


def test_inquiry_that_asks_in_prose() -> None:
    """Karlsruhe inquiries without "ANFRAGE": "Es wird um eine Aufstellung … gebeten." (2016/0337)
    and "Wir fragen von daher an, ob …" (Ortschaftsrat Durlach) ask the administration."""
    for name in (
        "karlsruhe-2016-0337-anfrage-spd-ganztagsschulen",
        "karlsruhe-2019-or-durlach-anfrage-gruene-schulweg-hubstrasse",
    ):
        text = _untyped(name, "inquiry")
        for shaped in (text, flat(text)):
            assert parse_text(shaped).kind == "Anfrage", name


def test_inquiry_whose_justification_cites_a_motion() -> None:
    """Karlsruhe's inquiry 2014/0802 without "ANFRAGE": five questions, signed "unterzeichnet
    von:", whose justification says "Die GRÜNE Fraktion hatte … beantragt": an inquiry, not a
    motion."""
    text = _untyped("karlsruhe-2014-0802-anfrage-gruene-streuobstwiesen", "inquiry")
    for shaped in (text, flat(text)):
        assert parse_text(shaped).kind == "Anfrage"


def test_motion_that_wants_questions_asked_is_no_inquiry() -> None:
    """Nordstemmen's motion DS 34/2023 without "Antrag": the Green group wants associations asked
    two questions ("wünschen wir uns eine Bedarfsermittlung", "a) Wie sieht Ihre aktuelle
    Nutzung …?"): neither an inquiry nor an answer."""
    text = _untyped("nordstemmen-DS-34-2023-antrag-gruene-bedarfsermittlung", "negative")
    for shaped in (text, flat(text)):
        assert parse_text(shaped).kind not in ("Anfrage", "Antwort")
