"""Bot API calls over aiohttp: bodies as the Bot API takes them, errors as PTB's, retried."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager

import aiohttp
import pytest
from telegram import InlineKeyboardButton, InlineKeyboardMarkup, InputFile
from telegram.error import NetworkError, TimedOut
from telegram.request import RequestData
from telegram.request._requestparameter import RequestParameter

from faqbot.telegram.delivery import is_transient
from faqbot.telegram.transport import AiohttpRequest

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


async def test_the_environment_proxy_is_used(monkeypatch: pytest.MonkeyPatch) -> None:
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
        proxy = url.removesuffix("/bot1:x/sendMessage")
        for name in ("NO_PROXY", "no_proxy", "HTTP_PROXY"):
            monkeypatch.delenv(name, raising=False)
        monkeypatch.setenv("http_proxy", proxy)
        req = AiohttpRequest(pool_size=1, timeout=1)
        await req.initialize()
        try:
            for _ in range(2):  # looked up once, used for every call
                await req.post("http://api.example.invalid/bot1:x/sendMessage", data(chat_id=5))
        finally:
            await req.shutdown()
    assert [h.split(b"\r\n")[0] for h in heads] == 2 * [
        b"POST http://api.example.invalid/bot1:x/sendMessage HTTP/1.1"
    ]


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
