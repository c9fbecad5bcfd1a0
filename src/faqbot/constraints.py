"""Hard constraints: what a question asks for that an entry must state before it answers it.

The one place that decides whether an entry that shares words with a question actually
contains what is asked (issue 7, "no answer to a different question"). A question's
constraints are

- the years and amounts it names ("in 2028", "$10 billion"), which the entry must state;
- the names it mentions (places, organisations, people, products), which the entry must
  name, unless the article is about them as a whole (its thesaurus ``scope``);
- its focus: *how much / how many* needs a figure, *when* a date, *how long* a duration,
  *what is the name of* a name the question does not already give.

An unmet constraint turns an answer into the ``partial`` decision: the reply says what the
article does not give, then offers the entry's fact. Matching never decides this itself.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from itertools import pairwise

from faqbot.normalise import is_number

_MAGNITUDE_WORDS = frozenset(
    {"hundred", "hundreds", "thousand", "million", "billion", "trillion", "percent", "times"}
)
_UNIT_AFTER_NUMBER = _MAGNITUDE_WORDS | {"usd", "eur", "gbp", "jpy", "krw"}
_TIME_UNITS = frozenset(
    {"year", "years", "month", "months", "week", "weeks", "day", "days", "hour", "hours"}
)
_MONTHS = frozenset(
    "january february march april may june july august september october november december".split()
)


class Focus(StrEnum):
    """What kind of fact a question asks for, read from its question words."""

    FIGURE = "figure"
    DATE = "date"
    DURATION = "duration"
    NAME = "name"


# Matched against the question's words (stop words kept, chat shorthand expanded).
_FOCUS_PATTERNS: tuple[tuple[Focus, re.Pattern[str]], ...] = (
    (
        Focus.DURATION,
        re.compile(
            r"\bhow long\b|\bhow many (?:years|months|weeks|days|hours)\b"
            r"|\bover what (?:period|time ?frame|time)\b"
        ),
    ),
    (
        Focus.FIGURE,
        re.compile(
            r"\bhow (?:much|many|big|large|expensive|costly)\b"
            r"|\bwhat (?:is |are |was |were )?(?:the )?"
            r"(?:percentage|percent|proportion|amount|size|number|figure|sum|value)\b"
            # "what is Japan's budget", and keyword questions: "openai investment amount".
            r"|\bwhat (?:is|are|was|were) (?:\w+ ){0,2}?(?:budget|price|cost)s?\b"
            r"|\b(?:amount|number|figure|percentage|sum|budget|price)s?$"
        ),
    ),
    (
        Focus.DATE,
        re.compile(
            r"^(?:(?:so|and|but|ok|okay|then|also|hey|hi|um|please|tell me|do you know) )*"
            r"(?:since |by |until )?when\b"
            r"|\b(?:what|which) (?:year|date|month|day)\b|\bdates?$"
        ),
    ),
    (
        Focus.NAME,
        re.compile(
            r"\bwhat (?:is|are|was|were) (?:the |its |their |his |her )?names?\b"
            r"|\bnames? of\b|\bcalled(?: what)?(?: (?:lah|leh|ah|one|huh|eh))?$|\bnames?$"
            # "which countries...", "which South Korean companies...": a list of names.
            r"|^(?:\w+ )?(?:which (?:\w+ ){0,2}?|what )(?:companies|firms|countries|nations"
            r"|manufacturers|organizations|banks|startups|brands|products|people|persons"
            r"|cities|universities|agencies|institutions)\b"
        ),
    ),
)


# The words the focus patterns look for, so that typos of them are corrected ("nmae").
FOCUS_WORDS = frozenset(
    "name names called date year month day percentage percent proportion amount number"
    " figure size value long much many budget price cost period".split()
)


def focus_of(words: Sequence[str]) -> Focus | None:
    """The focus of a question, from its words in order; None for other questions."""
    text = " ".join(words)
    for focus, pattern in _FOCUS_PATTERNS:
        if pattern.search(text):
            return focus
    return None


def years(words: Iterable[str]) -> frozenset[str]:
    """Four-digit years from 1900 to 2100 among the words."""
    return frozenset(w for w in words if len(w) == 4 and w.isdigit() and 1900 <= int(w) <= 2100)


def amounts(words: Sequence[str]) -> frozenset[str]:
    """Numbers that are amounts: followed by a magnitude, currency, percent or "times".

    "20" in "a 20-person firm" is not one: a reader's context is not a constraint.
    """
    return frozenset(
        w for w, after in pairwise(words) if after in _UNIT_AFTER_NUMBER and is_number(w)
    )


@dataclass(frozen=True, slots=True)
class Facts:
    """What an entry states, precomputed once per entry from its answer and quote."""

    years: frozenset[str]
    numbers: frozenset[str]
    names: frozenset[str]
    places: frozenset[str]
    has_figure: bool
    has_date: bool
    has_duration: bool

    @classmethod
    def of(
        cls, words: Sequence[str], names: frozenset[str], places: frozenset[str] = frozenset()
    ) -> Facts:
        """words: the entry's answer and quote as tokens; names: name keywords it mentions;
        places: those of its names that are places (countries, regions)."""
        at = [i for i, w in enumerate(words) if w[:1].isdigit()]
        numbers = frozenset(words[i] for i in at)
        found_years = years(numbers)
        duration = any(not _TIME_UNITS.isdisjoint(words[i + 1 : i + 3]) for i in at)
        return cls(
            years=found_years,
            numbers=numbers,
            names=names,
            places=places,
            has_figure=bool(numbers) or any(w in _MAGNITUDE_WORDS for w in words),
            has_date=bool(found_years) or any(w in _MONTHS for w in words),
            has_duration=duration,
        )


class GapKind(StrEnum):
    """Which constraint an entry does not meet; picks the reply text."""

    NAME = "name"
    YEAR = "year"
    AMOUNT = "amount"
    FIGURE = "figure"
    DATE = "date"
    DURATION = "duration"
    NAMED = "named"
    # A name the article does mention, but not in the entries that answer this question.
    MENTIONED = "mentioned"


@dataclass(frozen=True, slots=True)
class Gap:
    """What the question asks that the entry does not state, with the words concerned."""

    kind: GapKind
    values: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Asked:
    """A question's constraints (see the module docstring)."""

    years: frozenset[str] = frozenset()
    amounts: frozenset[str] = frozenset()
    names: frozenset[str] = frozenset()
    focus: Focus | None = None


def check(asked: Asked, facts: Facts, scope: frozenset[str] = frozenset()) -> Gap | None:
    """The first constraint the entry does not meet, or None when it can answer.

    Order: a name it does not mention, a year or amount it does not state, then the focus.
    The article's scope ("Asia", "APAC") is met by an entry that names any part of it or
    no place at all, not by one about somewhere in particular: "the APAC market" is not
    answered by the Southeast Asian market.
    """
    if not (asked.names or asked.years or asked.amounts or asked.focus):
        return None  # most questions: nothing to check
    implicit = scope if (facts.places & scope or not facts.places) else frozenset()
    missing_names = sorted(asked.names - facts.names - implicit)
    if missing_names:
        return Gap(GapKind.NAME, tuple(missing_names))
    missing_years = sorted(asked.years - facts.years)
    if missing_years:
        return Gap(GapKind.YEAR, tuple(missing_years))
    missing_amounts = sorted(asked.amounts - facts.numbers)
    if missing_amounts:
        return Gap(GapKind.AMOUNT, tuple(missing_amounts))
    focus = asked.focus
    if focus is Focus.FIGURE and not facts.has_figure:
        return Gap(GapKind.FIGURE)
    if focus is Focus.DATE and not facts.has_date:
        return Gap(GapKind.DATE)
    if focus is Focus.DURATION and not facts.has_duration:
        return Gap(GapKind.DURATION)
    if focus is Focus.NAME and not (facts.names - asked.names - scope):
        return Gap(GapKind.NAMED)
    return None
