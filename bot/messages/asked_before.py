"""The "Schon gefragt" lines under an inquiry: earlier inquiries on the same topic. Pure, no I/O.

    Schon gefragt: 2019/1154 (SPD, beantwortet nach 30 Tagen)
    Schon gefragt: 2021/0449 (CDU, vom 03.05.2021)

An earlier inquiry without a linked answer shows its date, never "unanswered": many servers do
not link answers (see bot/ops/answer_stats.py).
"""

from __future__ import annotations

import html
from collections.abc import Sequence

from bot.messages.render import RenderedMessage, fits
from storage.earlier_inquiries import EarlierInquiry

# --- German texts (kept together for proofreading)
ASKED_BEFORE = "Schon gefragt: {reference} ({details})"
ANSWERED_AFTER = "beantwortet nach {days} Tagen"
ANSWERED_AFTER_ONE = "beantwortet nach 1 Tag"
ANSWERED_SAME_DAY = "am selben Tag beantwortet"
ANSWERED = "beantwortet"
ASKED_ON = "vom {date}"
NO_REFERENCE = "ohne Aktenzeichen"


def _details(item: EarlierInquiry) -> str:
    parts = [", ".join(item.factions)] if item.factions else []
    if item.answered and item.days_to_answer is not None:
        days = item.days_to_answer
        parts.append(
            ANSWERED_SAME_DAY
            if days == 0
            else ANSWERED_AFTER_ONE
            if days == 1
            else ANSWERED_AFTER.format(days=days)
        )
    elif item.answered:
        parts.append(ANSWERED)
    elif item.date is not None:
        parts.append(ASKED_ON.format(date=item.date.strftime("%d.%m.%Y")))
    return ", ".join(parts)


def asked_before_line(item: EarlierInquiry) -> str:
    """Return one plain-text line "Schon gefragt: 2019/1154 (SPD, beantwortet nach 30 Tagen)"."""
    details = _details(item)
    line = ASKED_BEFORE.format(reference=item.reference or NO_REFERENCE, details=details)
    return line if details else line.removesuffix(" ()")


def asked_before_html(items: Sequence[EarlierInquiry]) -> str:
    """Return the lines as HTML (escaped), empty when there is nothing to show."""
    return "\n".join(html.escape(asked_before_line(i), quote=False) for i in items)


def with_asked_before(message: RenderedMessage, items: Sequence[EarlierInquiry]) -> RenderedMessage:
    """Return the message with as many "Schon gefragt" lines appended as fit in one message."""
    for count in range(len(items), 0, -1):
        text = f"{message.text}\n\n{asked_before_html(items[:count])}"
        if fits(text):
            return RenderedMessage(text, message.buttons)
    return message
