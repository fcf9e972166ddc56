"""The title after a meeting line, an announcing lead-in, an answer's phrase, an e-mail's reply
marks, an agenda line and a letterhead's contact line (issue 11, twenty-first round).

Real dev documents, their head rewritten by bench.title_variants' own layouts, read as printed,
flat (an OParl File.text run together) and para.
"""

from __future__ import annotations

import pytest

from bench import title_variants as tv
from fetcher.parse import parse_text
from tests.variant_cases import SHAPES, dev_item, head_rewritten

_SHAPES = SHAPES
_INQUIRY = "dresden-AF2006-13-anfrage-gruene-schulbaumassnahmen"
_FORM_INQUIRY = "dresden-AF2013-13-anfrage-gruene-hochbauamt-projektleiter"
_ANSWER = "LANDTAG-niedersachsen-19-11161-kleine-anfrage-mit-antwort"


def _title(text: str, shape: str) -> str | None:
    return parse_text(_SHAPES[shape](text)).title


@pytest.mark.parametrize("name", [_INQUIRY, _FORM_INQUIRY])
def test_meeting_run_together_leaves_the_title(name: str) -> None:
    """Run together, "… der Fraktion F zur Sitzung des Rates am <date>" ends before the subject."""
    text, title = head_rewritten(name, tv.MEETING_LINE)
    assert _title(text, "flat") == title


@pytest.mark.parametrize("shape", sorted(_SHAPES))
@pytest.mark.parametrize("name", [_INQUIRY, _FORM_INQUIRY])
def test_subject_the_lead_in_announces_is_the_title(name: str, shape: str) -> None:
    """An e-mail's "… stelle ich folgende Anfrage:" names the subject on the next line, whatever
    follows it (a form's "Einleitung:", prose)."""
    text, title = head_rewritten(name, tv.MAIL)
    assert _title(text, shape) == title


@pytest.mark.parametrize("shape", sorted(_SHAPES))
def test_answer_phrase_leaves_the_title(shape: str) -> None:
    """ "Beantwortung der Anfrage der Fraktion F vom <date>:" before the subject is no title."""
    text, title = head_rewritten(_ANSWER, tv.ANSWER_PHRASE)
    assert _title(text, shape) == title


@pytest.mark.parametrize("shape", ["text", "para"])
def test_mail_marks_and_type_word_leave_the_title(shape: str) -> None:
    """A forwarded e-mail's "Betreff: AW: WG: Anfrage <subject>" gives the subject alone."""
    text, title = head_rewritten(_INQUIRY, tv.MAIL_MARKS)
    assert _title(text, shape) == title


@pytest.mark.parametrize("shape", ["text"])
def test_agenda_line_is_no_title(shape: str) -> None:
    """ "Sitzung des Rates am <date> – Tagesordnungspunkt 7" is skipped: the subject below is."""
    text, title = head_rewritten(_INQUIRY, tv.AGENDA_LINE)
    assert _title(text, shape) == title


def test_contact_line_is_no_title() -> None:
    """A letterhead's line with a phone number and an e-mail address is never the title."""
    text, title = head_rewritten(_INQUIRY, tv.CONTACT_LINE)
    assert _title(text, "text") == title


@pytest.mark.parametrize(
    ("variant", "shape"),
    [(tv.TABLE_ROWS, "text"), (tv.LABEL_CELL, "text"), (tv.LABEL_CELL, "para")],
)
def test_subject_cell_of_a_form_table_is_the_title(variant: str, shape: str) -> None:
    """A subject label as a table's cell gives the value beside or below it: the cell under
    "Betreff" in the row below the labels, the line under "Titel" alone."""
    text, title = head_rewritten(_INQUIRY, variant)
    assert _title(text, shape) == title


@pytest.mark.parametrize("shape", sorted(_SHAPES))
def test_short_subject_label_leaves_the_title(shape: str) -> None:
    """ "Betr.: <subject>" is read like "Betreff: <subject>": the label is no part of the title."""
    text, title = head_rewritten(_INQUIRY, "label Betr.:")
    assert _title(text, shape) == title


@pytest.mark.parametrize("shape", ["text", "para"])
def test_department_code_before_the_subject_is_no_title(shape: str) -> None:
    """Karlsruhe's "Dez. 3" cell in the column before the subject is left out of the title."""
    item = dev_item("karlsruhe-2018-0587-stellungnahme-fdp-schwimmunterricht")
    lines = [line.strip() for line in item.text.split("\n")]
    subject = lines[lines.index("Dez. 3") + 1]
    assert _title(item.text, shape) == subject


def test_summary_leaves_the_meeting_and_the_title_out() -> None:
    """A meeting line and the title above the text are no part of the summary."""
    name = "karlsruhe-2019-or-durlach-anfrage-cdu-drohnenflug"
    text, title = head_rewritten(name, tv.MEETING_LINE)
    summary = parse_text(text).summary
    assert summary
    assert not summary.startswith("zur Sitzung")
    assert title not in summary[: len(title) + 40]
