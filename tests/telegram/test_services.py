"""Shared services: the bounded map of recent replies."""

from __future__ import annotations

from faqbot.telegram.services import RecentReplies


def test_recent_replies_forget_the_least_recently_used() -> None:
    replies = RecentReplies(capacity=2)
    replies.remember(1, 10, 100)
    replies.remember(1, 11, 101)
    assert replies.get(1, 10) == 100  # used: now the most recent
    replies.remember(2, 10, 200)
    assert replies.get(1, 11) is None
    assert (replies.get(1, 10), replies.get(2, 10)) == (100, 200)
    assert replies.get(3, 3) is None
