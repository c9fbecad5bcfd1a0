"""Retries for what Telegram would accept later, bounded by the update's deadline and the stop."""

from __future__ import annotations

import asyncio
import time

import httpx
import pytest
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TimedOut

from faqbot.telegram.delivery import (
    EXPIRED,
    FAILED,
    INTERRUPTED,
    SENT,
    Delivery,
    Lifecycle,
    ReplyExpiredError,
    ReplyInterruptedError,
    Retrier,
    enter_delivery,
    is_transient,
)


@pytest.fixture(autouse=True)
def timedelta_periods(monkeypatch: pytest.MonkeyPatch) -> None:
    """As faqbot run does: PTB's time periods as timedelta (no deprecation warning)."""
    monkeypatch.setenv("PTB_TIMEDELTA", "true")


def network_error() -> NetworkError:
    try:
        raise NetworkError("httpx.ConnectError: refused") from httpx.ConnectError("refused")
    except NetworkError as exc:
        return exc


def encoding_error() -> NetworkError:
    try:
        raise NetworkError("Unknown error in HTTP implementation") from UnicodeEncodeError(
            "utf-8", "\ud800", 0, 1, "surrogates not allowed"
        )
    except NetworkError as exc:
        return exc


def test_what_is_retried() -> None:
    assert is_transient(network_error())
    assert is_transient(TimedOut())
    assert is_transient(NetworkError("Internal Server Error"))  # a 5xx: no cause
    assert is_transient(RetryAfter(1))
    assert not is_transient(BadRequest("can't parse entities"))
    assert not is_transient(Forbidden("bot was blocked by the user"))
    assert not is_transient(encoding_error())  # would fail the same way again
    assert not is_transient(ValueError())
    assert not is_transient(None)


class Flaky:
    """Fails with the given errors, then succeeds."""

    def __init__(self, *errors: Exception) -> None:
        self.errors = list(errors)
        self.calls = 0

    async def __call__(self) -> str:
        self.calls += 1
        if self.errors:
            raise self.errors.pop(0)
        return "ok"


async def test_transient_errors_are_retried_until_success() -> None:
    send = Flaky(network_error(), TimedOut(), NetworkError("Bad Gateway"))
    assert await Retrier(Lifecycle(), 30).call("sendMessage", send) == "ok"
    assert send.calls == 4


async def test_retry_after_is_waited_out() -> None:
    send = Flaky(RetryAfter(1))
    started = time.monotonic()
    assert await Retrier(Lifecycle(), 30).call("sendMessage", send) == "ok"
    assert time.monotonic() - started >= 1.0


async def test_a_permanent_error_is_not_retried_and_marks_nothing() -> None:
    send = Flaky(BadRequest("message is not modified"))
    delivery = Delivery(1, time.time() + 60)
    restore = enter_delivery(delivery)
    try:
        with pytest.raises(BadRequest):
            await Retrier(Lifecycle(), 30).call("editMessageText", send)
    finally:
        restore()
    assert send.calls == 1
    assert delivery.outcome == SENT  # the handler decides; on_error marks it failed


async def test_retries_stop_at_the_deadline_and_the_reply_expires() -> None:
    send = Flaky(*[network_error() for _ in range(100)])
    delivery = Delivery(1, time.time() + 1.5)
    restore = enter_delivery(delivery)
    try:
        with pytest.raises(ReplyExpiredError):
            await Retrier(Lifecycle(), 30).call("sendMessage", send)
        assert delivery.outcome == EXPIRED
        calls = send.calls
        with pytest.raises(ReplyExpiredError):  # nothing more is sent for this update
            await Retrier(Lifecycle(), 30).call("sendMessage", send)
        assert send.calls == calls
    finally:
        restore()


async def test_a_past_deadline_sends_nothing() -> None:
    send = Flaky()
    delivery = Delivery(1, time.time() - 1)
    restore = enter_delivery(delivery)
    try:
        with pytest.raises(ReplyExpiredError):
            await Retrier(Lifecycle(), 30).call("sendMessage", send)
    finally:
        restore()
    assert send.calls == 0


async def test_stopping_cuts_the_wait_short_and_interrupts() -> None:
    lifecycle = Lifecycle()
    send = Flaky(*[RetryAfter(30) for _ in range(5)])
    delivery = Delivery(1, time.time() + 600)
    restore = enter_delivery(delivery)
    try:
        asyncio.get_running_loop().call_later(0.3, lifecycle.stop)
        started = time.monotonic()
        with pytest.raises(ReplyInterruptedError):
            await Retrier(lifecycle, 30).call("sendMessage", send)
        assert time.monotonic() - started < 5
    finally:
        restore()
    assert delivery.outcome == INTERRUPTED


async def test_calls_outside_an_update_retry_for_the_start_up_window() -> None:
    send = Flaky(*[network_error() for _ in range(100)])
    with pytest.raises(NetworkError):
        await Retrier(Lifecycle(), 1.0).call("getMe", send)
    assert send.calls >= 2


async def test_the_stop_cancels_start_up_work_and_its_last_error_is_moot() -> None:
    lifecycle = Lifecycle()
    send = Flaky(*[network_error() for _ in range(1000)])

    async def start_up() -> None:
        with lifecycle.start_up():
            await Retrier(lifecycle, 120).call("getMe", send)

    task = asyncio.create_task(start_up())
    await asyncio.sleep(0.2)
    started = time.monotonic()
    lifecycle.stop()
    with pytest.raises(asyncio.CancelledError):
        await task
    assert task.cancelled()
    assert time.monotonic() - started < 1
    # No start-up work begins once stopping.
    with pytest.raises(asyncio.CancelledError), lifecycle.start_up():
        pass


def test_weightier_outcomes_win() -> None:
    delivery = Delivery(1, 0)
    delivery.settle(FAILED)
    delivery.settle(SENT)
    assert delivery.outcome == FAILED
    delivery.settle(EXPIRED)
    delivery.settle(FAILED)
    assert delivery.outcome == EXPIRED
