"""Rendering: escaped HTML that Telegram accepts, split long texts, valid keyboards."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from faqbot.constraints import Gap, GapKind
from faqbot.knowledge import KnowledgeBase
from faqbot.matching import Decision, Matcher
from faqbot.messages import Messages, load_messages
from faqbot.review import (
    NothingToTeachError,
    Refusal,
    Teaching,
    UnconfirmedTeachingError,
    doubt_digest,
    group_questions,
)
from faqbot.smalltalk import SmallTalk
from faqbot.storage import Lesson, LoggedQuestion, Purged, Suggestion
from faqbot.telegram.callbacks import Action, CallbackDataError, decode
from faqbot.telegram.render import (
    MAX_MESSAGE_CHARS,
    answer_html,
    answer_keyboard,
    approved_notice,
    button,
    escape_html,
    group_view,
    inline_view,
    linked_notice,
    not_approved_notice,
    nothing_to_teach_notice,
    partial_html,
    purge_view,
    queue_view,
    result_view,
    section_view,
    sections_view,
    smalltalk_html,
    split_html,
    suggestions_keyboard,
    suggestions_view,
    unconfirmed_view,
    undone_notice,
    visible_length,
)
from faqbot.tghtml import problems
from tests.conftest import ROOT
from tests.emulator import parse_html


@pytest.fixture(scope="module")
def messages() -> Messages:
    return load_messages(ROOT / "bot" / "messages.yaml")


def test_answer_has_source_quote_and_share_link(kb: KnowledgeBase, messages: Messages) -> None:
    entry = kb.get("giron-quote")
    assert entry is not None
    html = answer_html(entry, messages, "FaqBot")
    visible = parse_html(html)  # Telegram would accept it
    assert entry.answer in visible
    assert "<blockquote>" in html
    assert 'href="https://t.me/FaqBot?start=giron-quote"' in html
    assert "Asia's AI Battle Lines" in visible


def test_knowledge_text_is_escaped(kb: KnowledgeBase, messages: Messages) -> None:
    entry = kb.entries[0]
    hostile = replace(
        entry,
        question="<b>bold</b> & <script>",
        answer="1 < 2 > 0 & done",
        article=replace(entry.article, title="A <i>title</i>", url="https://x.org/?a=1&b=<2>"),
    )
    html = answer_html(hostile, messages, None)
    visible = parse_html(html)
    assert "<b>bold</b> & <script>" in visible
    assert "1 < 2 > 0 & done" in visible
    assert 'href="https://x.org/?a=1&amp;b=&lt;2&gt;"' in html


def test_every_answer_renders_valid_and_short(kb: KnowledgeBase, messages: Messages) -> None:
    for entry in kb.entries:
        html = answer_html(entry, messages, "FaqTestBot")
        assert len(parse_html(html)) <= MAX_MESSAGE_CHARS


def test_reply_texts_are_valid_html(messages: Messages) -> None:
    samples = {
        "articles": "A &amp; B",
        "bot": "FaqBot",
        "section": "S",
        "seconds": 5,
        "id": 42,
        "values": "X &amp; Y",
        "title": "T &amp; U",
        "staff": "admins",
        "count": 3,
    }
    for name in Messages.__slots__:
        parse_html(getattr(messages, name).format(**samples))


def test_split_keeps_every_part_valid_and_under_the_limit() -> None:
    paragraph = "<b>Title</b>\n" + "word &amp; <i>more words</i> " * 400
    long_html = "\n\n".join([paragraph] * 3)
    parts = split_html(long_html, limit=1000)
    assert len(parts) > 3
    for part in parts:
        assert visible_length(part) <= 1000
        parse_html(part)
    # Cuts fall on whitespace: nothing but whitespace is lost.
    joined = " ".join(parse_html(p) for p in parts)
    assert joined.split() == parse_html(long_html).split()


def test_split_reopens_tags_across_a_cut() -> None:
    parts = split_html("<blockquote>" + "x " * 50 + "</blockquote>", limit=40)
    assert all(p.startswith("<blockquote>") and p.endswith("</blockquote>") for p in parts)


def test_split_short_text_is_unchanged() -> None:
    assert split_html("<b>hi</b>") == ["<b>hi</b>"]


@settings(deadline=None)
@given(st.text(min_size=1, max_size=3000))
def test_split_any_escaped_text(raw: str) -> None:
    parts = split_html(escape_html(raw), limit=500)
    for part in parts:
        assert visible_length(part) <= 500
        parse_html(part)  # Telegram accepts every part
    assert " ".join(parse_html(p) for p in parts).split() == raw.split()


def test_keyboards_fit_telegram_limits(kb: KnowledgeBase, messages: Messages) -> None:
    keyboards = [
        suggestions_keyboard(kb.entries[:3]),
        answer_keyboard(kb.entries[0], kb.related(kb.entries[0])),
        sections_view(kb, messages, 0)[1],
        sections_view(kb, messages, 99)[1],
    ]
    for section in range(len(kb.sections())):
        view = section_view(kb, messages, section, 0)
        assert view is not None
        keyboards.append(view[1])
    for keyboard in keyboards:
        assert keyboard is not None
        for row in keyboard.inline_keyboard:
            for btn in row:
                assert btn.callback_data is not None
                assert len(str(btn.callback_data).encode()) <= 64
                assert len(btn.text) <= 60
                assert decode(str(btn.callback_data)) is not None


def test_topics_paginate(kb: KnowledgeBase, messages: Messages) -> None:
    first = sections_view(kb, messages, 0)[1].inline_keyboard
    assert first[-1][-1].callback_data == "ts:1"
    assert section_view(kb, messages, 999, 0) is None


def test_button_refuses_oversized_data() -> None:
    with pytest.raises(CallbackDataError, match="64 bytes"):
        button("x", Action.LINK, 1, "a" * 70)


def test_partial_reply_says_what_is_missing_then_the_sourced_fact(
    messages: Messages, kb: KnowledgeBase
) -> None:
    entry = kb.get("apac-market-size")
    assert entry is not None
    html = partial_html(entry, Gap(GapKind.NAME, ("thailand",)), ["<Thai>land"], messages, "Bot")
    parse_html(html)
    assert "&lt;Thai&gt;land" in html  # what the reader typed is escaped
    assert html.index("closest") < html.index("<blockquote>")


@pytest.mark.parametrize("kind", list(GapKind))
def test_every_gap_kind_has_a_valid_reply(
    messages: Messages, kb: KnowledgeBase, kind: GapKind
) -> None:
    entry = kb.get("apac-market-size")
    assert entry is not None
    html = partial_html(entry, Gap(kind, ("x",)), ["in <euros>"], messages, "Bot")
    parse_html(html)


@pytest.mark.parametrize("kind", list(SmallTalk))
def test_small_talk_replies_are_valid_html(messages: Messages, kind: SmallTalk) -> None:
    parse_html(smalltalk_html(kind, messages, "A & <B>", "Bot"))


@pytest.mark.parametrize(
    ("message", "said"),
    [
        ("great article!", "Thank you"),
        ("this article is biased", "I only repeat what the article says"),
        ("that's not what I asked", "ask again in other words"),
    ],
)
def test_feedback_gets_its_own_reply(
    matcher: Matcher, messages: Messages, message: str, said: str
) -> None:
    html, markup = result_view(matcher.kb, matcher.match(message), messages, "Bot")
    assert said in parse_html(html)
    assert markup is None


def test_what_the_article_is_about_shows_its_title_and_sections(
    matcher: Matcher, messages: Messages
) -> None:
    html, markup = result_view(
        matcher.kb, matcher.match("what is the article about?"), messages, "Bot"
    )
    title = matcher.kb.articles[0].title
    assert parse_html(html) == f"{title}\n{parse_html(messages.topics_sections)}"
    assert markup == sections_view(matcher.kb, messages, 0)[1]


def test_editor_views_are_valid_and_their_buttons_decode(matcher: Matcher) -> None:
    questions = [
        LoggedQuestion(i, 1_700_000_000 + i, f"question number {i} <b>") for i in range(12)
    ]
    groups = group_questions(questions, matcher)
    assert queue_view([], 0) == ("<b>Unanswered questions</b>\nThe queue is empty. 🎉", None)
    html, markup = queue_view(groups, 99)  # clamped to the last page
    parse_html(html)
    assert "&lt;b&gt;" in html
    assert markup is not None
    views = [(html, markup), group_view(groups[0])]
    views.append(suggestions_view([Suggestion(7, "giron-quote", "who said <that>?")]))
    for text, keyboard in views:
        parse_html(text)
        assert keyboard is not None
        for row in keyboard.inline_keyboard:
            for btn in row:
                callback = decode(str(btn.callback_data))
                assert callback is not None
                assert callback.action.for_editors
    assert suggestions_view([]) == ("No suggestions waiting.", None)


def test_teaching_notices_say_when_readers_get_it(kb: KnowledgeBase) -> None:
    """Told at once when the live knowledge already has it, "in a moment" while it builds."""
    matcher = Matcher(kb)
    group = group_questions([LoggedQuestion(7, 1_700_000_000, "lamp <b>?")], matcher)[0]
    entry = kb.get("big-ai-players")
    assert entry is not None
    teaching = Teaching(entry, group)
    now = parse_html(linked_notice(teaching, "0badc0de"))
    later = parse_html(linked_notice(teaching, "0badc0de", now=False))
    assert now == "Linked 1 question(s) of #7 to big-ai-players. Undo: /unlink 0badc0de"
    assert later == (
        "Linked 1 question(s) of #7 to big-ai-players; readers get it in a moment."
        " Undo: /unlink 0badc0de"
    )
    assert approved_notice("big-ai-players", "0badc0de") == (
        "Approved for big-ai-players. Undo: /unlink 0badc0de"
    )
    assert "readers get it in a moment." in approved_notice("big-ai-players", "x", now=False)
    lesson = Lesson("0badc0de", 1, "5", "link", "big-ai-players", ("lamp?",), (7,))
    assert "1 wording(s) no longer answer with" in parse_html(undone_notice(lesson))
    assert "1 wording(s) stop answering with big-ai-players in a moment." in parse_html(
        undone_notice(lesson, now=False)
    )


def test_wordings_not_taught_are_named_with_why(matcher: Matcher) -> None:
    questions = [LoggedQuestion(1, 1_700_000_001, "<b>who</b> runs openai in 2030?")]
    group = group_questions(questions, matcher)[0]
    entry = matcher.kb.get("big-ai-players")
    assert entry is not None
    refused = (Refusal("<b>who</b> runs openai in 2030?", "it asks for the year 2030 & more"),)
    linked = linked_notice(Teaching(entry, group, refused), "0badc0de")
    visible = parse_html(linked)  # escaped: Telegram accepts it
    assert "Not taught, each with why:" in visible
    assert "• <b>who</b> runs openai in 2030?: it asks for the year 2030 & more" in visible
    nothing = parse_html(nothing_to_teach_notice(NothingToTeachError(group, entry, refused)))
    assert nothing.startswith("Not linked: no wording of #1 can be taught to big-ai-players.")
    assert "dismiss it" in nothing
    not_approved = parse_html(not_approved_notice("<i>lamp</i>", "big-ai-players", "why & how"))
    assert "<i>lamp</i> cannot be taught to big-ai-players: why & how." in not_approved
    doubted = (Refusal("<b>lamp</b> & weather", "it shares no word with big-ai-players"),)
    html, markup = unconfirmed_view(UnconfirmedTeachingError(group, entry, doubted, refused))
    asked = parse_html(html)
    assert asked.startswith("Not linked yet: these wordings of #1 ask about words")
    assert "• <b>lamp</b> & weather: it shares no word with big-ai-players" in asked
    assert "Not taught either way, each with why:" in asked
    assert markup is not None
    (button,) = (b for row in markup.inline_keyboard for b in row)
    assert button.text == "Link anyway → big-ai-players"
    # The wordings shown are what the button confirms (review-5 P2-5).
    assert button.callback_data == f"uy:1:big-ai-players:{doubt_digest(['<b>lamp</b> & weather'])}"


@pytest.mark.parametrize(
    ("question", "ids", "button"),
    [
        ("How big is the APAC AI market?", ["apac-market-size"], "Ask me in a private chat"),
        ("apac market 2030", ["partial-apac-market-size"], "Ask me in a private chat"),
        ("What will the weather be in Hanoi on Sunday?", [], "The article doesn't say"),
        ("thanks!", [], "Ask me in a private chat"),
    ],
)
def test_inline_results_follow_the_decision(
    matcher: Matcher, messages: Messages, question: str, ids: list[str], button: str
) -> None:
    results, text = inline_view(matcher.match(question), messages, "Bot")
    assert [r.id for r in results] == ids
    assert text.startswith(button)
    for r in results:
        parse_html(r.input_message_content.message_text)  # type: ignore[attr-defined]


def test_inline_partial_says_what_is_missing_then_the_closest_fact(
    matcher: Matcher, messages: Messages
) -> None:
    (result,), _ = inline_view(matcher.match("apac market in 2030"), messages, "Bot")
    assert result.title == "The article doesn't give that for 2030."
    shared = parse_html(result.input_message_content.message_text)  # type: ignore[attr-defined]
    assert shared.startswith(
        "The article doesn't give that for 2030.\nThe closest the article says:"
    )
    assert "$815.98 billion by 2032" in shared


def test_inline_did_you_mean_is_marked_as_a_guess(matcher: Matcher, messages: Messages) -> None:
    result = matcher.match("investment")
    assert result.decision is Decision.SUGGEST
    results, _ = inline_view(result, messages, "Bot")
    assert [r.id for r in results] == [c.entry.id for c in result.suggestions]
    assert all((r.description or "").startswith("Did you mean this? ") for r in results)


def test_editors_see_what_readers_were_offered_and_the_best_match_now_labelled(
    matcher: Matcher,
) -> None:
    """The report: "closest: big-ai-profile (32) · offered: south-korea-commitment", a
    recomputed closest shown as if it were what the reader got."""
    partial = LoggedQuestion(
        1, 1_700_000_001, "fake weather question in hanoi", "partial", "south-korea-commitment"
    )
    unknown = LoggedQuestion(2, 1_700_000_002, "how do i knit a scarf tonight")
    groups = group_questions([partial, unknown], matcher)
    queue = parse_html(queue_view(groups, 0)[0])
    assert "readers were offered: south-korea-commitment" in queue
    assert "readers were offered: nothing (the article does not say)" in queue
    assert "closest:" not in queue  # no unlabelled recomputed entry
    assert queue.count("best match now: ") == 2
    offered = next(g for g in groups if g.offered)
    html, markup = group_view(offered)
    assert "Readers were offered: south-korea-commitment" in parse_html(html)
    assert "Best matches now (recomputed from the knowledge as it is now):" in parse_html(html)
    assert markup is not None
    links = [decode(str(b.callback_data)) for row in markup.inline_keyboard for b in row]
    targets = [c.args[1] for c in links if c is not None and c.action is Action.LINK]
    assert targets[0] == "south-korea-commitment"  # what readers got, linkable first
    assert len(targets) == len(set(targets))


def test_editors_see_what_a_follow_up_followed(matcher: Matcher) -> None:
    """The report: "#5 ×1 and in 2030? … best match now: none", the editor could not tell
    what it followed."""
    questions = [
        LoggedQuestion(5, 1_700_000_005, "and in <2030>?", "partial", follows="apac-market-size"),
        LoggedQuestion(6, 1_700_000_006, "how do i knit a scarf tonight"),
    ]
    groups = group_questions(questions, matcher)
    queue = parse_html(queue_view(groups, 0)[0])
    assert (
        "#5 ×1 and in <2030>? [partial]\n"
        "    follow-up to apac-market-size How big is the APAC AI market?\n"
    ) in queue
    assert queue.count("follow-up to") == 1  # the other was asked on its own
    follow_up = next(g for g in groups if g.follows is not None)
    html, markup = group_view(follow_up)
    shown = parse_html(html)
    assert shown.startswith("#5: 1 question(s)")
    assert "A follow-up to apac-market-size How big is the APAC AI market?: asked in reply" in shown
    assert "/link" not in shown
    assert markup is not None
    actions = [decode(str(b.callback_data)) for row in markup.inline_keyboard for b in row]
    assert Action.LINK not in {c.action for c in actions if c is not None}  # never taught
    pending = [Suggestion(7, "japan-focus", "and the budget?", "south-korea-commitment")]
    listed = parse_html(suggestions_view(pending)[0])
    assert "1. and the budget? → japan-focus (follow-up to south-korea-commitment)" in listed


def test_purge_view_counts_chats_article_choices_too() -> None:
    """/purge deletes old chats' article choices as well: the confirmation says so, and is
    asked when only those are that old (it said "nothing to delete" and kept them)."""
    html, _ = purge_view(30, Purged(questions=5), "0a1b2c3d", 5)
    assert html.startswith("Delete 5 question(s) older than 30 day(s)?")
    html, markup = purge_view(30, Purged(chats=2), "0a1b2c3d", 5)
    assert "Delete the article choices of 2 chat(s) older" in html
    assert "0 question(s)" not in html  # review-5 P3-1
    assert problems(html) == []
    assert markup is not None
    # The button counts what goes: the chats' choices too (it said "Delete 0 row(s)").
    assert next(b.text for row in markup.inline_keyboard for b in row) == "🗑 Delete 2 row(s)"
