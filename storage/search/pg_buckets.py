"""PostgreSQL: date buckets as lexemes of the tsvector, so that GIN itself finds only the newest
papers (pure: values and strings only).

The window of a common query is its newest 2,001 matches. GIN's postings are in heap order, not
by date, so `tsv @@ q` alone decodes and bitmaps every match (`stadt`: 268k at 300k papers)
before a date condition can drop the old ones, and a `date >= cut` from the date btree is a
second bitmap of every paper since the cut (48k entries). Instead each paper's tsvector also
holds its year and month as lexemes (`_y2026`, `_m202611`; no stem holds `_`, and the
vocabulary keeps letters only), and the cut becomes part of the same GIN scan:
`tsv @@ (q && ('_m202610' | '_m202611' | '_m202612' | '_y2027'))`. GIN intersects its entries
by skipping, so the words' postings are only visited near the newest papers' ones and only
those matches reach the bitmap.

The lexemes carry no position and are not in the ranked tsquery, so `ts_rank` (normalization 0)
gives the same scores.
"""

from __future__ import annotations

from datetime import date


def lexemes(day: date | None) -> list[str]:
    """Return the bucket lexemes of a paper's date (none without a date). Pure."""
    if day is None:
        return []
    return [f"_y{day.year:04d}", f"_m{day.year:04d}{day.month:02d}"]


def month_start(day: date) -> date:
    """Return the first day of the date's month: where a bucketed cut really starts. Pure."""
    return day.replace(day=1)


def since(cut: date, last: date) -> str | None:
    """Return the tsquery text (for `::tsquery`, not the parser) of every paper dated from the
    first of cut's month up to the year of `last` (the newest date indexed): the months of the
    cut's year, then whole years. None when cut is after `last`. Pure."""
    if cut > last:
        return None
    first_year = cut.year + (cut.month > 1)  # a cut in January takes its whole year
    months = [] if cut.month == 1 else [f"'_m{cut.year:04d}{m:02d}'" for m in range(cut.month, 13)]
    if cut.year == last.year:
        months = months[: last.month - cut.month + 1]
    years = [f"'_y{y:04d}'" for y in range(first_year, last.year + 1)]
    return " | ".join(months + years)
