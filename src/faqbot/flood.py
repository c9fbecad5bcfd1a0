"""Per-user flood control: a sliding window of recent questions, kept in memory."""

from __future__ import annotations

import math
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass

# Ids Telegram shares between many senders: anonymous group admins (GroupAnonymousBot),
# channel posts in a linked discussion group (the Telegram service account), and messages
# sent on behalf of a channel (Channel_Bot). Counting them as one user would let one group's
# anonymous admins flood-block every other group's.
SHARED_SENDERS = frozenset({1087968824, 777000, 136817688})


def flood_key(user_id: int | None, sender_chat_id: int | None, chat_id: int) -> int:
    """Whose questions count together: the user, or for a shared id the chat it speaks for
    (sender_chat), or else the chat itself. User ids are positive, group ids negative."""
    if user_id is not None and user_id not in SHARED_SENDERS:
        return user_id
    return sender_chat_id if sender_chat_id is not None else chat_id


@dataclass(frozen=True, slots=True)
class Verdict:
    """Whether a user may ask now; if not, whether to tell them and when to retry."""

    allowed: bool
    notify: bool = False
    retry_after: int = 0


class FloodGuard:
    """Allows `limit` questions per `window` seconds per user, counted across all chats;
    a limited user is told once per burst in each chat where they ask (a notice in a group
    says nothing to their private chat)."""

    def __init__(
        self, limit: int, window: float, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.limit = limit
        self.window = window
        self._clock = clock
        self._seen: dict[int, deque[float]] = {}
        # Per user: the chats told in the current burst.
        self._notified: dict[int, set[int | None]] = {}
        self._last_sweep = clock()

    def check(self, user_id: int, chat_id: int | None = None) -> Verdict:
        """Record an attempt by this user (in this chat) and say whether to serve it."""
        now = self._clock()
        self._sweep(now)
        times = self._seen.setdefault(user_id, deque())
        while times and times[0] <= now - self.window:
            times.popleft()
        if len(times) < self.limit:
            times.append(now)
            self._notified.pop(user_id, None)
            return Verdict(allowed=True)
        retry_after = max(1, math.ceil(times[0] + self.window - now))
        told = self._notified.setdefault(user_id, set())
        notify = chat_id not in told
        told.add(chat_id)
        return Verdict(allowed=False, notify=notify, retry_after=retry_after)

    def _sweep(self, now: float) -> None:
        """Forget users idle for a whole window, so memory stays bounded."""
        if now - self._last_sweep < self.window:
            return
        self._last_sweep = now
        idle = [u for u, t in self._seen.items() if not t or t[-1] <= now - self.window]
        for user in idle:
            del self._seen[user]
            self._notified.pop(user, None)
