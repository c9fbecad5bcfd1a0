"""Shared services: the bounded map of recent replies, pending confirmations."""

from __future__ import annotations

import re

from faqbot.telegram.services import Confirmations, RecentReplies


def test_recent_replies_forget_the_least_recently_used() -> None:
    replies = RecentReplies(capacity=2)
    replies.remember(1, 10, 100)
    replies.remember(1, 11, 101)
    assert replies.get(1, 10) == 100  # used: now the most recent
    replies.remember(2, 10, 200)
    assert replies.get(1, 11) is None
    assert (replies.get(1, 10), replies.get(2, 10)) == (100, 200)
    assert replies.get(3, 3) is None


def test_a_confirmation_is_taken_once_by_its_asker_before_it_expires() -> None:
    now = [0.0]
    pending = Confirmations(ttl=300, clock=lambda: now[0])
    token = pending.ask(user_id=7, value=0)
    assert re.fullmatch(r"[0-9a-f]{8}", token)
    assert pending.asked_by(token) == 7
    assert pending.take(token, user_id=8) is None  # not the admin who asked
    assert pending.take(token, user_id=7) == 0
    assert pending.take(token, user_id=7) is None  # used
    late = pending.ask(user_id=7, value=90)
    now[0] = 301.0
    assert pending.asked_by(late) is None
    assert pending.take(late, user_id=7) is None  # expired
