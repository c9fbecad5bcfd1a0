"""Deep links into one article's conversation, and their QR codes."""

from __future__ import annotations

import pytest

from faqbot.chart import png_size
from faqbot.knowledge import Article
from faqbot.links import article_from_start, deep_link, qr_png, start_parameter

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
