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
- errors: a timeout is PTB's TimedOut, any other aiohttp, SOCKS proxy or socket error a
  NetworkError caused by it (delivery.is_transient retries both); HTTP statuses are PTB's
  to map;
- proxies: one proxy for every call (`proxy`, found once by `resolve_proxy`: the `proxy`
  setting, else the environment as HTTPX reads it: HTTPS_PROXY / HTTP_PROXY for the
  API's scheme, else ALL_PROXY, unless NO_PROXY names its host). http:// and https://
  proxies (TLS to the proxy too) go through aiohttp's own proxy support; socks5:// and
  socks5h:// through aiohttp-socks' connector (the proxy resolves host names in both, as
  with HTTPX). Credentials in the proxy URL are sent to the proxy, never logged;
- TLS is verified against SSL_CERT_FILE, else SSL_CERT_DIR, else certifi's roots, as HTTPX
  chose them (the proxy's certificate, for an https:// proxy, too);
- each request is logged at DEBUG ("HTTP Request: POST <url> <status>"), the token masked by
  the log redactor (faqbot.logs), as HTTPX did.
"""

from __future__ import annotations

import json
import logging
import os
import ssl
import urllib.request
from collections.abc import Mapping
from typing import Any

import aiohttp
import aiohttp_socks
import certifi
from telegram.error import NetworkError, TimedOut
from telegram.request import BaseRequest, RequestData
from yarl import URL

from faqbot.errors import ConfigError
from faqbot.logs import redact

logger = logging.getLogger(__name__)

# A DEFAULT_NONE timeout argument: use the one this request was made with.
DEFAULT = BaseRequest.DEFAULT_NONE


# Proxy URL schemes (config.PROXY_SCHEMES, as HTTPX took them) and their default ports.
PROXY_PORTS = {"http": 80, "https": 443, "socks5": 1080, "socks5h": 1080}
SOCKS = frozenset({"socks5", "socks5h"})


def check_proxy(text: str) -> URL:
    """A proxy URL as faqbot can use it ("http://" added when it names no scheme, as HTTPX
    does); raises ValueError naming what is wrong."""
    url = URL(text if "://" in text else f"http://{text}")
    if url.scheme not in PROXY_PORTS:
        raise ValueError(f"proxy scheme {url.scheme!r} is not one of {', '.join(PROXY_PORTS)}")
    if not url.host:
        raise ValueError("the proxy URL names no host")
    if url.explicit_port is None:
        url = url.with_port(PROXY_PORTS[url.scheme])
    return url


def resolve_proxy(
    api_url: str, configured: str = "", environ: Mapping[str, str] | None = None
) -> tuple[URL | None, str]:
    """The proxy for calls to api_url and what named it: the `proxy` setting (for every
    host, as PTB's ApplicationBuilder.proxy), else the environment as HTTPX reads it:
    <scheme>_PROXY for api_url's scheme, else ALL_PROXY (the lower-case name first),
    unless NO_PROXY names api_url's host ("*": every host). (None, "") for no proxy.

    Raises ConfigError, one line, for a proxy URL it cannot use.
    """
    env = os.environ if environ is None else environ
    if configured:
        try:
            return check_proxy(configured), "the proxy setting"
        except ValueError as exc:
            raise ConfigError(f"setting 'proxy': {exc}") from None
    target = URL(api_url)

    def named(name: str) -> tuple[str, str] | None:
        for key in (name.lower(), name.upper()):
            if env.get(key):
                return key, env[key]
        return None

    found = named(f"{target.scheme}_proxy") or named("all_proxy")
    if found is None:
        return None, ""
    exempt = named("no_proxy")
    if exempt and _exempt(target.host or "", exempt[1]):
        return None, ""
    key, value = found
    try:
        return check_proxy(value), key
    except ValueError as exc:
        raise ConfigError(f"environment variable {key}: {exc}") from None


def _exempt(host: str, no_proxy: str) -> bool:
    """Whether NO_PROXY exempts host: "*" among its names exempts every host (as in HTTPX
    and curl), else the standard library's matching (a name, its subdomains, an address)."""
    if "*" in (name.strip() for name in no_proxy.split(",")):
        return True
    bypass = urllib.request.proxy_bypass_environment  # type: ignore[attr-defined]
    return bool(bypass(host, {"no": no_proxy}))


def shown(proxy: URL) -> str:
    """A proxy URL as the log may show it: without its credentials."""
    return str(proxy.with_user(None))


def ssl_context(environ: Mapping[str, str] | None = None) -> ssl.SSLContext:
    """The roots TLS is verified against, as HTTPX chose them: the SSL_CERT_FILE file,
    else the SSL_CERT_DIR folder, else certifi's."""
    env = os.environ if environ is None else environ
    if env.get("SSL_CERT_FILE"):
        return ssl.create_default_context(cafile=env["SSL_CERT_FILE"])
    if env.get("SSL_CERT_DIR"):
        return ssl.create_default_context(capath=env["SSL_CERT_DIR"])
    return ssl.create_default_context(cafile=certifi.where())


def _seconds(value: object, default: float | None) -> float | None:
    """A timeout argument (float, None for no limit, or PTB's DEFAULT_NONE) in seconds."""
    if value is DEFAULT:
        return default
    return None if value is None else float(value)  # type: ignore[arg-type]


class AiohttpRequest(BaseRequest):
    """Bot API requests over one aiohttp session: at most `pool_size` connections at once,
    each phase of a call bounded by `timeout` seconds (`media_write_timeout` for uploads),
    through `proxy` if one is given (see resolve_proxy; http, https, socks5, socks5h)."""

    def __init__(
        self,
        pool_size: int,
        timeout: float,
        media_write_timeout: float = 20.0,
        proxy: URL | None = None,
    ) -> None:
        self._pool_size = pool_size
        self._timeout = timeout
        self._media_write_timeout = media_write_timeout
        self._session: aiohttp.ClientSession | None = None
        self._socks = proxy if proxy is not None and proxy.scheme in SOCKS else None
        # An HTTP(S) proxy goes with each request, its credentials in a header of their own.
        self._proxy = proxy.with_user(None) if proxy is not None and not self._socks else None
        auth = aiohttp.BasicAuth.from_url(proxy) if self._proxy and proxy else None
        self._proxy_headers = {"Proxy-Authorization": auth.encode()} if auth else None

    @property
    def read_timeout(self) -> float | None:
        """The read timeout used when a call does not give one (seconds)."""
        return self._timeout

    async def initialize(self) -> None:
        """Open the session (its connector verifies TLS as HTTPX did: see ssl_context; and
        connects through the SOCKS proxy, if that is the proxy)."""
        if self._session is None or self._session.closed:
            context = ssl_context()
            connector: aiohttp.TCPConnector
            if self._socks is not None:
                connector = aiohttp_socks.ProxyConnector(
                    proxy_type=aiohttp_socks.ProxyType.SOCKS5,
                    host=self._socks.host or "",
                    port=self._socks.port or PROXY_PORTS["socks5"],
                    username=self._socks.user,
                    password=self._socks.password,
                    rdns=True,  # the proxy resolves host names, as HTTPX's SOCKS proxies
                    limit=self._pool_size,
                    ssl=context,
                )
            else:
                connector = aiohttp.TCPConnector(limit=self._pool_size, ssl=context)
            self._session = aiohttp.ClientSession(
                connector=connector, headers={"User-Agent": self.USER_AGENT}
            )

    async def shutdown(self) -> None:
        """Close the session and its connections."""
        if self._session is not None and not self._session.closed:
            await self._session.close()

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
        try:
            async with session.request(
                method,
                target,
                data=body,
                headers=headers,
                timeout=timeout,
                proxy=self._proxy,
                proxy_headers=self._proxy_headers,
            ) as response:
                content = await response.read()
        except (TimeoutError, aiohttp_socks.ProxyTimeoutError) as exc:
            # aiohttp's timeouts are TimeoutErrors too. Not str(exc): aiohttp puts the whole
            # URL, token included, in some messages.
            raise TimedOut(f"{_origin(exc)}.{type(exc).__name__} calling {target.host}") from exc
        except (
            aiohttp.ClientError,
            OSError,
            aiohttp_socks.ProxyError,
            aiohttp_socks.ProxyConnectionError,
        ) as exc:
            raise NetworkError(f"{_origin(exc)}.{type(exc).__name__}: {redact(str(exc))}") from exc
        if response.status >= 500 and not content.lstrip().startswith(b"{"):
            # A proxy's or front end's HTML error page (502, 503, 504): worth retrying, like
            # a JSON 5xx from the Bot API itself.
            raise NetworkError(f"Bot API HTTP {response.status}")
        if logger.isEnabledFor(logging.DEBUG):
            logger.debug("HTTP Request: %s %s %d", method, url, response.status)
        return response.status, content


def _origin(exc: BaseException) -> str:
    """The library an error came from, for its message ("aiohttp", "aiohttp_socks")."""
    return type(exc).__module__.split(".")[0].removeprefix("builtins") or "aiohttp"
