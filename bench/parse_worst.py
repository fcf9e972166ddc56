"""Worst-case inputs: how parse_text's time grows with a phrase repeated N times. Timed.

Run: .venv/bin/python -m bench.parse_worst [--sizes 300,1200] [--all]

Each phrase that one of the parser's readers looks for (a member and role, a faction label, a list
label, a heading, a reference, a slash-joined group name …) is repeated N times, run together on one
line, one per line, and glued into one token followed by a few head lines, and parsed; the table
gives the time at each size and the growth from the smallest to the largest size. A reader that
scans a long line again from every word grows with the square of N (×16 for 4× the size), a linear
one like N (×4). Rows that grow more than ×8 are the ones to look at (--all prints every row). The
ParserPool's per-file timeout bounds a real sync whatever this table says; `ratsbot parse` has no
pool.
"""

from __future__ import annotations

import argparse
import time

from fetcher.parse import parse_text

PHRASES = (
    "Stadtrat Max Muster, ",
    "Stadträtin Erika Beispiel, DIE LINKE. ",
    "SPD-Fraktion, ",
    "SPD und CDU ",
    "Gruppe SPD/Volt/FDP/CDU ",
    "A/B/C/D/",
    "Müller (CDU) ",
    "Ratsmitglieder der GfK, ",
    "Die Fraktion Bündnis 90/Die Grünen bittet ",
    "fraktion@spd-stadt.de ",
    "Anfrage Nr. 12/2023 ",
    "Drucksache 19/1234 ",
    "VO/2023/1234 ",
    "Vorlage DS ",
    "Drucksache Nr. (ggf. Nachtragsvermerk) ",
    "S0123/21 ",
    "Anfrage S0123/21 ",
    "Kleine Anfrage ",
    "E I N L A D U N G ",
    "1. Wie viele? ",
    "1.1 ",
    "a) ",
    "(1) ",
    "I. ",
    "A. ",
    "Frage 1: ",
    "- Wie? ",
    "Antwort zu 1: ",
    "Zu 1. ",
    "Begründung: ",
    "Anfrage gem. § 1 Abs. 2 GO ",
    "wir bitten um Auskunft, ob: Wort ",
    "Sehr geehrte Damen und Herren, ",
    "Mit freundlichen Grüßen ",
    "Seite 1 von 2 ",
    "ob ",
    "? ",
    # the twenty-first round's readers: outline and slipped numbers run together, a local list's
    # name before its seat, an e-mail's quote marks, box labels (no row steeper than ×8 at merge)
    "1.1 Wie geht es? 1.2 Was ist? ",
    "1. Wie? 2. Was? 2. Wer? 4. Wo? ",
    "Aktive Bürger Fraktion im Stadtrat ",
    "> > ",
    "☐ Wie viele? ",
)


# After a long token without spaces (a base64 blob, a table run together): the head lines that
# the submitter, faction and kind readers look at, so they scan the token too.
_HEAD = "\nAnfrage der SPD-Fraktion\nStadtrat Max Muster (CDU)\n1. Wie viele?\n"


def _seconds(text: str) -> float:
    start = time.perf_counter()
    parse_text(text)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="300,1200", help="repetitions, comma-separated")
    parser.add_argument("--all", action="store_true", help="print every row, not only steep ones")
    args = parser.parse_args()
    sizes = [int(size) for size in args.sizes.split(",")]
    print("| phrase | shape | " + " | ".join(f"{n}× (s)" for n in sizes) + " | growth |")
    print("|---|---|" + "---:|" * (len(sizes) + 1))
    for phrase in PHRASES:
        for shape, text_of in (
            ("one line", lambda n, p=phrase: p * n),
            ("lines", lambda n, p=phrase: (p.rstrip() + "\n") * n),
            ("one token, then a head", lambda n, p=phrase: "".join(p.split()) * n + _HEAD),
        ):
            times = [_seconds(text_of(n)) for n in sizes]
            growth = times[-1] / max(times[0], 0.01)
            if args.all or growth > 2 * sizes[-1] / sizes[0]:
                cells = " | ".join(f"{t:.2f}" for t in times)
                print(f"| `{phrase.strip()}` | {shape} | {cells} | ×{growth:.0f} |", flush=True)


if __name__ == "__main__":
    main()
