"""The summary: leading whole sentences of the justification (Sachverhalt/Begründung). Pure."""

from __future__ import annotations

import re
from collections.abc import Sequence

from fetcher.parse.kind import DOC_LABEL
from fetcher.parse.markers import list_marker
from fetcher.parse.quotes import opening_mark_removed
from fetcher.parse.summary_edges import (
    LIST_START,
    PAGE_EDGE_START,
    SECTION_HEADING,
    after_title_in_head,
    before_closing,
    headings_apart,
    mostly_title,
    reads_as_prose,
    without_head,
)
from fetcher.parse.text import HEADER_LINES, is_furniture, join_lines, sentences, wraps
from fetcher.parse.wording import INTRO

SUMMARY_MAX_CHARS = 400
_FORM_LABEL = re.compile(r"^(?:Einleitung|Fragen)\s*:$")
_ANSWERING = re.compile(r"\b(?:be)?antworte\b|\bwie folgt Stellung\b|\bStellung\b.*\bwie folgt\b")


_ENDS_SENTENCE = re.compile(r"[.!?…][\"“”»)'’]*\d{0,2}$")


def summarise(text: str, max_chars: int = SUMMARY_MAX_CHARS) -> str | None:
    """Return the leading whole sentences of `text` that fit into max_chars."""
    text = re.sub(r"\s+", " ", text).strip()
    if not text or (len(text) < 100 and not re.search(r"[.!?…]", text)):
        return None  # a heading or a subject line alone ("4 Anschaffung eines …"): no prose
    parts = sentences(text)
    if len(parts) > 1 and re.fullmatch(r"(?:[A-ZÄÖÜ][\w.-]*\s?){1,4}", parts[-1]):
        parts.pop()  # a signature's name after the last sentence ("… beigefügt. Norbert Pallentin")
    while parts and not _ENDS_SENTENCE.search(parts[-1]) and len(parts[-1]) < max_chars:
        # a lead-in cut where the questions start ("Hierzu meine Fragen:", "bitte ich um
        # Beantwortung folgender"), a line broken off: no sentence of the justification
        parts.pop()
    if not parts:
        return None
    summary = ""
    for sentence in parts:
        candidate = f"{summary} {sentence}".strip()
        if len(candidate) > max_chars:
            break
        summary = candidate
    if not summary:
        cut = text[: max_chars - 1].rsplit(" ", 1)[0]
        summary = cut.rstrip(",;:– ") + "…"
    return summary


_REPEATED_HEADING = re.compile(r"^(?:Begründung des Antrags|Begründung)\s*:?$")
_SECTION_END = re.compile(r"^(?:Anlage/n|Anlagen\b|[Uu]nterzeichnet|Mit freundlichen|gez\.)")


def _adds_nothing(line: str) -> bool:
    """Return True if a line below a section heading neither ends its prose nor adds to it."""
    if _REPEATED_HEADING.match(line) or is_furniture(line):
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


def _prose_above(lines: Sequence[str], heading: int) -> list[str]:
    """Return the prose lines between the last question (or item, or lead-in) and a heading;
    none when no question stands above within 40 lines (the heading's text is not below a list).
    """
    k = heading
    while k > 0 and heading - k < 40:
        above = lines[k - 1]
        if above.rstrip().endswith("?") or list_marker(above) or INTRO.search(above):
            break
        k -= 1
    if k == 0 or heading - k >= 40:
        return []
    prose = [x for x in lines[k:heading] if not is_furniture(x)]
    signed = next((j for j, x in enumerate(prose) if _SECTION_END.match(x)), len(prose))
    return prose[:signed]  # the signature between the text and its label


_INLINE_ITEM = re.compile(r"(?<=\s)\d{1,2}\.\s+(?=[A-ZÄÖÜ])")


def _opens_sentence(text: str) -> bool:
    return bool(re.match(r"^[„\"»(]?[A-ZÄÖÜ0-9]", text))


def section_text(lines: Sequence[str], body_start: int) -> str:
    """Return Sachverhalt/Begründung prose (without questions), else the first body prose."""
    passed: dict[int, int] = {}
    original = lines
    lines = headings_apart(lines)
    for i, line in enumerate(lines):
        if SECTION_HEADING.match(line) and (
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
            text = PAGE_EDGE_START.sub("", join_lines(collected))
            if listed := LIST_START.search(text):
                text = text[: listed.start() + 1]
            below_text = not _opens_sentence(text) or re.match(r"^unterzeichnet\b", text, re.I)
            if below_text or (i > 0 and lines[i - 1].strip()):
                # a form's box label printed below the box's text (Karlsruhe "Sachverhalt /
                # Begründung:" at the page's foot, right under the text's last line): the text
                # starts above it, after the questions, and runs on below
                above = join_lines(_prose_above(lines, i))
                # right under a text, not under a head block (a PDF's lines lose the blank
                # line between "… übersandt am 28.05.2026" and "Vorbemerkung …"): the text
                # above is sentences, and the page ends with one of them
                ended = bool(re.search(r"[.!][\"“”»)]?$", above)) and len(sentences(above)) >= 2
                if (
                    (below_text or (ended and len(above) >= 120))
                    and len(above) >= 40
                    and _opens_sentence(above)
                    and "Beratungsfolge" not in above
                    and len(_INLINE_ITEM.findall(above)) < 2  # a list run into one line (flat)
                ):
                    runs_on = text and not re.match(r"^unterzeichnet\b", text, re.I)
                    return before_closing(f"{above} {text}" if runs_on else above)
            if len(text) >= 40:
                return before_closing(text)
    lines = original
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
        if intro := INTRO.search(line):
            # the letter's paragraph before its questions, run into the lead-in ("… angeschlossen.
            # Die Fraktion bittet um Beantwortung der folgenden Fragen:"): its Sachverhalt
            if line[: intro.start()].strip():
                collected.append(line[: intro.start()])
            break
        if list_marker(line):
            break
        if not collected and (lead_in or _ANSWERING.search(line)) and not line.endswith("."):
            # "Ihre o. g. Anfrage beantworte ich (Ihnen)" / "wie folgt:": the quoted inquiry follows
            quoted = re.search(r"\bfolgt\s*:\s*(\S.{19,})$", line)  # on the same line (para)
            if not quoted:
                lead_in = not line.endswith(":") and not lead_in
                continue
            line, lead_in = quoted.group(1), False
        if not collected and line.endswith(":") and len(line) < 40:
            continue  # a section label ("Inhalt der Mitteilung:") with nothing after it
        if not collected and not reads_as_prose(line):
            continue  # a head block's lines ("STADT KARLSRUHE", "vom: … Gremium: Termin:")
        if not collected:
            line = opening_mark_removed(line)  # „Seit einiger Zeit …: the quotation's own mark
        if re.match(r"^(?:Sehr geehrte|Mit freundlichen)", line):
            if collected:
                break
            continue
        collected.append(line)
    return before_closing(join_lines(collected))


def prose_only(text: str, title: str | None, questions: Sequence[str]) -> str:
    """Return `text` without the title at its start and without sentences that ask questions."""
    text = without_head(re.sub(r"\s+", " ", text).strip())
    if title:
        folded = re.sub(r"\s+", " ", title).strip()
        if folded and text.lower().startswith(folded.lower()):
            text = text[len(folded) :].lstrip(" .:-–")
        elif folded:
            text = after_title_in_head(text, folded)
    asked = [re.sub(r"\s+", " ", q).strip().lower() for q in questions]
    kept = [
        sentence
        for sentence in sentences(text)
        if "?" not in sentence
        and not _quotes_a_question(sentence.lower(), asked)
        and not (title and mostly_title(sentence, title))
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
