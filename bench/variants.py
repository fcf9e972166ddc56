"""What the variant benches share: the reader of a shape and a percentage cell.

bench.faction_names, bench.kind_variants, bench.reference_variants, bench.list_variants,
bench.faction_variants and bench.answer_variants each rewrite dev documents and score them; each
reads the rewritten text as it is or brought into a shape of bench.text_shapes first, and prints
"73 % (19/26)" cells.
"""

from __future__ import annotations

from collections.abc import Callable

from bench.text_shapes import SHAPES
from fetcher.model import ParsedDocument
from fetcher.parse import parse_text


def shaped_parse(shape: str | None) -> Callable[[str], ParsedDocument]:
    """Return parse_text, or parse_text of the text brought into `shape` first."""
    if shape is None:
        return parse_text
    reshape = SHAPES[shape]
    return lambda text: parse_text(reshape(text))


def pct(hits: int, total: int) -> str:
    """Return a table cell "73 % (19/26)", or "–" when nothing was counted."""
    return f"{100 * hits / total:.0f} % ({hits}/{total})" if total else "–"
