"""Polite, guarded shared HTTP access for OParl servers and documents. Does network I/O.

One `HttpClient` wraps one `aiohttp.ClientSession` for the whole process. It adds what real council
servers need (OPARL-NOTES.md §0.7, §5.6): an identifiable User-Agent, a per-host concurrency limit,
long timeouts, retries with exponential backoff and jitter on timeouts, connection errors, 429 and
5xx (honouring Retry-After), a per-source circuit breaker and request counters per host. URLs come
from servers the bot does not control, so only http(s) is requested, at most `MAX_REDIRECTS`
redirects are followed, and every hop's addresses are checked after DNS resolution
(`fetcher.netguard`; the operator's `HTTP_ALLOW_NETWORKS` opens networks explicitly).

Exceptions (the whole tree):

    FetchError            a request failed for good, or its answer was unusable
     ├── SourceUnavailable  the source's circuit breaker is open; nothing was sent
     ├── Refused            the URL or a redirect hop is not allowed; nothing was sent there
     ├── NotOParl           the server answered, but not with OParl JSON
     └── TooLarge           the response exceeded the size cap
"""

from __future__ import annotations

import asyncio
import email.utils
import hashlib
import json
import logging
import random
import time
from collections import Counter
from collections.abc import Awaitable, Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from typing import Any, TypeVar

import aiohttp
from yarl import URL

from fetcher.breaker import CircuitBreaker
from fetcher.netguard import AddressPolicy, BlockedAddress, GuardedResolver, url_refusal

log = logging.getLogger(__name__)

PROJECT_URL = "https://github.com/ratsbot/ratsbot"


def _version() -> str:
    try:
        return metadata.version("ratsbot")
    except metadata.PackageNotFoundError:
        return "0.1.0"


USER_AGENT = f"Ratsbot/{_version()} (+{PROJECT_URL})"

# Solingen needs 38 s for one list page, Dresden ~40 s (OPARL-NOTES.md §0.7).
DEFAULT_TIMEOUT_S = 120.0
DEFAULT_MAX_JSON_BYTES = 64 * 1024 * 1024
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
MAX_REDIRECTS = 5

T = TypeVar("T")


class FetchError(Exception):
    """Raised when a request failed for good (after retries) or its answer cannot be used."""

    def __init__(self, message: str, *, url: str | None = None, status: int | None = None) -> None:
        super().__init__(message)
        self.url = url
        self.status = status


class SourceUnavailable(FetchError):
    """Raised instead of sending a request while the source's circuit breaker is open."""


class Refused(FetchError):
    """Raised before connecting when a URL or redirect hop is not allowed.

    Not http(s), a host resolving only to loopback/private/link-local/multicast/metadata
    addresses (outside `HTTP_ALLOW_NETWORKS`), or more than MAX_REDIRECTS redirects.
    """


class NotOParl(FetchError):
    """Raised when a server answers with something that is not OParl JSON.

    Examples: an HTML error page with HTTP 200 (Aachen), an OParl Error object with HTTP 200
    (more! rubin), `{"error": "OParl is not active."}` (Edenkoben), JSON cut short.
    """


class TooLarge(FetchError):
    """Raised when a response body grows beyond the caller's size cap; the download is dropped."""


@dataclass(frozen=True)
class RetryPolicy:
    """How often and how patiently to retry idempotent GETs."""

    attempts: int = 4
    base_delay_s: float = 2.0
    max_delay_s: float = 60.0
    jitter: float = 0.5  # fraction of the delay added at random, so sources do not retry in step
    max_retry_after_s: float = 300.0

    @classmethod
    def off(cls) -> RetryPolicy:
        """Return a policy that sends every request once (tests of failure paths)."""
        return cls(attempts=1)

    @classmethod
    def fast(cls, attempts: int = 3) -> RetryPolicy:
        """Return a policy with millisecond delays (tests that want retries but no waiting)."""
        return cls(attempts=attempts, base_delay_s=0.001, max_delay_s=0.01, max_retry_after_s=0.05)

    def delay_s(self, attempt: int, retry_after_s: float | None, rand: random.Random) -> float:
        """Return the wait before retry number `attempt` (1-based)."""
        backoff = min(self.max_delay_s, self.base_delay_s * 2.0 ** (attempt - 1))
        backoff += backoff * self.jitter * rand.random()
        if retry_after_s is not None:
            return max(backoff, min(retry_after_s, self.max_retry_after_s))
        return backoff


@dataclass(frozen=True)
class Response:
    """A finished GET: final URL, status, headers and (for in-memory fetches) the body."""

    url: str
    status: int
    content_type: str
    headers: Mapping[str, str]
    body: bytes = b""


@dataclass(frozen=True)
class Download:
    """A body streamed to disk: where, how big, its sha256 and its first bytes (magic check)."""

    url: str
    status: int
    content_type: str
    path: Path
    size_bytes: int
    sha256: str
    head: bytes


class _Retryable(Exception):
    """Internal: this attempt failed in a way worth retrying."""

    def __init__(self, message: str, retry_after_s: float | None = None) -> None:
        super().__init__(message)
        self.retry_after_s = retry_after_s


def parse_retry_after(value: str | None, now: datetime | None = None) -> float | None:
    """Return the seconds a Retry-After header asks for (delta-seconds or HTTP-date)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


def create_session(
    *, user_agent: str = USER_AGENT, policy: AddressPolicy | None = None
) -> aiohttp.ClientSession:
    """Build the one shared session (call from the composition root, inside the event loop).

    Its connector resolves through `GuardedResolver`, so a connection only ever goes to an
    address `policy` allows (by default: public addresses only).
    """
    return aiohttp.ClientSession(
        headers={"User-Agent": user_agent, "Accept": "application/json, */*;q=0.5"},
        connector=aiohttp.TCPConnector(
            limit=64, ttl_dns_cache=300, resolver=GuardedResolver(policy or AddressPolicy())
        ),
    )


@dataclass
class _HostGate:
    semaphore: asyncio.Semaphore
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    next_slot: float = 0.0


class HttpClient:
    """Send polite GETs through one shared session; see the module docstring for the policy.

    Pass `session` to share one built by `create_session` (it stays open on `close()`); without
    it the client builds and owns its own. `source` on each call names the Kommune whose circuit
    breaker counts the outcome (default: the URL's host). `allow_networks` (CIDRs, the setting
    `HTTP_ALLOW_NETWORKS`) opens otherwise refused networks, e.g. `127.0.0.0/8` for local servers.
    """

    def __init__(
        self,
        session: aiohttp.ClientSession | None = None,
        *,
        per_host_limit: int = 4,
        per_host_interval_s: float = 0.0,
        timeout_s: float = DEFAULT_TIMEOUT_S,
        retry: RetryPolicy | None = None,
        breaker_factory: Callable[[], CircuitBreaker] = CircuitBreaker,
        user_agent: str = USER_AGENT,
        rand: random.Random | None = None,
        allow_networks: str | Iterable[str] = (),
    ) -> None:
        self.policy = AddressPolicy.allowing(allow_networks)
        self._session = session
        self._owns_session = session is None
        self._user_agent = user_agent
        self.per_host_limit = per_host_limit
        self.per_host_interval_s = per_host_interval_s
        self.timeout = aiohttp.ClientTimeout(total=timeout_s, sock_connect=min(timeout_s, 30.0))
        self.retry = retry or RetryPolicy()
        self._breaker_factory = breaker_factory
        self._rand = rand or random.Random()
        self._gates: dict[str, _HostGate] = {}
        self.breakers: dict[str, CircuitBreaker] = {}
        self.requests_by_host: Counter[str] = Counter()

    async def __aenter__(self) -> HttpClient:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    async def close(self) -> None:
        """Close the session if this client built it."""
        if self._owns_session and self._session is not None:
            await self._session.close()
            self._session = None

    @property
    def session(self) -> aiohttp.ClientSession:
        """Return the shared session, building it on first use when none was passed in."""
        if self._session is None:
            self._session = create_session(user_agent=self._user_agent, policy=self.policy)
        return self._session

    def breaker(self, source: str) -> CircuitBreaker:
        """Return (creating on first use) the circuit breaker of one source."""
        if source not in self.breakers:
            self.breakers[source] = self._breaker_factory()
        return self.breakers[source]

    def request_count(self, host: str | None = None) -> int:
        """Return how many requests were sent (to one host, or in total), retries included."""
        if host is None:
            return sum(self.requests_by_host.values())
        return self.requests_by_host[host]

    async def get(
        self, url: str, *, source: str | None = None, max_bytes: int = DEFAULT_MAX_JSON_BYTES
    ) -> Response:
        """GET `url` into memory with retries; non-retryable statuses (e.g. 404) are returned."""

        async def attempt(resp: aiohttp.ClientResponse) -> Response:
            return await _response(resp, max_bytes, url)

        return await self._with_retries(url, source, attempt)

    async def get_json(
        self, url: str, *, source: str | None = None, max_bytes: int = DEFAULT_MAX_JSON_BYTES
    ) -> tuple[Response, Any]:
        """GET `url` and decode its JSON body; return `(response, None)` for non-JSON bodies.

        A body that starts like JSON but does not decode (cut short mid-transfer) is retried like
        a 5xx; after the last attempt NotOParl is raised. HTML and other non-JSON bodies are not
        retried: the caller decides what they mean.
        """

        async def attempt(resp: aiohttp.ClientResponse) -> tuple[Response, Any]:
            result = await _response(resp, max_bytes, url)
            if not looks_like_json(result.body):
                return result, None
            try:
                return result, decode_json(result.body)
            except ValueError as exc:
                raise _Retryable(f"unusable body: invalid JSON ({exc})") from exc

        return await self._with_retries(url, source, attempt)

    async def download(
        self, url: str, dest: Path, *, max_bytes: int, source: str | None = None
    ) -> Download:
        """Stream `url` into `dest` with a size cap; raise FetchError for any non-200 status."""

        async def attempt(resp: aiohttp.ClientResponse) -> Download:
            if resp.status != 200:
                raise FetchError(f"HTTP {resp.status} for {url}", url=url, status=resp.status)
            declared = resp.content_length
            if declared is not None and declared > max_bytes:
                raise TooLarge(f"{declared} bytes > cap {max_bytes}", url=url, status=200)
            digest = hashlib.sha256()
            size = 0
            head = b""
            with dest.open("wb") as out:
                async for chunk in resp.content.iter_chunked(64 * 1024):
                    size += len(chunk)
                    if size > max_bytes:
                        raise TooLarge(f"more than {max_bytes} bytes", url=url, status=200)
                    if len(head) < 1024:
                        head += chunk[: 1024 - len(head)]
                    digest.update(chunk)
                    out.write(chunk)
            return Download(
                url=str(resp.url),
                status=resp.status,
                content_type=resp.content_type,
                path=dest,
                size_bytes=size,
                sha256=digest.hexdigest(),
                head=head,
            )

        return await self._with_retries(url, source, attempt)

    async def _with_retries(
        self,
        url: str,
        source: str | None,
        handle: Callable[[aiohttp.ClientResponse], Awaitable[T]],
    ) -> T:
        host = URL(url).host or ""
        breaker = self.breaker(source or host)
        if not breaker.allow():
            snap = breaker.snapshot()
            raise SourceUnavailable(
                f"circuit open for {source or host} (retry in {snap.retry_in_s:.0f}s, "
                f"last error: {snap.last_error})",
                url=url,
            )
        last_error = "no attempt"
        status: int | None = None
        for attempt_no in range(1, self.retry.attempts + 1):
            try:
                result: T = await self._send(url, host, handle)
            except _Retryable as exc:
                last_error, retry_after = str(exc), exc.retry_after_s
            except (TimeoutError, aiohttp.ClientError) as exc:
                last_error, retry_after = f"{type(exc).__name__}: {exc}".rstrip(": "), None
            except FetchError:
                # A definite answer (4xx, size cap): the server works, the request is not retried.
                breaker.record_success()
                raise
            else:
                breaker.record_success()
                return result
            status = _status_of(last_error)
            if attempt_no < self.retry.attempts:
                delay = self.retry.delay_s(attempt_no, retry_after, self._rand)
                log.info(
                    "retry url=%s attempt=%d/%d error=%r wait=%.2fs",
                    url,
                    attempt_no,
                    self.retry.attempts,
                    last_error,
                    delay,
                )
                await asyncio.sleep(delay)
        breaker.record_failure(last_error)
        log.warning(
            "giving up url=%s attempts=%d error=%r breaker=%s",
            url,
            self.retry.attempts,
            last_error,
            breaker.state,
        )
        if last_error.startswith("unusable body"):
            raise NotOParl(f"{last_error} ({url})", url=url, status=200)
        raise FetchError(f"{last_error} ({url})", url=url, status=status)

    async def _send(
        self, url: str, host: str, handle: Callable[[aiohttp.ClientResponse], Awaitable[T]]
    ) -> T:
        gate = self._gates.get(host)
        if gate is None:
            gate = self._gates[host] = _HostGate(asyncio.Semaphore(self.per_host_limit))
        async with gate.semaphore:
            if self.per_host_interval_s > 0:
                async with gate.lock:
                    now = time.monotonic()
                    wait = gate.next_slot - now
                    gate.next_slot = max(now, gate.next_slot) + self.per_host_interval_s
                if wait > 0:
                    await asyncio.sleep(wait)
            return await self._follow(URL(url, encoded=True), host, handle)

    async def _follow(
        self, url: URL, host: str, handle: Callable[[aiohttp.ClientResponse], Awaitable[T]]
    ) -> T:
        """GET `url`, following at most MAX_REDIRECTS redirects, each hop checked before."""
        for _hop in range(MAX_REDIRECTS + 1):
            refusal = url_refusal(url, self.policy)
            if refusal is not None:
                raise Refused(f"refused {url}: {refusal}", url=str(url))
            self.requests_by_host[url.host or host] += 1
            try:
                # encoded=True: never re-encode server URLs (spec 2-03: clients must not modify
                # them). Redirects are followed here, not by aiohttp, so each hop is checked.
                async with self.session.get(
                    url, timeout=self.timeout, allow_redirects=False
                ) as resp:
                    location = resp.headers.get("Location")
                    if resp.status in REDIRECT_STATUSES and location:
                        url = resp.url.join(URL(location))
                        continue
                    if resp.status in RETRY_STATUSES:
                        retry_after = parse_retry_after(resp.headers.get("Retry-After"))
                        await resp.read()
                        raise _Retryable(f"HTTP {resp.status}", retry_after)
                    return await handle(resp)
            except aiohttp.ClientConnectorError as exc:
                if isinstance(exc.os_error, BlockedAddress) or isinstance(
                    exc.__cause__, BlockedAddress
                ):
                    raise Refused(f"refused {url}: {exc.os_error}", url=str(url)) from exc
                raise
        raise Refused(f"more than {MAX_REDIRECTS} redirects, last {url}", url=str(url))


def _status_of(error: str) -> int | None:
    if error.startswith("HTTP "):
        code = error[5:8]
        return int(code) if code.isdigit() else None
    return None


async def _response(resp: aiohttp.ClientResponse, max_bytes: int, url: str) -> Response:
    body = await _read_capped(resp, max_bytes, url)
    return Response(
        url=str(resp.url),
        status=resp.status,
        content_type=resp.content_type,
        headers=dict(resp.headers),
        body=body,
    )


async def _read_capped(resp: aiohttp.ClientResponse, max_bytes: int, url: str) -> bytes:
    if resp.content_length is not None and resp.content_length > max_bytes:
        raise TooLarge(f"{resp.content_length} bytes > cap {max_bytes}", url=url)
    chunks: list[bytes] = []
    size = 0
    async for chunk in resp.content.iter_chunked(64 * 1024):
        size += len(chunk)
        if size > max_bytes:
            raise TooLarge(f"more than {max_bytes} bytes", url=url)
        chunks.append(chunk)
    return b"".join(chunks)


def looks_like_json(body: bytes) -> bool:
    """Return whether a body starts like a JSON object or array (after BOM and whitespace)."""
    start = body[:64].lstrip(b"\xef\xbb\xbf \t\r\n")
    return start[:1] in (b"{", b"[")


def decode_json(body: bytes) -> Any:
    """Decode an OParl body leniently: BOM, Latin-1 fallback, raw control characters in strings.

    ALLRIS net emits unescaped U+0000–U+001F inside strings (Braunschweig papers.asp?id=1664,
    meine-stadt-transparent commit f4760c53 "Hack for broken CC-egov json"); `strict=False` accepts
    them without dropping the characters. Raises ValueError for anything that still is not JSON.
    """
    try:
        text = body.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = body.decode("latin-1")
    return json.loads(text, strict=False)
