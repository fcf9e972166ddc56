"""Assemble a ParsedDocument from page texts (pure) and from a PDF file (reads it; never raises)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from fetcher import pdf
from fetcher.classify import is_citizen_inquiry
from fetcher.model import ParsedDocument
from fetcher.parse.answers import find_answers
from fetcher.parse.bare_numbers import paper_reference
from fetcher.parse.consultations import consultations_from_tables, find_consultations
from fetcher.parse.content_kind import (
    Signals,
    answer_by_content,
    answers_read,
    asks_by_content,
    notice_below,
    signals,
    states_on_motion,
)
from fetcher.parse.fields import find_header_end
from fetcher.parse.footnote_marks import unmarked_pages
from fetcher.parse.header import find_status, find_title
from fetcher.parse.hints import PaperHints, apply_hints, hinted_kind
from fetcher.parse.kind import find_doc_label, kind_from_content, kind_from_label
from fetcher.parse.letter_blocks import edge_lines, page_edge_groups
from fetcher.parse.questions import find_questions
from fetcher.parse.recipients import without_recipients
from fetcher.parse.relines import relined_pages
from fetcher.parse.sender_addresses import address_groups
from fetcher.parse.senders import is_place, places_in
from fetcher.parse.submitters import (
    KA_FACTION_LINE,
    factions_in_prose,
    factions_of_submitter,
    find_submitters,
    without_faction,
)
from fetcher.parse.summary import SUMMARY_MAX_CHARS, prose_only, section_text, summarise
from fetcher.parse.text import HEADER_LINES, bounded_blanks, clean_lines
from fetcher.parse.type_names import names_decision_paper
from fetcher.parse.wording import ADDRESSEE, SALUTATION
from fetcher.privacy import citizen_names, redact_names


def parse_pages(
    pages: Sequence[str],
    *,
    ocr: bool = False,
    page_count: int | None = None,
    hints: PaperHints | None = None,
) -> ParsedDocument:
    """Turn the text of a council document (one string per page) into a ParsedDocument.

    `hints` (OParl metadata of the paper) win over what the text says; the text fills the gaps.
    """
    relined = relined_pages([bounded_blanks(page) for page in unmarked_pages(pages)])
    lines = clean_lines(relined)
    full_text = "\n".join(lines).strip()
    doc_label = find_doc_label(lines)
    label = doc_label[1] if doc_label else None
    reference = paper_reference(lines, relined)
    kind = kind_from_content(lines, label, doc_label[0] if doc_label else None)
    if kind == "sonstiges" and any(
        (KA_FACTION_LINE.match(x) and x.startswith("Anfrage")) or re.match(r"^Anfrage\s*:?$", x)
        for x in lines[:HEADER_LINES]
    ):
        kind = "Anfrage"  # Karlsruhe Ortschaftsrat forms: no type line, only "Anfrage:"
    consultations, table_end = find_consultations(lines)
    header_end = max(table_end, find_header_end(lines))
    # No type word of its own (or one no rule knows): what the body does says the kind
    # (content_kind): an answer repeats the questions and answers them, signed by the office.
    if kind in ("Antrag", "Anfrage") and notice_below(lines, doc_label[0] if doc_label else None):
        # "Antrag Abschaffung …" / "Inhalt der Mitteilung:": the paper it reports on is its subject
        kind = "Informationsvorlage" if kind == "Antrag" else "Antwort"
    content = Signals(0, 0)
    if kind in ("sonstiges", "Vorlage", "Anfrage", "Antrag") and not names_decision_paper(label):
        content = signals(lines, header_end, answers_read(lines, header_end))
        if answer_by_content(kind, label, doc_label[2] if doc_label else "", content):
            kind = "Antwort"
        elif kind == kind_from_label(label) == "Antrag" and states_on_motion(content):
            kind = "sonstiges"  # the motion named is the subject of the office's statement
    kind = hinted_kind(kind, hints)
    citizen = is_citizen_inquiry(label, reference)
    # The sender is read without the recipients (recipients.py): copy and distribution lines,
    # and the addressee block, except an answer's (addressed to the faction that asked).
    senders = without_recipients(lines, addressee=kind != "Antwort")
    submitters = [] if citizen else find_submitters(senders, doc_label[0] if doc_label else None)
    factions: list[str] = []
    places = places_in(senders[:HEADER_LINES])
    for submitter in submitters:
        named = [n for n in factions_of_submitter(submitter) if not is_place(n, places)]
        factions += [n for n in named if n not in factions]
    letter = any(SALUTATION.match(x) or ADDRESSEE.match(x) for x in lines[:HEADER_LINES])
    if not factions and not citizen and not without_faction(senders[:HEADER_LINES]):
        # else a sender line at the edge of the pages (letter_blocks: a footer on every page),
        # else the group's own e-mail or web address there (sender_addresses)
        pages = [
            "\n".join(without_recipients(p.split("\n"), addressee=kind != "Antwort"))
            for p in relined
        ]
        factions = factions_in_prose(senders, letter=letter) or page_edge_groups(pages)
        if not factions:
            edges = edge_lines(pages)
            factions = address_groups(edges, places_in(edges))
    questions: list[str] = []
    answers: list[str] = []
    if kind == "Antwort":
        questions, answers, _preamble = find_answers(lines, header_end)
        if not questions:  # an answer quoting the inquiry in its own layout (letter, run-in text)
            questions = find_questions(lines, header_end, kind="Anfrage", requests=False)
    elif kind != "Niederschrift":  # minutes quote citizens' questions and answers: no inquiry
        questions = find_questions(lines, header_end, kind=kind)
    # No type word, only "Vorlage Nr." or nothing: a faction's paper or a letter that asks is an
    # inquiry. A paper labelled otherwise ("Stellungnahme" of a Stadtteilbeirat) keeps its kind.
    # A Beschlussvorlage is the administration's paper by its own name ("Beschlussvorlage-Nr.
    # VII-P-…", Leipzig), never a faction's inquiry: its resolution's items and a petition
    # attached with its salutation (one line per page, all in the head) ask nothing.
    untyped = (
        (kind == "Vorlage" and not names_decision_paper(label))
        or (kind == "sonstiges" and label is None)
        # a motion read from the prose only ("… hatte im November beantragt, …"), no type line
        or (kind == "Antrag" and kind_from_label(label) != "Antrag")
    )
    asks = content.inquiry >= 1 and content.answer < 2  # "Wir fragen …", a members' signature
    asked = questions
    if untyped and not questions and (factions or letter or asks):
        # one question in prose
        asked = find_questions(lines, header_end, kind="Anfrage", requests=False)
    if (
        untyped
        and (asked or content.inquiry >= 1)
        and asks_by_content(
            content, len(asked), moved=kind == "Antrag", sent=bool(factions or letter)
        )
    ):
        kind, questions = "Anfrage", asked  # a paper that asks, without a type word
    elif (
        untyped
        and kind != "Antrag"
        and asked
        and (factions or letter)
        and not (content.motion or content.public)
    ):
        # a faction's paper or a letter that asks questions, without a type word
        kind, questions = "Anfrage", asked
    # The justification only (Sachverhalt, Begründung, Vorbemerkung, the letter's prose before the
    # questions): never the title, never a question; none when there is no justification.
    summary_source = section_text(lines, header_end)[: 8 * SUMMARY_MAX_CHARS]
    title = find_title(lines, doc_label)
    summary = summarise(prose_only(summary_source, title, questions))
    if citizen:  # a private person's name never leaves the parser in a shown field
        private = citizen_names((), full_text)
        title = redact_names(title, private) if title else title
        summary = redact_names(summary, private) if summary else summary
        questions = [redact_names(q, private) for q in questions]
        answers = [redact_names(a, private) for a in answers]
    parsed = ParsedDocument(
        kind=kind,
        reference=reference,
        title=title,
        submitters=tuple(submitters),
        factions=tuple(factions),
        status=find_status(lines),
        consultations=tuple(consultations),
        questions=tuple(questions),
        answers=tuple(answers) if answers and len(answers) == len(questions) else (),
        summary=summary,
        pages=page_count if page_count is not None else len(pages),
        text_chars=len(full_text),
        ocr=ocr,
        full_text=full_text,
    )
    return apply_hints(parsed, hints)


def parse_text(text: str) -> ParsedDocument:
    """Parse a whole document's text; form feeds separate pages."""
    return parse_pages(text.split("\f"))


def parse_pdf_file(
    path: Path, *, max_pages: int = 300, ocr: bool = True, hints: PaperHints | None = None
) -> ParsedDocument:
    """Read and parse a PDF; never raise: unreadable files give parse_status and parse_error.

    `hints`: the paper's OParl metadata (paperType, reference, name, originators); it wins over
    the PDF where present, also when the PDF cannot be read.
    """
    try:
        extracted = pdf.extract_text(path, max_pages=max_pages, ocr=ocr)
    except pdf.PdfError as exc:
        return apply_hints(
            ParsedDocument(parse_status=exc.status, parse_error=exc.message, pages=exc.page_count),
            hints,
        )
    except Exception as exc:
        return ParsedDocument(parse_status="broken", parse_error=f"PDF nicht lesbar: {exc!r}")
    try:
        doc = parse_pages(
            extracted.pages, ocr=extracted.ocr, page_count=extracted.page_count, hints=hints
        )
        if not doc.consultations and re.search(r"Beratungsfolge|Gremi", doc.full_text[:3000]):
            # Layout fallback: the header block is a ruled table whose cells pdfium may interleave.
            tables = pdf.header_tables(path)
            rows = consultations_from_tables(tables)
            if rows:
                doc = replace(doc, consultations=tuple(rows))
    except Exception as exc:
        return ParsedDocument(
            pages=extracted.page_count, parse_status="broken", parse_error=f"Parser-Fehler: {exc!r}"
        )
    if extracted.warning_status:
        doc = replace(doc, parse_status=extracted.warning_status, parse_error=extracted.warning)
    return doc


_KIND_LABELS = {
    "Anfrage": "Anfrage",
    "Antwort": "Antwort",
    "Antrag": "Antrag",
    "Vorlage": "Vorlage",
}


def format_parsed(doc: ParsedDocument) -> str:
    """Render a ParsedDocument for humans (German labels), for `ratsbot parse FILE.pdf`."""
    out = [
        f"Art:          {doc.kind}",
        f"Aktenzeichen: {doc.reference or '–'}",
        f"Betreff:      {doc.title or '–'}",
        f"Eingereicht:  {', '.join(doc.submitters) or '–'}",
        f"Fraktionen:   {', '.join(doc.factions) or '–'}",
        f"Status:       {doc.status or '–'}",
        f"Seiten:       {doc.pages} ({doc.text_chars} Zeichen{', OCR' if doc.ocr else ''})",
    ]
    if doc.parse_status == "ocr_unavailable":
        return f"Nicht gelesen: {doc.parse_error}"
    if doc.parse_status != "ok":
        out.append(f"Lesefehler:   {doc.parse_status} – {doc.parse_error or ''}")
    if doc.consultations:
        out.append("Beratungsfolge:")
        for c in doc.consultations:
            when = c.date.strftime("%d.%m.%Y") if c.date else "ohne Termin"
            out.append(f"  - {c.committee}, {when}" + (f", {c.role}" if c.role else ""))
    if doc.questions:
        out.append("Fragen:")
        for n, question in enumerate(doc.questions, 1):
            out.append(f"  {n}. {question}")
            if doc.answers and doc.answers[n - 1]:
                out.append(f"     Antwort: {doc.answers[n - 1]}")
    if doc.summary:
        out.append(f"Zusammenfassung: {doc.summary}")
    return "\n".join(out)
