"""Volume preview: how many stored papers a subscription would have delivered in 30 days.

Corpus of tests/test_bot_conversation.py, clock 01.06.2026. Read from the Karlsruhe fixture JSON:
between 02.05. and 01.06.2026 Karlsruhe received 4 inquiries (2026/0359, 2026/0397, 2026/0409,
2026/0437) and 7 Stellungnahme files (answers) dated in that window; Leipzig's stored papers are
from May 2023.
"""

from __future__ import annotations

from bot.pipeline.volume import delivered_count, offers_digest, volume_text
from storage.subscriptions import SubscriptionRow
from tests.test_bot_conversation import NOW, load_corpus


async def test_preview_counts_inquiries_and_answers_of_the_last_30_days(db_url: str) -> None:
    """A Karlsruhe subscription (inquiries and answers) would have got 4 + 7 = 11 papers."""
    leipzig, karlsruhe = await load_corpus()
    row = SubscriptionRow(
        id=1, chat=1, kommune_id=int(karlsruhe.id), faction=None, keyword=None, kind="Anfrage"
    )
    assert await delivered_count(row, NOW) == 11
    motions = SubscriptionRow(
        id=2, chat=1, kommune_id=int(karlsruhe.id), faction=None, keyword=None, kind="Antrag"
    )
    assert await delivered_count(motions, NOW) < 11
    old = SubscriptionRow(
        id=3, chat=1, kommune_id=int(leipzig.id), faction=None, keyword=None, kind="alle"
    )
    assert await delivered_count(old, NOW) == 0


def test_preview_sentence_and_digest_offer() -> None:
    """The sentence counts papers in German; a digest is offered only above 20 in 30 days."""
    assert volume_text(14) == "Dieses Abo hätte in den letzten 30 Tagen 14 Papiere geliefert."
    assert volume_text(1) == "Dieses Abo hätte in den letzten 30 Tagen 1 Papier geliefert."
    assert volume_text(0) == "Dieses Abo hätte in den letzten 30 Tagen nichts geliefert."
    assert not offers_digest(20)
    assert offers_digest(21)
