"""Where the last question of a list typed without "?" ends. Pure.

fetcher.parse.item_ends cuts what follows the last "?" of a list (a justification, a closing, a
form's leftover). A list whose questions end in "." (a typing slip, a request "Bitte teilen Sie
mit: …", a noun phrase under "Wir bitten um Auskunft zu folgenden Punkten:") gives it no "?" to
cut at: there the last sentence end of the last item ends it when all that follows is a name or
a form label (one to three words that end no sentence: "Gerit Thomas" signing below the list).
"""

from __future__ import annotations

from fetcher.parse.item_ends import trim_last
from fetcher.parse.markers import list_marker

_SENTENCE_END = (".", "!", ":", ")", "?", "“", '"')
MAX_STRAY_WORDS = 3


def _stray(tail: str) -> bool:
    """Return True if the words after the last sentence are a name or a label, not prose."""
    tail = tail.strip()
    return (
        0 < len(tail.split()) <= MAX_STRAY_WORDS
        and not tail.startswith("(")
        and not tail.endswith(_SENTENCE_END)
        and list_marker(tail) is None
    )


def trim_unmarked_last(item: list[str]) -> list[str]:
    """Cut a signature or form label after the last sentence of a last item without any "?"."""
    if any("?" in line for line in item):
        return item
    ends = [k for k, line in enumerate(item) if line.rstrip().endswith(".")]
    if not ends or ends[-1] == len(item) - 1:
        return item
    tail = " ".join(line for line in item[ends[-1] + 1 :] if line.strip())
    return item[: ends[-1] + 1] if _stray(tail) else item


def end_last_item(item: list[str]) -> list[str]:
    """Return the last item of a list without what follows its last question, "?" or "."."""
    return trim_unmarked_last(trim_last(item))
