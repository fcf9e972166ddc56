"""Real papers that print questions but ask no one in the council: never Anfrage or Antwort.

Run: .venv/bin/python -m bench.public_questions [--paged] [--show]

Reads ../shared/fixtures (I/O); check is never read. Every row is a Karlsruhe file text of
../shared/fixtures/oparl/karlsruhe/file-contents (Karlsruhe is a dev Kommune): the attachments
("Anlage …", "Werkzeug Leitfragen …") of papers whose text holds two question marks or more,
each read by a person once. Their questions ask citizens, staff or companies (a survey's report,
an interview guide, a staff flyer, the public's and the public bodies' statements in a planning
procedure, the tables of companies' replies an answer attaches), or a report quotes them. None
is an inquiry and none answers one on its own (the answer is the Stellungnahme beside it):
expected "sonstiges". Each is read as printed and run together (`flat`), and with --paged
through the paged PDF render (bench.parse_accuracy.via_pdf("paged")).
"""

from __future__ import annotations

import argparse
from collections.abc import Callable

from bench.text_shapes import flat
from bench.variants import pct
from fetcher.model import ParsedDocument
from fetcher.parse import parse_text
from standins.fixtures import OPARL_FIXTURES

KARLSRUHE = OPARL_FIXTURES / "karlsruhe" / "file-contents"

# file id → what the paper is (the paper it is attached to, its OParl file name)
ANNEXES: dict[str, str] = {
    "42873": "Beschlussvorlage, Anlage zu TOP 10c: report on climate change, questions quoted",
    "595891": "Beschlussvorlage 2016/0809, Anlage 5: public bodies' statements (§ … i. V. m. …)",
    "595892": "Beschlussvorlage 2016/0809, Anlage 6: the public's statements, citizens asking",
    "608341": "Beschlussvorlage, Anlage 1 Technopark: the public's statements",
    "608342": "Beschlussvorlage, Anlage 2 Technopark: public bodies' statements",
    "611013": "Beschlussvorlage, Anlage: annual report of the disability advisory board 2018",
    "619624": "Anfrage, Anlage Mitgliedschaften/Vereine: the table an answer attaches",
    "623933": "Informationsvorlage 2021/0152: passers-by survey 'Vitale Innenstädte 2020'",
    "627036": "Anfrage, Anlage Befristungen: the table an answer attaches",
    "627037": "Anfrage, Anlage Leiharbeit: the table an answer attaches",
    "641316": "Anfrage ANF2022/2003, Anlage Gesellschaften: companies' replies per question",
    "646321": "Anfrage, Anlage zur Stellungnahme Inklusion: the replies under each question",
    "648463": "Beschlussvorlage, Anlage 2: synopsis of public bodies' statements",
    "663458": "Anfrage, Anlage zur Stellungnahme: the replies under each question",
    "671616": "Anfrage 2025/0898, Anlage 2: staff flyer 'Was kann ich dazu beitragen?'",
    "672230": "Anfrage 2025/0898, Anlage 1: results of the survey among city offices",
    "678315": "Anfrage 2026/0283: interview guide 'Leitfragen zur Wissensweitergabe'",
    "678316": "Anfrage 2026/0283: the same guide for heads of office",
}
WRONG = ("Anfrage", "Antwort")


def outcomes(paged: bool) -> dict[str, list[tuple[str, str]]]:
    """Return shape → (file id, kind read) per annex."""
    readers: dict[str, Callable[[str], ParsedDocument]] = {
        "original": parse_text,
        "flat": lambda text: parse_text(flat(text)),
    }
    if paged:
        from bench.parse_accuracy import via_pdf  # fpdf2 only when a PDF is rendered

        readers["paged"] = via_pdf("paged")
    result: dict[str, list[tuple[str, str]]] = {}
    for file_id in ANNEXES:
        text = (KARLSRUHE / f"{file_id}.txt").read_text(encoding="utf-8")
        for shape, read in readers.items():
            result.setdefault(shape, []).append((file_id, read(text).kind))
    return result


def table(result: dict[str, list[tuple[str, str]]]) -> str:
    """Return a markdown table: per shape, annexes read as neither, as Anfrage, as Antwort."""
    lines = [
        "| shape | annexes | neither Anfrage nor Antwort | as Anfrage | as Antwort |",
        "|---|---:|---:|---:|---:|",
    ]
    for shape, rows in result.items():
        right = sum(kind not in WRONG for _id, kind in rows)
        inquiry = sum(kind == "Anfrage" for _id, kind in rows)
        answer = sum(kind == "Antwort" for _id, kind in rows)
        lines.append(f"| {shape} | {len(rows)} | {pct(right, len(rows))} | {inquiry} | {answer} |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--paged", action="store_true", help="also read the paged PDF render")
    parser.add_argument("--show", action="store_true", help="list the annexes read wrong")
    args = parser.parse_args()
    result = outcomes(args.paged)
    print(table(result))
    if args.show:
        for shape, rows in result.items():
            for file_id, kind in rows:
                if kind in WRONG:
                    print(shape, file_id, kind, ANNEXES[file_id])


if __name__ == "__main__":
    main()
