"""Delivering replies: retries for what Telegram would accept later, and what became of them.

Every Bot API call but getUpdates (PTB's Updater retries that itself) goes through
Retrier.call: network errors, timeouts, 5xx and 429 are retried with exponential backoff and
full jitter (tenacity's wait_random_exponential; a 429 waits its retry_after), until the
reply would be too late (the update's deadline: asked more than max_reply_age ago) or the bot
is stopping. Calls outside an update (start-up: getMe, setMyCommands, deleteWebhook,
setWebhook) retry for `startup_retry` seconds. A 400/403 is not retried: it would fail again.

What became of one update's replies is its Delivery, kept in a context variable for the
task that handles the update: 'sent' unless a call failed for good ('failed'), the deadline
passed ('expired': nothing is sent late) or the bot stopped first ('interrupted': the update
stays in the inbox and is handled again on the next start). The question log records the
decision and this delivery as separate facts.

Retrying a call whose response was lost may repeat a message: replies are delivered at least
once. The Bot API has no idempotency key for sendMessage.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import random
import time
from collections.abc import Awaitable, Callable, Iterator
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any, TypeVar

import aiohttp
import aiohttp_socks
import httpx
from telegram.error import BadRequest, NetworkError, RetryAfter, TelegramError
from tenacity import AsyncRetrying, RetryCallState, retry_if_exception, wait_random_exponential

from faqbot.logs import Throttle
from faqbot.storage import QuestionRecord
from faqbot.waiting import wait_set

logger = logging.getLogger(__name__)

T = TypeVar("T")

SENT, FAILED, EXPIRED, INTERRUPTED = "sent", "failed", "expired", "interrupted"
# Later outcomes win: a reply interrupted by the stop beats one that expired, and so on.
_RANK = {SENT: 0, FAILED: 1, EXPIRED: 2, INTERRUPTED: 3}

# Backoff between attempts: random in [0, min(MAX, 0.5 s * 2**attempt)] (full jitter).
BACKOFF_MULTIPLIER = 0.5
BACKOFF_MAX = 8.0


@dataclass
class Delivery:
    """What became of one update's replies, and the question rows waiting for that answer."""

    update_id: int
    deadline: float  # Unix time after which nothing is sent for this update
    records: list[QuestionRecord] = field(default_factory=list)
    outcome: str = SENT

    def settle(self, outcome: str) -> None:
        """Record an outcome unless a weightier one is already recorded."""
        if _RANK[outcome] > _RANK[self.outcome]:
            self.outcome = outcome


_CURRENT: ContextVar[Delivery | None] = ContextVar("faqbot_delivery", default=None)


def current_delivery() -> Delivery | None:
    """The Delivery of the update this task is handling, if any."""
    return _CURRENT.get()


def enter_delivery(delivery: Delivery) -> Callable[[], None]:
    """Make delivery current for this task; return the function that restores the previous."""
    token = _CURRENT.set(delivery)
    return lambda: _CURRENT.reset(token)


class ReplyNotSentError(TelegramError):
    """A Bot API call for an update was not made: see the subclasses."""


class ReplyExpiredError(ReplyNotSentError):
    """The update is older than max_reply_age: a reply now would come too late."""


class ReplyInterruptedError(ReplyNotSentError):
    """The bot is stopping: the update stays in the inbox for the next start."""


def is_transient(exc: BaseException | None) -> bool:
    """Tell whether Telegram may accept the same call later (network, timeout, 5xx, 429).

    A 400 is a BadRequest (a subclass of NetworkError in PTB) and is not retried; nor is an
    error raised while building the request (e.g. text that cannot be encoded), which PTB
    also wraps in NetworkError but with a non-network cause. Network causes: aiohttp's
    (transport.py), a SOCKS proxy's (aiohttp-socks), a socket's, or HTTPX's (PTB's default
    client).
    """
    if isinstance(exc, RetryAfter):
        return True
    if not isinstance(exc, NetworkError) or isinstance(exc, BadRequest | ReplyNotSentError):
        return False
    cause = exc.__cause__
    return cause is None or isinstance(cause, NETWORK_ERRORS)


# What the HTTP clients raise when the network, a proxy or a server fails.
NETWORK_ERRORS = (
    aiohttp.ClientError,
    aiohttp_socks.ProxyError,
    aiohttp_socks.ProxyConnectionError,
    aiohttp_socks.ProxyTimeoutError,
    httpx.HTTPError,
    OSError,
)


class Lifecycle:
    """The process's stop flag, shared by everything that must give way when it stops."""

    def __init__(self) -> None:
        self.stopping = asyncio.Event()
        self._starting: set[asyncio.Task[Any]] = set()

    def stop(self) -> None:
        """Start stopping: start-up work (see start_up) is cancelled, retries end, waits
        between them are cut short."""
        for task in self._starting:
            task.cancel()
        self.stopping.set()

    @contextlib.contextmanager
    def start_up(self) -> Iterator[None]:
        """Mark the current task as start-up work (getMe, post_init) that a stop cancels.

        Such work may be retrying a Bot API call for startup_retry seconds; left running
        when PTB's run_* stops (its SystemExit leaves the task pending), it would go on
        against HTTP clients already shut down and end in an unretrieved error. An error
        it ends with once stopping (the last failed attempt, or a call on a client shut
        down) is moot, so it ends cancelled instead: asyncio logs nothing for that.
        """
        task = asyncio.current_task()
        if self.stopping.is_set():
            raise asyncio.CancelledError
        if task is not None:
            self._starting.add(task)
        try:
            yield
        except Exception:
            if self.stopping.is_set():
                raise asyncio.CancelledError from None
            raise
        finally:
            if task is not None:
                self._starting.discard(task)

    async def sleep(self, seconds: float) -> None:
        """Sleep, waking early if the bot starts stopping."""
        await wait_set(self.stopping, seconds)


class Retrier:
    """Bounded retries (tenacity) for Bot API calls, recorded in the update's Delivery."""

    def __init__(self, lifecycle: Lifecycle, startup_window: float) -> None:
        self.lifecycle = lifecycle
        self.startup_window = startup_window
        self._backoff = wait_random_exponential(multiplier=BACKOFF_MULTIPLIER, max=BACKOFF_MAX)
        self._throttle = Throttle(5.0)

    async def call(self, endpoint: str, send: Callable[[], Awaitable[T]]) -> T:
        """Run send() until it succeeds, fails for good, or its deadline or the stop comes.

        Raises the last error; ReplyExpiredError / ReplyInterruptedError when no (further)
        attempt was made for an update because of its deadline or the stop.
        """
        delivery = current_delivery()
        deadline = delivery.deadline if delivery else time.time() + self.startup_window
        if delivery is not None:
            self._check(delivery, endpoint)
        # The first attempt outside tenacity: most calls succeed, and building its retry
        # state costs ~28 us a call. Only a transient failure enters the retry loop.
        try:
            return await send()
        except Exception as exc:
            if not is_transient(exc):
                raise
            first_failure: BaseException | None = exc

        async def attempt_once() -> T:
            # Tenacity's first attempt replays the failure above, so its attempt numbers,
            # backoff, stop condition and reports are those of a loop that made the call.
            nonlocal first_failure
            if first_failure is not None:
                failure, first_failure = first_failure, None
                raise failure
            return await send()

        retrying = AsyncRetrying(
            retry=retry_if_exception(is_transient),
            wait=self._wait,
            stop=lambda state: self._stop(state, deadline),
            sleep=self.lifecycle.sleep,
            before_sleep=lambda state: self._retrying(state, endpoint, deadline),
            reraise=True,
        )
        try:
            async for attempt in retrying:
                with attempt:
                    return await attempt_once()
        except Exception as exc:
            if delivery is not None and is_transient(exc):
                if self.lifecycle.stopping.is_set():
                    delivery.settle(INTERRUPTED)
                    raise ReplyInterruptedError(f"{endpoint}: not sent, stopping") from exc
                delivery.settle(EXPIRED)
                raise ReplyExpiredError(f"{endpoint}: no reply by the deadline") from exc
            raise
        raise AssertionError("unreachable: tenacity returns or raises")  # pragma: no cover

    def _check(self, delivery: Delivery, endpoint: str) -> None:
        """Refuse a call for an update that is past its deadline, or when stopping."""
        if delivery.outcome == INTERRUPTED or self.lifecycle.stopping.is_set():
            delivery.settle(INTERRUPTED)
            raise ReplyInterruptedError(f"{endpoint}: not sent, stopping")
        if delivery.outcome == EXPIRED or time.time() >= delivery.deadline:
            delivery.settle(EXPIRED)
            raise ReplyExpiredError(f"{endpoint}: not sent, the question is too old")

    def _wait(self, state: RetryCallState) -> float:
        exc = state.outcome.exception() if state.outcome else None
        if isinstance(exc, RetryAfter):
            return exc._retry_after.total_seconds() + random.uniform(0, 0.25)
        return float(self._backoff(state))

    def _stop(self, state: RetryCallState, deadline: float) -> bool:
        return self.lifecycle.stopping.is_set() or time.time() + state.upcoming_sleep > deadline

    def _retrying(self, state: RetryCallState, endpoint: str, deadline: float) -> None:
        exc = state.outcome.exception() if state.outcome else None
        logger.debug(
            "Bot API %s failed (%s), attempt %d; retrying in %.1f s",
            endpoint,
            exc,
            state.attempt_number,
            state.upcoming_sleep,
        )
        if self._throttle.ready(endpoint):
            held = self._throttle.take_suppressed(endpoint)
            logger.warning(
                "Bot API %s failed (%s: %s); retrying for up to %.0f s%s",
                endpoint,
                type(exc).__name__,
                exc,
                max(0.0, deadline - time.time()),
                f" ({held} more retries since the last report)" if held else "",
            )
