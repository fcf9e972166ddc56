"""Who a letter goes to: addressee blocks, copy and distribution lines, taken out of the lines
read for the sender. Pure.

A group named as a recipient did not send the paper: "Verteiler: an die Fraktionen SPD und CDU",
"Kopie: SPD-Fraktion, CDU-Fraktion", "cc: fraktion@spd-musterstadt.de", a sentence "… geht an
alle Fraktionen des Rates", and the addressee block of a letter (DIN 5008: "An die" / "Herrn" /
"Frau" opening it, the postcode line or a blank line ending it). An ANSWER is the exception for
its addressee: it is addressed to the member or faction that asked (Dresden's answers: "CDU-
Fraktion / im Stadtrat der Landeshauptstadt Dresden / Herrn Stadtrat …"), and the inquirer is
the faction the answer belongs to, so the caller keeps an answer's addressee block. Every line
keeps its place (a recipient's text becomes empty), so line numbers stay valid.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from fetcher.parse.pattern_gates import gated
from fetcher.parse.text import HEADER_LINES
from fetcher.parse.wording import SALUTATION

# A copy or distribution label: "Kopie:", "cc:", "Verteiler:", "Nachrichtlich an:", "z. K.:".
_COPY_LABEL = (
    r"(?:Kopie|Kopien|Abschrift|Durchschrift|Abdruck|cc|bcc|CC|Verteiler|Nachrichtlich|"
    r"zur\s+Kenntnis(?:nahme)?|z\.\s?K\.)(?:\s+(?:an|für))?"
)
_COPY_LINE = re.compile(rf"^\s*(?i:{_COPY_LABEL})\s*:?(?:\s|$)")
# Inside a run-together line the label needs its colon: "… Grüßen Max Muster Kopie: X-Fraktion".
_COPY_INLINE = re.compile(rf"(?<=\s)(?i:{_COPY_LABEL})\s*:\s*")
# A continued list of recipients under the label: "- SPD-Fraktion", "CDU-Fraktion".
_LIST_ITEM = re.compile(r"^\s*(?:[-–•·*]\s*)?[^.?!:]{1,60}$")
# A plural recipient in prose: "an die Fraktionen SPD und CDU", "an alle Fraktionen des Rates".
# "\s+(?:die …)?\s*" split a long run of spaces between its two quantifiers in every way (20,000
# tabs after "an": a minute); the spaces after "die" are its own, the same matches.
_TO_ALL = re.compile(
    r"\b(?:an|allen)\s+(?:(?:die|alle|sämtliche)\s*)?(?:\w+\s+)?(?:Rats|Stadtrats|Gemeinderats|"
    r"Kreistags)?(?:[Ff]raktionen|[Gg]ruppen)\b[^.;:?!\n]{0,80}"
)
_TO_ALL = gated(_TO_ALL)  # the same matches, tried only where one can start
# What ends a copy list run into a line: a closing, a salutation, a sentence.
_LIST_END = re.compile(r"Mit\s+freundlichen|Sehr\s+geehrte|\.\s|[?!]")
# An addressee block opens with "An" ("An die", "An den", "An das") or a form of address.
_ADDRESSEE_OPEN = re.compile(r"^\s*(?:An(?:\s+(?:die|den|das)\b)?|Herrn|Frau)(?:\s|$)")
_ADDRESSEE_INLINE = re.compile(r"(?:(?<=\s)|^)(?:An\s+(?:die|den|das)|Herrn|Frau)\s")
# The postcode line that ends it: "12345 Musterstadt" (also "D-12345").
_POSTCODE = re.compile(r"(?<![\w/-])(?:D-)?\d{5}\s+[A-ZÄÖÜ][\wäöüß.-]*")
_MAX_BLOCK_LINES = 7
_MAX_INLINE_BLOCK = 200


def _cut_copies(line: str) -> str:
    """Return a line without a copy list run into it ("… Kopie: X-Fraktion, Y-Fraktion")."""
    match = _COPY_INLINE.search(line)
    if not match:
        return line
    end = _LIST_END.search(line, match.end())
    stop = min(end.start() if end else len(line), match.end() + 150)
    return line[: match.start()] + line[stop:]


def _cut_inline_addressee(line: str) -> str:
    """Return a run-together line without an addressee block that a postcode line ends."""
    out, at = [], 0
    for match in _ADDRESSEE_INLINE.finditer(line):
        if match.start() < at:
            continue
        postcode = _POSTCODE.search(line, match.end(), match.end() + _MAX_INLINE_BLOCK)
        if postcode:
            out.append(line[at : match.start()])
            at = postcode.end()
    return "".join(out) + line[at:] if out else line


def without_recipients(lines: Sequence[str], *, addressee: bool = True) -> list[str]:
    """Return the lines with every recipient's text emptied (same number of lines).

    `addressee=False` keeps the addressee block (an answer's addressee is the inquirer).
    """
    out = list(lines)
    # An addressee block stands above the salutation, in the head of the letter.
    head_end = next((i for i, x in enumerate(out) if SALUTATION.match(x)), HEADER_LINES)
    i = 0
    while i < len(out):
        line = out[i]
        addressee_here = addressee and i < head_end
        if _COPY_LINE.match(line):
            out[i] = ""
            k = i + 1
            while k < len(out) and k <= i + 8 and out[k].strip() and _LIST_ITEM.match(out[k]):
                out[k] = ""  # the list goes on below its label
                k += 1
            i = k
            continue
        if addressee_here and _ADDRESSEE_OPEN.match(line) and len(line) <= 80:
            block = [i]
            k = i + 1
            while k < len(out) and len(block) < _MAX_BLOCK_LINES and out[k].strip():
                block.append(k)
                if _POSTCODE.search(out[k]):
                    break
                k += 1
            ended = _POSTCODE.search(out[block[-1]]) or k >= len(out) or not out[k].strip()
            if not ended:  # no end found: the opening line only ("An die" and its name)
                block = block[:2] if re.fullmatch(r"\s*An(?:\s+\w+)?\s*", line) else block[:1]
            for k in block:
                out[k] = ""
            i = block[-1] + 1
            continue
        line = _cut_copies(line)
        if addressee_here and len(line) > 80:  # run together: the head before the salutation
            salute = re.search(r"Sehr\s+geehrte|Liebe[rs]?\s", line)
            at = salute.start() if salute else len(line)
            line = _cut_inline_addressee(line[:at]) + line[at:]
        out[i] = _TO_ALL.sub("", line)
        i += 1
    return out
