"""One default TLS context per test process instead of one per HTTP client.

httpx builds a fresh `ssl.SSLContext` for every client, loading certifi's CA bundle (about 40 ms
of CPU), and a typical test builds several clients: PTB's two requests objects, the fetcher's
client, the stand-ins' clients. The tests only speak plain HTTP to 127.0.0.1, and a default
context is the same whoever builds it, so the process builds it once. Any other `verify` or
`cert` still gets a context of its own.
"""

from __future__ import annotations

import ssl
from functools import cache
from typing import Any

import httpx._transports.default as transports

_build = transports.create_ssl_context


@cache
def _default_context(trust_env: bool) -> ssl.SSLContext:
    return _build(verify=True, cert=None, trust_env=trust_env)


def _create_ssl_context(
    verify: Any = True, cert: Any = None, trust_env: bool = True
) -> ssl.SSLContext:
    if verify is True and cert is None:
        return _default_context(trust_env)
    return _build(verify=verify, cert=cert, trust_env=trust_env)


def share_default_tls_context() -> None:
    """Make every httpx client of this process share the one default TLS context."""
    transports.create_ssl_context = _create_ssl_context  # type: ignore[assignment]
