"""The summary: leading whole sentences of the justification (Sachverhalt/Begründung). Pure."""

from __future__ import annotations

import re
from collections.abc import Sequence

from fetcher.parse.kind import DOC_LABEL
from fetcher.parse.markers import list_marker
from fetcher.parse.quotes import opening_mark_removed
from fetcher.parse.text import HEADER_LINES, join_lines, sentences, wraps
from fetcher.parse.wording import INTRO

SUMMARY_MAX_CHARS = 400
_FORM_LABEL = re.compile(r"^(?:Einleitung|Fragen)\s*:$")
_ANSWERING = re.compile(r"\b(?:be)?antworte\b|\bwie folgt Stellung\b|\bStellung\b.*\bwie folgt\b")


def summarise(text: str, max_chars: int = SUMMARY_MAX_CHARS) -> str | None:
    """Return the leading whole sentences of `text` that fit into max_chars."""
    text = re.sub(r"\s+", " ", text).strip()
    if not text:
        return None
    summary = ""
    for sentence in sentences(text):
        candidate = f"{summary} {sentence}".strip()
        if len(candidate) > max_chars:
            break
        summary = candidate
    if not summary:
        cut = text[: max_chars - 1].rsplit(" ", 1)[0]
        summary = cut.rstrip(",;:– ") + "…"
    return summary


_SECTION_HEADING = re.compile(
    r"^(?:Sachverhalt|Begründung|Ergänzende Erläuterungen|Erläuterung|Hintergrund"
    r"|Vorbemerkung(?:\s+de[rs]\s+(?:Abgeordneten|Fragesteller\w*))?\s*$"
    r"|Inhalt der Mitteilung|Zur Begründung|[A-Z]\.\s+Zielsetzung)",
    re.I,
)
_REPEATED_HEADING = re.compile(r"^(?:Begründung des Antrags|Begründung)\s*:?$")
_SECTION_END = re.compile(r"^(?:Anlage/n|Anlagen\b|Unterzeichnet|Mit freundlichen|gez\.)")


def _adds_nothing(line: str) -> bool:
    """Return True if a line below a section heading neither ends its prose nor adds to it."""
    if _REPEATED_HEADING.match(line):
        return True
    return (
        not line.strip()
        and not INTRO.search(line)
        and not _num_marker(line)
        and not _SECTION_END.match(line)
    )


def _num_marker(line: str) -> bool:
    marker = list_marker(line)
    return bool(marker) and marker[0] == "num"  # type: ignore[index]


def _next_part(lines: Sequence[str], k: int, passed: dict[int, int]) -> int:
    """Return the first index from k on whose line ends a section's prose or adds to it.

    `passed` remembers the answer for every line walked over, so the next heading below one
    that gathered too little jumps instead of walking the same lines again (a heading printed on
    every line was quadratic).
    """
    walked: list[int] = []
    while k < len(lines):
        if k in passed:
            k = passed[k]
            break
        if not _adds_nothing(lines[k]):
            break
        walked.append(k)
        k += 1
    for index in walked:
        passed[index] = k
    return k


def section_text(lines: Sequence[str], body_start: int) -> str:
    """Return Sachverhalt/Begründung prose (without questions), else the first body prose."""
    passed: dict[int, int] = {}
    for i, line in enumerate(lines):
        if _SECTION_HEADING.match(line) and (
            len(line) <= 60 or re.match(r"^\S+(?:\s+\S+){0,3}\s*:", line)
        ):
            # a heading stands alone or ends in a colon; "Hintergrund, dass …" is wrapped prose
            inline = re.sub(r"^[^:]*:?\s*", "", line) if ":" in line else ""
            inline = re.sub(r"^(?:Sachverhalt\s*/\s*)?Begründung(?: des Antrags)?\s*", "", inline)
            collected = [inline] if inline else []
            # Fewer than 40 parts when the heading gathers too little: each adds a character.
            k = _next_part(lines, i + 1, passed)
            while k < len(lines):
                nxt = lines[k]
                if intro := INTRO.search(nxt):
                    collected.append(nxt[: intro.start()])
                    break
                if _num_marker(nxt) or _SECTION_END.match(nxt):
                    break
                collected.append(nxt)
                k = _next_part(lines, k + 1, passed)
            text = join_lines(collected)
            if len(text) >= 40:
                return text
    collected = []
    start = max(body_start, 0)
    salutations = [
        i
        for i, x in enumerate(lines[:HEADER_LINES])
        if re.match(r"^[„“\"»]?\s*(?:Sehr geehrte|Liebe )", x, re.I)  # „Sehr geehrte …: quoted
    ]
    # a form's label over the inquiry's own text ("Einleitung:", "Fragen:" over a quotation)
    labels = [i for i, x in enumerate(lines[:HEADER_LINES]) if _FORM_LABEL.match(x)]
    if salutations:
        start = max(start, salutations[-1] + 1)
    elif labels:
        start = max(start, labels[0] + 1)
    skip_wrapped = lead_in = False
    for line in lines[start:]:
        if not line:
            continue
        if not collected and (DOC_LABEL.match(line) or skip_wrapped):
            skip_wrapped = wraps(line)  # the subject line and its wrapped continuation
            if DOC_LABEL.match(line) or not skip_wrapped:
                continue
        if INTRO.search(line) or list_marker(line):
            break
        if not collected and (lead_in or _ANSWERING.search(line)) and not line.endswith("."):
            # "Ihre o. g. Anfrage beantworte ich (Ihnen)" / "wie folgt:": the quoted inquiry follows
            lead_in = not line.endswith(":") and not lead_in
            continue
        if not collected and line.endswith(":") and len(line) < 40:
            continue  # a section label ("Inhalt der Mitteilung:") with nothing after it
        if not collected:
            line = opening_mark_removed(line)  # „Seit einiger Zeit …: the quotation's own mark
        if re.match(r"^(?:Sehr geehrte|Mit freundlichen)", line):
            if collected:
                break
            continue
        collected.append(line)
    return join_lines(collected)


def prose_only(text: str, title: str | None, questions: Sequence[str]) -> str:
    """Return `text` without the title at its start and without sentences that ask questions."""
    text = re.sub(r"\s+", " ", text).strip()
    if title:
        folded = re.sub(r"\s+", " ", title).strip()
        if folded and text.lower().startswith(folded.lower()):
            text = text[len(folded) :].lstrip(" .:-–")
    asked = [re.sub(r"\s+", " ", q).strip().lower() for q in questions]
    kept = [
        sentence
        for sentence in sentences(text)
        if "?" not in sentence and not _quotes_a_question(sentence.lower(), asked)
    ]
    while kept and len(kept[0]) <= 4:  # "V." left of "… e. V." when its sentence was a question
        kept.pop(0)
    return " ".join(kept)


def _quotes_a_question(sentence: str, asked: Sequence[str]) -> bool:
    """Return True if the sentence is a question or holds one ("… möchten wir wissen, ob …")."""
    return any(
        sentence == question
        or (len(question) >= 30 and question[:60] in sentence)
        or (len(sentence) >= 30 and sentence in question)
        for question in asked
    )
