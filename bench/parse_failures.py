"""Per-document parser failures on the labelled corpus's DEV split; prints one block per document.

Run: .venv/bin/python -m bench.parse_failures
     [--path text|plain|paged|letter|column|table|drawn|boxes|scan] [--shape NAME] [--sample N]

For each dev document with a scored field wrong: its name, Kommune, layout, the wrong fields, and
label against parse (kind, question count, factions, first question, reference). The check split
is never listed here: it is measured by totals only (bench.parse_accuracy). Reads files (I/O).
"""

from __future__ import annotations

import argparse

from bench.parse_accuracy import reader, score_document
from bench.text_shapes import SHAPES
from tests.corpus_data import corpus_items


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--path",
        default="text",
        choices=("text", "plain", "paged", "letter", "column", "table", "drawn", "boxes", "scan"),
    )
    parser.add_argument("--shape", choices=sorted(SHAPES), help="bench.text_shapes shape first")
    parser.add_argument("--sample", type=int, default=1, metavar="N", help="every Nth document")
    args = parser.parse_args()
    parse = reader(args.path, args.shape)
    for item in corpus_items("dev")[:: args.sample]:
        doc = parse(item.text)
        wrong = [field for field, right in score_document(item.label, doc).items() if not right]
        if not wrong:
            continue
        label = item.label
        first = doc.questions[0][:60] if doc.questions else None
        print(item.name, label["kommune"], label["style"], wrong)
        print(
            "   label:",
            label["kind"],
            label.get("questions"),
            label.get("factions"),
            repr(label.get("first_question_start")),
            label.get("reference"),
        )
        print("   parse:", doc.kind, len(doc.questions), doc.factions, repr(first), doc.reference)


if __name__ == "__main__":
    main()
