"""Small talk is recognised; questions, even with a greeting, are not small talk."""

from __future__ import annotations

import pytest

from faqbot.smalltalk import SmallTalk, classify


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("hey", SmallTalk.GREETING),
        ("Good morning!", SmallTalk.GREETING),
        ("cheers", SmallTalk.THANKS),
        ("Thanks in advance!", SmallTalk.THANKS),
        ("thanks, very useful!", SmallTalk.THANKS),
        ("terima kasih", SmallTalk.THANKS),
        ("ok", SmallTalk.ACK),
        ("👍", SmallTalk.ACK),
        ("ok lah", SmallTalk.ACK),
        ("bye!", SmallTalk.BYE),
        ("who are you?", SmallTalk.ABOUT),
        ("what can you do?", SmallTalk.ABOUT),
        ("hi, are you a bot?", SmallTalk.ABOUT),
        ("What are the sections of the article?", SmallTalk.OUTLINE),
        ("table of contents pls", SmallTalk.OUTLINE),
        ("Hi! What does the article cover?", SmallTalk.OUTLINE),
    ],
)
def test_small_talk_kinds(text: str, kind: SmallTalk) -> None:
    assert classify(text) is kind


@pytest.mark.parametrize(
    "text",
    [
        "hi, how big is the APAC AI market?",
        "thanks! and what about Japan?",
        "what can businesses do with AI?",
        "who are the key players?",
        "which section covers chips?",
        "what does the article cover on jobs?",
        "",
        "\x00\x01",
    ],
)
def test_questions_and_blanks_are_not_small_talk(text: str) -> None:
    assert classify(text) is None


@pytest.mark.parametrize(
    ("text", "kind"), [("tahnks!", SmallTalk.THANKS), ("goodbey", SmallTalk.BYE)]
)
def test_a_typo_in_short_small_talk_is_forgiven(text: str, kind: SmallTalk) -> None:
    assert classify(text) is kind


def test_a_typo_does_not_turn_a_question_into_small_talk() -> None:
    assert classify("thx, and jpan ai plan?") is None


@pytest.mark.parametrize(
    "message",
    [
        "Hello! I'm trying this bot for the first time. Hope you are well.",
        "Cheers, that cleared things up. I was a bit lost before. Take care!",
        "Is this a bot or a human?",
        "you a bot or human",
        "Hey hey, can chat with you or not?",
    ],
)
def test_small_talk_of_a_few_sentences_that_ask_nothing(message: str) -> None:
    assert classify(message) is not None


@pytest.mark.parametrize(
    "message",
    [
        "Hi! What does the article say about Japan?",
        "Thanks. I'd like to know how much Korea invested.",
        "Hello. Tell me about small AI.",
        "Thanks! Korea put in 7 billion.",
        "Great article. Is small AI cheaper?",
    ],
)
def test_a_question_beside_small_talk_is_a_question(message: str) -> None:
    assert classify(message) is None
