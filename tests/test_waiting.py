from __future__ import annotations

import asyncio

import pytest

from faqbot.waiting import wait_set


async def test_a_set_event_is_true_at_once() -> None:
    event = asyncio.Event()
    event.set()
    assert await wait_set(event, 0)


async def test_time_running_out_is_false_not_an_error() -> None:
    assert not await wait_set(asyncio.Event(), 0.01)
    assert not await wait_set(asyncio.Event(), -1)  # clamped at 0


async def test_an_event_set_while_waiting_is_true() -> None:
    event = asyncio.Event()
    asyncio.get_running_loop().call_later(0.01, event.set)
    assert await wait_set(event, 5)


async def test_a_cancellation_in_the_same_step_as_the_event_is_not_swallowed() -> None:
    """asyncio.wait_for on Python 3.11 returns normally here (gh-86296)."""
    event = asyncio.Event()
    waiter = asyncio.create_task(wait_set(event, 10))
    for _ in range(3):
        await asyncio.sleep(0)
    event.set()
    waiter.cancel()
    with pytest.raises(asyncio.CancelledError):
        await waiter
