"""Tiny proxies on 127.0.0.1 for the transport's tests: SOCKS5 (RFC 1928, with RFC 1929
user and password) and HTTP CONNECT (plain or over TLS).

Each sends every connection to one upstream port on 127.0.0.1, whatever host it is asked
for (so a test can ask for a name no resolver knows: only the proxy "resolves" it), and
records the hosts and ports it was asked for and the users who asked.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import ssl
import struct
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field


@dataclass
class Proxy:
    """A proxy of `kind` ("socks5" or "connect") in front of 127.0.0.1:upstream.

    users: user -> password it requires (none: anyone); tls: serve the proxy itself over TLS.
    """

    kind: str
    upstream: int
    users: dict[str, str] = field(default_factory=dict)
    tls: ssl.SSLContext | None = None
    targets: list[tuple[str, int]] = field(default_factory=list)
    logins: list[str] = field(default_factory=list)
    port: int = 0
    _server: asyncio.Server | None = None
    _handlers: set[asyncio.Task[None]] = field(default_factory=set)

    async def start(self) -> Proxy:
        self._server = await asyncio.start_server(self._handle, "127.0.0.1", 0, ssl=self.tls)
        self.port = self._server.sockets[0].getsockname()[1]
        return self

    async def stop(self) -> None:
        """Stop listening, and end the connections still open (each closed, not dropped)."""
        if self._server is not None:
            self._server.close()
        for handler in self._handlers:
            handler.cancel()
        await asyncio.gather(*self._handlers, return_exceptions=True)

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        task = asyncio.current_task()
        assert task is not None
        self._handlers.add(task)
        try:
            if self.kind == "socks5":
                await self._socks(reader, writer)
            else:
                await self._connect(reader, writer)
        finally:
            await _close(writer)
            self._handlers.discard(task)

    async def _socks(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            version, count = await reader.readexactly(2)
            methods = await reader.readexactly(count)
            wanted = 2 if self.users else 0
            if version != 5 or wanted not in methods:
                writer.write(b"\x05\xff")
                return
            writer.write(bytes([5, wanted]))
            if wanted == 2:  # RFC 1929
                _, length = await reader.readexactly(2)
                user = (await reader.readexactly(length)).decode()
                (length,) = await reader.readexactly(1)
                password = (await reader.readexactly(length)).decode()
                if self.users.get(user) != password:
                    writer.write(b"\x01\x01")
                    return
                self.logins.append(user)
                writer.write(b"\x01\x00")
            _, command, _, kind = await reader.readexactly(4)
            if kind == 1:
                host = ".".join(str(b) for b in await reader.readexactly(4))
            elif kind == 3:
                (length,) = await reader.readexactly(1)
                host = (await reader.readexactly(length)).decode()
            else:
                host = (await reader.readexactly(16)).hex()
            (port,) = struct.unpack("!H", await reader.readexactly(2))
            self.targets.append((host, port))
            if command != 1:  # CONNECT only
                writer.write(b"\x05\x07\x00\x01" + bytes(6))
                return
            writer.write(b"\x05\x00\x00\x01" + bytes(6))
            await self._pipe(reader, writer)
        except (asyncio.IncompleteReadError, ConnectionError):
            pass

    async def _connect(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            head = (await reader.readuntil(b"\r\n\r\n")).decode("latin-1").split("\r\n")
            method, target, _ = head[0].split(" ")
            host, _, port = target.rpartition(":")
            self.targets.append((host, int(port)))
            if self.users:
                given = next(
                    (
                        line.split(" ", 2)[2]
                        for line in head
                        if line.lower().startswith("proxy-authorization:")
                    ),
                    "",
                )
                user, _, password = base64.b64decode(given).decode().partition(":")
                if self.users.get(user) != password:
                    writer.write(b"HTTP/1.1 407 Proxy Authentication Required\r\n\r\n")
                    return
                self.logins.append(user)
            if method != "CONNECT":
                writer.write(b"HTTP/1.1 405 Method Not Allowed\r\n\r\n")
                return
            writer.write(b"HTTP/1.1 200 Connection established\r\n\r\n")
            await self._pipe(reader, writer)
        except (
            asyncio.IncompleteReadError,
            asyncio.LimitOverrunError,
            ConnectionError,
            ValueError,
        ):
            pass

    async def _pipe(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        """Carry bytes both ways between the client and the upstream until either closes."""
        up_reader, up_writer = await asyncio.open_connection("127.0.0.1", self.upstream)

        async def carry(source: asyncio.StreamReader, sink: asyncio.StreamWriter) -> None:
            try:
                while data := await source.read(65536):
                    sink.write(data)
                    await sink.drain()
            except (ConnectionError, OSError):
                pass
            finally:
                with contextlib.suppress(Exception):
                    sink.write_eof() if sink.can_write_eof() else sink.close()

        try:
            await asyncio.gather(carry(reader, up_writer), carry(up_reader, writer))
        finally:
            await _close(up_writer)


async def _close(writer: asyncio.StreamWriter) -> None:
    """Close a connection and wait until it is closed."""
    writer.close()
    with contextlib.suppress(Exception):
        await writer.wait_closed()


@contextlib.contextmanager
def running(proxy: Proxy) -> Iterator[Proxy]:
    """Run the proxy on an event loop of its own in a thread (for tests of the bot process)."""
    loop = asyncio.new_event_loop()
    thread = threading.Thread(target=loop.run_forever, daemon=True)
    thread.start()
    try:
        asyncio.run_coroutine_threadsafe(proxy.start(), loop).result(10)
        yield proxy
    finally:
        asyncio.run_coroutine_threadsafe(proxy.stop(), loop).result(10)
        loop.call_soon_threadsafe(loop.stop)
        thread.join(5)
        loop.close()
