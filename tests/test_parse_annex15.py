"""Papers that quote questions but ask no one, and answers that quote no question (issue 11).

The fourteenth round read the kind from the content when no type word is printed. It took the
annexes that print questions with their replies for answers or inquiries: a survey's report
("Wie bewerten Sie …?" above percentages of "Befragte"), an answer's annex that lists the
questions above the companies' tables (a "Begründung:" cell among the replies), a staff flyer
whose boxes repeat "Was kann ich dazu beitragen?", a planning annex citing "§ 1 BauGB i. V. m.
§ 44 BNatSchG" (read as "i. V." signed for the office). What tells them apart is who asks whom:
a survey or a flyer asks the public or the staff, not the administration.

And an answer whose type words are gone but which keeps the inquiry's name as its subject
("Anfrage: AfD") over a report that asks nothing, or which answers each question with a
sub-question run on after it, is an answer. The office's statement on a motion that keeps the
motion's name as its head ("Antrag" / "SPD-Gemeinderatsfraktion") is no motion.
"""

from __future__ import annotations

import pytest

from bench.kind_variants import rewrite
from fetcher.parse import parse_text
from standins.fixtures import OPARL_FIXTURES

KARLSRUHE = OPARL_FIXTURES / "karlsruhe" / "file-contents"


def _karlsruhe(file_id: str) -> str:
    return (KARLSRUHE / f"{file_id}.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "file_id",
    [
        "595891",  # Beschlussvorlage 2016/0809, Anlage 5: statements of public bodies ("i. V. m.")
        "623933",  # Informationsvorlage 2021/0152: the passers-by survey "Vitale Innenstädte"
        "672230",  # inquiry 2025/0898, Anlage 1: results of the survey among city offices
        "671616",  # inquiry 2025/0898, Anlage 2: the staff flyer "Was kann ich dazu beitragen?"
        "641316",  # inquiry ANF2022/2003, annex: the companies' replies under each question
    ],
)
def test_an_annex_whose_questions_ask_the_public_is_neither_inquiry_nor_answer(
    file_id: str,
) -> None:
    """A survey's report, a flyer's refrain or an answer's annex of replies reads as no kind."""
    assert parse_text(_karlsruhe(file_id)).kind not in ("Anfrage", "Antwort")


def _untyped_statement(name: str) -> str:
    """Return a Karlsruhe Stellungnahme (a fixture text) with its type words taken out."""
    from bench.kind_mixed import karlsruhe_documents

    doc = next(d for d in karlsruhe_documents() if d.name == name)
    text = rewrite(doc.text, "no type word (answer)")
    assert text is not None
    return text


def test_an_inquirys_subject_over_a_report_that_asks_nothing_is_an_answer() -> None:
    """The statement on the AfD's inquiry 2023/0117 ("Anfrage: AfD" below its title, a report
    without a question) is an answer once "STELLUNGNAHME zur Anfrage" is gone."""
    assert parse_text(_untyped_statement("2023/0117:Stellungnahme Anfrage")).kind == "Antwort"


def test_answers_followed_by_a_sub_question_still_answer() -> None:
    """The statement on inquiry 2025/0901 answers 1.1, then asks 1.2 in the same item: each
    answer counts, and the untyped paper is an answer."""
    assert parse_text(_untyped_statement("2025/0901:Stellungnahme Anfrage")).kind == "Antwort"


def test_the_offices_statement_under_a_motions_name_is_no_motion() -> None:
    """The statement on the SPD's motion 2019/0121 ("Park-and-bike-Parkhäuser"), its
    "STELLUNGNAHME zum" taken out, keeps "Antrag" / "SPD-Gemeinderatsfraktion" as its head; the
    office writes it ("Verantwortlich: Dez. 6") and nothing in it moves or justifies: no motion."""
    doc = parse_text(_untyped_statement("2019/0121:Stellungnahme TOP 33"))
    assert doc.kind == "sonstiges"
