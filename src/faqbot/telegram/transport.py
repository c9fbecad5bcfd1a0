"""Bot API calls over aiohttp: python-telegram-bot's networking interface (BaseRequest).

PTB's own HTTPXRequest spends most of a busy bot's HTTP time in httpcore's pool bookkeeping:
on every request and every response it walks every connection, asks each idle one whether
its socket is readable (through anyio's attribute lookup, which calls getpeername) and counts
the idle ones inside that walk. With 16 connections busy that was 2.1 to 2.6 ms of client CPU
per sendMessage on this 2-core machine; over aiohttp (idle connections kept per host, a
compiled HTTP parser) 0.35 to 0.6 ms (README, Benchmarks). PTB documents BaseRequest for
plugging in another asyncio HTTP library; this is that plug, nothing else:

- parameters go as a JSON body (files: multipart), as the Bot API accepts; text that cannot
  be encoded (a lone surrogate) fails before anything is sent, as with HTTPX;
- timeouts: `connect` bounds waiting for a pooled connection plus connecting, `read` the
  wait for each part of the response; aiohttp has no write timeout, so the whole call is
  also bounded by the sum of the four;
- errors: a timeout is PTB's TimedOut, any other aiohttp or socket error a NetworkError
  caused by it (delivery.is_transient retries both); HTTP statuses are PTB's to map;
- HTTP(S)_PROXY / NO_PROXY (and .netrc) are honoured as HTTPX honoured them, looked up once
  per host (aiohttp's trust_env would read them on every call: ~150 us);
- each request is logged at DEBUG ("HTTP Request: POST <url> <status>"), the token masked by
  the log redactor (faqbot.logs), as HTTPX did.
"""

from __future__ import annotations

import json
import logging
import ssl
from typing import Any

import aiohttp
import certifi
from aiohttp.helpers import get_env_proxy_for_url
from telegram.error import NetworkError, TimedOut
from telegram.request import BaseRequest, RequestData
from yarl import URL

from faqbot.logs import redact

logger = logging.getLogger(__name__)

# A DEFAULT_NONE timeout argument: use the one this request was made with.
DEFAULT = BaseRequest.DEFAULT_NONE


def _seconds(value: object, default: float | None) -> float | None:
    """A timeout argument (float, None for no limit, or PTB's DEFAULT_NONE) in seconds."""
    if value is DEFAULT:
        return default
    return None if value is None else float(value)  # type: ignore[arg-type]


class AiohttpRequest(BaseRequest):
    """Bot API requests over one aiohttp session: at most `pool_size` connections at once,
    each phase of a call bounded by `timeout` seconds (`media_write_timeout` for uploads)."""

    def __init__(self, pool_size: int, timeout: float, media_write_timeout: float = 20.0) -> None:
        self._pool_size = pool_size
        self._timeout = timeout
        self._media_write_timeout = media_write_timeout
        self._session: aiohttp.ClientSession | None = None
        self._proxies: dict[tuple[str, str | None], tuple[URL | None, aiohttp.BasicAuth | None]]
        self._proxies = {}

    @property
    def read_timeout(self) -> float | None:
        """The read timeout used when a call does not give one (seconds)."""
        return self._timeout

    async def initialize(self) -> None:
        """Open the session (its connector verifies TLS against certifi's roots, as HTTPX)."""
        if self._session is None or self._session.closed:
            context = ssl.create_default_context(cafile=certifi.where())
            connector = aiohttp.TCPConnector(limit=self._pool_size, ssl=context)
            self._session = aiohttp.ClientSession(
                connector=connector, headers={"User-Agent": self.USER_AGENT}
            )

    async def shutdown(self) -> None:
        """Close the session and its connections."""
        if self._session is not None and not self._session.closed:
            await self._session.close()

    def _proxy(self, url: URL) -> tuple[URL | None, aiohttp.BasicAuth | None]:
        """The proxy (and its credentials) the environment names for url's host, if any."""
        key = (url.scheme, url.host)
        if key not in self._proxies:
            try:
                self._proxies[key] = get_env_proxy_for_url(url)
            except LookupError:  # no proxy for it, or NO_PROXY names it
                self._proxies[key] = (None, None)
        return self._proxies[key]

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: Any = DEFAULT,
        write_timeout: Any = DEFAULT,
        connect_timeout: Any = DEFAULT,
        pool_timeout: Any = DEFAULT,
    ) -> tuple[int, bytes]:
        """Make one HTTP call; return its status and body. Raises TimedOut / NetworkError."""
        session = self._session
        if session is None or session.closed:
            raise RuntimeError("AiohttpRequest is not initialized")
        files = request_data is not None and request_data.contains_files
        body: aiohttp.FormData | bytes | None = None
        headers: dict[str, str] = {}
        if request_data is not None and files:
            body = aiohttp.FormData(quote_fields=False)  # UTF-8 file names, as HTTPX sent
            for name, value in request_data.json_parameters.items():
                body.add_field(name, value)
            for name, (filename, content, mimetype) in request_data.multipart_data.items():
                body.add_field(name, content, filename=filename, content_type=mimetype)
        elif request_data is not None:
            # Not ensure_ascii: smaller for non-English text, and a lone surrogate raises here.
            body = json.dumps(request_data.parameters, ensure_ascii=False).encode()
            headers["Content-Type"] = "application/json"
        default_write = self._media_write_timeout if files else self._timeout
        phases = (
            _seconds(pool_timeout, self._timeout),
            _seconds(connect_timeout, self._timeout),
            _seconds(write_timeout, default_write),
            _seconds(read_timeout, self._timeout),
        )
        pool, connect, _, read = phases
        timeout = aiohttp.ClientTimeout(
            total=None if None in phases else sum(p for p in phases if p is not None),
            connect=None if pool is None or connect is None else pool + connect,
            sock_connect=connect,
            sock_read=read,
        )
        target = URL(url)
        proxy, proxy_auth = self._proxy(target)
        try:
            async with session.request(
                method,
                target,
                data=body,
                headers=headers,
                timeout=timeout,
                proxy=proxy,
                proxy_auth=proxy_auth,
            ) as response:
                content = await response.read()
        except TimeoutError as exc:  # aiohttp's timeouts are TimeoutErrors too
            # Not str(exc): aiohttp puts the whole URL, token included, in some messages.
            raise TimedOut(f"aiohttp.{type(exc).__name__} calling {target.host}") from exc
        except (aiohttp.ClientError, OSError) as exc:
            raise NetworkError(f"aiohttp.{type(exc).__name__}: {redact(str(exc))}") from exc
        if response.status >= 500 and not content.lstrip().startswith(b"{"):
            # A proxy's or front end's HTML error page (502, 503, 504): worth retrying, like
            # a JSON 5xx from the Bot API itself.
            raise NetworkError(f"Bot API HTTP {response.status}")
        if logger.isEnabledFor(logging.DEBUG):
            logger.debug("HTTP Request: %s %s %d", method, url, response.status)
        return response.status, content
