"""Waiting for an asyncio event with a time limit, without ever swallowing a cancellation.

Python 3.11's ``asyncio.wait_for`` returns normally when the task is cancelled in the same
loop step as the awaited future completes (CPython gh-86296, fixed in 3.12 by building
``wait_for`` on ``asyncio.timeout``). A background task cancelled that way keeps running:
the question log's writer did, and ``Store.close`` then waited for it forever. Every timed
wait in faqbot goes through ``asyncio.timeout`` (here, or directly for a coroutine) instead.
"""

from __future__ import annotations

import asyncio


async def wait_set(event: asyncio.Event, seconds: float) -> bool:
    """Wait up to ``seconds`` (clamped at 0) for ``event``; whether it is set.

    Never raises TimeoutError; a cancellation of the waiting task is always raised
    (asyncio.CancelledError), even when the event is set at the same moment.
    """
    if event.is_set():
        return True
    try:
        async with asyncio.timeout(max(0.0, seconds)):
            await event.wait()
    except TimeoutError:
        return event.is_set()
    return True
