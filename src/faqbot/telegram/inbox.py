"""At-least-once handling of updates: durable before they are confirmed, finished after.

Telegram forgets an update once the bot confirms it: in polling mode by asking getUpdates
for a later offset, in webhook mode by answering 200. So every received update is written to
the inbox table (one transaction per batch, WAL) *before* that happens:

- polling: ReliableBot intercepts the raw getUpdates result inside the Updater's call, keeps
  the batch, then hands it to PTB parsed (each update once); the Updater confirms it only
  with its next getUpdates;
- webhook: faqbot's webhook handler (webhook.py) awaits `update_queue.put` before it answers
  200; InboxQueue keeps the update there.

An update's inbox row is marked done (or expired) by the log writer in the same transaction
as its question rows, after its replies are accepted (InboxProcessor, see delivery.py). On
start-up, unfinished rows are handled again; an update already in the inbox and delivered
again by Telegram is skipped. So is one delivered again while it is still queued or being
answered, or lately finished (a webhook retry after a late 200), also when the database
could not keep it: the inbox remembers the ids it is handling, and the last RECENT_UPDATES
it finished. An update PTB cannot parse is logged once and skipped (the
offset moves past it). If the database cannot take a batch (locked past a second, read-only),
the updates are answered anyway, counted and reported, and they are not confirmed until they
are finished: the next getUpdates (or, in webhook mode, the 200) waits for them, at most until
their reply deadline. So a crash then loses nothing either: Telegram delivers them again. While
the database refuses, the bot handles one batch at a time.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import sqlite3
import time
from collections import OrderedDict
from collections.abc import Awaitable, Coroutine, Sequence
from dataclasses import dataclass, replace
from typing import Any

from telegram import Update
from telegram.ext import ExtBot, SimpleUpdateProcessor

from faqbot.errors import StorageError
from faqbot.logs import Throttle
from faqbot.storage import Finished, Received, Store
from faqbot.telegram.delivery import (
    EXPIRED,
    INTERRUPTED,
    Delivery,
    Lifecycle,
    Retrier,
    enter_delivery,
)

logger = logging.getLogger(__name__)

JSONDict = dict[str, Any]

# An update that was being handled this many times without finishing (the bot crashed or
# was killed each time) is skipped rather than tried forever.
MAX_ATTEMPTS = 3
# Finished updates whose ids are remembered, so that one delivered again just after is not
# handled twice even when the database could not keep it (about 100 bytes each).
RECENT_UPDATES = 10_000


@dataclass(frozen=True, slots=True)
class Ticket:
    """A received update's inbox row (None if the inbox could not keep it) and deadline."""

    inbox_id: int | None
    deadline: float


def sent_at(raw: JSONDict) -> int | None:
    """When the user sent the update's message or edit (Unix seconds), if it says."""
    for key, value in raw.items():
        if key != "update_id" and isinstance(value, dict):
            when = value.get("edit_date") or value.get("date")
            if isinstance(when, int | float) and not isinstance(when, bool):
                return int(when)
    return None


class Inbox:
    """Keeps received updates durable, hands out their tickets, finishes them."""

    def __init__(self, max_reply_age: float) -> None:
        self.max_reply_age = max_reply_age
        self.store: Store | None = None
        self._tickets: dict[int, Ticket] = {}
        self._throttle = Throttle(30.0)
        # Updates the database could not keep, not finished yet (set when they are), and the
        # latest of their deadlines.
        self._unkept: dict[int, asyncio.Event] = {}
        self._abandoned: set[int] = set()
        self._unkept_deadline = 0.0
        # Updates queued or being handled, and the last RECENT_UPDATES finished (oldest
        # first): a delivery of one of them again is dropped (seen, handled).
        self._handling: set[int] = set()
        self._recent: OrderedDict[int, None] = OrderedDict()

    def seen(self, update_id: int) -> bool:
        """Whether the update is queued, being handled, or among the last finished."""
        return update_id in self._handling or update_id in self._recent

    def handling(self, update_id: int) -> None:
        """The update is queued to be handled (later deliveries of it are dropped)."""
        self._handling.add(update_id)

    def handled(self, update_id: int) -> None:
        """The update is finished, or will not be handled by this run: remember it among
        the recent ones (bounded), no longer as being handled."""
        self._handling.discard(update_id)
        self._recent[update_id] = None
        self._recent.move_to_end(update_id)
        while len(self._recent) > RECENT_UPDATES:
            self._recent.popitem(last=False)

    def deadline(self, received_at: float, sent: int | None) -> float:
        """No reply after this Unix time: max_reply_age after the question was asked."""
        asked = received_at if sent is None else min(received_at, float(sent))
        return asked + self.max_reply_age

    async def _keep(self, items: Sequence[Received]) -> dict[int, int] | None:
        """Write items to the inbox; None (and a report) if the database would not."""
        if self.store is None:
            return None
        try:
            return await self.store.receive(items)
        except (sqlite3.Error, StorageError, OSError, ValueError) as exc:
            # The updates are answered all the same; only a crash now would lose them.
            self.store.note_unsaved_updates(len(items), exc)
            return None

    async def receive(self, bot: ExtBot[Any], raw: list[JSONDict]) -> list[Update]:
        """Keep a getUpdates batch; return its updates, each parsed once, skipped updates as
        a bare Update with only their id (PTB's offset moves past them, no handler runs).

        Skipped: updates already in the inbox (delivered again after a restart: the inbox
        copy is handled) and updates PTB cannot parse (logged once; the offset moves on).
        """
        received = time.time()
        items = [Received(int(u["update_id"]), received, sent_at(u), json.dumps(u)) for u in raw]
        ids = await self._keep(items)
        out: list[Update] = []
        for data, item in zip(raw, items, strict=True):
            uid = item.update_id
            if (ids is not None and uid not in ids) or self.seen(uid) or uid in self._tickets:
                logger.info("update %d is already in the inbox; not handled twice", uid)
                out.append(Update(uid))
                continue
            inbox_id = ids.get(uid) if ids is not None else None
            try:
                update = Update.de_json(data, bot)
            except Exception as exc:  # PTB raises what the data makes it raise
                self._skip(uid, inbox_id, data, exc)
                out.append(Update(uid))
                continue
            ticket = Ticket(inbox_id, self.deadline(received, item.sent_at))
            self._tickets[uid] = ticket
            if inbox_id is None:
                self._hold(uid, ticket)
            out.append(update)
        return out

    def _hold(self, update_id: int, ticket: Ticket) -> None:
        """Count an update the database could not keep: it is confirmed once finished."""
        self._unkept[update_id] = asyncio.Event()
        self._unkept_deadline = max(self._unkept_deadline, ticket.deadline)

    def abandon(self, update_id: int) -> None:
        """An update neither kept nor finished (the stop came first): never confirm it, so
        Telegram delivers it again on the next start."""
        self._abandoned.add(update_id)

    def is_abandoned(self, update_id: int) -> bool:
        """Whether the update was abandoned (it must not be confirmed: see abandon)."""
        return update_id in self._abandoned

    def confirm_offset(self, offset: int | None) -> int | None:
        """The getUpdates offset that confirms nothing abandoned: at most the first of them."""
        if not self._abandoned:
            return offset
        first = min(self._abandoned)
        return first if offset is None else min(offset, first)

    def release(self, update_id: int) -> None:
        """An update is finished (or will not be handled): it may now be confirmed."""
        finished = self._unkept.pop(update_id, None)
        if finished is not None:
            finished.set()

    async def confirmable(self, update_id: int | None = None) -> None:
        """Wait until the update (default: every update) the database could not keep is
        finished, or until the latest reply deadline (no reply is sent after it anyway)."""
        waits = (
            list(self._unkept.values())
            if update_id is None
            else [self._unkept[update_id]]
            if update_id in self._unkept
            else []
        )
        if not waits:
            return
        timeout = max(0.0, self._unkept_deadline - time.time())
        with contextlib.suppress(TimeoutError):
            async with asyncio.timeout(timeout):  # not wait_for: see faqbot.waiting
                await asyncio.gather(*(w.wait() for w in waits))

    def _skip(self, uid: int, inbox_id: int | None, raw: JSONDict, exc: BaseException) -> None:
        kinds = ", ".join(k for k in raw if k != "update_id") or "nothing"
        logger.warning(
            "skipping update %d (%s): it cannot be parsed (%s: %s)",
            uid,
            kinds,
            type(exc).__name__,
            exc,
        )
        if inbox_id is not None and self.store is not None:
            self.store.finish(Finished((), inbox_id, "skipped"))

    async def skip_unparsed(self, raw: JSONDict, exc: BaseException) -> None:
        """Keep a webhook update PTB cannot parse as skipped and log it once (not again if
        Telegram delivers it again); raw must have an int update_id."""
        uid = int(raw["update_id"])
        item = Received(uid, time.time(), sent_at(raw), json.dumps(raw))
        ids = await self._keep([item])
        if ids is not None and uid not in ids:
            return  # logged when it first came
        self._skip(uid, ids.get(uid) if ids is not None else None, raw, exc)

    async def admit(self, update: Update) -> bool:
        """Keep a webhook update before it is answered 200; False if it was handled before.

        A webhook update the database could not keep should be answered 200 only once it is
        finished: `confirmable(update_id)` waits for that.
        """
        if update.update_id in self._tickets:
            return True
        received = time.time()
        message = update.effective_message
        when = (message.edit_date or message.date) if message is not None else None
        sent = int(when.timestamp()) if when is not None else None
        item = Received(update.update_id, received, sent, update.to_json())
        ids = await self._keep([item])
        if ids is not None and update.update_id not in ids:
            logger.info("update %d is already in the inbox; not handled twice", update.update_id)
            return False
        inbox_id = ids.get(update.update_id) if ids is not None else None
        ticket = Ticket(inbox_id, self.deadline(received, sent))
        self._tickets[update.update_id] = ticket
        if inbox_id is None:
            self._hold(update.update_id, ticket)
        return True

    def has_ticket(self, update_id: int) -> bool:
        """Whether the update was received and is waiting to be handled."""
        return update_id in self._tickets

    def claim(self, update: object) -> Ticket | None:
        """Take the ticket of an update about to be handled (None for a bare skipped one)."""
        if not isinstance(update, Update):
            return None
        return self._tickets.pop(update.update_id, None)

    def finish(self, ticket: Ticket, delivery: Delivery) -> None:
        """Queue the update's question rows with their delivery, and its inbox state.

        An update interrupted by the stop is handled again on the next start, and its rows
        written then: it stays pending in the inbox, or, without an inbox row, it is
        abandoned (never confirmed, so Telegram delivers it again).
        """
        if delivery.outcome == INTERRUPTED and ticket.inbox_id is None:
            self.abandon(delivery.update_id)
        self.handled(delivery.update_id)
        self.release(delivery.update_id)
        outcome = delivery.outcome
        if self.store is None or outcome == INTERRUPTED:
            return
        records = tuple(
            replace(r, delivery=outcome, inbox_id=ticket.inbox_id) for r in delivery.records
        )
        if records or ticket.inbox_id is not None:
            state = "expired" if outcome == EXPIRED else "done"
            self.store.finish(Finished(records, ticket.inbox_id, state))

    async def recover(self, bot: ExtBot[Any], queue: asyncio.Queue[object]) -> int:
        """Queue the updates a previous run received but did not finish; return how many."""
        if self.store is None:
            return 0
        rows = await self.store.unfinished()
        queued = expired = 0
        for row in rows:
            if row.attempts + 1 > MAX_ATTEMPTS:
                logger.error(
                    "update %d did not finish in %d attempts; skipped", row.update_id, row.attempts
                )
                self.store.finish(Finished((), row.id, "skipped"))
                continue
            raw: JSONDict = {}
            try:
                raw = json.loads(row.payload)
                update = Update.de_json(raw, bot)
            except Exception as exc:  # PTB raises what the data makes it raise
                self._skip(row.update_id, row.id, raw, exc)
                continue
            ticket = Ticket(row.id, self.deadline(row.received_at, row.sent_at))
            expired += ticket.deadline <= time.time()
            self._tickets[row.update_id] = ticket
            self.handling(row.update_id)
            queue.put_nowait(update)
            queued += 1
        if queued:
            logger.warning(
                "handling %d update(s) the last run received but did not finish"
                " (%d too old to answer: logged as expired)",
                queued,
                expired,
            )
        return queued


class InboxQueue(asyncio.Queue[object]):
    """PTB's update queue; in webhook mode, put() keeps an update before it is answered 200."""

    def __init__(self, inbox: Inbox) -> None:
        super().__init__()
        self.inbox = inbox
        # Deliveries in progress (put() not returned yet), by update id: set when done.
        self._putting: dict[int, asyncio.Event] = {}

    async def put(self, item: object) -> None:
        """Keep the update (unless it is known), then queue it; a duplicate is dropped. If the
        database could not keep it, return (and so answer Telegram 200) once it is handled.

        A duplicate: an update already in the inbox, or delivered again while this run
        queues it, handles it, or lately finished it (Telegram's webhook retries one whose
        200 was late); it returns no sooner than the first delivery's put().
        """
        if not isinstance(item, Update):
            await super().put(item)
            return
        uid = item.update_id
        if self.inbox.seen(uid):
            logger.info("update %d delivered again while handled; not handled twice", uid)
            first = self._putting.get(uid)
            if first is not None:
                await first.wait()
            return
        self.inbox.handling(uid)  # before any await: a delivery at the same time is dropped
        done = self._putting[uid] = asyncio.Event()
        try:
            polled = self.inbox.has_ticket(uid)  # getUpdates confirms those later
            if not await self.inbox.admit(item):
                self.inbox.handled(uid)
                return
            await super().put(item)
            if not polled:
                await self.inbox.confirmable(uid)
        finally:
            del self._putting[uid]
            done.set()


class InboxProcessor(SimpleUpdateProcessor):
    """Handles updates concurrently, each with its Delivery; finishes them in the inbox.

    When the bot is stopping, updates not yet started are left in the inbox for the next
    start, and those still running are cancelled after the drain time (see app.run).
    """

    def __init__(self, inbox: Inbox, lifecycle: Lifecycle, max_concurrent_updates: int) -> None:
        super().__init__(max_concurrent_updates)
        self.inbox = inbox
        self.lifecycle = lifecycle
        self._running: set[asyncio.Task[Any]] = set()

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        """Run the handlers for one update inside its Delivery."""
        ticket = self.inbox.claim(update)
        if ticket is None:
            await coroutine
            return
        if self.lifecycle.stopping.is_set():
            if isinstance(coroutine, Coroutine):
                coroutine.close()
            update_id = getattr(update, "update_id", 0)
            if ticket.inbox_id is None:
                logger.warning("stopping: an update not kept in the inbox is not handled")
                self.inbox.abandon(update_id)
            self.inbox.handled(update_id)
            self.inbox.release(update_id)
            return
        delivery = Delivery(getattr(update, "update_id", 0), ticket.deadline)
        restore = enter_delivery(delivery)
        task = asyncio.current_task()
        if task is not None:
            self._running.add(task)
        try:
            await coroutine
        except asyncio.CancelledError:
            delivery.settle(INTERRUPTED)
            raise
        finally:
            if task is not None:
                self._running.discard(task)
            restore()
            self.inbox.finish(ticket, delivery)

    def cancel_running(self) -> int:
        """Cancel the handlers still running (their updates stay in the inbox)."""
        for task in self._running:
            task.cancel()
        return len(self._running)


class ReliableBot(ExtBot[int]):
    """ExtBot whose calls retry (Retrier) and whose getUpdates batches are kept (Inbox)."""

    def __init__(self, *args: Any, inbox: Inbox, retrier: Retrier, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._inbox = inbox
        self._retrier = retrier
        self._batch: tuple[Update, ...] = ()

    async def get_updates(self, *args: Any, **kwargs: Any) -> tuple[Update, ...]:
        """PTB's getUpdates, with each update parsed once: _do_post hands the batch to the
        inbox, which keeps and parses it, and gives PTB an empty list so it parses nothing
        again; the inbox's updates are returned instead (no await between the two)."""
        await super().get_updates(*args, **kwargs)
        batch, self._batch = self._batch, ()
        for update in batch:
            self.insert_callback_data(update)
        return batch

    async def _do_post(
        self, endpoint: str, data: JSONDict, **timeouts: Any
    ) -> bool | JSONDict | list[JSONDict]:
        async def post() -> bool | JSONDict | list[JSONDict]:
            # A fresh copy each attempt: ExtBot pops its rate-limiter arguments from data.
            return await super(ReliableBot, self)._do_post(endpoint, dict(data), **timeouts)

        if endpoint == "getUpdates":
            # This call confirms the previous batch: not before what the inbox missed is done,
            # and never past an update the stop left neither kept nor finished.
            await self._inbox.confirmable()
            offset = self._inbox.confirm_offset(data.get("offset"))
            if offset is not None and offset != data.get("offset"):
                data = {**data, "offset": offset}
            result = await post()
            if isinstance(result, list):
                self._batch = tuple(await self._inbox.receive(self, result))
                return []
            return result
        return await self._retrier.call(endpoint, post)
