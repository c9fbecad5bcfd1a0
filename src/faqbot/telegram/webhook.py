"""The webhook server: PTB's Updater, with a small tornado handler of faqbot's own.

PTB's own handler answers 400 to an update it cannot parse, so Telegram delivers it again and
again (each time logged CRITICAL with its data) and may hold later updates behind it. This
handler answers such an update 200, logs it once without its data (the kinds of its keys only,
as in polling mode) and keeps it in the inbox as skipped. The rest is as in PTB:

- only POST with Content-Type application/json, carrying the secret token (else 403; the token
  is compared in constant time and is required);
- the update is kept by the inbox before it is answered 200 (InboxQueue.put, which returns
  only once the update is handled if the database could not keep it); one delivered again
  while it is handled is not handled twice (InboxQueue.put); one the stop left neither kept
  nor handled is answered 503, so Telegram delivers it again;
- a stop lets the requests in progress finish (their 200 once the update is kept, or
  handled when the database could not keep it), for at most `drain` seconds, before it
  closes the connections; requests that come while it waits are answered 503;
- the server listens, then setWebhook is called (ReliableBot retries it at start-up);
- Application.run_webhook runs it: post_init before, stop (SIGTERM, app.Stopper) and
  post_shutdown after. Polling is PTB's, unchanged.

WebhookUpdater overrides only Updater's public methods (start_webhook, stop, running) and
is given to PTB with ApplicationBuilder().updater(...), so run_webhook keeps its lifecycle.
"""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import json
import logging
import re
from dataclasses import dataclass
from http import HTTPStatus
from types import TracebackType
from typing import Any

import tornado.web
from telegram import Bot, Update
from telegram.ext import ExtBot, Updater
from tornado.httpserver import HTTPServer
from tornado.iostream import StreamClosedError

from faqbot.telegram.inbox import Inbox, InboxQueue
from faqbot.waiting import wait_set

logger = logging.getLogger(__name__)

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
# Telegram's updates are a few kilobytes; a bigger body is refused before it is buffered.
MAX_BODY_BYTES = 1 << 20


class Requests:
    """The webhook requests in progress, so that a stop lets them finish."""

    def __init__(self) -> None:
        self.count = 0
        self.stopping = False
        self._idle = asyncio.Event()
        self._idle.set()

    def begin(self) -> None:
        """A request came in."""
        self.count += 1
        self._idle.clear()

    def end(self) -> None:
        """A request was answered (its response written) or its client went away."""
        self.count -= 1
        if self.count == 0:
            self._idle.set()

    async def finished(self, grace: float) -> bool:
        """Wait up to grace seconds for every request in progress; whether they ended."""
        if self._idle.is_set():
            return True
        return await wait_set(self._idle, grace)


@dataclass(frozen=True, slots=True)
class Hook:
    """What the handler needs: the bot, the inbox's update queue, the secret token, and
    the requests in progress."""

    bot: Bot
    queue: InboxQueue
    inbox: Inbox
    secret: bytes
    requests: Requests


class WebhookHandler(tornado.web.RequestHandler):
    """Receives one update per POST from Telegram."""

    SUPPORTED_METHODS = ("POST",)

    def initialize(self, hook: Hook) -> None:  # tornado's per-request set-up
        """Keep the hook for this request."""
        self.hook = hook

    def set_default_headers(self) -> None:
        """Answer JSON, as Telegram expects (the body is empty)."""
        self.set_header("Content-Type", 'application/json; charset="utf-8"')

    async def post(self) -> None:
        """Check the request, keep the update, queue it; 200 once it is safe to confirm.

        The request counts as in progress (Requests) until its answer is written."""
        requests = self.hook.requests
        requests.begin()
        try:
            self.set_status(await self._receive())
            with contextlib.suppress(StreamClosedError):  # the client went away
                await self.finish()
        finally:
            requests.end()

    async def _receive(self) -> HTTPStatus:
        """The status to answer the request with, once the update is safe to confirm."""
        if self.hook.requests.stopping:
            return HTTPStatus.SERVICE_UNAVAILABLE  # delivered again after the restart
        if self.request.headers.get("Content-Type") != "application/json":
            return HTTPStatus.FORBIDDEN
        token = self.request.headers.get(SECRET_HEADER, "").encode()
        if not hmac.compare_digest(token, self.hook.secret):
            return HTTPStatus.FORBIDDEN
        try:
            raw = json.loads(self.request.body)
        except ValueError as exc:  # not JSON, or not UTF-8
            logger.warning("webhook: a request that is not JSON (%s); answered 400", exc)
            return HTTPStatus.BAD_REQUEST
        update_id = raw.get("update_id") if isinstance(raw, dict) else None
        if not isinstance(update_id, int) or isinstance(update_id, bool):
            logger.warning("webhook: a request without an update_id; answered 400")
            return HTTPStatus.BAD_REQUEST
        try:
            update = Update.de_json(raw, self.hook.bot)
        except Exception as exc:  # PTB raises what the data makes it raise
            await self.hook.inbox.skip_unparsed(raw, exc)
            return HTTPStatus.OK  # Telegram would only deliver it again
        if isinstance(self.hook.bot, ExtBot):
            self.hook.bot.insert_callback_data(update)
        await self.hook.queue.put(update)
        if self.hook.inbox.is_abandoned(update_id):
            # Neither kept nor handled (the bot is stopping): Telegram must deliver it again.
            return HTTPStatus.SERVICE_UNAVAILABLE
        return HTTPStatus.OK

    def log_exception(
        self,
        typ: type[BaseException] | None,
        value: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        """Log errors of ours with their traceback, never the request (it has the secret)."""
        if isinstance(value, tornado.web.HTTPError):
            return  # answered as intended (403, 400), logged above if worth it
        logger.error("webhook: error while receiving an update", exc_info=value)


def _log_request(handler: tornado.web.RequestHandler) -> None:
    """Tornado's access log, at DEBUG and without the path (it is derived from the secret)."""
    logger.debug(
        "webhook: %d in %.1f ms", handler.get_status(), 1000 * handler.request.request_time()
    )


class WebhookUpdater(Updater):
    """PTB's Updater whose webhook server is faqbot's (see the module docstring)."""

    def __init__(self, bot: Bot, update_queue: InboxQueue, drain: float = 10.0) -> None:
        """drain: how long a stop waits for the requests in progress (seconds)."""
        super().__init__(bot, update_queue)
        self.inbox = update_queue.inbox
        self.drain = drain
        self._server: HTTPServer | None = None
        self._requests = Requests()

    @property
    def running(self) -> bool:
        """Whether the webhook server runs or PTB polls."""
        return self._server is not None or super().running

    async def start_webhook(  # Updater.start_webhook's signature
        self,
        listen: object = None,
        port: object = None,
        url_path: str = "",
        cert: object = None,
        key: object = None,
        bootstrap_retries: int = 0,
        webhook_url: str | None = None,
        allowed_updates: Any = None,
        drop_pending_updates: bool | None = None,
        ip_address: str | None = None,
        max_connections: int = 40,
        secret_token: str | None = None,
        unix: object = None,
    ) -> asyncio.Queue[object]:
        """Listen on listen:port/url_path (plain HTTP: TLS ends at a proxy), then setWebhook.

        listen, port, webhook_url and secret_token are required; cert, key and unix are not
        supported. bootstrap_retries is ignored: ReliableBot retries setWebhook itself.
        Raises OSError if the port cannot be bound, TelegramError if setWebhook fails.
        """
        if self.running:
            raise RuntimeError("the updater is already running")
        if not isinstance(listen, str) or not isinstance(port, int) or isinstance(port, bool):
            raise TypeError("start_webhook needs listen (str) and port (int)")
        if not webhook_url or not secret_token:
            raise ValueError("start_webhook needs webhook_url and secret_token")
        if cert is not None or key is not None or unix is not None:
            raise ValueError("start_webhook: cert, key and unix are not supported")
        assert isinstance(self.update_queue, InboxQueue)
        self._requests = Requests()
        hook = Hook(self.bot, self.update_queue, self.inbox, secret_token.encode(), self._requests)
        path = re.escape(url_path.strip("/"))
        routes = [(rf"/{path}/?", WebhookHandler, {"hook": hook})]
        # Telegram's updates are a few kilobytes: refuse big bodies before buffering them.
        server = HTTPServer(
            tornado.web.Application(routes, log_function=_log_request),
            max_body_size=MAX_BODY_BYTES,
            max_buffer_size=MAX_BODY_BYTES,
        )
        server.listen(port, address=listen)
        self._server = server
        try:
            await self.bot.set_webhook(
                url=webhook_url,
                allowed_updates=allowed_updates,
                ip_address=ip_address,
                drop_pending_updates=drop_pending_updates,
                max_connections=max_connections,
                secret_token=secret_token,
            )
        except Exception:
            self._server = None
            server.stop()  # no await here: this may be a coroutine being closed
            raise
        logger.debug("webhook server listening on %s:%d", listen, port)
        return self.update_queue

    async def stop(self) -> None:
        """Stop the webhook server, or PTB's polling.

        The server takes no new connection; requests in progress get `drain` seconds to be
        answered (those that come meanwhile, on open connections, are answered 503); then
        the connections are closed."""
        server = self._server
        if server is None:
            await super().stop()
            return
        self._server = None
        server.stop()
        requests = self._requests
        requests.stopping = True
        if not await requests.finished(self.drain):
            logger.warning(
                "stopping: %d webhook request(s) not answered within %.0f s are cut (Telegram"
                " delivers their updates again)",
                requests.count,
                self.drain,
            )
        await server.close_all_connections()
        logger.debug("webhook server stopped")
