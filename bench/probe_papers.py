"""Whole probe papers: short texts written the way other Kommunen set inquiries and answers.

Run: .venv/bin/python -m bench.probe_papers [-v] [--via-pdf] [DIR]

bench/probe_papers/ holds the texts two rounds wrote as probes (synthetic, not from any
corpus document and not modelled on a check Kommune's layout): letters and forms of inquiries,
answer letters, statements and a motion, each with the fields a reader expects in NAME.json
(kind, factions, question count, the first question's opening, reference). Each text is read as
printed, run together (bench.text_shapes.flat) and one line per paragraph (paragraphs); the table
counts the papers with every field right, -v prints each miss. A probe points to a structure; the
fixes are tested on real documents (tests/test_parse_*19.py, *20.py), never on these texts.
The nineteenth round wrote the first 21 (d, e, f); the twentieth added four families, synthetic
and written the way councils in other Länder print their papers (never a check Kommune's layout):
asks20-NN and answers20-NN (questions in prose and answer layouts), refs20-NN (heads that print
the paper's own number in other shapes — labels with dashes and odd spacing, a stamp, an e-mail
subject, a running head on page 2 only — or only numbers that are not its own: Az., TOP, phone,
IBAN, Flurstück, Amtsblatt, a law, another paper cited) and letters20-NN (letters of council
groups: a Bezirksvertretung's speaker, two groups' signers side by side, a fraktionslos member, an
answer to a faction, a logo word above "Kreistagsfraktion <place>", "Für die Fraktion <group>"
above two signers, a letterhead run into the place and date line). The twenty-first round added
six families: lists21-NN (list labels of every style: glyphs, slipped numbers, quoted mail),
prose21-NN (questions and requests in letters and e-mails without labels), refs21-NN (the
paper's own number in forms and letters of other council systems, and traps), factions21-NN
(letters and forms of council groups in other Länder: a letterhead in two columns run together,
the group only in the signature, Fraktionsgemeinschaften, local lists with names of their own,
fraktionslos members, answers citing a group's inquiry, parties named in the Begründung as
traps), answers21-NN (answer letters, Q/A tables, answers holding lists of their own) and
titles21-NN (heads of every order and label, whose expected titles and summaries
bench.probe_titles reads).

Through a rendered PDF instead of the text shapes (what a user's PDF goes through):
    .venv/bin/python -m bench.probe_papers --via-pdf [-v]        # paged, letter and column renders
A folder of papers in the same format may be given last (default: bench/probe_papers/).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path

from bench.text_shapes import flat, paragraphs
from fetcher.model import ParsedDocument
from fetcher.parse import parse_text

PAPERS = Path(__file__).parent / "probe_papers"
SHAPES: dict[str, Callable[[str], str]] = {
    "text": lambda text: text,
    "flat": flat,
    "para": paragraphs,
}


def misses(
    text: str, want: dict[str, object], read: Callable[[str], ParsedDocument] = parse_text
) -> list[str]:
    """Return the fields of one reading that differ from the labels. Pure with parse_text."""
    doc = read(text)
    questions = list(doc.questions)
    first = str(want["first"])
    wrong = []
    if doc.kind != want["kind"]:
        wrong.append(f"kind={doc.kind}")
    if list(doc.factions) != want["factions"]:
        wrong.append(f"factions={list(doc.factions)}")
    if len(questions) != want["count"]:
        wrong.append(f"count={len(questions)}")
    if first and not (questions and questions[0].startswith(first)):
        wrong.append(f"first={questions[0][:50] if questions else None!r}")
    if (doc.reference or None) != want["ref"]:
        wrong.append(f"reference={doc.reference}")
    return wrong


def main(argv: list[str]) -> None:
    verbose = "-v" in argv
    folders = [arg for arg in argv if not arg.startswith("-")]
    papers = sorted((Path(folders[0]) if folders else PAPERS).glob("*.txt"))
    if "--via-pdf" in argv:
        from bench.parse_accuracy import via_pdf  # renders PDFs: fpdf2 only here

        readers = {style: (_same, via_pdf(style)) for style in ("paged", "letter", "column")}
    else:
        readers = {shape: (reshape, parse_text) for shape, reshape in SHAPES.items()}
    right = dict.fromkeys(readers, 0)
    for path in papers:
        want = json.loads(path.with_suffix(".json").read_text("utf-8"))
        text = path.read_text("utf-8")
        for name, (reshape, read) in readers.items():
            wrong = misses(reshape(text), want, read)
            right[name] += not wrong
            if wrong and verbose:
                print(f"{path.stem} {name}: {'; '.join(wrong)}")
    print("| reading | papers with every field right |")
    print("|---|---:|")
    for name, count in right.items():
        print(f"| {name} | {count} of {len(papers)} |")


def _same(text: str) -> str:
    return text


if __name__ == "__main__":
    main(sys.argv[1:])
