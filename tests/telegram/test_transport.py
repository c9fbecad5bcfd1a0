"""Bot API calls over aiohttp: bodies as the Bot API takes them, errors as PTB's, retried."""

from __future__ import annotations

import asyncio
import json
import ssl
import subprocess
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from pathlib import Path

import aiohttp
import pytest
import trustme
from telegram import InlineKeyboardButton, InlineKeyboardMarkup, InputFile
from telegram.error import NetworkError, TimedOut
from telegram.request import RequestData
from telegram.request._requestparameter import RequestParameter
from yarl import URL

from faqbot.errors import ConfigError
from faqbot.telegram.delivery import is_transient
from faqbot.telegram.transport import AiohttpRequest, resolve_proxy, shown
from tests.proxies import Proxy

Reply = Callable[[asyncio.StreamReader, asyncio.StreamWriter], Awaitable[None]]
OK = (
    b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 25\r\n\r\n"
    b'{"ok":true,"result":true}'
)


@asynccontextmanager
async def server(reply: Reply) -> AsyncIterator[str]:
    """A one-trick HTTP server on 127.0.0.1; yields its sendMessage URL."""

    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            await reply(reader, writer)
        finally:
            writer.close()

    srv = await asyncio.start_server(handle, "127.0.0.1", 0)
    port = srv.sockets[0].getsockname()[1]
    try:
        yield f"http://127.0.0.1:{port}/bot1:x/sendMessage"
    finally:
        srv.close()
        await srv.wait_closed()


async def read_request(reader: asyncio.StreamReader) -> tuple[bytes, bytes]:
    """The request's head and body."""
    head = await reader.readuntil(b"\r\n\r\n")
    length = next(
        int(line.split(b":")[1])
        for line in head.split(b"\r\n")
        if line.lower().startswith(b"content-length:")
    )
    return head, await reader.readexactly(length)


def answering(answer: bytes) -> Reply:
    """A server reply: read the request, send `answer` (raw HTTP)."""

    async def reply(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await read_request(reader)
        writer.write(answer)
        await writer.drain()

    return reply


async def silent(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    """A server reply: read the request, then say nothing for 2 s."""
    await read_request(reader)
    await asyncio.sleep(2)


def data(**params: object) -> RequestData:
    return RequestData([RequestParameter.from_input(k, v) for k, v in params.items()])


@pytest.fixture
async def request_() -> AsyncIterator[AiohttpRequest]:
    req = AiohttpRequest(pool_size=2, timeout=0.5)
    await req.initialize()
    yield req
    await req.shutdown()


async def test_parameters_go_as_a_json_body(request_: AiohttpRequest) -> None:
    seen: list[tuple[bytes, bytes]] = []

    async def reply(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        seen.append(await read_request(reader))
        writer.write(OK)
        await writer.drain()

    markup = InlineKeyboardMarkup([[InlineKeyboardButton("Oui", callback_data="v:1")]])
    async with server(reply) as url:
        result = await request_.post(url, data(chat_id=5, text="Ça va?", reply_markup=markup))
    assert result is True
    head, body = seen[0]
    assert b"content-type: application/json" in head.lower()
    assert json.loads(body) == {
        "chat_id": 5,
        "text": "Ça va?",
        "reply_markup": {"inline_keyboard": [[{"text": "Oui", "callback_data": "v:1"}]]},
    }


async def test_files_go_as_multipart(request_: AiohttpRequest) -> None:
    seen: list[tuple[bytes, bytes]] = []

    async def reply(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        seen.append(await read_request(reader))
        writer.write(OK)
        await writer.drain()

    document = InputFile(b"a,b\n1,2\n", filename="log.csv")
    async with server(reply) as url:
        await request_.post(url, data(chat_id=5, document=document))
    head, body = seen[0]
    assert b"multipart/form-data" in head.lower()
    assert b'filename="log.csv"' in body
    assert b"a,b\n1,2\n" in body


async def test_a_refused_connection_is_a_network_error_and_retried(
    request_: AiohttpRequest,
) -> None:
    async with server(lambda r, w: asyncio.sleep(0)) as url:
        pass  # closed: nothing listens there now
    with pytest.raises(NetworkError) as caught:
        await request_.post(url, data(chat_id=5, text="hi"))
    assert not isinstance(caught.value, TimedOut)  # PTB's polling backs off, not spins
    assert is_transient(caught.value)


@pytest.mark.parametrize(
    "answer",
    [
        b"",  # closed without a response
        b"HELLO\r\n\r\n",  # not HTTP
        b"HTTP/1.1 200 OK\r\nContent-Length: x\r\n\r\n",  # a bad header
        b"HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n{",  # the body cut short
    ],
)
async def test_a_broken_response_is_a_network_error_and_retried(
    request_: AiohttpRequest, answer: bytes
) -> None:
    async with server(answering(answer)) as url:
        with pytest.raises(NetworkError) as caught:
            await request_.post(url, data(chat_id=5, text="hi"))
    assert is_transient(caught.value)


async def test_no_response_in_time_is_timed_out_and_retried(request_: AiohttpRequest) -> None:
    async with server(silent) as url:
        with pytest.raises(TimedOut) as caught:
            await request_.post(url, data(chat_id=5, text="hi"), read_timeout=0.2)
    assert is_transient(caught.value)


async def test_text_that_cannot_be_encoded_is_not_sent_nor_retried(
    request_: AiohttpRequest,
) -> None:
    calls: list[bytes] = []

    async def reply(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        calls.append(await reader.read(10))

    async with server(reply) as url:
        with pytest.raises(NetworkError) as caught:
            await request_.post(url, data(chat_id=5, text="hi \ud800"))
    assert not is_transient(caught.value)
    assert calls == []


async def test_a_request_before_initialize_is_refused() -> None:
    with pytest.raises(NetworkError):  # PTB wraps the RuntimeError
        await AiohttpRequest(pool_size=1, timeout=1).post("http://127.0.0.1:9/x", None)


async def test_an_http_proxy_from_the_environment_carries_every_call() -> None:
    heads: list[bytes] = []

    async def reply(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        while not reader.at_eof():  # a kept-alive connection: requests one after another
            try:
                heads.append((await read_request(reader))[0])
            except asyncio.IncompleteReadError:
                return
            writer.write(OK)
            await writer.drain()

    async with server(reply) as url:
        proxy_url = url.removesuffix("/bot1:x/sendMessage")
        api = "http://api.example.invalid/bot1:x/sendMessage"
        proxy, named_by = resolve_proxy(api, environ={"http_proxy": proxy_url})
        assert named_by == "http_proxy"
        req = AiohttpRequest(pool_size=1, timeout=1, proxy=proxy)
        await req.initialize()
        try:
            for _ in range(2):
                await req.post(api, data(chat_id=5))
        finally:
            await req.shutdown()
    assert [h.split(b"\r\n")[0] for h in heads] == 2 * [
        b"POST http://api.example.invalid/bot1:x/sendMessage HTTP/1.1"
    ]


API = "https://api.telegram.org/bot"


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({}, None),
        ({"HTTPS_PROXY": "http://p:3128"}, ("http://p:3128", "HTTPS_PROXY")),
        ({"ALL_PROXY": "socks5://p:1080"}, ("socks5://p:1080", "ALL_PROXY")),
        ({"all_proxy": "socks5h://u:pw@p"}, ("socks5h://u:pw@p:1080", "all_proxy")),
        (  # the scheme's own variable first, then ALL_PROXY
            {"HTTPS_PROXY": "https://a:443", "ALL_PROXY": "socks5://b:1080"},
            ("https://a", "HTTPS_PROXY"),
        ),
        ({"HTTP_PROXY": "http://p:3128"}, None),  # the API is https
        ({"https_proxy": "p:3128", "HTTPS_PROXY": "q:1"}, ("http://p:3128", "https_proxy")),
        ({"ALL_PROXY": "socks5://p:1080", "NO_PROXY": "telegram.org"}, None),
        ({"ALL_PROXY": "socks5://p:1080", "no_proxy": "example.com,*"}, None),
        (
            {"ALL_PROXY": "socks5://p:1080", "NO_PROXY": "example.com"},
            ("socks5://p:1080", "ALL_PROXY"),
        ),
    ],
)
def test_the_proxy_is_found_in_the_environment_as_httpx_found_it(
    environ: dict[str, str], expected: tuple[str, str] | None
) -> None:
    proxy, named_by = resolve_proxy(API, environ=environ)
    assert (None if proxy is None else (str(proxy), named_by)) == expected


def test_the_proxy_setting_wins_and_bad_proxies_are_one_line() -> None:
    environ = {"ALL_PROXY": "socks5://env:1080", "NO_PROXY": "*"}
    proxy, named_by = resolve_proxy(API, "socks5://set:1080", environ)
    assert (str(proxy), named_by) == ("socks5://set:1080", "the proxy setting")
    with pytest.raises(ConfigError, match="environment variable ALL_PROXY: proxy scheme 'socks4'"):
        resolve_proxy(API, environ={"ALL_PROXY": "socks4://p:1080"})
    assert shown(URL("socks5://u:secret@p:1080")) == "socks5://p:1080"


@pytest.mark.parametrize("scheme", ["socks5", "socks5h"])
async def test_a_socks_proxy_carries_the_calls_and_resolves_the_name(scheme: str) -> None:
    async with server(answering(OK)) as url:
        upstream = int(url.split(":")[2].split("/")[0])
        proxy = await Proxy("socks5", upstream, users={"reader": "p@ss"}).start()
        try:
            req = AiohttpRequest(
                1, 2, proxy=URL(f"{scheme}://reader:p%40ss@127.0.0.1:{proxy.port}")
            )
            await req.initialize()
            try:
                api = "http://api.example.invalid:8081/bot1:x/sendMessage"
                assert await req.post(api, data(chat_id=5)) is True
            finally:
                await req.shutdown()
        finally:
            await proxy.stop()
    assert proxy.targets == [("api.example.invalid", 8081)]  # no local DNS lookup
    assert proxy.logins == ["reader"]


async def test_a_socks_proxy_that_refuses_is_a_network_error_and_retried() -> None:
    proxy = await Proxy("socks5", 9, users={"reader": "right"}).start()
    try:
        req = AiohttpRequest(1, 2, proxy=URL(f"socks5://reader:wrong@127.0.0.1:{proxy.port}"))
        await req.initialize()
        try:
            with pytest.raises(NetworkError) as caught:
                await req.post("http://api.example.invalid/bot1:x/sendMessage", data(chat_id=5))
        finally:
            await req.shutdown()
    finally:
        await proxy.stop()
    assert is_transient(caught.value)
    assert "wrong" not in str(caught.value)


@pytest.fixture
def ca(tmp_path: Path) -> tuple[trustme.CA, Path]:
    """A test certificate authority and its certificate's file."""
    authority = trustme.CA()
    path = tmp_path / "ca.pem"
    authority.cert_pem.write_to_path(str(path))
    return authority, path


@pytest.fixture(params=["SSL_CERT_FILE", "SSL_CERT_DIR", None])
def roots(
    request: pytest.FixtureRequest, ca: tuple[trustme.CA, Path], monkeypatch: pytest.MonkeyPatch
) -> str | None:
    """The test CA named by SSL_CERT_FILE, or by SSL_CERT_DIR (a folder OpenSSL looks
    certificates up in by subject hash), or by neither; returns the variable."""
    variable: str | None = request.param
    pem = ca[1]
    monkeypatch.delenv("SSL_CERT_FILE", raising=False)
    monkeypatch.delenv("SSL_CERT_DIR", raising=False)
    if variable == "SSL_CERT_FILE":
        monkeypatch.setenv(variable, str(pem))
    elif variable == "SSL_CERT_DIR":
        folder = pem.parent / "certs"
        folder.mkdir()
        (folder / "ca.pem").write_bytes(pem.read_bytes())
        subprocess.run(["openssl", "rehash", str(folder)], check=True, capture_output=True)
        monkeypatch.setenv(variable, str(folder))
    return variable


def served_over_tls(authority: trustme.CA, *names: str) -> ssl.SSLContext:
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    authority.issue_cert(*names).configure_cert(context)
    return context


async def test_an_https_proxy_and_an_https_api_verified_with_ssl_cert_file(
    ca: tuple[trustme.CA, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """TLS to the proxy, then TLS to the API inside it, both verified against the roots
    SSL_CERT_FILE names (a company's own CA); with certifi's, neither would verify."""
    authority, pem = ca
    monkeypatch.delenv("SSL_CERT_DIR", raising=False)
    monkeypatch.setenv("SSL_CERT_FILE", str(pem))

    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            await answering(OK)(reader, writer)
        finally:
            writer.close()

    api_tls = served_over_tls(authority, "api.example.invalid")
    api = await asyncio.start_server(handle, "127.0.0.1", 0, ssl=api_tls)
    upstream = api.sockets[0].getsockname()[1]
    proxy_tls = served_over_tls(authority, "127.0.0.1")
    proxy = await Proxy("connect", upstream, users={"u": "pw"}, tls=proxy_tls).start()
    try:
        req = AiohttpRequest(1, 2, proxy=URL(f"https://u:pw@127.0.0.1:{proxy.port}"))
        await req.initialize()
        try:
            url = "https://api.example.invalid/bot1:x/sendMessage"
            assert await req.post(url, data(chat_id=5)) is True
        finally:
            await req.shutdown()
    finally:
        await proxy.stop()
        api.close()
    assert proxy.targets == [("api.example.invalid", 443)]
    assert proxy.logins == ["u"]


async def test_tls_roots_from_ssl_cert_file_or_dir_else_certifi(
    ca: tuple[trustme.CA, Path], roots: str | None
) -> None:
    authority = ca[0]

    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            await answering(OK)(reader, writer)
        except (ConnectionError, ssl.SSLError, asyncio.IncompleteReadError):
            pass
        finally:
            writer.close()

    tls = served_over_tls(authority, "localhost")
    api = await asyncio.start_server(handle, "127.0.0.1", 0, ssl=tls)
    port = api.sockets[0].getsockname()[1]
    req = AiohttpRequest(1, 2)
    await req.initialize()
    try:
        url = f"https://localhost:{port}/bot1:x/sendMessage"
        if roots is None:  # certifi's roots do not know the test CA
            with pytest.raises(NetworkError, match="certificate"):
                await req.post(url, data(chat_id=5))
        else:
            assert await req.post(url, data(chat_id=5)) is True
    finally:
        await req.shutdown()
        api.close()


@pytest.mark.parametrize("status", [502, 503, 504])
async def test_a_front_ends_html_error_page_is_retried(
    request_: AiohttpRequest, status: int
) -> None:
    page = b"<html><body>Bad Gateway</body></html>"
    answer = (
        f"HTTP/1.1 {status} Oops\r\nContent-Type: text/html\r\n"
        f"Content-Length: {len(page)}\r\n\r\n".encode()
        + page
    )

    async with server(answering(answer)) as url:
        with pytest.raises(NetworkError) as caught:
            await request_.post(url, data(chat_id=5, text="hi"))
    assert is_transient(caught.value)


async def test_a_timeout_does_not_carry_the_url_and_its_token(
    request_: AiohttpRequest, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = "http://127.0.0.1:9/bot1:x/sendMessage"

    def timed_out(*args: object, **kwargs: object) -> object:
        # What aiohttp raises when no pooled connection frees up in time: the whole URL.
        raise aiohttp.ConnectionTimeoutError(f"Connection timeout to host {url}")

    assert request_._session is not None
    monkeypatch.setattr(request_._session, "request", timed_out)
    with pytest.raises(TimedOut) as caught:
        await request_.post(url, data(chat_id=5, text="hi"))
    assert "bot1:x" not in str(caught.value)
    assert is_transient(caught.value)
