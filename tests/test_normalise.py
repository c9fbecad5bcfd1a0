"""Normalisation: spellings, numbers and filler words compare equal; odd input never breaks it."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from faqbot.normalise import content_tokens, fold, keywords, normalise, stem


@pytest.mark.parametrize(
    ("british", "american"),
    [
        ("Will Big AI monopolise the market?", "will big ai monopolize the market"),
        ("organisations", "organizations"),
        ("specialised models", "specialized models"),
        ("the SkillsFuture programme", "the skillsfuture program"),
        ("regulators favour", "regulators favor"),
        ("innovation centre", "innovation center"),
    ],
)
def test_british_and_american_spellings_meet(british: str, american: str) -> None:
    assert normalise(british) == normalise(american)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("$7 billion", "7bn dollars"),
        ("$7 billion", "USD 7 billion"),
        ("1.7x faster", "1.7 times faster"),
        ("88%", "88 per cent"),
        ("$1.6 trillion", "1.6tn USD"),
        ("1,000 firms", "1000 companies"),
        ("Asia-Pacific", "APAC"),
        ("artificial intelligence", "AI"),
    ],
)
def test_number_and_currency_forms_meet(a: str, b: str) -> None:
    assert normalise(a) == normalise(b)


def test_stop_words_are_dropped_but_meaning_kept() -> None:
    assert content_tokens("What is the size of the market?") == ["size", "market"]
    assert normalise("what is small ai?") == "small ai define"


def test_stem_folds_word_forms_and_synonyms() -> None:
    assert stem("investments") == stem("investment") == "invest"
    assert stem("companies") == stem("firms") == stem("businesses") == "company"
    assert stem("names") == "players"
    assert stem("class") == "class"


def test_fold_handles_compatibility_forms_and_controls() -> None:
    assert fold("ＡＩ\x00\u200bmarket") == "ai  market"


def test_possessives_and_apostrophes() -> None:
    assert keywords("Korea's budget") == keywords("Korea budget")
    assert "doesnt" not in keywords("doesn't")


@settings(deadline=None)
@given(st.text(max_size=300))
def test_normalise_never_fails_and_is_stable(text: str) -> None:
    once = normalise(text)
    assert isinstance(once, str)
    assert once == once.strip()
    assert "  " not in once


@given(st.text(alphabet=st.characters(categories=["Lu", "Ll", "Nd", "Zs", "P", "S"]), max_size=80))
def test_keywords_are_lower_case_words(text: str) -> None:
    for word in keywords(text):
        assert word
        assert word == word.casefold()
        assert " " not in word
