"""Settings from the environment and `.env` (pydantic-settings); read by the composition root."""

from __future__ import annotations

import re
from typing import Annotated, Literal
from urllib.parse import urlsplit

from pydantic import Field, SecretStr, ValidationError, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from fetcher.netguard import NetworkListError, parse_networks
from storage.db import DatabaseUrlError, check_database_url


def _split_commas(value: object) -> object:
    if isinstance(value, str):
        return [part.strip() for part in value.split(",") if part.strip()]
    return value


# What one `ratsbot run` process does (docs/scaling.md): "chat" answers Telegram (the only
# process that may poll getUpdates) and sends operator and meeting alerts, "fetch" syncs the
# sources, "deliver" sends the queued messages; "all" is all three.
Role = Literal["all", "chat", "fetch", "deliver"]
ROLE_PARTS: dict[str, frozenset[str]] = {
    "all": frozenset({"chat", "fetch", "deliver"}),
    "chat": frozenset({"chat"}),
    "fetch": frozenset({"fetch"}),
    "deliver": frozenset({"deliver"}),
}

# setWebhook's secret_token: "1-256 characters. Only characters A-Z, a-z, 0-9, _ and - are allowed."
_WEBHOOK_SECRET = re.compile(r"[A-Za-z0-9_-]{1,256}")
_TOKEN = re.compile(r"[0-9]{1,20}:[A-Za-z0-9_-]{20,100}")


def _is_http_url(value: str) -> bool:
    parts = urlsplit(value)
    return parts.scheme in ("http", "https") and bool(parts.netloc)


class Settings(BaseSettings):
    """Every setting Ratsbot reads; `.env.example` documents each key with its default."""

    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    telegram_bot_token: SecretStr | None = Field(default=None, alias="TELEGRAM_BOT_TOKEN")
    telegram_api_url: str = Field(default="https://api.telegram.org", alias="TELEGRAM_API_URL")
    telegram_webhook_url: str | None = Field(default=None, alias="TELEGRAM_WEBHOOK_URL")
    telegram_webhook_port: int = Field(default=8443, alias="TELEGRAM_WEBHOOK_PORT")
    telegram_webhook_listen: str = Field(default="127.0.0.1", alias="TELEGRAM_WEBHOOK_LISTEN")
    telegram_webhook_secret: SecretStr | None = Field(default=None, alias="TELEGRAM_WEBHOOK_SECRET")
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
    # Pause between two requests to one host; unset: each command's own (run 1 s, fetch 0.5 s).
    http_host_interval_seconds: float | None = Field(
        default=None, ge=0, alias="HTTP_HOST_INTERVAL_SECONDS"
    )
    # Atom/iCal feeds (bot/feeds/): local port, off when empty; the public URL in /feed's links.
    feeds_port: int | None = Field(default=None, alias="FEEDS_PORT")
    feeds_public_url: str | None = Field(default=None, alias="FEEDS_PUBLIC_URL")
    ratsbot_role: Role = Field(default="all", alias="RATSBOT_ROLE")
    ratsbot_worker_name: str | None = Field(default=None, alias="RATSBOT_WORKER_NAME")

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

    @field_validator("feeds_port", "http_host_interval_seconds", mode="before")
    @classmethod
    def _empty_is_unset(cls, value: object) -> object:
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

    @field_validator("telegram_bot_token")
    @classmethod
    def _token(cls, value: SecretStr | None) -> SecretStr | None:
        if value is None or not value.get_secret_value().strip():
            return None
        # From @BotFather: "<bot id>:<35 characters>"; a pasted quote or space is the usual typo.
        if not _TOKEN.fullmatch(value.get_secret_value()):
            raise ValueError("kein Token im Format 123456789:ABC… (so wie von @BotFather)")
        return value

    @field_validator("telegram_webhook_secret")
    @classmethod
    def _webhook_secret(cls, value: SecretStr | None) -> SecretStr | None:
        if value is None or not value.get_secret_value():
            return None
        if not _WEBHOOK_SECRET.fullmatch(value.get_secret_value()):
            raise ValueError("1 bis 256 Zeichen aus A–Z, a–z, 0–9, _ und - (Vorgabe von Telegram)")
        return value

    @model_validator(mode="after")
    def _webhook_needs_secret(self) -> Settings:
        # Without the secret anyone who can reach the port can post updates as any user (#13).
        if self.telegram_webhook_url and self.telegram_webhook_secret is None:
            raise ValueError(
                "TELEGRAM_WEBHOOK_SECRET: im Webhook-Betrieb nötig (z. B. `openssl rand -hex 32`)"
            )
        return self

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

    def host_interval_s(self, default: float) -> float:
        """Return HTTP_HOST_INTERVAL_SECONDS, or `default` (the command's own) when unset."""
        interval = self.http_host_interval_seconds
        return default if interval is None else interval

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


# pydantic's English messages for the error types a hand-edited `.env` can produce.
_GERMAN_ERRORS = {
    "int_parsing": "keine ganze Zahl",
    "int_type": "keine ganze Zahl",
    "int_from_float": "keine ganze Zahl",
    "float_parsing": "keine Zahl",
    "float_type": "keine Zahl",
    "bool_parsing": "weder true noch false",
    "string_type": "kein Text",
    "missing": "fehlt",
    "json_invalid": "kein gültiges JSON",
    "list_type": "keine kommagetrennte Liste",
    "literal_error": "nicht erlaubt",
}


def config_error_line(errors: list[dict[str, object]]) -> str:
    """Return one German line naming the key of the first validation error."""
    first = errors[0]
    loc = first.get("loc") or ()
    assert isinstance(loc, tuple)
    message = str(first.get("msg", "")).removeprefix("Value error, ")
    if loc:
        key = str(loc[0])
        field = Settings.model_fields.get(key)
        key = (field.alias if field is not None else None) or key
        if len(loc) > 1 and isinstance(loc[1], int):
            message_item = f" (Eintrag {loc[1] + 1})"
        else:
            message_item = ""
    else:  # a check across keys names its key at the start of the message
        key, _, message = message.partition(": ")
        message_item = ""
    error_type = str(first.get("type", ""))
    if error_type in _GERMAN_ERRORS:
        value = first.get("input")
        secret = "SECRET" in key or "TOKEN" in key  # never echo a secret back
        shown = f": {value!r}" if isinstance(value, str | int | float) and not secret else ""
        message = f"{_GERMAN_ERRORS[error_type]}{shown}"
        ctx = first.get("ctx")
        if error_type == "literal_error" and isinstance(ctx, dict):
            message += f" (erlaubt: {str(ctx.get('expected', '')).replace(' or ', ', ')})"
    return f"Konfigurationsfehler in {key}{message_item}: {message}"


def load_settings() -> Settings:
    """Read the settings, or raise ConfigError with one line naming the offending key."""
    try:
        return Settings()
    except ValidationError as exc:
        errors = [dict(e) for e in exc.errors()]
        raise ConfigError(config_error_line(errors)) from None
