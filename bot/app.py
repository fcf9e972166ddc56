"""The composition root (I/O): builds every client once and runs fetcher, bot and delivery together.

`ratsbot run` calls `run_forever`; the demo and tests call `run` with their own stop event.
Every long-lived loop runs under `supervised`: an unexpected error is logged and the loop
restarts after a pause, so nothing needs a human to restart it. The one exception is a revoked
Telegram token (`TokenRevoked`): nothing can be sent, so `run` ends and `ratsbot run` exits
with EXIT_TOKEN_REVOKED instead of staying up half alive.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
import signal
import sys
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from telegram import Update
from telegram.error import InvalidToken, TelegramError

from bot.chat.abo import COVERAGE_KEY
from bot.chat.admin import register_admin_handlers
from bot.chat.application import build_application, set_commands
from bot.chat.feed import FEEDS_FORGET_KEY, FEEDS_URL_KEY
from bot.chat.membership import register_membership_handler
from bot.config import ROLE_PARTS, Settings
from bot.feeds.server import FeedServer
from bot.ops.disk import DiskWatch, database_dir
from bot.ops.status import render_source_alert
from bot.pipeline import alerts
from bot.pipeline.coverage import DEFAULT_GRACE, Coverage
from bot.pipeline.delivery import DeliveryConfig, DeliveryWorker, TokenRevoked
from bot.pipeline.notify import Notifier
from bot.pipeline.sync import SyncService, configured_endpoints
from fetcher.clock import utc_now
from fetcher.endpoints import Endpoint
from fetcher.http import HttpClient, RetryPolicy
from fetcher.parsepool import ParserPool
from storage import health
from storage.db import close_db, open_db
from storage.leases import delivery_owner, instance_lock, worker_name

log = logging.getLogger(__name__)

Clock = Callable[[], datetime]
SOURCE_ALERT_AFTER = timedelta(hours=24)
ALERT_CHECK_INTERVAL_S = 60.0
TOKEN_CHECK_INTERVAL_S = 30.0
SHUTDOWN_TIMEOUT_S = 20.0  # > DeliveryConfig.shutdown_grace_s: sends in flight finish first
EXIT_TOKEN_REVOKED = 2  # "cannot run": Telegram answers 401 to the token, now or for a minute


@dataclass
class RunOptions:
    """What differs between production, the demo and tests; production uses the defaults."""

    endpoints: Sequence[Endpoint] | None = None
    clock: Clock = utc_now
    alert_check_interval_s: float = ALERT_CHECK_INTERVAL_S
    per_host_interval_s: float = 1.0
    http_retry: RetryPolicy | None = None  # None: the HTTP client's default (fetcher/http.py)
    poll_interval_s: float | None = None  # None: POLL_INTERVAL_SECONDS
    delivery: DeliveryConfig | None = None
    polling_timeout_s: int = 30
    first_poll_delay_s: float = 0.0
    first_sync_since: date | None = None
    token_check_interval_s: float = TOKEN_CHECK_INTERVAL_S
    on_ready: Callable[[RunContext], Awaitable[None]] | None = None
    bundled: Sequence[Endpoint] | None = None  # on demand (no OPARL_ENDPOINTS): Kommunen offered
    unsubscribed_grace: timedelta = DEFAULT_GRACE  # on demand: polled on without subscriptions
    parser_pool: type[ParserPool] = ParserPool  # tests pass a subclass that remembers readings


@dataclass
class RunContext:
    """The running pieces, handed to `on_ready` (the demo drives them)."""

    sync: SyncService
    notifier: Notifier
    delivery: DeliveryWorker
    coverage: Coverage | None = None
    tasks: list[asyncio.Task[None]] = field(default_factory=list)


async def supervised(
    name: str, loop: Callable[[], Awaitable[None]], *, pause_s: float = 5.0
) -> None:
    """Run `loop` forever; log and restart it after an unexpected error (never give up).

    TokenRevoked is not unexpected: it ends the task, and `run` ends with it.
    """
    failures = 0
    while True:
        try:
            await loop()
            return
        except (asyncio.CancelledError, TokenRevoked):
            raise
        except Exception:
            failures += 1
            delay = min(300.0, pause_s * 2 ** min(failures - 1, 6))
            log.exception("task=%s crashed (%d); restarting in %.0fs", name, failures, delay)
            await asyncio.sleep(delay)


async def poll_forever(
    coverage: Coverage, http: HttpClient, interval_s: float, first_delay_s: float = 0.0
) -> None:
    """Poll every source that should be polled (bot/pipeline/coverage.py), wait; repeat."""
    await asyncio.sleep(first_delay_s)
    while True:
        await coverage.poll_once(http)
        await asyncio.sleep(interval_s)


async def watch_token(
    get_me: Callable[[], Awaitable[object]], delivery: DeliveryWorker, interval_s: float
) -> None:
    """Ask Telegram who we are every `interval_s`: PTB's polling stops silently on a 401, so
    a revoked token must be noticed here too (the delivery worker decides when it lasts)."""
    while True:
        await asyncio.sleep(interval_s)
        try:
            await get_me()
        except InvalidToken as exc:
            await delivery.token_rejected(exc.message)
        except TelegramError as exc:
            log.debug("token check: %s", exc)
        else:
            delivery.token_accepted()


async def alert_forever(
    notifier: Notifier,
    delivery: DeliveryWorker,
    bot_send: Callable[..., Awaitable[object]],
    settings: Settings,
    clock: Clock,
    interval_s: float,
    sync_warnings: Callable[[], Awaitable[list[str]]],
) -> None:
    """Every `interval_s`: queue meeting alerts; tell operators once about dead sources, once
    about a filling disk, and once about a list that keeps capping the sync (and its end)."""
    disk = DiskWatch(database_dir(settings.database_url))
    while True:
        now = clock()
        if await alerts.check_meetings(now, alert_hours=settings.meeting_alert_hours):
            delivery.wake()
        await alert_operators(bot_send, settings.admin_chat_ids, now)
        warning = disk.check()
        if warning is not None:
            log.warning("disk %s", warning)
            await _tell_operators(bot_send, settings.admin_chat_ids, f"⚠️ {warning}")
        for text in await sync_warnings():
            await _tell_operators(bot_send, settings.admin_chat_ids, text)
        await asyncio.sleep(interval_s)


async def _tell_operators(
    bot_send: Callable[..., Awaitable[object]], admin_chat_ids: Sequence[int], text: str
) -> None:
    for chat_id in admin_chat_ids:
        try:
            await bot_send(chat_id=chat_id, text=text)
        except TelegramError as exc:
            log.warning("operator message to chat=%s failed: %s", chat_id, exc)


async def alert_operators(
    bot_send: Callable[..., Awaitable[object]], admin_chat_ids: Sequence[int], now: datetime
) -> int:
    """Send one message per source failing for more than a day (not one per poll)."""
    if not admin_chat_ids:
        return 0
    sent = 0
    for state in await health.sources_to_alert(now, after=SOURCE_ALERT_AFTER):
        assert state.failing_since is not None
        text = render_source_alert(state.source, state.failing_since, state.last_error)
        delivered = False
        for chat_id in admin_chat_ids:
            try:
                await bot_send(chat_id=chat_id, text=text, parse_mode="HTML")
                delivered = True
            except TelegramError as exc:
                log.warning("admin alert to chat=%s failed: %s", chat_id, exc)
        if delivered:
            await health.mark_alerted(state.id, now)
            sent += 1
    return sent


async def run(settings: Settings, stop: asyncio.Event, options: RunOptions | None = None) -> None:
    """Run fetcher, bot and delivery until `stop` is set; shut down cleanly."""
    options = options or RunOptions()
    if settings.telegram_bot_token is None:
        raise ValueError("TELEGRAM_BOT_TOKEN fehlt")
    endpoints = options.endpoints or configured_endpoints(settings.oparl_endpoints)
    if options.endpoints is None and not settings.oparl_endpoints:
        endpoints = ()  # on demand: polled once subscribed (bot/pipeline/coverage.py)
    with instance_lock(settings.database_url):  # SQLite: one process only
        await _open_db_to_the_end(settings.database_url)
        try:
            await _run_with_db(settings, stop, options, endpoints)
        finally:
            await close_db()


async def _open_db_to_the_end(url: str) -> None:
    """Open (and migrate) the database even when start-up is cancelled meanwhile (a SIGTERM).

    A migration cut off halfway leaves a half-migrated file, and a cancelled SQLite call leaves
    its thread to answer a closed event loop; the open is bounded by its own timeout anyway. On
    a cancel the opened database is closed again before the cancel goes on.
    """
    opening = asyncio.ensure_future(open_db(url))
    try:
        await asyncio.shield(opening)
    except asyncio.CancelledError:
        with contextlib.suppress(Exception):
            await opening
        await close_db()
        raise


async def _run_with_db(
    settings: Settings, stop: asyncio.Event, options: RunOptions, endpoints: Sequence[Endpoint]
) -> None:
    assert settings.telegram_bot_token is not None
    async with (
        HttpClient(
            per_host_interval_s=settings.host_interval_s(options.per_host_interval_s),
            retry=options.http_retry,
            allow_networks=settings.http_allow_networks,
        ) as http,
        options.parser_pool(memory_limit_bytes=settings.parser_memory_bytes) as parser,
    ):
        application = build_application(
            settings.telegram_bot_token.get_secret_value(),
            settings.telegram_base_url,
            settings.telegram_base_file_url,
            admin_chat_ids=settings.admin_chat_ids,
            clock=options.clock,
        )
        register_admin_handlers(application)
        register_membership_handler(application)
        try:
            async with application:
                await _run_application(
                    settings, stop, options, application, http, parser, endpoints
                )
        finally:
            # PTB skips the bot's shutdown when `initialize` failed (a token refused at start):
            # its HTTP connections would stay open. A no-op after a normal shutdown.
            await application.bot.shutdown()


async def _run_application(
    settings: Settings,
    stop: asyncio.Event,
    options: RunOptions,
    application: object,
    http: HttpClient,
    parser: ParserPool,
    endpoints: Sequence[Endpoint],
) -> None:
    from telegram.ext import Application

    assert isinstance(application, Application)
    bot = application.bot
    roles = ROLE_PARTS[settings.ratsbot_role]
    if "chat" in roles:
        await set_commands(bot)
    delivery = DeliveryWorker(
        bot,
        options.delivery or DeliveryConfig(rate_per_s=settings.telegram_rate_limit),
        render_meeting=alerts.render_meeting_row,
        now=options.clock,
        owner=delivery_owner(settings.ratsbot_role, settings.ratsbot_worker_name),
        on_outage=lambda text: _tell_operators(bot.send_message, settings.admin_chat_ids, text),
    )
    if "deliver" in roles:
        await delivery.recover()
    notifier = Notifier(clock=options.clock, on_enqueued=delivery.wake)
    application.bot_data["notifier"] = notifier
    coverage = Coverage(
        endpoints,
        bundled=options.bundled,
        pinned=settings.oparl_pinned,
        grace=options.unsubscribed_grace,
        clock=options.clock,
    )
    application.bot_data[COVERAGE_KEY] = coverage
    # Atom/iCal feeds (bot/feeds/server.py), only with FEEDS_PORT; stale once a paper is stored.
    feeds = feed_server(settings, options.clock)
    poll_interval_s = options.poll_interval_s or settings.poll_interval_seconds
    sync = SyncService(
        http,
        parser,
        endpoints,
        notify=(
            functools.partial(feeds.on_paper_stored, notifier.on_paper_stored)
            if feeds is not None
            else notifier.on_paper_stored
        ),
        poll_interval=timedelta(seconds=poll_interval_s),
        first_sync_since=options.first_sync_since,
        clock=options.clock,
        lease_owner=worker_name(),  # several fetch workers split the Kommunen (docs/scaling.md)
    )
    coverage.sync = sync
    # A bare URL's Kommune is named by its server before /abo can be asked about it.
    await coverage.identify(http)
    await application.start()
    updater = application.updater
    assert updater is not None
    if "chat" not in roles:
        pass  # another process polls Telegram: two pollers end each other's getUpdates (409)
    elif settings.telegram_webhook_url:
        secret = settings.telegram_webhook_secret
        assert secret is not None  # Settings refuses webhook mode without it
        # PTB answers 403 to every POST without this X-Telegram-Bot-Api-Secret-Token header.
        await updater.start_webhook(
            listen=settings.telegram_webhook_listen,
            port=settings.telegram_webhook_port,
            url_path=settings.telegram_webhook_path,
            webhook_url=settings.telegram_webhook_url,
            secret_token=secret.get_secret_value(),
            allowed_updates=Update.ALL_TYPES,
        )
    else:
        await updater.start_polling(
            timeout=options.polling_timeout_s,
            allowed_updates=Update.ALL_TYPES,
        )
    context = RunContext(sync=sync, notifier=notifier, delivery=delivery, coverage=coverage)
    if "deliver" in roles:
        context.tasks.append(asyncio.create_task(supervised("delivery", delivery.run)))
        context.tasks.append(
            asyncio.create_task(
                supervised(
                    "token",
                    lambda: watch_token(bot.get_me, delivery, options.token_check_interval_s),
                )
            )
        )
    if "fetch" in roles:
        context.tasks.append(
            asyncio.create_task(
                supervised(
                    "poll",
                    lambda: poll_forever(
                        coverage, http, poll_interval_s, options.first_poll_delay_s
                    ),
                )
            )
        )
    if "chat" in roles:  # once per installation: alerts go with the one Telegram poller
        context.tasks.append(
            asyncio.create_task(
                supervised(
                    "alerts",
                    lambda: alert_forever(
                        notifier,
                        delivery,
                        bot.send_message,
                        settings,
                        options.clock,
                        options.alert_check_interval_s,
                        sync.guard.take_warnings,
                    ),
                )
            )
        )
    if feeds is not None:
        await start_feeds(feeds, settings, application.bot_data)
    log.info(
        "ratsbot running: kommunen=%s mode=%s role=%s",
        "on-demand" if coverage.on_demand else len(endpoints),
        _mode(settings) if "chat" in roles else "-",
        settings.ratsbot_role,
    )
    try:
        if options.on_ready is not None:
            await options.on_ready(context)
        stopped = asyncio.create_task(stop.wait())
        await asyncio.wait({stopped, context.tasks[0]}, return_when=asyncio.FIRST_COMPLETED)
        stopped.cancel()
        if context.tasks[0].done() and not context.tasks[0].cancelled():
            context.tasks[0].result()  # raises TokenRevoked: the process must end
    finally:
        log.info("ratsbot stopping")
        for task in context.tasks:
            task.cancel()
        with contextlib.suppress(asyncio.CancelledError, asyncio.TimeoutError):
            await asyncio.wait_for(
                asyncio.gather(*context.tasks, return_exceptions=True), SHUTDOWN_TIMEOUT_S
            )
        if feeds is not None:
            await feeds.stop()
        with contextlib.suppress(TelegramError):  # polling that ended on a 401 re-raises here
            if updater.running:
                await updater.stop()
        await application.stop()


def feed_server(settings: Settings, clock: Callable[[], datetime]) -> FeedServer | None:
    """Return the feed server when FEEDS_PORT is set (not yet listening)."""
    base_url = settings.feeds_base_url
    return FeedServer(base_url=base_url, clock=clock) if base_url is not None else None


async def start_feeds(feeds: FeedServer, settings: Settings, bot_data: dict[Any, Any]) -> None:
    """Listen on FEEDS_PORT and tell /feed the public URL and how to drop a replaced token."""
    assert settings.feeds_port is not None
    port = await feeds.start("0.0.0.0", settings.feeds_port)
    bot_data[FEEDS_URL_KEY] = feeds.base_url
    bot_data[FEEDS_FORGET_KEY] = feeds.forget
    log.info("feeds: port=%d url=%s", port, feeds.base_url)


def _mode(settings: Settings) -> str:
    return "webhook" if settings.telegram_webhook_url else "polling"


def run_forever(settings: Settings) -> int:
    """Run `ratsbot run` until SIGTERM/SIGINT; return the exit code."""
    if settings.telegram_bot_token is None:
        print(
            "Konfigurationsfehler in TELEGRAM_BOT_TOKEN: für `ratsbot run` nötig "
            "(Token von @BotFather; offline: `ratsbot demo`)",
            file=sys.stderr,
        )
        return 2

    async def main() -> None:
        stop = asyncio.Event()
        started = asyncio.Event()
        main_task = asyncio.current_task()
        assert main_task is not None

        def on_signal() -> None:
            # Running: stop cleanly (sends in flight finish). Still starting (database, network,
            # Telegram's getMe): nothing to finish, so give up the start-up at once.
            if not started.is_set() or stop.is_set():
                main_task.cancel()
            stop.set()

        async def on_ready(context: RunContext) -> None:
            started.set()

        loop = asyncio.get_running_loop()
        for sig in (signal.SIGTERM, signal.SIGINT):
            loop.add_signal_handler(sig, on_signal)
        try:
            await run(settings, stop, RunOptions(on_ready=on_ready))
        except asyncio.CancelledError:
            log.info("ratsbot stopped during start-up")

    try:
        asyncio.run(main())
    except InvalidToken:  # refused at start: a wrong token rather than a revoked one
        print("Telegram lehnt TELEGRAM_BOT_TOKEN ab: Token bei @BotFather prüfen", file=sys.stderr)
        return EXIT_TOKEN_REVOKED
    except TokenRevoked:
        print(
            "Telegram lehnt TELEGRAM_BOT_TOKEN ab (401 Unauthorized, vermutlich widerrufen): "
            f"Ratsbot beendet sich mit Exit-Code {EXIT_TOKEN_REVOKED}. Neues Token von @BotFather "
            "eintragen und neu starten; wartende Nachrichten bleiben erhalten.",
            file=sys.stderr,
        )
        return EXIT_TOKEN_REVOKED
    return 0
