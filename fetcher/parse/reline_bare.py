"""Numbers without a mark as list labels inside a run-together line, for relining. Pure.

Printed, a list may number its items with the bare number at the line's start ("1 Wie viele …?",
a Landtag answer's "3 Welche …?" above its answer); the question finder reads such a line
(fetcher.parse.wording). Run together ("… im Ausschuss. 1 Wie viele …? Die Zahl … 2 Welche …?"),
the number is a word among words, and a lone one is no label ("von 3 Wochen", "Abs. 2 Satz 1",
"Drucksache 19/11161 2 Gesetzgebungsverfahren …": a page number). What makes bare numbers a list
is a count of them (1, 2, 3, found by fetcher.parse.reline_runs) whose items each ask and whose
labels open items: half of them or more after a sentence end, and every one after the first
after a sentence end, a remark in brackets after a question ("…abgeschoben? (Bitte
aufschlüsseln …) 2 Durch wen …?") or before a question's opening ("… Siehe Antwort zu Frage Nr. 2
5 Wie viele …?", the answer's full stop lost). The first may follow a title's last word ("… Stand
der Umsetzung 1 Wie viele …?").
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence

from fetcher.parse.reline_labels import opens_asking
from fetcher.parse.wording import question_signal

BARE = "bare num"  # the style of a number without a mark ("1 Wie …", "2 Welche …")
# A remark in brackets after a question: the question's sentence ended before it.
_ASKED_REMARK = re.compile(r"\?[\"“”]?\s*\([^()]{0,300}\)\s*$")
_REMARK_CHARS = 310


def bare_run(line: str, spans: Sequence[tuple[int, int, bool]], cuts: Collection[int]) -> bool:
    """Whether a count of bare numbers (each label's start, end and whether it opens an item
    after a sentence end or at a line's start) is a list (see the module); `cuts`: where a line
    starts already (the last item ends at the first after its label)."""
    last = spans[-1][1]
    end = min((cut for cut in cuts if cut > last), default=len(line))
    ends = [start for start, _, _ in spans[1:]] + [end]
    items = [line[label_end:stop] for (_, label_end, _), stop in zip(spans, ends, strict=True)]
    return (
        2 * sum(opens for *_, opens in spans) >= len(spans)
        and all(
            opens
            or _ASKED_REMARK.search(line, max(0, start - _REMARK_CHARS), start)
            or opens_asking(line, label_end)
            for start, label_end, opens in spans[1:]
        )
        and all(
            opens_asking(line, label_end) or question_signal(item) > 0
            for (_, label_end, _), item in zip(spans, items, strict=True)
        )
    )
