"""Phrasings taught in chat answer what they were taught for, not more (breakit-5 P1-1)."""

from __future__ import annotations

import pytest

from faqbot.constraints import GapKind
from faqbot.knowledge import KnowledgeBase
from faqbot.lessons import Lessons, unvouched
from faqbot.matching import Decision, Matcher

# An entry whose files write "small", "ai", "model", "cheap", and one taught phrasing.
LESSONS = Lessons(
    own=frozenset({"small", "ai", "model", "cheap"}),
    taught=(frozenset({"accur", "small", "ai"}),),
)


@pytest.mark.parametrize(
    ("keywords", "stray"),
    [
        ({"accur", "small", "ai"}, set()),  # what was taught
        ({"accur", "small"}, set()),  # the article's scope ("ai") may go
        ({"accur", "small", "ai", "cheap"}, set()),  # and a word of the entry's own come
        ({"accur", "small", "ai", "zzz"}, {"accur"}),  # not a word it never writes
        ({"accur", "big", "ai"}, {"accur"}),  # "small" swapped for another word
        ({"accur", "ai", "model"}, {"accur"}),  # "small" left out
        ({"accur", "small", "ai", "health"}, {"accur"}),  # a word the entry never writes
        ({"small", "ai", "big"}, set()),  # nothing borrowed: as any question
    ],
)
def test_a_taught_word_counts_only_in_what_was_taught(keywords: set[str], stray: set[str]) -> None:
    assert LESSONS.borrowed == {"accur"}
    assert unvouched(keywords, LESSONS, ignored=frozenset({"ai"})) == stray


def test_another_taught_phrasing_may_vouch() -> None:
    lessons = Lessons(LESSONS.own, (*LESSONS.taught, frozenset({"accur", "model"})))
    assert unvouched({"accur", "model"}, lessons) == frozenset()
    assert unvouched({"accur", "big", "model"}, lessons) == {"accur"}


# (entry, taught wording, questions that must be matched as before the lesson)
SPREAD = [
    (
        "what-is-small-ai",
        "How accurate is Small AI?",
        ["How accurate is Big AI?", "How accurate are AI models?", "how accurate is ai"],
    ),
    (
        "training-costs",
        "How much electricity do AI data centres use in Asia?",
        ["How much electricity does Big AI use?", "electricity prices in Japan"],
    ),
    ("apac-market-size", "what is the weather", ["what is the weather in Tokyo", "weather map"]),
    ("big-ai-players", "openai money man", ["meta money man", "money man", "big ai money man"]),
]


@pytest.mark.parametrize(("entry_id", "wording", "others"), SPREAD)
def test_a_lesson_does_not_spread_to_other_questions(
    kb: KnowledgeBase, matcher: Matcher, entry_id: str, wording: str, others: list[str]
) -> None:
    """breakit-5: after "How accurate is Small AI?" was linked to what-is-small-ai, "How
    accurate is Big AI?" (refused before) was answered with it. Whatever is taught (even a
    lesson an editor should not have given: these are refused now, see review), the
    questions it was not taught for get what they got before it."""
    taught = Matcher(kb.with_alternates({entry_id: [wording]}), matcher.settings)
    for question in others:
        before, after = matcher.match(question), taught.match(question)
        assert after.decision is before.decision, question
        if before.decision in (Decision.ANSWER, Decision.PARTIAL):
            assert after.best is not None
            assert before.best is not None
            assert after.best.entry.id == before.best.entry.id, question
        assert all(c.entry.id != entry_id for c in after.suggestions) or any(
            c.entry.id == entry_id for c in before.suggestions
        ), question


def test_a_good_lesson_answers_what_it_was_taught_for(kb: KnowledgeBase, matcher: Matcher) -> None:
    wording = "openai money man"
    assert matcher.match(wording).decision is Decision.NONE
    taught = Matcher(kb.with_alternates({"big-ai-players": [wording]}), matcher.settings)
    for asked in (wording, "OpenAI money man?", "the openai money man please"):
        result = taught.match(asked)
        assert result.decision is Decision.ANSWER, asked
        assert result.best is not None
        assert result.best.entry.id == "big-ai-players"


def test_a_taught_phrasing_states_nothing(kb: KnowledgeBase, matcher: Matcher) -> None:
    """What an entry states is what its files write: a lesson asking what it does not
    state ("who founded Meta?") leaves it answered in part, never outright."""
    wording = "Who founded Meta?"
    taught = Matcher(kb.with_alternates({"meta-open-source": [wording]}), matcher.settings)
    entry = taught.kb.get("meta-open-source")
    assert entry is not None
    assert entry.taught == (wording,)
    assert "found" not in taught.uses(entry)
    result = taught.match(wording)
    assert result.decision is Decision.PARTIAL
    assert result.best is not None
    assert result.best.entry.id == "meta-open-source"


def test_a_lesson_with_a_year_or_place_asked_is_the_closest_fact(
    kb: KnowledgeBase, matcher: Matcher
) -> None:
    """The names, years and amounts a question adds to a lesson are the constraints' to
    judge: the lesson's entry is offered as the closest fact, never as the answer."""
    taught = Matcher(kb.with_alternates({"big-ai-players": ["openai money man"]}), matcher.settings)
    for question, gap in (
        ("openai money man in 2030", GapKind.YEAR),
        ("openai money man in japan", GapKind.MENTIONED),
    ):
        result = taught.match(question)
        assert result.decision is Decision.PARTIAL, question
        assert result.best is not None
        assert result.best.entry.id == "big-ai-players"
        assert result.gap is not None
        assert result.gap.kind is gap
