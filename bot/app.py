"""The composition root (I/O): builds every client once and runs fetcher, bot and delivery together.

`ratsbot run` calls `run_forever`; the demo and tests call `run` with their own stop event.
Every long-lived loop runs under `supervised`: an unexpected error is logged and the loop
restarts after a pause, so nothing needs a human to restart it.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import shutil
import signal
import sys
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from telegram import Update
from telegram.error import TelegramError

from bot.chat.admin import register_admin_handlers
from bot.chat.application import build_application, set_commands
from bot.chat.membership import register_membership_handler
from bot.config import ROLE_PARTS, Settings
from bot.ops.status import render_source_alert
from bot.pipeline import alerts
from bot.pipeline.delivery import DeliveryConfig, DeliveryWorker
from bot.pipeline.notify import Notifier
from bot.pipeline.sync import SyncService, configured_endpoints
from fetcher.endpoints import Endpoint
from fetcher.http import HttpClient
from fetcher.parsepool import ParserPool
from storage import health
from storage.db import close_db, open_db
from storage.leases import instance_lock, worker_name

log = logging.getLogger(__name__)

Clock = Callable[[], datetime]
SOURCE_ALERT_AFTER = timedelta(hours=24)
ALERT_CHECK_INTERVAL_S = 60.0
SHUTDOWN_TIMEOUT_S = 8.0


def utc_now() -> datetime:
    """Return the current time, timezone-aware."""
    return datetime.now(UTC)


@dataclass
class RunOptions:
    """What differs between production, the demo and tests; production uses the defaults."""

    endpoints: Sequence[Endpoint] | None = None
    clock: Clock = utc_now
    alert_check_interval_s: float = ALERT_CHECK_INTERVAL_S
    per_host_interval_s: float = 1.0
    delivery: DeliveryConfig | None = None
    polling_timeout_s: int = 30
    first_poll_delay_s: float = 0.0
    first_sync_since: date | None = None
    on_ready: Callable[[RunContext], Awaitable[None]] | None = None


@dataclass
class RunContext:
    """The running pieces, handed to `on_ready` (the demo drives them)."""

    sync: SyncService
    notifier: Notifier
    delivery: DeliveryWorker
    tasks: list[asyncio.Task[None]] = field(default_factory=list)


async def supervised(
    name: str, loop: Callable[[], Awaitable[None]], *, pause_s: float = 5.0
) -> None:
    """Run `loop` forever; log and restart it after an unexpected error (never give up)."""
    failures = 0
    while True:
        try:
            await loop()
            return
        except asyncio.CancelledError:
            raise
        except Exception:
            failures += 1
            delay = min(300.0, pause_s * 2 ** min(failures - 1, 6))
            log.exception("task=%s crashed (%d); restarting in %.0fs", name, failures, delay)
            await asyncio.sleep(delay)


async def poll_forever(sync: SyncService, interval_s: float, first_delay_s: float = 0.0) -> None:
    """Poll every source, then wait `interval_s`; repeat."""
    await asyncio.sleep(first_delay_s)
    while True:
        await sync.sync_all()
        await asyncio.sleep(interval_s)


async def alert_forever(
    notifier: Notifier,
    delivery: DeliveryWorker,
    bot_send: Callable[..., Awaitable[object]],
    settings: Settings,
    clock: Clock,
    interval_s: float,
) -> None:
    """Every `interval_s`: queue meeting alerts; tell operators once about dead sources and
    once about a filling disk."""
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
        await asyncio.sleep(interval_s)


def database_dir(database_url: str) -> Path:
    """Return the directory whose disk holds the database (SQLite) or the working directory."""
    if database_url.startswith("sqlite://"):
        return Path(database_url[len("sqlite://") :]).resolve().parent
    return Path.cwd()


def disk_warning(free_bytes: int, total_bytes: int) -> str | None:
    """Return the operators' warning when less than 1 GiB or 5 % of the disk is free."""
    if free_bytes >= min(1 << 30, total_bytes // 20):
        return None
    return (
        f"Nur noch {free_bytes / (1 << 20):.0f} MB frei auf dem Datenträger der Datenbank. "
        "Ratsbot läuft weiter; bitte Platz schaffen (alte Backups, Logs)."
    )


class DiskWatch:
    """Warn once when the disk runs low, and again only after it recovered and ran low again."""

    def __init__(self, path: Path, usage: Callable[[Path], tuple[int, int]] | None = None) -> None:
        self.path = path
        self._usage = usage or _disk_usage
        self._warned = False

    def check(self) -> str | None:
        """Return a warning the first time the disk is low; None otherwise."""
        try:
            total, free = self._usage(self.path)
        except OSError:
            return None
        warning = disk_warning(free, total)
        if warning is None:
            self._warned = False
            return None
        if self._warned:
            return None
        self._warned = True
        return warning


def _disk_usage(path: Path) -> tuple[int, int]:
    usage = shutil.disk_usage(path)
    return usage.total, usage.free


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
    with instance_lock(settings.database_url):  # SQLite: one process only
        await open_db(settings.database_url)
        try:
            await _run_with_db(settings, stop, options, endpoints)
        finally:
            await close_db()


async def _run_with_db(
    settings: Settings, stop: asyncio.Event, options: RunOptions, endpoints: Sequence[Endpoint]
) -> None:
    assert settings.telegram_bot_token is not None
    async with (
        HttpClient(per_host_interval_s=options.per_host_interval_s) as http,
        ParserPool() as parser,
    ):
        application = build_application(
            settings.telegram_bot_token.get_secret_value(),
            settings.telegram_base_url,
            settings.telegram_base_file_url,
            admin_chat_ids=settings.admin_chat_ids,
            clock=options.clock,
        )
        register_admin_handlers(application, settings.admin_chat_ids)
        register_membership_handler(application)
        async with application:
            await _run_application(settings, stop, options, application, http, parser, endpoints)


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
    )
    if "deliver" in roles:
        await delivery.recover()
    notifier = Notifier(clock=options.clock, on_enqueued=delivery.wake)
    application.bot_data["notifier"] = notifier
    sync = SyncService(
        http,
        parser,
        endpoints,
        notify=notifier.on_paper_stored,
        poll_interval=timedelta(seconds=settings.poll_interval_seconds),
        first_sync_since=options.first_sync_since,
        clock=options.clock,
        lease_owner=worker_name(),  # several fetch workers split the Kommunen (docs/scaling.md)
    )
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
    context = RunContext(sync=sync, notifier=notifier, delivery=delivery)
    if "deliver" in roles:
        context.tasks.append(asyncio.create_task(supervised("delivery", delivery.run)))
    if "fetch" in roles:
        context.tasks.append(
            asyncio.create_task(
                supervised(
                    "poll",
                    lambda: poll_forever(
                        sync, settings.poll_interval_seconds, options.first_poll_delay_s
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
                    ),
                )
            )
        )
    log.info(
        "ratsbot running: kommunen=%d mode=%s role=%s",
        len(endpoints),
        _mode(settings) if "chat" in roles else "-",
        settings.ratsbot_role,
    )
    try:
        if options.on_ready is not None:
            await options.on_ready(context)
        await stop.wait()
    finally:
        log.info("ratsbot stopping")
        for task in context.tasks:
            task.cancel()
        with contextlib.suppress(asyncio.CancelledError, asyncio.TimeoutError):
            await asyncio.wait_for(
                asyncio.gather(*context.tasks, return_exceptions=True), SHUTDOWN_TIMEOUT_S
            )
        if updater.running:
            await updater.stop()
        await application.stop()


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
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGTERM, signal.SIGINT):
            loop.add_signal_handler(sig, stop.set)
        await run(settings, stop)

    asyncio.run(main())
    return 0
