"""Deep links into one article's conversation, and their QR codes."""

from __future__ import annotations

import pytest

from faqbot.chart import png_size
from faqbot.knowledge import Article
from faqbot.links import article_from_start, bot_username, deep_link, qr_png, start_parameter

ARTICLE = Article(id="asia-ai-battle-lines", title="Asia's AI Battle Lines")


def test_deep_link_round_trips_through_start() -> None:
    assert start_parameter(ARTICLE) == "a-asia-ai-battle-lines"
    assert deep_link("@FaqBot", ARTICLE) == "https://t.me/FaqBot?start=a-asia-ai-battle-lines"
    assert article_from_start(start_parameter(ARTICLE)) == ARTICLE.id


@pytest.mark.parametrize("parameter", ["south-korea-commitment", "a-", "a-Bad_Id", "help"])
def test_other_start_parameters_name_no_article(parameter: str) -> None:
    assert article_from_start(parameter) is None


def test_qr_code_is_a_png() -> None:
    width, height = png_size(qr_png(deep_link("FaqBot", ARTICLE)))
    assert width == height >= 200


@pytest.mark.parametrize(
    ("given", "name"),
    [
        ("FaqBot", "FaqBot"),
        ("@faq_test_bot", "faq_test_bot"),
        (" Abcde ", "Abcde"),
        ("a" * 32, "a" * 32),
    ],
)
def test_a_bot_username_is_a_telegram_username(given: str, name: str) -> None:
    assert bot_username(given) == name


@pytest.mark.parametrize(
    "given", ["bad name!", "Abcd", "a" * 33, "1FaqBot", "_FaqBot", "Faq-Bot", "Fäq_Bot", "@", ""]
)
def test_other_bot_usernames_are_refused(given: str) -> None:
    """5-32 letters, digits or underscores, a letter first: else the link goes nowhere."""
    with pytest.raises(ValueError, match="is not a Telegram username: 5-32 letters"):
        bot_username(given)
