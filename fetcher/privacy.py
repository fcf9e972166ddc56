"""Citizens' names out of every text of an Einwohneranfrage (citizen inquiry). Pure.

A citizen who asks the council a question is a private person: the push, the search index, the
snippets, `ratsbot search` and `ratsbot parse` never show their name (issue #13). This module is
the one place that knows what such a name looks like; everything else calls `redact_names`.

A name is matched as written and in its ASCII spellings ("Müller", "Mueller", "Muller";
"Groß", "Gross"), whole ("Anna Maria Schmidt"), in parts ("Schmidt", "Anna"), hyphenated and by
its halves ("Müller-Lüdenscheidt", "Lüdenscheidt") and with initials ("A. Schmidt",
"A. M. Schmidt"). Names come from the paper's submitters and from the document itself: the line
after "Eingereicht von" (Leipzig's ALLRIS cover sheet, VII-EF-08640) and similar labels.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

REDACTED_NAME = "[Name entfernt]"

_UPPER = "A-ZÄÖÜ"
_LOWER = "a-zäöüß"
_WORD = rf"[{_UPPER}][{_LOWER}]+(?:-[{_UPPER}][{_LOWER}]+)*"
_INITIAL = rf"[{_UPPER}]\."
_NAME = rf"(?:(?:{_INITIAL}\s*)+{_WORD}|{_WORD}(?:[ \t]+(?:{_INITIAL}[ \t]*)*{_WORD}){{0,3}})"
# Labels after which a cover sheet or letter prints the submitter's name.
_LABELLED = re.compile(
    r"(?i:eingereicht\s+von|einreicher(?:in)?|fragesteller(?:in)?|antragsteller(?:in)?"
    r"|absender(?:in)?|name\s+des\s+einwohners|name\s+der\s+einwohnerin)"
    # the name on the same line or the next one (ALLRIS: "Eingereicht von: \nHeidi Koll")
    rf"[ \t]*:?[ \t]*\n?[ \t]*(?:(?:Herrn?|Frau|Dr\.|Prof\.)\s+)*(?P<name>{_NAME})"
)
# Words that are not part of a person's name, even when written inside one.
_NOT_NAMES = frozenset(
    {"von", "van", "der", "den", "de", "zu", "vom", "dem", "und", "la", "le", "di", "da"}
    | {"herr", "herrn", "frau", "dr", "prof"}
)
# Letters a name may be spelt with in ASCII: "Müller" is also "Mueller" and "Muller".
_SPELLINGS = {
    "ä": "(?:ä|ae|a)",
    "ö": "(?:ö|oe|o)",
    "ü": "(?:ü|ue|u)",
    "ß": "(?:ß|ss)",
}
_HEADS = {"ä": "(?:Ä|Ae|AE|A)", "ö": "(?:Ö|Oe|OE|O)", "ü": "(?:Ü|Ue|UE|U)"}


def names_in_text(text: str) -> tuple[str, ...]:
    """Return the names a document prints after labels such as "Eingereicht von:"."""
    found = []
    for match in _LABELLED.finditer(text):
        name = " ".join(match.group("name").split())
        if name.split()[0].casefold() not in ("fraktion", "stadtrat", "stadträtin"):
            found.append(name)
    return tuple(dict.fromkeys(found))


def citizen_names(submitters: Iterable[str], *texts: str) -> tuple[str, ...]:
    """Return every citizen's name known for a paper: its submitters and those its texts print."""
    names = [" ".join(s.replace(",", " ").split()) for s in submitters if s and s.strip()]
    for text in texts:
        names.extend(names_in_text(text))
    return tuple(dict.fromkeys(n for n in names if n))


def _letters(word: str) -> str:
    """Return a word's pattern: capitalised as names are ("groß" the adjective stays), the rest
    in any case ("MÜLLER" on a cover sheet) and spelling."""
    first, rest = word[0].lower(), word[1:].lower()
    head = _HEADS.get(first, re.escape(first.upper()))
    tail = "".join(_SPELLINGS.get(c, re.escape(c)) for c in rest)
    return f"{head}(?i:{tail})" if tail else head


def name_forms(name: str) -> list[str]:
    """Return regex forms of one name, longest first: whole, with initials, each part."""
    words = [w.rstrip(".") for w in name.split() if w.rstrip(".")]
    parts = [w for w in words if w.casefold() not in _NOT_NAMES]
    if not parts:
        return []
    forms = [r"\s+".join(_letters(w) + (r"\." if len(w) == 1 else "") for w in words)]
    surname = parts[-1]
    given = "|".join(_letters(w) for w in parts[:-1] if len(w) > 1)
    # "A. Schmidt", "A. M. Schmidt", "Anna M. Schmidt": initials before the surname.
    lead = rf"(?:(?:{given})\s+)?" if given else ""
    forms.append(rf"{lead}(?:[{_UPPER}]\.\s*)+{_letters(surname)}")
    for part in sorted(parts, key=len, reverse=True):
        halves = part.split("-")
        for piece in [part, *halves] if len(halves) > 1 else [part]:
            if len(piece) >= 2:
                forms.append(_letters(piece))
    return list(dict.fromkeys(forms))


def redaction_pattern(names: Sequence[str]) -> re.Pattern[str] | None:
    """Return one pattern matching every form of the names, or None without names."""
    forms = [f for name in names for f in name_forms(name)]
    if not forms:
        return None
    forms.sort(key=len, reverse=True)
    return re.compile(rf"(?<![\w-])(?:{'|'.join(forms)})(?![\w-])")


def redact_names(text: str, names: Sequence[str], replacement: str = REDACTED_NAME) -> str:
    """Return the text with every form of the citizens' names replaced."""
    pattern = redaction_pattern(names)
    if pattern is None or not text:
        return text
    return pattern.sub(replacement, text)
