"""Settings from the environment and `.env` (pydantic-settings); read by the composition root."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import urlsplit

from pydantic import Field, ValidationError, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from fetcher.netguard import NetworkListError, parse_networks
from storage.db import DatabaseUrlError, check_database_url


def _split_commas(value: object) -> object:
    if isinstance(value, str):
        return [part.strip() for part in value.split(",") if part.strip()]
    return value


def _is_http_url(value: str) -> bool:
    parts = urlsplit(value)
    return parts.scheme in ("http", "https") and bool(parts.netloc)


class Settings(BaseSettings):
    """Every setting Ratsbot reads; `.env.example` documents each key with its default."""

    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    telegram_bot_token: str | None = Field(default=None, alias="TELEGRAM_BOT_TOKEN")
    telegram_api_url: str = Field(default="https://api.telegram.org", alias="TELEGRAM_API_URL")
    telegram_webhook_url: str | None = Field(default=None, alias="TELEGRAM_WEBHOOK_URL")
    telegram_webhook_port: int = Field(default=8443, alias="TELEGRAM_WEBHOOK_PORT")
    database_url: str = Field(default="sqlite://data/ratsbot.sqlite3", alias="DATABASE_URL")
    oparl_endpoints: Annotated[list[str], NoDecode] = Field(
        default_factory=list, alias="OPARL_ENDPOINTS"
    )
    oparl_pinned: Annotated[list[str], NoDecode] = Field(default_factory=list, alias="OPARL_PINNED")
    poll_interval_seconds: int = Field(default=600, alias="POLL_INTERVAL_SECONDS")
    meeting_alert_hours: int = Field(default=24, alias="MEETING_ALERT_HOURS")
    admin_chat_ids: Annotated[list[int], NoDecode] = Field(
        default_factory=list, alias="ADMIN_CHAT_IDS"
    )
    log_level: str = Field(default="INFO", alias="LOG_LEVEL")
    telegram_rate_limit: float = Field(default=25.0, alias="TELEGRAM_RATE_LIMIT")
    http_allow_networks: Annotated[list[str], NoDecode] = Field(
        default_factory=list, alias="HTTP_ALLOW_NETWORKS"
    )
    parser_memory_mb: int = Field(default=512, alias="PARSER_MEMORY_MB")
    # Atom/iCal feeds (bot/feeds/): local port, off when empty; the public URL in /feed's links.
    feeds_port: int | None = Field(default=None, alias="FEEDS_PORT")
    feeds_public_url: str | None = Field(default=None, alias="FEEDS_PUBLIC_URL")

    @field_validator(
        "oparl_endpoints", "admin_chat_ids", "http_allow_networks", "oparl_pinned", mode="before"
    )
    @classmethod
    def _comma_list(cls, value: object) -> object:
        return _split_commas(value)

    @field_validator("oparl_endpoints")
    @classmethod
    def _endpoint_urls(cls, value: list[str]) -> list[str]:
        for item in value:
            url = item.split("=", 1)[1] if "=" in item.split("://", 1)[0] else item
            for candidate in url.split("|"):
                if not _is_http_url(candidate):
                    raise ValueError(f"keine gültige http(s)-URL: {candidate!r}")
        return value

    @field_validator("http_allow_networks")
    @classmethod
    def _networks(cls, value: list[str]) -> list[str]:
        try:
            parse_networks(value)
        except NetworkListError as exc:
            raise ValueError(str(exc)) from None
        return value

    @field_validator("telegram_api_url")
    @classmethod
    def _api_url(cls, value: str) -> str:
        if not _is_http_url(value):
            raise ValueError(f"keine gültige http(s)-URL: {value!r}")
        return value.rstrip("/")

    @field_validator("telegram_webhook_url")
    @classmethod
    def _webhook_url(cls, value: str | None) -> str | None:
        if value and not _is_http_url(value):
            raise ValueError(f"keine gültige http(s)-URL: {value!r}")
        return value or None

    @field_validator("feeds_port", mode="before")
    @classmethod
    def _feeds_port(cls, value: object) -> object:
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        return value

    @field_validator("feeds_port")
    @classmethod
    def _port_range(cls, value: int | None) -> int | None:
        if value is not None and not 0 < value < 65536:
            raise ValueError(f"kein gültiger Port: {value}")
        return value

    @field_validator("feeds_public_url")
    @classmethod
    def _feeds_url(cls, value: str | None) -> str | None:
        if value and not _is_http_url(value):
            raise ValueError(f"keine gültige http(s)-URL: {value!r}")
        return value.rstrip("/") if value else None

    @property
    def feeds_base_url(self) -> str | None:
        """Return the URL feed links start with (None when feeds are off)."""
        if self.feeds_port is None:
            return None
        return self.feeds_public_url or f"http://localhost:{self.feeds_port}"

    @field_validator("database_url")
    @classmethod
    def _database_url(cls, value: str) -> str:
        try:
            return check_database_url(value)
        except DatabaseUrlError as exc:
            raise ValueError(str(exc)) from None

    @field_validator("poll_interval_seconds", "meeting_alert_hours")
    @classmethod
    def _positive(cls, value: int) -> int:
        if value <= 0:
            raise ValueError(f"muss größer als 0 sein, ist {value}")
        return value

    @field_validator("parser_memory_mb")
    @classmethod
    def _parser_memory(cls, value: int) -> int:
        if value < 128:
            raise ValueError(f"mindestens 128 (MB), ist {value}")
        return value

    @property
    def parser_memory_bytes(self) -> int:
        """Return PARSER_MEMORY_MB in bytes (ParserPool's memory_limit_bytes)."""
        return self.parser_memory_mb * 1024 * 1024

    @field_validator("telegram_rate_limit")
    @classmethod
    def _positive_rate(cls, value: float) -> float:
        if value <= 0:
            raise ValueError(f"muss größer als 0 sein, ist {value}")
        return value

    @field_validator("log_level")
    @classmethod
    def _log_level(cls, value: str) -> str:
        level = value.upper()
        if level not in ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"):
            raise ValueError(f"unbekannte Stufe {value!r} (DEBUG, INFO, WARNING, ERROR)")
        return level

    @property
    def telegram_webhook_path(self) -> str:
        """Return the local path the webhook server listens on (the URL's path)."""
        return urlsplit(self.telegram_webhook_url or "").path.lstrip("/") or "telegram"

    @property
    def telegram_base_url(self) -> str:
        """Return PTB's base_url (`{TELEGRAM_API_URL}/bot`)."""
        return f"{self.telegram_api_url}/bot"

    @property
    def telegram_base_file_url(self) -> str:
        """Return PTB's base_file_url (`{TELEGRAM_API_URL}/file/bot`)."""
        return f"{self.telegram_api_url}/file/bot"


class ConfigError(Exception):
    """Raised when a setting is invalid; the message is one line naming the key."""


def load_settings() -> Settings:
    """Read the settings, or raise ConfigError with one line naming the offending key."""
    try:
        return Settings()
    except ValidationError as exc:
        first = exc.errors()[0]
        key = str(first["loc"][0]) if first["loc"] else "?"
        alias = Settings.model_fields[key].alias if key in Settings.model_fields else key
        message = str(first["msg"]).removeprefix("Value error, ")
        raise ConfigError(f"Konfigurationsfehler in {alias or key}: {message}") from None
