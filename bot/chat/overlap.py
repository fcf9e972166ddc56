"""Which subscriptions of a chat overlap: one already delivers what another asks for. Pure."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class AboSpec:
    """What a subscription asks for (None = any) and its label for the user."""

    kommune_id: int | None
    faction: str | None
    keyword: str | None
    kind: str
    label: str = ""


def covers(wide: AboSpec, narrow: AboSpec) -> bool:
    """Return whether every paper `narrow` delivers is delivered by `wide` already."""

    def same_word(a: str | None, b: str | None) -> bool:
        return (
            a is not None
            and b is not None
            and " ".join(a.casefold().split()) == " ".join(b.casefold().split())
        )

    return (
        (wide.kommune_id is None or wide.kommune_id == narrow.kommune_id)
        and (wide.faction is None or wide.faction == narrow.faction)
        and (wide.keyword is None or same_word(wide.keyword, narrow.keyword))
        and (wide.kind == "alle" or wide.kind == narrow.kind)
    )


def overlaps(new: AboSpec, existing: list[AboSpec]) -> tuple[list[AboSpec], list[AboSpec]]:
    """Return (existing ones that already cover `new`, existing ones that `new` covers)."""
    wider = [e for e in existing if covers(e, new)]
    narrower = [e for e in existing if e not in wider and covers(new, e)]
    return wider, narrower
