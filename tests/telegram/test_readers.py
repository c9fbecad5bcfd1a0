"""Reader handler helpers that need no network: what counts as the reader's question."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from telegram import Chat, Message, MessageEntity, Update, User

from faqbot.knowledge import KnowledgeBase
from faqbot.reading import ChatArticles
from faqbot.storage import Store
from faqbot.telegram.readers import _addressed_to_bot, _asked_text, _read, reading

BOT = User(42, "FAQ", is_bot=True, username="FaqBot")
GROUP = Chat(-1, Chat.SUPERGROUP)


def message(text: str, **kwargs: object) -> Message:
    return Message(1, datetime.now(UTC), GROUP, text=text, **kwargs)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("/ask@FaqBot  big   ai", "big ai"),
        ("/ask big ai", "big ai"),
        ("@faqbot what is small ai?", "what is small ai?"),
        ("/ask", None),
        ("plain question", "plain question"),
    ],
)
def test_asked_text_drops_command_and_mention(text: str, expected: str | None) -> None:
    assert _asked_text(message(text), "FaqBot") == expected


def test_asked_text_of_nothing() -> None:
    assert _asked_text(None, "FaqBot") is None


def test_group_message_addressed_by_mention_or_reply() -> None:
    mention = message(
        "hey @FaqBot what is Japan's focus?",
        entities=[MessageEntity(MessageEntity.MENTION, 4, 7)],
    )
    assert _addressed_to_bot(mention, BOT.id, "FaqBot") == "hey what is Japan's focus?"
    other = message("hey @SomeoneElse hi", entities=[MessageEntity(MessageEntity.MENTION, 4, 12)])
    assert _addressed_to_bot(other, BOT.id, "FaqBot") is None
    reply = message("and China?", reply_to_message=message("answer", from_user=BOT))
    assert _addressed_to_bot(reply, BOT.id, "FaqBot") == "and China?"
    assert _addressed_to_bot(message("chatter"), BOT.id, "FaqBot") is None


async def test_an_article_no_longer_served_is_ignored(kb: KnowledgeBase, tmp_path: Path) -> None:
    """After a /reload without the chat's article, the chat asks in every article (as with
    none), silently; should the article come back, so does the chat's context."""
    store = await Store.open(tmp_path / "log.sqlite3", user_key="k")
    try:
        context: Any = SimpleNamespace(services=SimpleNamespace(reading=ChatArticles(store)))
        update = Update(1, message=message("hi"))
        article = kb.articles[0]
        _read(update, context, article)
        assert await reading(update, context, kb) is article
        context.services.reading.set(GROUP.id, "an-article-since-removed")
        assert await reading(update, context, kb) is None
        inline = Update(2)  # no chat (inline mode): no article
        assert await reading(inline, context, kb) is None
    finally:
        await store.close()
