"""Reader views with several articles: /articles, /topics per article, the choice of
articles under a question that fits several, and the note on an answer from another one."""

from __future__ import annotations

from dataclasses import replace

import pytest
from telegram import InlineKeyboardMarkup

from faqbot.errors import UnknownArticleError
from faqbot.knowledge import Article, KnowledgeBase
from faqbot.matching import Matcher
from faqbot.messages import Messages, load_messages
from faqbot.telegram.callbacks import Action, Callback, decode
from faqbot.telegram.render import (
    ARTICLES_PAGE_SIZE,
    article_intro,
    articles_view,
    fill,
    result_view,
    section_view,
    sections_view,
    unknown_article_notice,
)
from tests.conftest import AI_ARTICLE, EV_ARTICLE, ROOT
from tests.emulator import parse_html

AI_TITLE = "Asia's AI Battle Lines"
EV_TITLE = "Southeast Asia's Battery Gamble"


@pytest.fixture(scope="module")
def messages() -> Messages:
    return load_messages(ROOT / "bot" / "messages.yaml")


@pytest.fixture(scope="module")
def both(two_articles: Matcher) -> KnowledgeBase:
    return two_articles.kb


def callbacks(markup: InlineKeyboardMarkup | None) -> list[Callback]:
    """Every button's decoded data (each must decode: made by the codec, within 64 bytes)."""
    assert markup is not None
    decoded = []
    for row in markup.inline_keyboard:
        for btn in row:
            assert len(btn.text) <= 60
            callback = decode(str(btn.callback_data))
            assert callback is not None, btn.callback_data
            decoded.append(callback)
    return decoded


def test_articles_are_listed_newest_first_with_links(
    both: KnowledgeBase, messages: Messages
) -> None:
    html, markup = articles_view(both, messages, "FaqBot", 0, None)
    visible = parse_html(html)
    assert visible.index(EV_TITLE) < visible.index(AI_TITLE)  # dated 2025-06-30; undated last
    assert "2025-06-30" in visible
    assert f"https://t.me/FaqBot?start=a-{EV_ARTICLE}" in visible
    assert f"https://t.me/FaqBot?start=a-{AI_ARTICLE}" in visible
    assert "✓" not in visible
    assert callbacks(markup) == [
        Callback(Action.ENTER, (EV_ARTICLE,)),
        Callback(Action.ENTER, (AI_ARTICLE,)),
    ]
    assert markup is not None
    assert markup.inline_keyboard[0][0].text.startswith("1. Southeast Asia")


def test_the_article_being_read_is_marked(both: KnowledgeBase, messages: Messages) -> None:
    visible = parse_html(articles_view(both, messages, "FaqBot", 0, AI_ARTICLE)[0])
    marked = next(line for line in visible.splitlines() if "✓" in line)
    assert AI_TITLE in marked


def test_many_articles_are_listed_a_page_at_a_time(messages: Messages, kb: KnowledgeBase) -> None:
    article = kb.articles[0]
    many = [
        replace(
            article, id=f"article-{n:03}", title=f"Article {n} & <more>", date=f"2025-01-{n:02}"
        )
        for n in range(1, 21)
    ]
    entries = tuple(
        replace(e, article=many[i % len(many)], id=f"{e.id}-{i}") for i, e in enumerate(kb.entries)
    )
    big = KnowledgeBase(articles=tuple(many), entries=entries)
    html, markup = articles_view(big, messages, "FaqBot", 0, None)
    visible = parse_html(html)
    assert "Article 20 & <more>" in visible  # newest first, escaped
    assert "Article 12 " not in visible
    pressed = callbacks(markup)
    assert len([c for c in pressed if c.action is Action.ENTER]) == ARTICLES_PAGE_SIZE
    assert Callback(Action.ARTICLES, ("1",)) in pressed
    last_html, last_markup = articles_view(big, messages, "FaqBot", 99, None)  # clamped
    assert "Article 1 " in parse_html(last_html)
    assert Callback(Action.ARTICLES, ("1",)) in callbacks(last_markup)
    assert "20 articles" in fill(messages.welcome, big, "FaqBot")  # not twenty titles


def test_article_intro_names_it(both: KnowledgeBase, messages: Messages) -> None:
    article = both.article(EV_ARTICLE)
    assert article is not None
    visible = parse_html(article_intro(article, messages))
    assert EV_TITLE in visible
    assert "/topics" in visible
    hostile = Article("x", "Cats & <dogs>")
    assert "Cats & <dogs>" in parse_html(article_intro(hostile, messages))


def test_topics_with_several_articles_ask_which_first(
    both: KnowledgeBase, messages: Messages
) -> None:
    html, markup = sections_view(both, messages, 0)
    assert html == messages.topics_articles
    assert callbacks(markup) == [
        Callback(Action.SECTIONS, ("0", EV_ARTICLE)),
        Callback(Action.SECTIONS, ("0", AI_ARTICLE)),
    ]


def test_topics_of_one_article_show_only_its_sections(
    both: KnowledgeBase, messages: Messages
) -> None:
    ev_sections = list(both.of_article(EV_ARTICLE).sections())
    html, markup = sections_view(both, messages, 0, EV_ARTICLE)
    assert EV_TITLE in parse_html(html)
    pressed = callbacks(markup)
    opened = [c for c in pressed if c.action is Action.SECTION]
    assert len(opened) == min(len(ev_sections), 6)
    assert all(c.args[1:] == ("0", EV_ARTICLE) for c in opened)
    more = Callback(Action.SECTIONS, ("1", EV_ARTICLE))  # the next page names it too
    assert (more in pressed) == (len(ev_sections) > 6)
    assert pressed[-1] == Callback(Action.SECTIONS, ("0",))  # back to the articles
    view = section_view(both, messages, 0, 0, EV_ARTICLE)
    assert view is not None
    assert ev_sections[0] in parse_html(view[0])
    inside = callbacks(view[1])
    shown = [both.get(c.args[0]) for c in inside if c.action is Action.ANSWER]
    assert shown
    assert all(e is not None and e.article.id == EV_ARTICLE for e in shown)
    assert inside[-1] == Callback(Action.SECTIONS, ("0", EV_ARTICLE))
    assert section_view(both, messages, len(ev_sections), 0, EV_ARTICLE) is None


def test_topics_of_a_single_article_are_unchanged(kb: KnowledgeBase, messages: Messages) -> None:
    html, markup = sections_view(kb, messages, 0)
    assert html == messages.topics_sections
    assert all(len(c.args) <= 2 for c in callbacks(markup))  # no article named


def test_a_question_fitting_several_articles_offers_them(
    two_articles: Matcher, messages: Messages
) -> None:
    result = two_articles.match("who are the key players")
    html, markup = result_view(two_articles.kb, result, messages, "FaqBot")
    assert html == messages.which_article
    assert {c.args[0] for c in callbacks(markup)} == {AI_ARTICLE, EV_ARTICLE}
    assert {c.action for c in callbacks(markup)} == {Action.PICK}
    assert markup is not None
    assert {row[0].text[:20] for row in markup.inline_keyboard} == {
        AI_TITLE[:20],
        EV_TITLE[:20],
    }


def test_an_answer_from_another_article_says_which(
    two_articles: Matcher, messages: Messages
) -> None:
    kb = two_articles.kb
    ev = kb.article(EV_ARTICLE)
    result = two_articles.match("How big is the APAC AI market?", article=EV_ARTICLE)
    assert result.elsewhere
    html, _ = result_view(kb, result, messages, "FaqBot", ev)
    visible = parse_html(html)
    assert visible.startswith("This answer comes from another article: " + AI_TITLE)
    at_home = result_view(kb, two_articles.match("who are the key players", article=EV_ARTICLE),
                          messages, "FaqBot", ev)[0]  # fmt: skip
    assert "another article" not in at_home


def test_small_talk_names_the_article_being_read(two_articles: Matcher, messages: Messages) -> None:
    kb = two_articles.kb
    result = two_articles.match("hello")
    anywhere = parse_html(result_view(kb, result, messages, "FaqBot")[0])
    assert AI_TITLE in anywhere
    assert EV_TITLE in anywhere
    reading = parse_html(result_view(kb, result, messages, "FaqBot", kb.article(AI_ARTICLE))[0])
    assert AI_TITLE in reading
    assert EV_TITLE not in reading


def test_related_answers_stay_in_their_article(both: KnowledgeBase) -> None:
    for entry in both.entries:
        assert all(r.article.id == entry.article.id for r in both.related(entry, limit=5))


def test_unknown_article_notice_lists_the_known_ids_escaped() -> None:
    notice = unknown_article_notice("/stats", UnknownArticleError("<x>", ["b-new", "a-old"]))
    visible = parse_html(notice)
    assert visible == (
        "There is no article <x>. Usage: /stats [article-id]; known ids: b-new, a-old."
    )
