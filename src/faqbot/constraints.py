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
from dataclasses import dataclass, fields
from enum import StrEnum
from itertools import pairwise
from operator import attrgetter

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


# How far a reader's rounding of a figure may be from the article's (a share of it).
AMOUNT_TOLERANCE = 0.01


# Currencies by the words readers and articles use for them (after tokens(): "$" is usd).
_CURRENCY_WORDS: dict[str, str] = {
    **dict.fromkeys(("usd", "dollar", "dollars"), "usd"),
    **dict.fromkeys(("eur", "euro", "euros"), "eur"),
    **dict.fromkeys(("gbp", "sterling"), "gbp"),
    **dict.fromkeys(("jpy", "yen"), "jpy"),
    **dict.fromkeys(("krw",), "krw"),
    **dict.fromkeys(("yuan", "renminbi", "rmb", "cny"), "cny"),
    **dict.fromkeys(("rupee", "rupees", "inr"), "inr"),
    **dict.fromkeys(("ringgit", "myr"), "myr"),
    **dict.fromkeys(("baht", "thb"), "thb"),
    **dict.fromkeys(("rupiah", "idr"), "idr"),
    **dict.fromkeys(("sgd",), "sgd"),
}
# Currency words that are also English words: a currency only next to a number or after "in".
_AMBIGUOUS_CURRENCIES: dict[str, str] = {
    "won": "krw",
    "pound": "gbp",
    "pounds": "gbp",
    "dong": "vnd",
    "peso": "php",
    "pesos": "php",
    "rm": "myr",
}
# Rates: a figure per year, per person, per month, and a share in percent.
_RATE_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "per year",
        re.compile(
            r"\b(?:per|each|every) (?:year|annum)\b|\bannual(?:ly)?\b|\byearly\b"
            r"|(?<!\bin )(?<!\bwithin )\ba year\b(?! ago\b| from now\b| later\b)"
            r"|\byear on year\b"
        ),
    ),
    ("per month", re.compile(r"\b(?:per|a|each|every) month\b|\bmonthly\b")),
    (
        "per person",
        re.compile(r"\bper (?:capita|person|head|employee|worker|user|citizen|resident)\b"),
    ),
    (
        "percent",
        re.compile(
            r"\bpercent\b|\bpercentage\b|\bproportion\b|\bshare of\b"
            r"|\bwhat share\b|\bhow many percent\b"
        ),
    ),
)


def unit_phrase(unit: str) -> str:
    """A unit as a reply names it: "in euros", "per year", "as a percentage"."""
    if unit == "percent":
        return "as a percentage"
    if unit.startswith("per "):
        return unit
    return f"in {_CURRENCY_NAMES.get(unit, unit.upper())}"


_CURRENCY_NAMES = {
    "usd": "US dollars",
    "eur": "euros",
    "gbp": "pounds",
    "jpy": "yen",
    "krw": "won",
    "cny": "yuan",
    "inr": "rupees",
    "myr": "ringgit",
    "thb": "baht",
    "idr": "rupiah",
    "sgd": "Singapore dollars",
    "vnd": "dong",
    "php": "pesos",
}


# A word each rate pattern needs, so that texts without any skip the patterns.
_RATE_WORDS = frozenset(
    "year annum annual annually yearly month monthly capita person head employee worker user"
    " citizen resident percent percentage proportion share".split()
)
# A word each relative year needs ("next year", "in 5 years", "a decade ago").
_TIME_WORDS = frozenset("year years decade decades".split())


def units(words: Sequence[str]) -> frozenset[str]:
    """The currencies and rates a text puts figures in: "in euros" -> {"eur"}, "$7bn a
    year" -> {"usd", "per year"}, "88%" -> {"percent"}. Words are tokens, stop words kept."""
    found = {_CURRENCY_WORDS[w] for w in words if w in _CURRENCY_WORDS}
    for i, word in enumerate(words):
        if word in _AMBIGUOUS_CURRENCIES:
            before = words[i - 1] if i else ""
            after = words[i + 1] if i + 1 < len(words) else ""
            counted = is_number(before) or before in _MAGNITUDE_WORDS or is_number(after)
            if counted or before in ("in", "of"):
                found.add(_AMBIGUOUS_CURRENCIES[word])
    if not _RATE_WORDS.isdisjoint(words):  # most texts: no rate to look for
        text = " ".join(words)
        found.update(unit for unit, pattern in _RATE_PATTERNS if pattern.search(text))
    return frozenset(found)


# Words of change up or down: "plan to increase" is not "plan to cut".
_UP_WORDS = frozenset(
    "increase increases increased increasing boost boosts"
    " boosted boosting grow grows grew grown growing growth rise rises rising rose risen"
    " surge surges surging surged expand expands expanded expanding expansion upping".split()
)
_DOWN_WORDS = frozenset(
    "decrease decreases decreased decreasing reduce reduces reduced reducing reduction cut"
    " cuts cutting shrink shrinks shrank shrinking fall falls falling fell fallen drop drops"
    " dropping dropped decline declines declining declined slash slashes slashing slashed"
    " downsize downsizing".split()
)


def directions(words: Sequence[str]) -> frozenset[str]:
    """The directions of change a text speaks of: {"up"} for "plan to increase", {"down"}
    for "cut spending"; both, or neither."""
    found = set()
    if not _UP_WORDS.isdisjoint(words):
        found.add("up")
    if not _DOWN_WORDS.isdisjoint(words):
        found.add("down")
    return frozenset(found)


# Words that rank ("the most", "the leading") besides adjectives in -est.
_RANKING_WORDS = frozenset("most least best worst top leading".split())
# What an entry may rank with: "Meta leads the charge", "pioneering", "first".
_RANKED_WORDS = _RANKING_WORDS | frozenset("lead leads leader leaders first pioneering".split())
# Words in -est that are no superlatives (their stem plus "est" happens to be a word).
_NOT_SUPERLATIVE = frozenset(
    "contest interest forest protest request harvest conquest inquest digest manifest arrest"
    " behest tempest modest honest invest suggest ingest detest attest infest divest"
    " earnest molest".split()
)
_WH_START = frozenset("which what who whos whose where".split())


def is_superlative(word: str) -> bool:
    """Tell whether a word is a superlative: "most", "biggest", "largest", "earliest"."""
    if word in _RANKING_WORDS:
        return True
    if len(word) < 6 or not word.endswith("est") or word in _NOT_SUPERLATIVE:
        return False
    from faqbot.spelling import english_words  # the dictionary only when a word needs it

    base, words = word[:-3], english_words()
    return (
        base in words  # fastest
        or base + "e" in words  # largest
        or (base[-1] == base[-2] and base[:-1] in words)  # biggest
        or (base.endswith("i") and base[:-1] + "y" in words)  # earliest
    )


def _ranks(words: Sequence[str]) -> bool:
    """Whether an entry's words rank something: "the largest", "the most", "leads"
    ("most Asian governments" is a quantity)."""
    for i, word in enumerate(words):
        if word in ("most", "least"):
            if i and words[i - 1] == "the":
                return True
        elif word in _RANKED_WORDS or is_superlative(word):
            return True
    return False


def asks_ranking(words: Sequence[str]) -> bool:
    """Tell whether a question asks which thing ranks first: "what is the biggest AI
    company?", "which country spends the most?", "which has the most startups?".

    A superlative that only describes ("who controls the largest models?", "what do the
    most successful firms do?") does not count.
    """
    if len(words) < 3 or words[0] not in _WH_START:
        return False
    # "what is the biggest ...": one thing ("what are the biggest risks?" is a list).
    one = words[1] in _BE and words[2] == "the" and len(words) > 3 and words[3] != "top"
    if one and is_superlative(words[3]):
        return True
    for i, word in enumerate(words[:-1]):
        after = words[i + 2] if i + 2 < len(words) else ""
        if word != "the" or words[i + 1] not in ("most", "least"):
            continue
        before = words[i - 1] if i else ""
        if after in _AFTER_QUANTITY or before in _HAVE:
            return True  # "spends the most", "the most on AI", "has the most startups"
    return False


_BE = frozenset("is was".split())
_HAVE = frozenset("has have had gets get got with".split())
# What follows "the most" used as a quantity: the end, or a preposition.
_AFTER_QUANTITY = frozenset("on in of for at among to per from with money".split()) | {""}


class Focus(StrEnum):
    """What kind of fact a question asks for, read from its question words."""

    FIGURE = "figure"
    DATE = "date"
    DURATION = "duration"
    NAME = "name"
    # "Which companies ...", "which firms ...": a name that is not a place.
    ORGANISATION = "organisation"


# Regional discourse particles that may end a question ("... when ah?").
_PARTICLES = r"(?:lah|leh|lor|ah|ar|one|huh|eh|meh|sia|ya|hor|na|yaar|po|ba)"

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
            r"(?:percentage|percent|proportion|amount|size|number|figure|sum|value|share"
            r"|rate|total|forecast|estimate|projection)\b"
            r"|\bwhat (?:is |are |was |were )?(?:the )?\w+ (?:share|rate|forecast|estimate)\b"
            r"|\b(?:dollar|usd) (?:figure|forecast|amount|value|estimate|projection)s?\b"
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
            # An embedded question: "does the article say when ...", "do you know when".
            r"|^(?:does|do|did|can|could|will|would|is|are) .*\b(?:say|says|said|mention"
            r"|mentions|state|states|tell me|give) when\b(?! to\b| asked\b)"
            r"|\b(?:what|which) (?:year|date|month|day)\b|\bdates?$"
            # Chat word order: the question word last ("vietnam law passed when ah").
            rf"|\bwhen(?: {_PARTICLES})*$"
        ),
    ),
    (
        Focus.NAME,
        re.compile(
            r"\bwhat (?:is|are|was|were) (?:the |its |their |his |her )?names?\b"
            r"|\bnames? of\b|\bcalled(?: what)?(?: (?:lah|leh|ah|one|huh|eh))?$"
            rf"|\bnames?(?: (?:what|which))?(?: {_PARTICLES})*$"
            # "which countries...": a list of names (places will do).
            r"|^(?:\w+ )?(?:which (?:\w+ ){0,2}?|what )(?:countries|nations|cities)\b"
        ),
    ),
    (
        # "which South Korean companies...": a list of names of organisations or people.
        Focus.ORGANISATION,
        re.compile(
            r"^(?:\w+ )?(?:which (?:\w+ ){0,2}?|what )(?:companies|firms|manufacturers"
            r"|organizations|banks|startups|brands|products|people|persons|universities"
            r"|agencies|institutions|ministry|ministries|department|regulator|regulators"
            r"|authority|body|bodies|official|officials)\b"
            # "who is the CEO of ...", "who heads ...": a person.
            r"|^(?:\w+ )?who (?:is|are|was|were) (?:the )?(?:ceo|president|founder|head"
            r"|chief|minister|director|chairman|chairwoman|chair|leader|boss|owner|author"
            r"|editor|spokesperson|governor|mayor|prime minister)s?\b"
        ),
    ),
)
# Capitalised words that name no organisation or person: "South" Korea, "Western" models.
_DIRECTIONS = frozenset("north south east west northern southern eastern western central".split())


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


_NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "twenty": 20, "fifty": 50,
}  # fmt: skip
_RELATIVE_RE = re.compile(
    r"\b(?P<next>next|coming|following) year\b|\b(?P<last>last|past|previous) year\b"
    r"|\bthis year\b"
    r"|\bin (?:(?:the )?next )?(?P<ahead>\d{1,2}|a|an|one|two|three|four|five|six|seven|eight"
    r"|nine|ten|twenty|fifty) (?P<unit>years?|decades?)\b"
    r"|\b(?P<from_now>\d{1,2}|a|one|two|three|four|five|ten) (?P<unit2>years?|decades?) from now\b"
    r"|\b(?P<ago>\d{1,2}|a|one|two|three|four|five|ten) (?P<unit3>years?|decades?) ago\b"
    r"|\bnext decade\b"
)


def relative_years(words: Sequence[str], this_year: int) -> dict[str, str]:
    """Years a question gives relative to today: {"2027": "next year"} in 2026. Words are
    tokens, stop words kept; "next year", "this year", "in 5 years", "a decade ago"."""
    found: dict[str, str] = {}
    if _TIME_WORDS.isdisjoint(words):
        return found  # most questions name no year, counted or not
    for match in _RELATIVE_RE.finditer(" ".join(words)):
        phrase = match.group(0)
        if match.group("next"):
            offset = 1
        elif match.group("last"):
            offset = -1
        elif phrase == "this year":
            offset = 0
        elif phrase == "next decade":
            offset = 10
        else:
            count = match.group("ahead") or match.group("from_now") or match.group("ago")
            unit = match.group("unit") or match.group("unit2") or match.group("unit3")
            number = int(count) if count.isdigit() else _NUMBER_WORDS[count]
            offset = number * (10 if unit.startswith("decade") else 1)
            if match.group("ago"):
                offset = -offset
        found[str(this_year + offset)] = phrase
    return found


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
    # The currencies and rates its figures are in (see units).
    units: frozenset[str] = frozenset()
    # It ranks something: "the largest", "most", "leads".
    ranks: bool = False
    # The directions of change it reports ("up": increase, growth; "down": cut, decline).
    directions: frozenset[str] = frozenset()

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
            # A year is a date, not a figure: "in 2026" answers no "how much".
            has_figure=bool(numbers - found_years) or any(w in _MAGNITUDE_WORDS for w in words),
            has_date=bool(found_years) or any(w in _MONTHS for w in words),
            has_duration=duration,
            units=units(words),
            ranks=_ranks(words),
            directions=directions(words),
        )


class GapKind(StrEnum):
    """Which constraint an entry does not meet; picks the reply text."""

    NAME = "name"
    YEAR = "year"
    AMOUNT = "amount"
    FIGURE = "figure"
    DATE = "date"
    DURATION = "duration"
    # A figure in a currency or per year / person / month, or a share, the entry lacks.
    UNIT = "unit"
    # "Which spends the most?": the entry ranks nothing.
    RANKING = "ranking"
    # "Plan to cut?" when the entry reports an increase: the opposite change.
    DIRECTION = "direction"
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
    units: frozenset[str] = frozenset()
    ranking: bool = False
    directions: frozenset[str] = frozenset()
    # What a "what is the X of Y" question asks about (X), when the knowledge never writes
    # it: no entry states it ("the GDP of Korea", "the author").
    about: frozenset[str] = frozenset()

    @property
    def constrains(self) -> bool:
        """Whether the question asks for anything an entry could fail to state."""
        return any(_ASKED_VALUES(self))


# Every constraint of Asked: a field added there is checked for by `constrains` too (its
# values read by one C call, not a generator: this is on every candidate of every question).
_ASKED_FIELDS = tuple(f.name for f in fields(Asked))
_ASKED_VALUES = attrgetter(*_ASKED_FIELDS)


def _states(amount: str, numbers: frozenset[str]) -> bool:
    """Whether an entry's numbers state an asked amount, rounded as readers round: "815
    billion" is the article's 815.98 billion (within 1%); "7.5" is not "7"."""
    if amount in numbers:
        return True
    asked = float(amount)
    return any(
        abs(asked - float(n)) <= AMOUNT_TOLERANCE * float(n) for n in numbers if _is_float(n)
    )


def _is_float(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def check(asked: Asked, facts: Facts, scope: frozenset[str] = frozenset()) -> Gap | None:
    """The first constraint the entry does not meet, or None when it can answer.

    Order: a name it does not mention, a year or amount it does not state, then the focus.
    The article's scope ("Asia", "APAC") is met by an entry that names any part of it or
    no place at all, not by one about somewhere in particular: "the APAC market" is not
    answered by the Southeast Asian market.
    """
    if not asked.constrains:
        return None  # most questions: nothing to check
    implicit = scope if (facts.places & scope or not facts.places) else frozenset()
    missing_names = sorted((asked.names - facts.names - implicit) | asked.about)
    if missing_names:
        return Gap(GapKind.NAME, tuple(missing_names))
    missing_years = sorted(asked.years - facts.years)
    if missing_years:
        return Gap(GapKind.YEAR, tuple(missing_years))
    missing_amounts = sorted(a for a in asked.amounts if not _states(a, facts.numbers))
    if missing_amounts:
        return Gap(GapKind.AMOUNT, tuple(missing_amounts))
    if facts.has_figure:
        # "How much in euros?", "per year?", "what share?": the figure must be in that unit.
        missing_units = sorted(asked.units - facts.units)
        if missing_units:
            return Gap(GapKind.UNIT, tuple(missing_units))
    if asked.ranking and not facts.ranks:
        return Gap(GapKind.RANKING)
    if (
        facts.has_figure  # a change the entry measures, not "raise concerns", "growth"
        and facts.directions
        and asked.directions
        and not asked.directions & facts.directions
    ):
        return Gap(GapKind.DIRECTION)
    focus = asked.focus
    if focus is Focus.FIGURE and not facts.has_figure:
        return Gap(GapKind.FIGURE)
    if focus is Focus.DATE and not facts.has_date:
        return Gap(GapKind.DATE)
    if focus is Focus.DURATION and not facts.has_duration:
        return Gap(GapKind.DURATION)
    if focus is Focus.NAME and not (facts.names - asked.names - scope - _DIRECTIONS):
        return Gap(GapKind.NAMED)
    if focus is Focus.ORGANISATION and not (
        facts.names - facts.places - asked.names - scope - _DIRECTIONS
    ):
        return Gap(GapKind.NAMED)
    return None
