"""Kommunen and factions from the data, end to end: `run` against the local OParl server (real
fixtures) and the Bot API stand-in. No subscription is confirmed that cannot fire."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import pytest
import pytest_asyncio

from bot.app import RunContext, RunOptions, run
from bot.config import Settings
from bot.pipeline.delivery import DeliveryConfig
from fetcher.endpoints import Endpoint
from fetcher.http import RetryPolicy
from standins.oparl_server import LOCAL_NETWORKS, OParlServer
from standins.telegram_api import TelegramAPI
from standins.telegram_records import RecordedMessage
from storage.models import Kommune, Paper, Subscription, SyncState
from tests.conftest import Templates
from tests.karlsruhe_publish import publish_inquiry
from tests.parse_memo import RememberingParserPool

USER = 5151
# The module's tests share one event loop: the `karlsruhe` bot of the last tests runs in it.
pytestmark = pytest.mark.asyncio(loop_scope="module")


async def _migrated() -> None:
    """An empty migrated database (the "empty" template: migrated once, then copied)."""


@pytest_asyncio.fixture(loop_scope="module")
async def database(tmp_path: Path, templates: Templates) -> str:
    """Return the URL of a private copy of the migrated empty database: `run` and `fetch` still
    run their migration check on it, but not the whole migration of a new file (~1 s of CPU)."""
    return await templates.sqlite_copy("empty", _migrated, tmp_path / "kommunen.sqlite3")


@dataclass
class Running:
    """The running application and both stand-ins."""

    api: TelegramAPI
    oparl: OParlServer
    context: RunContext

    async def say(self, text: str, chat: int = USER) -> RecordedMessage:
        """Send a text as the user; return the bot's next message."""
        self.api.user_sends(chat, text)
        return await self.api.wait_for_message(chat, timeout=15)

    async def press(self, message: RecordedMessage, label: str) -> None:
        """Press a button and wait for the bot's answer to the tap."""
        query = self.api.user_clicks_button(message.chat_id, message.message_id, label)
        await self.api.wait_for_answer(query, timeout=15)


@asynccontextmanager
async def running_bot(
    database: str,
    dataset: str,
    *,
    oparl_endpoints: Callable[[OParlServer], str] | None = None,
    options: Callable[[OParlServer], RunOptions] | None = None,
) -> AsyncIterator[Running]:
    """Run the whole application as `ratsbot run` does, with OPARL_ENDPOINTS from the server."""
    async with OParlServer(dataset) as oparl, TelegramAPI() as api:
        settings = Settings(
            TELEGRAM_BOT_TOKEN=api.token,
            TELEGRAM_API_URL=api.url,
            DATABASE_URL=database,
            POLL_INTERVAL_SECONDS=1,
            OPARL_ENDPOINTS=oparl_endpoints(oparl) if oparl_endpoints else "",
            HTTP_ALLOW_NETWORKS=LOCAL_NETWORKS,
        )  # type: ignore[call-arg]
        stop = asyncio.Event()
        ready: asyncio.Future[RunContext] = asyncio.get_running_loop().create_future()

        async def on_ready(context: RunContext) -> None:
            ready.set_result(context)

        run_options = options(oparl) if options else RunOptions()
        run_options.per_host_interval_s = 0.0
        run_options.parser_pool = RememberingParserPool  # each PDF read once per test process
        run_options.polling_timeout_s = 1
        run_options.delivery = DeliveryConfig(poll_interval_s=0.1)
        run_options.on_ready = on_ready
        task = asyncio.create_task(run(settings, stop, run_options))
        context = await asyncio.wait_for(ready, 30)
        try:
            yield Running(api, oparl, context)
        finally:
            stop.set()
            await asyncio.wait_for(task, 15)


async def _until(check: Callable[[], object], what: str, timeout_s: float = 90) -> None:
    deadline = time.monotonic() + timeout_s
    while not await check():  # type: ignore[misc]
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        await asyncio.sleep(0.2)


async def _fully_read(slug: str) -> bool:
    state = await SyncState.get_or_none(source=slug, list_name="paper")
    if state is None or not state.first_sync_done:
        return False
    return not await Paper.filter(processed=False).exists()


# ---------------------------------------------------------------- the operator's name


async def test_operator_name_wins_over_the_body(database: str) -> None:
    """`Ka=<url>` keeps the operator's name; /abo finds the Kommune under it."""
    async with running_bot(
        database,
        "karlsruhe",
        oparl_endpoints=lambda oparl: f"Fächerstadt={oparl.system_url}",
        options=lambda _: RunOptions(first_sync_since=date(2026, 6, 1)),
    ) as bot:
        await _until(lambda: _fully_read("faecherstadt"), "the first sync")
        assert await Kommune.all().values_list("name", flat=True) == ["Fächerstadt"]
        reply = await bot.say("/abo Fächerstadt")
        assert reply.text.startswith("✅ Abo angelegt: Fächerstadt · Anfragen und Antworten")


# ---------------------------------------------------------------- on-demand polling


async def test_on_demand_polls_a_kommune_once_subscribed_and_stops_after_the_grace(
    database: str, tmp_path: Path
) -> None:
    """With OPARL_ENDPOINTS empty nothing is polled until someone subscribes; the first
    subscription starts the first sync at once (history notifies nobody); new papers arrive;
    after the last subscription is gone and the grace has passed, polling stops."""

    def options(oparl: OParlServer) -> RunOptions:
        bundled = [Endpoint("Stadt Karlsruhe", "karlsruhe", (oparl.system_url,))]
        return RunOptions(
            bundled=bundled,
            first_sync_since=date(2026, 1, 1),
            unsubscribed_grace=timedelta(seconds=0),
            poll_interval_s=0.25,
        )

    async with running_bot(database, "karlsruhe", options=options) as bot:
        await asyncio.sleep(0.6)  # two poll intervals
        assert bot.oparl.request_total() == 0

        confirmation = await bot.say("/abo Karlsruhe AfD")
        assert "✅ Abo angelegt: Stadt Karlsruhe · Fraktion AfD" in confirmation.text
        assert "Stadt Karlsruhe wird gerade eingelesen; neue Papiere kommen ab jetzt hierher." in (
            confirmation.text
        )
        await _until(lambda: _fully_read("karlsruhe"), "the on-demand first sync")
        assert await Paper.filter(kind="Anfrage").count() > 10  # history is in the database
        assert not [m for m in bot.api.messages(USER) if m.text.startswith("📄")]

        publish_inquiry(bot.oparl, "2026/9992", tmp_path)
        push = await bot.api.wait_for_message(USER, lambda m: "2026/9992" in m.text, timeout=60)
        assert "AfD" in push.text

        listing = await bot.say("/abos")
        await bot.press(listing, listing.buttons[0][0].text)  # the delete button of the one abo
        await _until(lambda: _no_subscriptions(), "the deletion")
        await _until(lambda: _dropped(bot, "karlsruhe"), "a poll after the grace dropping it")
        before = bot.oparl.request_total()
        await asyncio.sleep(0.6)  # two poll intervals
        assert bot.oparl.request_total() == before


async def _dropped(bot: Running, slug: str) -> bool:
    coverage = bot.context.coverage
    assert coverage is not None
    assert coverage.sync is not None
    polled = {e.slug for e in coverage.sync.endpoints}
    return slug not in polled and not coverage.is_syncing(slug)


async def _no_subscriptions() -> bool:
    return not await Subscription.exists()


# ---------------------------------------------------------------- factions from the data


async def test_faction_keyboard_comes_from_the_servers_organizations(database: str) -> None:
    """Hürtgenwald (Sternberg) classifies its five factions by organizationType: the keyboard
    offers exactly those (a local list by its name), no committee, no office."""
    async with running_bot(
        database,
        "huertgenwald",
        oparl_endpoints=lambda oparl: oparl.system_url,
        options=lambda _: RunOptions(first_sync_since=date(2021, 9, 1)),
    ) as bot:
        await _until(lambda: _fully_read("huertgenwald"), "Hürtgenwald's first sync", 180)
        picker = await bot.say("/abo")
        picker = await bot.say("Hürtgenwald")  # typing the name while the picker is open
        assert picker.text.startswith("Hürtgenwald: Was möchten Sie bekommen?")
        await bot.press(picker, "Eine Fraktion")
        await bot.api.wait_until(lambda: "Welche Fraktion?" in picker.text)
        offered = {b.text for row in picker.buttons for b in row}
        offered -= {"‹ andere Kommune", "Abbrechen"}
        # organization.json: the five organizationType "Fraktion" entries, read by hand.
        assert {"CDU", "SPD", "FDP", "Bündnis 90/Die Grünen", "Freie für Hürtgenwald"} <= offered
        assert not offered & {"Gemeinderat", "Wahlausschuss", "Abteilung 1", "Ortsvorsteher"}


# ---------------------------------------------------------------- a failing source


async def test_failing_source_is_shown_in_abo_abos_and_termine(database: str) -> None:
    """While Karlsruhe's server answers 503, the /abo confirmation, /abos and /termine say
    "⚠️ Ratsinfo Karlsruhe seit … nicht erreichbar" instead of silently showing nothing."""

    def options(oparl: OParlServer) -> RunOptions:
        oparl.faults.dead_prefixes = {"/oparl": 503}
        return RunOptions(http_retry=RetryPolicy.fast())  # the 503s, without the backoff

    async with running_bot(
        database,
        "karlsruhe",
        oparl_endpoints=lambda oparl: f"Karlsruhe={oparl.system_url}",
        options=options,
    ) as bot:
        await _until(_karlsruhe_failing, "the first failed poll", 60)
        warning = "⚠️ Ratsinfo Karlsruhe seit "
        confirmation = await bot.say("/abo Karlsruhe")
        assert confirmation.text.startswith("✅ Abo angelegt: Karlsruhe")
        assert warning in confirmation.text
        assert "nicht erreichbar" in confirmation.text
        assert warning in (await bot.say("/abos")).text
        assert warning in (await bot.say("/termine")).text


async def _karlsruhe_failing() -> bool:
    return await SyncState.filter(
        source="karlsruhe", list_name="system", failing_since__isnull=False
    ).exists()


async def test_fetch_names_a_bare_url_by_its_body(database: str) -> None:
    """`ratsbot fetch --once` with a bare URL stores the Kommune as "Karlsruhe", as `run` does
    (one Kommune per server, whichever command reads it first)."""
    from bot.pipeline.fetch_command import fetch_command
    from storage.db import close_db, open_db

    async with OParlServer("karlsruhe") as oparl:
        settings = Settings(
            DATABASE_URL=database,
            OPARL_ENDPOINTS=oparl.system_url,
            HTTP_ALLOW_NETWORKS=LOCAL_NETWORKS,
        )  # type: ignore[call-arg]
        code = await fetch_command(
            settings, once=True, since=date(2026, 6, 1), kommune=None, per_host_interval_s=0.0
        )
    assert code == 0
    await open_db(database)
    try:
        assert await Kommune.all().values_list("name", "slug") == [("Karlsruhe", "karlsruhe")]
    finally:
        await close_db()


# ---------------------------------------------------------------- one bot for the rest
# The tests below share one bot serving Karlsruhe (URL only, read since 2026-01-01), each in a
# chat of its own. It lives until the module ends, so they come last: no other `run` may start
# in this process while it runs (tortoise's connections are per process).


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def karlsruhe(
    tmp_path_factory: pytest.TempPathFactory, templates: Templates
) -> AsyncIterator[Running]:
    """Yield the bot serving Karlsruhe (URL only), fully read since 2026-01-01."""
    path = tmp_path_factory.mktemp("kommunen") / "karlsruhe.sqlite3"
    async with running_bot(
        await templates.sqlite_copy("empty", _migrated, path),
        "karlsruhe",
        oparl_endpoints=lambda oparl: oparl.system_url,
        options=lambda _: RunOptions(first_sync_since=date(2026, 1, 1)),
    ) as bot:
        await _until(lambda: _fully_read("karlsruhe"), "Karlsruhe's first sync")
        yield bot


ALIASES = [
    ("B90", "Bündnis 90/Die Grünen"),
    ("Bündnisgrüne", "Bündnis 90/Die Grünen"),
    ("GRÜNE", "Bündnis 90/Die Grünen"),
    ("Die Grünen", "Bündnis 90/Die Grünen"),
    ("Bü90/Grüne", "Bündnis 90/Die Grünen"),
    ("FW", "Freie Wähler"),
    ("Freie Wähler", "Freie Wähler"),
    ("KAL", "KAL"),
    ("FÜR", "FÜR Karlsruhe"),
    ("DIE LINKE", "Die Linke"),
    ("Linksfraktion", "Die Linke"),
    ("BSW", "BSW"),
    ("Volt", "Volt"),
]
# Seen in Karlsruhe's papers since 2026-01-01 (submitters read off the PDFs' first lines;
# Volt and Die Linke from "Interfraktioneller Ergänzungsantrag: Volt, Die Linke", 27.04.2026).
SEEN_IN_KARLSRUHE = {"Bündnis 90/Die Grünen", "Freie Wähler", "FÜR Karlsruhe", "Die Linke", "Volt"}


async def test_aliases_name_their_faction(karlsruhe: Running) -> None:
    """Each alias people type names its canonical faction; factions Karlsruhe's data never
    shows are questioned (with the real ones offered), not confirmed."""
    chat = USER + 1
    for typed, canonical in ALIASES:
        reply = await karlsruhe.say(f"/abo Karlsruhe {typed}", chat)
        if canonical in SEEN_IN_KARLSRUHE:  # new, or the same subscription again
            label = f"Karlsruhe · Fraktion {canonical} · Anfragen und Antworten"
            assert reply.text.split("\n")[0] in (
                f"✅ Abo angelegt: {label}",
                f"Das Abo besteht schon: {label}",
            ), (typed, reply.text)
        else:
            expected = f"⚠️ Eine Fraktion {canonical} kommt in den Daten von Karlsruhe nicht vor"
            assert reply.text.startswith(expected), (typed, reply.text)
    subscriptions = Subscription.filter(chat__chat_id=chat)
    factions = set(await subscriptions.values_list("faction", flat=True))
    assert factions == SEEN_IN_KARLSRUHE


async def test_combined_requests_say_what_was_understood(karlsruhe: Running) -> None:
    """Faction + keyword is one subscription needing both; repeated stichwort: is one
    subscription per word (any of them); a type or faction alone asks for the Kommune."""
    chat = USER + 2
    both = await karlsruhe.say("/abo Karlsruhe SPD Radweg", chat)
    assert both.text.startswith("✅ Abo angelegt: Karlsruhe · Fraktion SPD · Stichwort „Radweg“")
    assert "in denen „Radweg“ vorkommt (beides zugleich)" in both.text
    several = await karlsruhe.say("/abo Karlsruhe stichwort:Schule stichwort:Kita", chat)
    assert "Stichwort „Schule“" in several.text
    assert "Stichwort „Kita“" in several.text
    assert "Das sind 2 Abos, eins je Stichwort" in several.text
    kind_only = await karlsruhe.say("/abo typ:Vorlage", chat)
    assert kind_only.text.startswith("Verstanden: Vorlagen. Es fehlt noch die Kommune")
    faction_only = await karlsruhe.say("/abo Grüne", chat)
    assert faction_only.text.startswith(
        "Verstanden: Fraktion Bündnis 90/Die Grünen. Es fehlt noch die Kommune"
    )
    subscriptions = Subscription.filter(chat__chat_id=chat)
    rows = await subscriptions.order_by("id").values_list("faction", "keyword")
    assert rows == [("SPD", "Radweg"), (None, "Schule"), (None, "Kita")]


# ---------------------------------------------------------------- a URL-only endpoint


async def test_url_only_endpoint_is_named_by_its_body_and_subscriptions_fire(
    karlsruhe: Running, tmp_path: Path
) -> None:
    """OPARL_ENDPOINTS holds only the URL; the Body says "Stadt Karlsruhe": /abo Karlsruhe Grüne
    subscribes to the polled Kommune "Karlsruhe", Leipzig is refused, and a newly published
    inquiry reaches the chat."""
    bot = karlsruhe
    kommunen = await Kommune.all()
    assert [(k.name, k.slug) for k in kommunen] == [("Karlsruhe", "karlsruhe")]

    confirmation = await bot.say("/abo Karlsruhe Grüne")
    assert confirmation.text.startswith(
        "✅ Abo angelegt: Karlsruhe · Fraktion Bündnis 90/Die Grünen"
    )
    subscriptions = Subscription.filter(chat__chat_id=USER)
    sub = await subscriptions.get().select_related("kommune")
    assert sub.kommune.id == kommunen[0].id

    refused = await bot.say("/abo Leipzig Grüne")
    assert refused.text.startswith("Stadt Leipzig wird von diesem Bot nicht abgedeckt")
    assert "Dieser Bot liest: Karlsruhe" in refused.text
    deep_link = await bot.say("/start leipzig-gruene")  # t.me/<bot>?start=leipzig-gruene
    assert deep_link.text.startswith("Stadt Leipzig wird von diesem Bot nicht abgedeckt")
    assert await subscriptions.count() == 1

    await bot.say("/abo Karlsruhe AfD")
    publish_inquiry(bot.oparl, "2026/9991", tmp_path)  # the real AfD inquiry 2026/0297
    push = await bot.api.wait_for_message(USER, lambda m: "2026/9991" in m.text, timeout=60)
    assert push.text.startswith("📄 Anfrage · Karlsruhe")
    assert "AfD" in push.text
