"""Hard constraints: what a question asks for that an entry must state before it answers it.

The one place that decides whether an entry that shares words with a question actually
contains what is asked (issue 7, "no answer to a different question"). A question's
constraints are

- the years and amounts it names ("in 2028", "$10 billion"), which the entry must state;
- the ranges it asks a figure in: a bound ("under $7 billion", "at least 80%", "more than
  5 years", "nearly", "exactly") or a rough magnitude ("hundreds of billions"), which the
  entry's figures (with their own bounds: "over $7 billion") must be in (see bound_gap);
- the deeds a yes or no supposes: a stop or undoing ("did Meta give up ...?") and each
  later deed ("... and then fine Meta?"), which the entry must say (see asked_premises);
- the names it mentions (places, organisations, people, products), which the entry must
  name, unless the article is about them as a whole (its thesaurus ``scope``);
- its focus: *how much / how many* needs a figure, *when* a date, *how long* a duration,
  *what is the name of* a name the question does not already give, *why* a reason (see
  :func:`gives_reason`);
- a comparison: "is Meta bigger than OpenAI?" needs an entry that compares (see
  :func:`asks_comparison`);
- a denial: "which countries do *not* use Big AI?" is not answered by an entry that only
  says which do (one that denies too, "doesn't need", may answer it).

An unmet constraint turns an answer into the ``partial`` decision: the reply says what the
article does not give, then offers the entry's fact. Matching never decides this itself.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Container, Iterable, Sequence
from dataclasses import dataclass, fields, replace
from enum import StrEnum
from functools import lru_cache
from itertools import pairwise
from operator import attrgetter, methodcaller

from faqbot.normalise import STOP_WORDS, WH_WORDS, is_number, stem, tokens

_MAGNITUDE_WORDS = frozenset(
    {"hundred", "hundreds", "thousand", "million", "billion", "trillion", "percent", "times"}
    # "pour billions into": a figure, if a round one.
    | {"thousands", "millions", "billions", "trillions"}
    # Regional English: "7 lakh" (100,000), "7 crore" (10 million).
    | {"lakh", "lakhs", "crore", "crores"}
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
# How far a round amount (one significant figure: "800 billion") may be from the article's
# figure it rounds: close enough that the claim holds as readers mean it (815.98 as "800",
# 2 % off), never a different figure ("20 %" of 15 %, "2 trillion" of 1.6, "100 %" of 96 %:
# asked as "is it ...?", answering would confirm them).
ROUNDED_TOLERANCE = 0.025


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
            r"|\bwhat share\b|\bhow many percent\b|\bmarket shares?\b"
        ),
    ),
)


def unit_phrase(unit: str) -> str:
    """A unit as a reply names it: "in euros", "per year", "as a percentage", "in
    millions"."""
    if unit == "percent":
        return "as a percentage"
    if unit in _COUNTS:
        return f"in {unit}s"
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


# Counts in round magnitudes: "how many million employees" asks a count in millions.
_COUNTS = frozenset("hundred thousand million billion trillion".split())
_COUNT_ASKED_RE = re.compile(r"\bhow many (hundred|thousand|million|billion|trillion)s?\b")


def asked_counts(words: Sequence[str]) -> frozenset[str]:
    """The magnitude a question asks a count in ("how many million employees ...?":
    {"million"}), which a share ("88% of employees") does not give; empty for others.
    Words are tokens, stop words kept."""
    if "many" not in words:
        return frozenset()  # most questions
    return frozenset(_COUNT_ASKED_RE.findall(" ".join(words)))


def stated_counts(words: Sequence[str]) -> frozenset[str]:
    """The magnitudes a text writes ("hundreds of millions", "Millions"): {"hundred",
    "million"}."""
    return frozenset(w.removesuffix("s") for w in words if w.removesuffix("s") in _COUNTS)


# The whole world, which no region's figure is: "the global AI market", "worldwide".
WORLD_WORDS = frozenset("global globally worldwide world".split())
WORLD_KEYWORDS = frozenset(map(stem, WORLD_WORDS))


def asked_world(words: Sequence[str]) -> frozenset[str]:
    """The words by which a question asks about the whole world ("how big is the global
    market?": {"global"}); empty for most. Words are tokens, stop words kept."""
    if WORLD_WORDS.isdisjoint(words):
        return frozenset()
    return frozenset(w for w in words if w in WORLD_WORDS)


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
    " downsize downsizing halve halves halved halving".split()
)


def directions(words: Sequence[str]) -> frozenset[str]:
    """The directions of change a text speaks of: {"up"} for "plan to increase", {"down"}
    for "cut spending"; both, or neither. "Cutting-edge" is no cut."""
    found = set()
    if not _UP_WORDS.isdisjoint(words):
        found.add("up")
    if not _DOWN_WORDS.isdisjoint(words) and any(
        w in _DOWN_WORDS and not (w == "cutting" and after == "edge")
        for w, after in zip(words, (*words[1:], ""), strict=True)
    ):
        found.add("down")
    return frozenset(found)


# Words that rank ("the most", "the leading") besides adjectives in -est.
_RANKING_WORDS = frozenset("most least best worst top leading".split())
# What an entry may rank with: "Meta leads the charge", "pioneering", "first".
_RANKED_WORDS = _RANKING_WORDS | frozenset("lead leads leader leaders first pioneering".split())
# Words in -est that are no superlatives (their stem plus "est" happens to be a word).
# Superlatives not in -est, besides "most" and "least".
_IRREGULAR_SUPERLATIVES = frozenset("best worst furthest farthest foremost utmost".split())
_NOT_SUPERLATIVE = frozenset(
    "contest interest forest protest request harvest conquest inquest digest manifest arrest"
    " behest tempest modest honest invest suggest ingest detest attest infest divest"
    " earnest molest".split()
)
_WH_START = frozenset("which what who whos whose where".split())


def is_superlative(word: str) -> bool:
    """Tell whether a word is a superlative: "most", "biggest", "largest", "earliest"."""
    if word in _RANKING_WORDS or word in _IRREGULAR_SUPERLATIVES:
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


# Words by which a text compares, besides comparatives: "outperform", "versus".
_COMPARING_WORDS = frozenset(
    "outperform outperforms outperformed outpace outpaces outpaced exceed exceeds exceeded"
    " surpass surpasses surpassed versus vs compared comparison whereas unlike".split()
)
# Words that start a quantity after "than": "more than seven billion", "than half".
_QUANTITY_WORDS = frozenset(
    "a an one two three four five six seven eight nine ten eleven twelve fifteen twenty"
    " thirty forty fifty hundred hundreds thousand thousands million millions billion"
    " billions trillion half twice double triple usd".split()
)
_YES_NO_START = frozenset("is are was were does do did has have can could will would".split())


def asks_comparison(words: Sequence[str]) -> bool:
    """Tell whether a question asks how two things compare: a comparative before "than"
    ("is Meta bigger than OpenAI?", "does Korea spend more than Japan?"), or "which is
    cheaper, X or Y?". Words are tokens, stop words kept. A comparative that only
    describes ("what do smaller firms do?") does not count, nor "more than 5 years" (a
    quantity)."""
    if "than" not in words and _ALTERNATIVES.isdisjoint(words):
        return False  # most questions: each reading below needs one or the other
    for i, word in enumerate(words):
        if word != "than" or i == 0:
            continue
        after = words[i + 1] if i + 1 < len(words) else ""
        if is_number(after) or after in _QUANTITY_WORDS:
            continue  # "more than 5 billion", "more than seven billion": a quantity
        if any(is_comparative(w) for w in words[max(0, i - 3) : i]):
            if words[0] in _YES_NO_START or words[0] in _WH_START:
                return True
            # Chat: "openai bigger than meta?", the comparison all the question (not "I
            # know Korea spends more than Japan, but how much ...?").
            return _ASKING_OR_READER.isdisjoint(words)
    # "which is cheaper, X or Y?", "meta vs openai who bigger", "X or Y which one faster"
    for i, word in enumerate(words):
        if word not in ("which", "who"):
            continue
        rest = [w for w in words[i + 1 : i + 4] if w not in _BE and w not in ("are", "one")]
        if rest and is_comparative(rest[0]) and not _ALTERNATIVES.isdisjoint(words):
            return True
    return False


# Words by which two things are set side by side: "X or Y", "X vs Y".
_ALTERNATIVES = frozenset("or vs versus".split())
# A question word or the reader: a comparison with them is only part of the message.
_ASKING_OR_READER = WH_WORDS | frozenset("i im ive me my we our".split())


def denied_after(words: Sequence[str]) -> frozenset[str]:
    """The stems of what a text (tokens, stop words kept) denies or sets aside: the first
    word that is no stop word after each denial ("doesn't need to write" -> {"need"},
    "rather than replace workers" -> {"replac"})."""
    if _DENIALS.isdisjoint(words):
        return frozenset()  # most texts
    found = set()
    for i, word in enumerate(words):
        if word in _DENIALS:
            after = next((w for w in words[i + 1 :] if w not in STOP_WORDS), None)
            if after is not None:
                found.add(stem(after))
    return frozenset(found)


def compares(words: Sequence[str]) -> bool:
    """Tell whether a text (tokens, stop words kept) compares: a comparative ("faster than",
    "their larger counterparts") or a word that compares ("outperform", "versus")."""
    if not _COMPARING_WORDS.isdisjoint(words):
        return True
    return any(w.endswith("er") and is_comparative(w) for w in words) or "than" in words


# Comparatives not in -er.
_IRREGULAR_COMPARATIVES = frozenset("more less fewer better worse further farther".split())
_ENDS_ER = methodcaller("endswith", "er")


def is_comparative(word: str) -> bool:
    """Tell whether a word is a comparative: "bigger", "cheaper", "earlier", "better"; by the
    English dictionary, so "number", "paper" and "power" are not."""
    if word in _IRREGULAR_COMPARATIVES:
        return True
    if len(word) < 5 or not word.endswith("er"):
        return False
    from faqbot.spelling import english_words  # the dictionary only when a word needs it

    base, words = word[:-2], english_words()
    if word in _NOT_COMPARATIVE:
        return False
    return (
        base in words
        or base + "e" in words  # larger
        or (base[-1] == base[-2] and base[:-1] in words)  # bigger
        or (base.endswith("i") and base[:-1] + "y" in words)  # earlier
    )


# Words in -er whose stem is a word but which are no comparatives (nouns of agents...).
_NOT_COMPARATIVE = frozenset(
    "power answer order under after over number member leader founder owner backer partner"
    " worker teacher banker maker buyer seller user player computer paper water winner"
    " farmer reader writer speaker trader lender developer manager officer border".split()
)


def _ranks(words: Sequence[str]) -> bool:
    """Whether an entry's words rank something: "the largest", "the most", "leads"
    ("most Asian governments" is a quantity; "only the largest technology companies can
    afford it" describes a group, ranking none of them: see :func:`_describes_group`)."""
    for i, word in enumerate(words):
        if word in ("most", "least"):
            if i and words[i - 1] == "the" and not _describes_group(words, i):
                return True
        elif word == "top":
            after = words[i + 1] if i + 1 < len(words) else ""
            if after and after not in STOP_WORDS and not _describes_group(words, i):
                return True  # "the top market", "top 3"; not "a race to the top"
        elif word in _RANKED_WORDS or (is_superlative(word) and not _describes_group(words, i)):
            return True
    return False


def _describes_group(words: Sequence[str], at: int) -> bool:
    """Whether the superlative at `at` describes a group by a plural noun ("the largest
    technology companies", "the most advanced models"): it ranks no one thing first."""
    for word in words[at + 1 : at + 4]:
        if word in STOP_WORDS or is_number(word):
            return False  # the noun phrase ended ("the largest in Asia", "the most of")
        if _plural(word):
            return True
    return False


def _plural(word: str) -> bool:
    """A regular English plural by its ending ("companies", "models"; not "business",
    "status", "analysis")."""
    return len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is", "ics"))


def asks_ranking(words: Sequence[str]) -> bool:
    """Tell whether a question asks which thing ranks first: "what is the biggest AI
    company?", "which country spends the most?", "which has the most startups?".

    A superlative that only describes ("who controls the largest models?", "what do the
    most successful firms do?") does not count.
    """
    if len(words) < 3 or words[0] not in _WH_START:
        return False
    if words[1] == "the":  # "what's the largest ...": tokens() drops the "'s"
        words = [words[0], "is", *words[1:]]
    # "what is the biggest ...": one thing ("what are the biggest risks?" is a list).
    one = words[1] in _BE and words[2] == "the" and len(words) > 3 and words[3] != "top"
    if one and is_superlative(words[3]):
        return True
    if _TOP_N_RE.search(" ".join(words)):
        return True  # "what are the top 3 AI firms?": a ranking of several
    for i, word in enumerate(words[:-1]):
        after = words[i + 2] if i + 2 < len(words) else ""
        if word != "the" or words[i + 1] not in ("most", "least"):
            continue
        before = words[i - 1] if i else ""
        if after in _AFTER_QUANTITY or before in _HAVE:
            return True  # "spends the most", "the most on AI", "has the most startups"
    return _has_the_superlative(words) or _asks_leader(words) or _one_superlative(words)


def _one_superlative(words: Sequence[str]) -> bool:
    """ "what's meta's best model?", "which is openai's biggest model": a superlative on
    one thing (a noun in the singular right after it) anywhere in a wh-question. (Not in
    other questions: "training cost of the latest model?" describes the frontier, ranking
    nothing.)"""
    for i, word in enumerate(words[:-1]):
        if word in ("most", "least") or not is_superlative(word):
            continue
        after = words[i + 1]
        if after not in STOP_WORDS and not is_number(after) and not _describes_group(words, i):
            return True
    return False


def ranked_quality(words: Sequence[str]) -> str | None:
    """The quality a ranking question ranks by (see :func:`asks_ranking`), as written:
    "what is the smallest model" -> "smallest", "which approach is the most accessible"
    -> "accessible"; None when it ranks by no quality ("which country spends the most",
    "who leads"), or for other questions. An entry ranking by another quality ("Meta leads
    the charge") does not say which is smallest."""
    for i, word in enumerate(words):
        if word in ("most", "least"):
            after = words[i + 1] if i + 1 < len(words) else ""
            if after and "ADJ" in word_kinds(after) and not _describes_group(words, i):
                return after
        elif (
            is_superlative(word)
            and word not in _RANKING_WORDS - {"best", "worst"}
            and not _describes_group(words, i)
        ):
            return word
    return None


@lru_cache(maxsize=1024)
def degree_forms(adjective: str) -> tuple[str, ...]:
    """An adjective in every degree, by lemminflect ("smallest" -> ("small", "smaller",
    "smallest"), "best" -> ("good", "better", "best")); the word alone when lemminflect
    does not know it as an adjective (or for a base form that has no degrees)."""
    from lemminflect import getAllInflections, getLemma  # the lexicon only when needed

    found = [adjective]
    for lemma in getLemma(adjective, upos="ADJ")[:1]:
        found.append(lemma)
        for forms in getAllInflections(lemma, upos="ADJ").values():
            found.extend(forms)
    return tuple(dict.fromkeys(found))


def _has_the_superlative(words: Sequence[str]) -> bool:
    """ "which country has the biggest market?", "which firm is (the) largest?": a
    superlative the subject asked about has or is (one thing), anywhere after the question
    word; "who controls the largest models?" only describes them."""
    for i in range(2, len(words) - 1):
        if words[i] == "the" and words[i - 1] in _HAVE | _BE and is_superlative(words[i + 1]):
            return True
    # Without "the": "which AI is cheapest?", "which model is best for chat?"
    for i in range(2, len(words)):
        word = words[i]
        if words[i - 1] in _BE and word not in ("most", "least") and is_superlative(word):
            return True
    return False


# "who is the market leader?", "which country leads?", "who is number one in AI?"
# ("APAC leaders", plural, are people, not a ranking.)
_LEADER_RE = re.compile(
    r"\bthe (?:\w+ )?leader\b|\bleads\b|\blead (?:in|the|on)\b|\bahead\b|\bdominates?\b"
    r"|\bnumber (?:one|1)\b|\bno 1\b|\bthe top (?:country|company|firm|player|market|nation)\b"
)


def _asks_leader(words: Sequence[str]) -> bool:
    """A which/who question asking who leads: "who is the market leader in AI?", "which
    country leads in AI?", "who is ahead?"."""
    if _LEADER_WORDS.isdisjoint(words):
        return False
    return _LEADER_RE.search(" ".join(words)) is not None


# "the top 3", "the top five firms", "top ten": the first few of a ranking.
_TOP_N_RE = re.compile(
    r"\btop (?:\d{1,2}|two|three|four|five|six|seven|eight|nine|ten|twenty)\b(?! percent)"
)
_LEADER_WORDS = frozenset("leader leads lead ahead dominates dominate number no top".split())


_BE = frozenset("is was".split())
_HAVE = frozenset("has have had gets get got with".split())
# What follows "the most" used as a quantity: the end, or a preposition.
_AFTER_QUANTITY = frozenset("on in of for at among to per from with money".split()) | {""}


# Words that deny (after tokens(): "doesn't" is "doesnt", "don't" is "do not").
_NEGATIONS = frozenset(
    "not never no nor neither cannot cant isnt arent wasnt werent doesnt didnt wont hasnt"
    " havent hadnt shouldnt wouldnt couldnt aint".split()
)
# What an entry may deny or set aside with, besides those: "without", "rather than".
_DENIALS = _NEGATIONS | frozenset("without instead rather".split())
# Words that ask for things by kind: "which countries", "what", "who" ("how many" is
# looked for as such).
_BY_KIND = WH_WORDS - {"when", "why", "how"}
# The reader as the one who denies: "I don't understand", "you can't say".
_READER_SUBJECTS = frozenset("i we you u".split())
# Where a message divides into clauses that ask on their own.
_NEGATION_CLAUSE_RE = re.compile(r"[.!?;:,\n]+|\s+but\s+", re.IGNORECASE)


def denied_words(text: str) -> tuple[str, ...] | None:
    """What a question asks is not so, its first words (up to four) after the denial that
    are no stop words ("what is X not good at?" -> ("good",), "what doesn't a port need?"
    -> ("port", "need")), () when nothing follows; None when it asks for no denial (nor when
    the denial is what something shows or says: "what shows that firms aren't holding
    back?"). It asks for one when it asks for what is not so: "Which countries do not use Big
    AI?", "what isn't regulated?", "who didn't invest?", "which firms have no AI plan?".

    The denial must follow the question word in the same clause, and not be the reader's
    ("what is Small AI, I don't get it"), a yes-or-no tag ("... or not?"), "not only", "if
    not", or a "what if". A text without a word that denies is not read further.
    """
    if _NEGATIONS.isdisjoint(tokens(text)):
        return None  # most questions deny nothing
    for clause in _NEGATION_CLAUSE_RE.split(text):
        words = tokens(clause)
        asking = next((i for i, w in enumerate(words) if w in _BY_KIND), None)
        if asking is None:
            asking = next(
                (
                    i
                    for i, (w, after) in enumerate(pairwise(words))
                    if w == "how" and after in ("many", "much")
                ),
                None,
            )
        if asking is None or words[asking + 1 : asking + 2] == ["if"]:
            continue
        for i in range(asking + 1, len(words)):
            word = words[i]
            if word not in _NEGATIONS:
                continue
            before, after = words[i - 1], words[i + 1] if i + 1 < len(words) else ""
            if before in ("or", "if") or after in ("only", "just", "matter", ""):
                continue  # "... or not?", "if not", "not only", "no matter", a last "no"
            if not _READER_SUBJECTS.isdisjoint(words[max(i - 2, asking + 1) : i]):
                continue  # "what is it, i do not know"
            if not _SAYING.isdisjoint(words[asking + 1 : i]):
                continue  # "what shows that firms aren't holding back": what shows it
            # "what is X not good at" -> good; "what doesn't a chatbot need" -> chatbot, need
            return tuple(w for w in words[i + 1 :] if w not in STOP_WORDS)[:4]
    return None


class Focus(StrEnum):
    """What kind of fact a question asks for, read from its question words."""

    # "Where does she live?", "where is it based?": a place.
    PLACE = "place"

    # "Why ...?", "how come ...", "what is the reason for ...": a cause or purpose.
    REASON = "reason"
    FIGURE = "figure"
    DATE = "date"
    DURATION = "duration"
    NAME = "name"
    # "Which companies ...", "which firms ...": a name that is not a place.
    ORGANISATION = "organisation"


# Regional discourse particles that may end a question ("... when ah?").
_PARTICLES = r"(?:lah|leh|lor|ah|ar|one|huh|eh|meh|sia|ya|hor|na|yaar|po|ba)"

_PARTICLE_RE = re.compile(_PARTICLES)


def is_particle(word: str) -> bool:
    """Tell whether a (folded) word is a regional discourse particle ("lah", "ah", "one")."""
    return _PARTICLE_RE.fullmatch(word) is not None


# A question that asks why ("y" is expanded to "why" by normalisation).
_WHY_RE = re.compile(
    r"\bwhy\b(?! not\b)|\bhow come\b|\bfor what reasons?\b"
    r"|\bwhat (?:is |are |was |were )?(?:the |its |their )?(?:reasons?|cause|causes)\b"
    r"|\breasons? (?:for|why|behind)\b"
)

# Verbs of making something somewhere: where they are done is a place.
_MADE = (
    r"(?:develop|develops|developed|developing|make|makes|made|making|build|builds|built"
    r"|building|produce|produces|produced|producing|manufacture|manufactures|manufactured"
    r"|manufacturing|design|designs|designed|designing|train|trains|trained|training"
    r"|assemble|assembles|assembled|invent|invented|found|founded|host|hosts|hosted"
    r"|headquarter|registered|incorporated)"
)

# Matched against the question's words (stop words kept, chat shorthand expanded).
_FOCUS_PATTERNS: tuple[tuple[Focus, re.Pattern[str]], ...] = (
    # First: "why do so many firms use AI?" asks a reason, not a figure.
    (Focus.REASON, _WHY_RE),
    (
        # Where someone or something is: lives, works, studied, is based or comes from.
        Focus.PLACE,
        re.compile(
            # (Not "where does she work": her employer answers that; nor "where does the
            # change come from": a cause.)
            r"\bwhere\b.*\b(?:live|lives|lived|living|study|studies|studied|born|grew up"
            r"|grow up|based|located|headquartered|stay|stays|reside|resides)\b"
            r"|^where (?:is|are|was|were) (?:\w+ ){1,3}from$"
            r"|\b(?:live|lives|study|studied|born|based|located|headquartered|stay|stays"
            r") where\b"
            # "which countries ...", "which Asian country leads?", "what is the leading
            # nation in X?": a place (a company leading is no country leading).
            r"|^(?:\w+ )?(?:which (?:\w+ ){0,2}?|what (?:(?:is |are |was |were )?the (?:\w+ )?)?)"
            r"(?:countries|country|nations|nation|cities|city)\b"
            # "name a country that ...": one asked for by its name.
            r"|^(?:\w+ ){0,3}?name (?:a|an|one|some|any|two|three|a few) (?:\w+ )?"
            r"(?:countries|country|nations|nation|cities|city|places|place)\b"
            # Where a thing is made: "where are its models developed?", "built where"
            # (not where it is used or sold: "worldwide", "in healthcare").
            rf"|\bwhere\b.*\b{_MADE}\b|\b{_MADE} where\b"
        ),
    ),
    (
        Focus.DURATION,
        re.compile(
            r"\bhow long\b|\bhow many (?:years|months|weeks|days|hours)\b"
            r"|\bover what (?:period|time ?frame|time)\b"
            # "what is the payback period?", "what's the rollout timeline?"
            r"|\bwhats? (?:is |are |was |were )?(?:the |its |their )?(?:\w+ ){0,2}?"
            r"(?:period|duration|timeframe|timeline)s?\b"
        ),
    ),
    (
        Focus.FIGURE,
        re.compile(
            r"\bhow (?:much|many|big|large|expensive|costly|old|tall|heavy|rich|wealthy)\b"
            r"|\bwhat (?:is |are |was |were )?(?:the )?"
            r"(?:percentage|percent|proportion|amount|size|number|figure|sum|value|share"
            r"|rate|total|forecast|estimate|projection)\b"
            r"|\bwhat (?:is |are |was |were )?(?:the )?\w+ (?:share|rate|forecast|estimate)\b"
            # "what is Meta's market share?" (tokens drop the "'s"): a share is a figure.
            r"|\bwhat (?:is |are |was |were )(?:\w+ )?market shares?\b"
            # "what is the average ROI?", "the median wage": a measure is a figure.
            r"|\bwhats? (?:is |are |was |were )?(?:the |its |their )?(?:\w+ )?"
            r"(?:average|mean|median|typical)\b"
            r"|\b(?:dollar|usd) (?:figure|forecast|amount|value|estimate|projection)s?\b"
            # "what is Korea's AI market size?", "whats the industry valuation"
            r"|\bwhats? (?:is |are |was |were )?(?:the |its |their )?(?:\w+ ){0,4}?"
            r"(?:size|valuation|worth)\b"
            # "what is Japan's budget", and keyword questions: "openai investment amount".
            r"|\bwhat (?:is|are|was|were) (?:\w+ ){0,2}?(?:budget|price|cost)s?\b"
            r"|\b(?:amount|number|figure|percentage|sum|budget|price)s?$"
            # "what does Meta charge for its models?", "what did Korea spend?": a price or
            # sum paid, the verb last or before what it is for (not "what does rising AI
            # spend tell us": a noun there).
            r"|^(?:\w+ )?what (?:does|do|did|will|would) (?:\w+ ){1,3}?(?:charge|charges"
            r"|charged|cost|costs|pay|pays|paid|spend|spends|spent|earn|earns|earned)"
            r"(?: (?:for|on|per|each|in|to|us|you|me|them)\b.*)?$"
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
        ),
    ),
    (
        # "which South Korean companies...": a list of names of organisations or people.
        Focus.ORGANISATION,
        re.compile(
            r"^(?:\w+ )?(?:which (?:\w+ ){0,2}?|what )(?:companies|company|firms|firm"
            r"|manufacturers?|organi[sz]ations?|banks?|startups?|start ups?|brands?|products?"
            r"|people|persons?"
            r"|universit(?:y|ies)|agenc(?:y|ies)|institutions?|ministry|ministries|department"
            r"|regulators?"
            r"|authority|body|bodies|official|officials"
            # Kinds of organisation whose members have names: "which hospitals ...".
            r"|hospitals?|clinics?|schools?|colleges?|insurers?|retailers?|airlines?|telcos?"
            r"|carmakers?|automakers?|makers?|factories|factory|labs?|laboratories|hotels?"
            r"|utilities|publishers?|vendors?|suppliers?|providers?|insurance companies"
            r"|lenders?|employers?|investors?)\b"
            # "name one task-specific model", "can you name a bank that ...": something
            # asked for by its name, which no place names (not "name the two approaches":
            # what the article has; places: Focus.PLACE).
            r"|^(?:\w+ ){0,3}?name (?:a|an|one|some|any|two|three|a few)"
            r" (?!(?:\w+ )?(?:country|countries|nation|nations|city|cities|place|places)\b)"
            # "who is the CEO of ...", "who heads ...": a person.
            r"|^(?:\w+ )?who (?:is|are|was|were) (?:the )?(?:ceo|president|founder|head"
            r"|chief|minister|director|chairman|chairwoman|chair|leader|boss|owner|author"
            r"|editor|spokesperson|governor|mayor|prime minister)s?\b"
        ),
    ),
)
# Compass words (stems, as written): they make a place another place ("North Korea",
# "East Asia") and are capitalised without naming an organisation or person ("South"
# Korea, "Western" models).
COMPASS_WORDS = frozenset(
    "north south east west northern southern eastern western central northeast northwest"
    " southeast southwest".split()
)


# The words the focus patterns look for, so that typos of them are corrected ("nmae").
FOCUS_WORDS = frozenset(
    "name names called date year month day percentage percent proportion amount number"
    " figure size value long much many budget price cost period".split()
)


# "Why does it matter?", "why is the law important?": what follows from it (its effects),
# which a statement of them answers; not a cause. So do the attention others pay it: "why
# are other countries watching it?", "why should firms pay attention?", "why is it a big
# deal?" ask what makes it matter.
_SIGNIFICANCE = frozenset(
    "matter matters mattered important importance significant significance care relevant"
    " crucial critical vital essential"
    " relevance watch watches watched watching attention notice noticed deal".split()
)


# Strings one of which every match of a focus pattern holds (each of its alternatives
# writes one out), so that a text holding none is not searched: most questions hold no
# "when" or "name", and a search tries every alternative at every character (tested:
# every match holds one). The place patterns have their own gate (_PLACE_WORDS); the
# organisation's are anchored at the start (a search tries only there). The figure's
# alternatives each start with one of its needles' words or end with one: about half the
# questions hold none, and its search took about 6 us of a question's time.
_FOCUS_NEEDLES: dict[Focus, tuple[str, ...]] = {
    Focus.REASON: ("why", "how come", "reason", "cause"),
    Focus.FIGURE: (
        "how",
        "what",
        "dollar",
        "usd",
        "amount",
        "number",
        "figure",
        "percentage",
        "sum",
        "budget",
        "price",
    ),
    Focus.DURATION: (
        "how long",
        "how many",
        "over what",
        "period",
        "duration",
        "timeframe",
        "timeline",
    ),
    Focus.DATE: ("when", "year", "date", "month", "day"),
    Focus.NAME: ("name", "called"),
}
# The focus patterns in order, each with its needles (none: always searched).
_FOCUS_SEARCHES: tuple[tuple[Focus, re.Pattern[str], tuple[str, ...]], ...] = tuple(
    (focus, pattern, _FOCUS_NEEDLES.get(focus, ())) for focus, pattern in _FOCUS_PATTERNS
)


def focus_of(words: Sequence[str]) -> Focus | None:
    """The focus of a question, from its words in order; None for other questions."""
    text = " ".join(words)
    for focus, pattern, needles in _FOCUS_SEARCHES:
        if focus is Focus.REASON and not _SIGNIFICANCE.isdisjoint(words):
            continue
        if needles and not any(map(text.__contains__, needles)):
            continue  # no match can hold none of them
        if focus is Focus.PLACE and _PLACE_WORDS.isdisjoint(words):
            continue  # every place pattern needs one of them (most questions: none)
        if pattern.search(text):
            return focus
    return None


_PLACE_WORDS = frozenset("where countries country nations nation cities city".split())


# Wording by which a text gives a cause or a purpose: "driven by", "because", "due to".
_REASON_RE = re.compile(
    r"\b(?:because|hence|therefore|thus|why)\b|\b(?:due|owing|thanks) to\b"
    r"|\b(?:driven|caused|fuelled|fueled|motivated|prompted|spurred) by\b"
    r"|\bas a (?:result|consequence)\b|\bso that\b|\bin order to\b|\bthe reasons?\b"
    r"|\bsince (?![\d])(?!then\b)|\bgiven that\b|\bresults? (?:in|from)\b"
    r"|\b(?:leads?|led) to\b|\bstems? from\b|\breflect(?:s|ed|ing)?\b"
)
# A word each reason wording needs, so that texts without any skip the pattern.
_REASON_WORDS = frozenset(
    "because hence therefore thus why due owing thanks driven caused fuelled fueled motivated"
    " prompted spurred result consequence so order reason reasons since given results lead"
    " leads led stem stems reflect reflects reflected reflecting".split()
)


def gives_reason(words: Sequence[str]) -> bool:
    """Tell whether a text (tokens, stop words kept) gives a cause or a purpose: "demand
    ... is driven by security requirements", "because", "due to", "so that". "Since 2023"
    is a date, not a reason."""
    if _REASON_WORDS.isdisjoint(words):
        return False  # most texts
    return _REASON_RE.search(" ".join(words)) is not None


# Verbs by which a question asks when something was said ("when did she say this?", "what
# year was that quote given?"), and the statements it may ask the date of.
_SAID_WORDS = frozenset(
    "say says said tell told state stated mention mentioned announce announced claim claimed"
    " comment commented remark remarked quote quoted write wrote written speak spoke predict"
    " predicted forecast forecasted estimate estimated statement statements comments remarks"
    " quotes interview speech announcement prediction".split()
)
# Those that may also date what was predicted: "when is the market forecast to peak?".
_PREDICTING = frozenset("predict predicted forecast forecasted estimate estimated".split())


def asks_when_said(words: Sequence[str]) -> bool:
    """Tell whether a date question (tokens, stop words kept) asks when something was said:
    "when did Lee say this?", "giron said that when ah", "what year was the statement made?".
    Not "does the article say when ...?" (the date of what follows), nor "when is the market
    forecast to peak?" (the date of what was forecast)."""
    if _SAID_WORDS.isdisjoint(words):
        return False  # most questions
    for i, word in enumerate(words):
        if word not in _SAID_WORDS:
            continue
        after = words[i + 1] if i + 1 < len(words) else ""
        if after == "when" or (word in _PREDICTING and after in ("to", "for", "by", "at")):
            continue
        return True
    return False


# "how accurate is X?", "how reliable are they", "x how safe ah": "how" before an adjective.
_HOW_RE = re.compile(r"\bhow (?P<q>[a-z]+)\b")
# After "how": figures, durations and speeds (their own focus, or stated in other words:
# months, growth), and words that are no quality.
_NOT_QUALITIES = frozenset(
    "much many big large expensive costly old tall heavy rich wealthy long far often soon"
    " fast quick quickly rapid rapidly slow slowly early late come about do does did is are"
    " was were will would can could should to the a an different true well exactly".split()
)
_ADJECTIVE_ENDINGS = ("able", "ible", "ive", "ful", "ous", "ent", "ant", "ate", "ic", "al", "ure")
# Nouns of a quality, by the adjective's ending: "accurate" -> "accuracy".
_QUALITY_NOUNS = (
    ("ate", "acy"),
    ("able", "ability"),
    ("ible", "ibility"),
    ("ent", "ence"),
    ("ent", "ency"),
    ("ant", "ance"),
    ("ure", "urity"),
    ("ar", "arity"),
    ("e", "ety"),
    ("y", "iness"),
    ("", "ness"),
    ("", "ity"),
)
_IRREGULAR_QUALITIES = {"good": ("better", "best"), "bad": ("worse", "worst")}
# What follows "how <adjective>" when it asks how far a quality goes: a form of be or an
# auxiliary ("how accurate is", "how safe will"), a chat particle or the clause's end
# ("how safe ah", "how reliable? and..."), a preposition ("how safe for kids"). A noun
# after it makes "how" "in what way" ("how local firms adopt ai", "how national
# strategies differ": review-5 P2-3).
_COPULAS = frozenset(
    "is are was were be been being am isnt arent wasnt werent will would can could should"
    " shall may might must do does did has have had s re".split()
)
_AFTER_QUALITY = _COPULAS | frozenset(
    "ah lah leh lor meh hor really actually now then overall exactly though anyway and or"
    " but so if when compared vs versus than in for at on with to as".split()
)


def asked_quality(words: Sequence[str]) -> str | None:
    """The quality a question asks how far it goes: "how accurate is AI in healthcare?" ->
    "accurate", "how reliable are the models" -> "reliable", "x how safe ah" -> "safe",
    "how accurate small ai is" -> "accurate"; None for other questions ("how much", "how
    long", "how fast": figures, durations, speeds; "how local firms adopt ai": "how" as
    "in what way", a noun after the adjective). Words are tokens."""
    if "how" not in words:
        return None  # most questions
    for match in _HOW_RE.finditer(" ".join(words)):
        word = match.group("q")
        if word in _NOT_QUALITIES or len(word) < 4 or is_comparative(word):
            continue
        at = match.string.count(" ", 0, match.start("q")) + 1  # the token after the word
        after = words[at] if at < len(words) else None
        if after is not None and after not in _AFTER_QUALITY and words[-1] not in _COPULAS:
            continue  # "how local firms adopt ai": a noun follows
        if word in _IRREGULAR_QUALITIES or word.endswith(_ADJECTIVE_ENDINGS):
            return word
        from lemminflect import getAllLemmas  # the lexicon only when a word needs it

        if "ADJ" in getAllLemmas(word):
            return word
    return None


def quality_forms(word: str) -> tuple[str, ...]:
    """An adjective of quality and its nouns, by their endings: "accurate" -> ("accurate",
    "accuracy", "accurateness", ...), "reliable" -> (..., "reliability"), "safe" ->
    (..., "safety"); what an entry may write it as (the caller keeps the keywords)."""
    forms = [word, *_IRREGULAR_QUALITIES.get(word, ())]
    for ending, noun in _QUALITY_NOUNS:
        if word.endswith(ending):
            forms.append(word[: len(word) - len(ending)] + noun)
    if word.endswith("ly"):
        forms.append(word[:-2])  # "how widely" -> "wide"
    return tuple(dict.fromkeys(forms))


# Verbs by which an entry reports what someone said, and what a statement is made in.
_SAYING_VERBS = frozenset(
    "say says said told tells stated states announced announces predicted predicts forecast"
    " forecasts estimated estimates argued argues noted notes warned warns wrote writes"
    " commented remarked claimed claims explained explains added adds urged urges".split()
)
_STATEMENTS = frozenset("interview speech statement report briefing conference remarks".split())
_WEEKDAYS = frozenset("monday tuesday wednesday thursday friday saturday sunday".split())
# What dates a statement after its verb: "in March", "last week", "earlier this month".
_WHEN_SAID = frozenset("in on at during last this earlier".split())
_PERIODS = frozenset("week month year weekend quarter".split())


def reports_saying(words: Sequence[str]) -> bool:
    """Tell whether a text (tokens, stop words kept) reports what someone says: "Giron
    says", "Lee warned", "according to Forrester"."""
    if not _SAYING_VERBS.isdisjoint(words):
        return True
    return any(w == "according" and after == "to" for w, after in pairwise(words))


def dates_saying(words: Sequence[str]) -> bool:
    """Tell whether a text (tokens, stop words kept) dates a statement it reports: a date
    right after the verb ("said in March 2024", "told reporters on Monday", "said last
    year"), a date shortly before it ("In 2024, Lee said"), or a dated statement ("in a
    2024 interview"). "Giron says the stance for 2026 is pragmatic" dates what he says,
    not when he said it."""
    if _SAYING_VERBS.isdisjoint(words) and _STATEMENTS.isdisjoint(words):
        return False  # most entries report nobody's words

    def dated(word: str) -> bool:
        return bool(years((word,))) or word in _MONTHS or word in _WEEKDAYS

    for i, word in enumerate(words):
        if word in _SAYING_VERBS:
            # "said in March", "told reporters last week", "said on Monday" (a word between).
            for before, at in pairwise(words[i + 1 : i + 5]):
                if before in _WHEN_SAID and (dated(at) or at in _PERIODS):
                    return True
            if any(map(dated, words[max(0, i - 5) : i])):
                return True
        elif word in _STATEMENTS and any(map(dated, words[max(0, i - 2) : i])):
            return True
    return False


def years(words: Collection[str]) -> frozenset[str]:
    """Four-digit years from 1900 to 2100 among the words."""
    if not any(map(str.isdigit, words)):
        return frozenset()  # most texts: no number (told in C)
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


# The scale words a figure is written with, and their values ("$7bn" is "7 billion usd").
_SCALES = {
    "hundred": 1e2, "thousand": 1e3, "lakh": 1e5, "million": 1e6, "crore": 1e7,
    "billion": 1e9, "trillion": 1e12,
}  # fmt: skip
_SCALE_WORDS = frozenset(_SCALES) | frozenset(f"{w}s" for w in _SCALES)
# What a table's or a list's figures are given in when they are written bare: "(in
# millions)", "USD millions", "$ billions" (tokens: "in millions", "usd millions").
_GIVEN_IN = frozenset({"in", *_CURRENCY_WORDS})
# Words after a bare number that make it no amount of the scale given: a year's month, a
# share, a count of time, a multiplier, a scale of its own.
_NOT_SCALED_AFTER = _MAGNITUDE_WORDS | _TIME_UNITS | frozenset(("percent", "times", "x"))


def _scale(word: str) -> float | None:
    """The value of a scale word ("million", "millions": 1e6), None for another word."""
    return _SCALES.get(word.removesuffix("s")) if word in _SCALE_WORDS else None


def scaled_figures(words: Sequence[str]) -> frozenset[str]:
    """The figures a text writes with their scale, as numbers ("over $7 billion":
    {"7000000000.0"}; "7 hundred million": 7e8). Bare figures of a text that says what it
    gives them in ("Revenue (in millions): 1,200": 1.2e9) are scaled by that, years and
    shares, durations and multipliers not. Words are tokens; the values are float reprs,
    read back by _values."""
    if _SCALE_WORDS.isdisjoint(words):
        return frozenset()  # most texts: no scale word
    found: set[str] = set()
    given: float | None = None
    for before, word in pairwise(("", *words)):
        if before in _GIVEN_IN and word.endswith("s"):
            given = _scale(word) or given  # "in millions", "usd millions"
    for i, word in enumerate(words):
        if not is_number(word):
            continue
        after = words[i + 1] if i + 1 < len(words) else ""
        scale = _scale(after)
        if scale is not None and not after.endswith("s"):
            then = _scale(words[i + 2]) if i + 2 < len(words) else None
            if scale == _SCALES["hundred"] and then is not None:
                scale *= then  # "7 hundred million"
        elif given is not None and after not in _NOT_SCALED_AFTER and not years((word,)):
            scale = given
        else:
            continue
        try:
            found.add(repr(float(word) * scale))
        except ValueError:
            continue
    return frozenset(found)


def asked_scales(words: Sequence[str]) -> frozenset[str]:
    """The amounts a question asks with a scale, as "number scale" ("Did Korea commit 7
    million?": {"7 million"}); the entry must state that figure at that scale, not the
    number at another ("$7 billion"). Empty for most questions. Words are tokens."""
    if _SCALE_WORDS.isdisjoint(words):
        return frozenset()
    return frozenset(
        f"{w} {after.removesuffix('s')}"
        for w, after in pairwise(words)
        if after in _SCALE_WORDS and is_number(w)
    )


_FEW = frozenset("few several couple many".split())


def asked_magnitudes(words: Sequence[str]) -> frozenset[str]:
    """The round magnitude a yes or no asks of a figure without a number ("does it cost
    billions?", "it needs billions or not?": {"billion"}), which an entry must write
    ("requires millions" is no "billions"). Empty for other questions, and for one naming
    two ("millions or billions?"). Words are tokens."""
    if _SCALE_WORDS.isdisjoint(words) or not (
        words[0] in _YES_NO_START or tuple(words[-2:]) == ("or", "not")
    ):
        return frozenset()  # most questions; "which needs billions?" asks which does
    found = frozenset(
        w.removesuffix("s")
        for before, w in pairwise(("", *words))
        if w in _SCALE_WORDS
        and not is_number(before)
        and (w.endswith("s") or before in _FEW)  # "billions", "a few thousand dollars"
    )
    # "millions or billions?", "which needs billions and which millions?": the question
    # asks which, so neither is a constraint (nor "hundreds of millions", rarely asked).
    return found if len(found) < 2 else frozenset()


# Bounds on a figure, before it ("more than $7 billion", "under 50%", "at least 10
# billion") or after it ("$7bn or more"), with how they bound it: English, not article
# data. Longer phrases first ("no more than" before "more than").
_BOUNDS_BEFORE: tuple[tuple[tuple[str, ...], str], ...] = tuple(
    sorted(
        (
            *((tuple(p.split()), ">") for p in (
                "more than", "greater than", "higher than", "bigger than", "larger than",
                "over", "above", "beyond", "exceed", "exceeds", "exceeding", "exceeded",
                "in excess of", "upwards of", "upward of", "north of", "well over",
                "costlier than", "pricier than", "surpass", "surpasses", "surpassing",
            )),
            *((tuple(p.split()), ">=") for p in (
                "at least", "no less than", "not less than", "no fewer than",
                "not fewer than", "a minimum of", "minimum of",
            )),
            *((tuple(p.split()), "<") for p in (
                "less than", "fewer than", "lower than", "smaller than", "under", "below",
                "short of", "well under", "well below", "cheaper than",
            )),
            *((tuple(p.split()), "~<") for p in (
                "nearly", "almost", "close to", "approaching", "not quite",
            )),
            *((tuple(p.split()), "=") for p in (
                "exactly", "precisely", "exactly at", "a flat", "just", "only",
            )),
            *((tuple(p.split()), "<=") for p in (
                "at most", "up to", "no more than", "not more than", "a maximum of", "within",
                "maximum of",
            )),
        ),
        key=lambda bound: -len(bound[0]),
    )
)  # fmt: skip
_BOUNDS_AFTER: tuple[tuple[tuple[str, ...], str], ...] = (
    *((tuple(p.split()), ">=") for p in (
        "or more", "or over", "or above", "or higher", "or greater", "and above",
        "and over", "plus",
    )),
    *((tuple(p.split()), "<=") for p in (
        "or less", "or fewer", "or under", "or below", "or lower", "and below", "and under",
    )),
)  # fmt: skip
_BOUND_WORDS = frozenset(w for phrase, _ in (*_BOUNDS_BEFORE, *_BOUNDS_AFTER) for w in phrase)
# Rough magnitudes by the word before "of": "hundreds of millions", "tens of billions".
_ROUGH_MULTIPLES = {"tens": 10.0, "hundreds": 100.0, "thousands": 1000.0}
_INFINITY = float("inf")
# Verbs after which "over" a length of time is more than it ("takes over 5 years").
_TAKING = frozenset("take last need require run span".split())
_MODALS = frozenset("can could may might".split())
# Words before a rough magnitude that make it something had, not a figure asked: "their
# billions", "the millions it raised".
_POSSESSING = frozenset("their the its his her our your my these those".split())


@dataclass(frozen=True, slots=True)
class Range:
    """A figure as the values it may take: "7 billion" is [7e9, 7e9], "over $7 billion"
    (7e9, inf), "hundreds of millions" [1e8, 1e9); of a kind ("amount": money or a count,
    "percent", "times") that only figures of that kind are compared with. number: the
    number as written ("7"), for the years it is given for; "" for a rough magnitude."""

    kind: str
    low: float
    high: float
    low_open: bool = False
    high_open: bool = False
    number: str = ""

    def within(self, other: Range) -> bool:
        """Whether every value of this range is one of `other`'s."""
        low_in = other.low < self.low or (
            other.low == self.low and (self.low_open or not other.low_open)
        )
        high_in = self.high < other.high or (
            self.high == other.high and (self.high_open or not other.high_open)
        )
        return low_in and high_in

    def apart(self, other: Range) -> bool:
        """Whether no value is in both ranges."""
        return (
            self.high < other.low
            or other.high < self.low
            or (self.high == other.low and (self.high_open or other.low_open))
            or (other.high == self.low and (other.high_open or self.low_open))
        )

    def bounded(self, how: str) -> Range:
        """The values "more than" (">"), "at least" (">="), "less than" ("<"), "at most"
        ("<="), exactly ("=") or nearly ("~<") this figure: "more than hundreds of
        millions" is [1e9, inf), "nearly 1 trillion" [7.5e11, 1e12)."""
        if how == ">":
            return replace(self, low=self.high, low_open=not self.high_open, high=_INFINITY)
        if how == ">=":
            return replace(self, high=_INFINITY, high_open=False)
        if how == "<":
            return replace(self, high=self.low, high_open=not self.low_open, low=-_INFINITY)
        if how == "=":
            return self  # "exactly $7 billion": that figure, no more, no less
        if how == "~<":  # "nearly $1 trillion": under it, as loosely as readers round
            return replace(self, low=self.low * 0.75, high=self.low, high_open=True)
        return replace(self, low=-_INFINITY, low_open=False)

    def encode(self) -> str:
        """The range as one string, for a Facts set (read back by decode)."""
        opens = f"{int(self.low_open)}{int(self.high_open)}"
        return f"{self.kind} {self.low!r} {self.high!r} {opens} {self.number or '-'}"

    @staticmethod
    @lru_cache(maxsize=4096)
    def decode(text: str) -> Range:
        """A range written by encode."""
        kind, low, high, opens, number = text.split(" ")
        return Range(
            kind, float(low), float(high), opens[0] == "1", opens[1] == "1", number.strip("-")
        )


def _phrase_at(
    words: Sequence[str], at: int, phrases: Iterable[tuple[tuple[str, ...], str]]
) -> tuple[int, str] | None:
    """The length and bound of the first phrase of `phrases` at `at`, or None."""
    for phrase, how in phrases:
        if tuple(words[at : at + len(phrase)]) == phrase:
            return len(phrase), how
    return None


def _of_money(words: Sequence[str], at: int) -> int:
    """Where a rough magnitude ends: after "of dollars" ("of usd"), if it follows."""
    return at + 2 if tuple(words[at : at + 2]) == ("of", "usd") else at


# Lengths of time in days, for a duration's range ("6-18 months": [182.6, 547.9] days).
_DAYS = {
    "hour": 1 / 24, "day": 1.0, "week": 7.0, "month": 30.44, "year": 365.25, "decade": 3652.5,
}  # fmt: skip
_MULTIPLIERS = {"twice": 2.0, "thrice": 3.0}
# Words of a figure in no digits: "twice as fast", "two times faster".
_FIGURE_WORDS = frozenset({*_MULTIPLIERS, "times"})
# Words before a count of time that make it a point in time ("in 5 years"), not a length.
_POINT_BEFORE = frozenset("in next past last coming".split())


def _length_at(words: Sequence[str], at: int, value: float) -> tuple[Range, int] | None:
    """The length of time a number at `at` starts ("5 years", "5-10 years", "6 to 18
    months"), in days, with where it ends; None for another figure and for a point in time
    ("in 5 years", "2 years ago")."""
    end = at + 1
    high = value
    if end < len(words) and is_number(words[end]):
        end += 1  # "5-10 years" (tokens: "5 10 years")
    elif end + 1 < len(words) and words[end] == "to" and is_number(words[end + 1]):
        end += 2  # "6 to 18 months"
    unit = words[end].removesuffix("s") if end < len(words) else ""
    if unit not in _DAYS or (at and words[at - 1] in _POINT_BEFORE):
        return None
    if end + 1 < len(words) and words[end + 1] in _NOT_LENGTH_AFTER:
        return None
    if end > at + 1:
        try:
            high = float(words[end - 1])
        except ValueError:
            return None
    days = _DAYS[unit]
    low, high = sorted((value * days, high * days))
    return Range("duration", low, high, number=words[at]), end + 1


def _figure_at(words: Sequence[str], at: int) -> tuple[Range, int] | None:
    """The figure that starts at `at` ("7 billion usd", "50 percent", "1.7 times",
    "hundreds of millions", "billions", "a few thousand") with where it ends; None when
    none does, or when the number is a year, a count of time or a bare count."""
    word = words[at]
    after = words[at + 1] if at + 1 < len(words) else ""
    if word in _ROUGH_MULTIPLES and after == "of" and at + 2 < len(words):
        scale = _scale(words[at + 2])
        if scale is not None and words[at + 2].endswith("s"):  # "hundreds of millions"
            low = _ROUGH_MULTIPLES[word] * scale
            return Range("amount", low, low * 10, high_open=True), _of_money(words, at + 3)
    if word in _FEW:  # "a few thousand", "several billion"
        scale = _scale(after)
        if scale is not None and not after.endswith("s"):
            return Range("amount", scale, scale * 10, high_open=True), _of_money(words, at + 2)
    if word in _SCALE_WORDS and word.endswith("s"):  # "billions", "hundreds"
        scale = _scale(word)
        if scale is not None:
            return Range("amount", scale, scale * 1000, high_open=True), _of_money(words, at + 1)
    if word in _MULTIPLIERS:  # "twice as fast"
        return Range("times", _MULTIPLIERS[word], _MULTIPLIERS[word], number=word), at + 1
    if word in ("a", "an") and _scale(after) is not None and not after.endswith("s"):
        word = "1"  # "under a million dollars"
    elif word in _NUMBER_WORDS and word not in ("a", "an") and after == "times":
        word = str(_NUMBER_WORDS[word])  # "two times faster"
    if not is_number(word):
        return None
    try:
        value = float(word)
    except ValueError:
        return None
    length = _length_at(words, at, value)
    if length is not None:
        return length
    end = at + 1
    kind = ""
    scale = _scale(after)
    if scale is not None and not after.endswith("s"):
        end += 1
        then = _scale(words[end]) if end < len(words) else None
        if scale == _SCALES["hundred"] and then is not None:
            scale, end = scale * then, end + 1  # "7 hundred million"
        value, kind = value * scale, "amount"
    elif after == "percent":
        kind, end = "percent", end + 1
    elif after in ("times", "x"):
        kind, end = "times", end + 1
    if end < len(words) and (words[end] in _CURRENCY_WORDS or words[end] in _CURRENCY_NAMES):
        kind, end = kind or "amount", end + 1  # "7 billion usd", "500 usd"
    if not kind:
        return None  # a year, a count of time, a bare count: no figure to bound here
    return Range(kind, value, value, number=word), end


def figure_ranges(words: Sequence[str]) -> frozenset[str]:
    """The figures a text gives as ranges of values (see Range; encoded): "committed over
    $7 billion" -> (7e9, inf), "requires hundreds of millions of dollars, some estimates
    reaching into the billions" -> [1e8, 1e9) and [1e9, 1e12), "88%" -> [88, 88]. Words
    are tokens, stop words kept."""
    return frozenset(r.encode() for r, _, _ in _ranges(words))


def _ranges(words: Sequence[str]) -> list[tuple[Range, str | None, tuple[int, int]]]:
    """Each figure of a text as a range, with the bound it is given with (">", "<=" ...;
    None for a figure as it is) and where it runs in `words` (its bound's words too)."""
    if not any(w[:1].isdigit() or w in _SCALE_WORDS or w in _FIGURE_WORDS for w in words):
        return []  # most texts: no figure
    found: list[tuple[Range, str | None, tuple[int, int]]] = []
    at = 0
    while at < len(words):
        start = at
        bound = _phrase_at(words, at, _BOUNDS_BEFORE) if words[at] in _BOUND_WORDS else None
        if bound is not None:
            at += bound[0]
            while at < len(words) and words[at] in ("usd", "about", "around"):
                at += 1  # "over about 7 billion"
        figure = _figure_at(words, at) if at < len(words) else None
        if figure is None:
            at = start + 1
            continue
        value, at = figure
        how = bound[1] if bound is not None else None
        if (
            value.kind == "duration"
            and bound is not None
            and words[start] == "over"
            and (not start or _TAKING.isdisjoint(_verb_lemmas(words[start - 1])))
        ):
            how = None  # "invest $7bn over 5 years": during them, not more than them
        if how is None and at < len(words):
            after = _phrase_at(words, at, _BOUNDS_AFTER)
            if after is not None:
                how, at = after[1], at + after[0]
        found.append((value.bounded(how) if how else value, how, (start, at)))
    return found


@dataclass(frozen=True, slots=True)
class Bounded:
    """A figure a question asks about as a range of values (see asked_bounds): "is Korea
    spending under $7 billion?" asks whether the article's figure is in (-inf, 7e9)."""

    range: Range
    # The numbers it is written with ("7"), which the entry need not state as such.
    numbers: frozenset[str]
    # The reader's words for it ("under $7 billion"), for the reply.
    phrase: str
    # A rough magnitude asked, no bound ("does it cost billions?"): met by one of the
    # entry's figures that starts in it ("over $7 billion").
    rough: bool = False
    # A bound met by one of the entry's figures, not all of them: asked of what can be
    # ("can costs go beyond hundreds of millions?" of "hundreds of millions, some
    # estimates into the billions").
    some: bool = False


def _shown(words: Sequence[str]) -> str:
    """A figure's tokens as a reply shows them: "more than 7 billion usd" -> "more than $7
    billion", "50 percent" -> "50%"."""
    shown = " ".join(w for w in words if w != "usd").replace(" percent", "%")
    if "usd" not in words:
        return shown
    if not any(w[:1].isdigit() for w in words):
        return f"{shown} dollars"  # "thousands of dollars"
    return re.sub(r"(\d)", r"$\1", shown, count=1)


def asked_bounds(words: Sequence[str]) -> tuple[Bounded, ...]:
    """The figures a question asks about as ranges: a bound ("is Korea spending under $7
    billion?", "more than 80% of workers", "$7bn or more") and a rough magnitude ("does
    training cost hundreds of billions?"), which the entry's figures must be in (see
    bound_gap); not two bounds or magnitudes offered as alternatives ("above or below $7
    billion?", "millions or billions?": which of them, the entry's figure answers), nor a
    count asked in a magnitude ("how many millions ...?"), nor a rough magnitude someone
    has ("their billions"). Words are tokens, stop words kept."""
    found = _ranges(words)
    if not found:
        return ()
    modal = words[0] in _MODALS
    rough = [r for r, how, _ in found if how is None and not r.number]
    asked: list[Bounded] = []
    for value, how, (start, end) in found:
        before = words[max(0, start - 2) : start]
        if how is None and (value.number or "many" in (*before, words[start])):
            continue  # an exact figure, or a count asked: "how many million ...?"
        if how is None and (len(set(rough)) > 1 or not _POSSESSING.isdisjoint(before[-1:])):
            # "which needs billions and which millions?": which of them; "what are they
            # pouring their billions into?": no figure asked of them.
            continue
        if "or" in before or words[end : end + 1] == ["or"]:
            continue  # "above or below $7 billion", "millions or billions"
        phrase = _shown(words[start:end])
        numbers = frozenset({value.number} - {""})
        asked.append(Bounded(value, numbers, phrase, rough=how is None, some=modal))
    return tuple(asked)


def bound_gap(
    bounds: Sequence[Bounded], facts: Facts, asked_years: frozenset[str] = frozenset()
) -> Gap | None:
    """A figure asked as a range that the entry's figures of its kind are not in ("under $7
    billion" of "over $7 billion"), or do not all fall in ("under $500 billion" of $102.59
    billion and $815.98 billion), or that the entry gives no figure of its kind for: an
    AMOUNT gap naming the reader's range. Of the years asked, only the figures the entry
    gives for them count ("under $100 billion in 2025"). A rough magnitude ("billions") is
    met by a figure that starts in it ("over $7 billion")."""
    ranges = [Range.decode(r) for r in facts.ranges]
    if asked_years and facts.dated:
        of_years = {d.partition("@")[0] for d in facts.dated if d.partition("@")[2] in asked_years}
        if of_years:
            ranges = [r for r in ranges if not r.number or r.number in of_years]
    for bound in bounds:
        wanted = bound.range
        figures = [r for r in ranges if r.kind == wanted.kind]
        if bound.rough:
            met = any(Range(r.kind, r.low, r.low).within(wanted) for r in figures)
        elif bound.some:
            met = any(r.within(wanted) for r in figures)
        else:
            met = _bears_out(wanted, figures, facts.dated)
        if not met:
            return Gap(GapKind.AMOUNT, (bound.phrase,))
    return None


def _bears_out(wanted: Range, figures: Sequence[Range], dated: frozenset[str]) -> bool:
    """Whether an entry's figures of a kind are in the range a bound asks: all of them,
    or, when they disagree (96% of firms plan to raise spending by 15%: "at least 96%?"),
    the one clearly nearest the reader's number (a quarter as far, relatively, as any
    that disagrees: "over $500 billion?" of $102.59 billion in 2025 and $815.98 billion
    by 2032 is not settled), unless another is given for a later year ("up from 22% in 2023" beside
    88% in 2025 answers no "under 30%?"). Else the article does not settle it."""
    if not figures:
        return False
    inside = [r.within(wanted) for r in figures]
    if all(inside):
        return True
    if len(figures) < 2:
        return False
    # The reader's number: the end of the range that is not infinite ("nearly 100%": 100).
    asked = wanted.low if wanted.high == _INFINITY else wanted.high

    def distance(figure: Range) -> float:
        value = figure.low if figure.high == _INFINITY else figure.high
        return abs(value - asked) / max(abs(value), abs(asked), 1e-9)

    nearest = min(range(len(figures)), key=lambda i: distance(figures[i]))
    if not inside[nearest]:
        return False
    others = [distance(f) for f, ok in zip(figures, inside, strict=True) if not ok]
    if not all(4 * distance(figures[nearest]) < d for d in others):
        return False
    given: dict[str, str] = {}
    for pair in dated:
        number, _, year = pair.partition("@")
        given[number] = max(given.get(number, year), year)
    latest = given.get(figures[nearest].number)
    return latest is None or all(y <= latest for y in given.values())


def dated_figures(words: Sequence[str]) -> frozenset[str]:
    """Each figure of a text with the years it is given for, as "number@year": the years
    after it up to the next figure ("88% ... in 2025, up from 22% in 2023": {"88@2025",
    "22@2023"}; "between 2023 and 2025" both), else the last year before it ("In 2024 the
    market grew 67%": {"67@2024"}). Empty for a text without both. Words are tokens."""
    if not any(map(str.isdigit, words)):
        return frozenset()  # most texts: no number (told in C)
    stated = years(words)
    if not stated:
        return frozenset()
    found: set[str] = set()
    figure: str | None = None
    given: list[str] = []
    last_year: str | None = None
    before: str | None = None
    for word in (*words, "0"):  # a figure at the end closes the last run
        if not is_number(word):
            continue
        if word in stated:
            given.append(word)
            last_year = word
            continue
        if figure is not None:
            found.update(f"{figure}@{y}" for y in given)
            if not given and before is not None:
                found.add(f"{figure}@{before}")
        figure, given, before = word, [], last_year
    return frozenset(found)


# Words before a count of time that make it a point in time, not a length: "in 5 years",
# "within 2 years", "the next 10 years" (relative_years reads those).
_NOT_LENGTH_BEFORE = frozenset("in within next past last coming".split())
_NOT_LENGTH_AFTER = frozenset("ago from later old".split())
_RANGE_WORDS = frozenset("to and or".split())


def durations(words: Sequence[str]) -> frozenset[str]:
    """The lengths of time a text gives, as "number unit" ("takes 6-18 months" or "6 to 18
    months": {"6 month", "18 month"}; "5-10 years": {"5 year", "10 year"}); not a point in
    time ("in 5 years", "2 years ago"). Words are tokens ("6-18" is "6 18")."""
    if _TIME_UNITS.isdisjoint(words):
        return frozenset()  # most texts
    found: set[str] = set()
    for i, word in enumerate(words):
        if word not in _TIME_UNITS or i == 0 or not is_number(words[i - 1]):
            continue
        after = words[i + 1] if i + 1 < len(words) else ""
        if after in _NOT_LENGTH_AFTER:
            continue
        unit = word.removesuffix("s")
        at = i - 1
        counted = [words[at]]
        # "6 18 months", "6 to 18 months": the unit is both numbers'.
        if at >= 1 and is_number(words[at - 1]):
            at -= 1
            counted.append(words[at])
        elif at >= 2 and words[at - 1] in _RANGE_WORDS and is_number(words[at - 2]):
            at -= 2
            counted.append(words[at])
        if at >= 1 and words[at - 1] in _NOT_LENGTH_BEFORE:
            continue
        found.update(f"{n} {unit}" for n in counted)
    return frozenset(found)


def amounts(words: Sequence[str]) -> frozenset[str]:
    """Numbers that are amounts: followed by a magnitude, currency, percent or "times".

    "20" in "a 20-person firm" is not one: a reader's context is not a constraint.
    """
    return frozenset(
        w for w, after in pairwise(words) if after in _UNIT_AFTER_NUMBER and is_number(w)
    )


# What a figure is counted or measured of: "how many jobs", "what percentage of firms",
# "how much electricity"; what a duration runs until ("how many months until it pays
# back"); and what a yes-or-no question asks whether something has ("does Peru have a
# port law?", "is there a port law in Peru?": the thing itself, its last word).
_HOW_LONG_UNTIL = (
    r"\b(?:how long|how many (?:years|months|weeks|days|hours|decades)|how much time)\b"
    # The last word after an "until" (a look-ahead, then one greedy run to the last space:
    # ".*...(?:\w+ )*?" backtracked for seconds on a long text of "how long" and "to").
    r"(?=.*\b(?:until|till|before|to) \S)(?:.* )?(?P<c>[a-z]+)$"
)
_HOW_MANY = r"\bhow (?:many|much) (?P<a>[a-z]+(?: [a-z]+)?)"
# "Korea's market size", "the market value of X": what the measure is of.
_MEASURE_OF = (
    r"\b(?!(?:the|a|an|its|their|his|her|is|are|what|whats|which|of|total|overall)\b)"
    r"(?:(?P<f>[a-z]+) (?:size|valuation|worth)|(?P<mv>[a-z]+) value)\b"
    r"|\b(?:size|valuation|value|worth) of (?:[a-z]+ ){0,4}?(?P<g>[a-z]+)"
    r"(?: (?:in|of|for|by|at|from|with|this|next|last|now|today) .*)?$"
)
_SHARE_OF_AND_HAVING = (
    r"\b(?:percentage|percent|proportion|share|fraction|number) of (?:the |all |its |their )?"
    r"(?P<b>[a-z]+(?: [a-z]+)?)"
    r"|^(?:\w+ )?(?:does|do|did|has|have|will) (?:\w+ ){1,3}?(?:have|has|had|got|get|own|run)"
    r" (?:a |an |any |its own |their own |some )?(?:\w+ ){0,2}?(?P<d>[a-z]+)(?: (?:or not|yet))?$"
    r"|^(?:is|are|was|were) there (?:a |an |any |some )?(?:\w+ ){0,2}?(?P<e>[a-z]+)"
    r"(?: (?:in|for|at|of|under) \w+(?: \w+){0,2})?$"
)
# Chat, no question word: "vietnam law got fines or not", "the port have a lab anot".
_CHAT_HAVING = (
    r"^(?!(?:what|whats|which|who|whos|whom|whose|where|when|why|how|is|are|was|were|do"
    r"|does|did|has|have|will|can|could)\b)(?:\w+ ){1,4}?(?:got|have|has|had|get|gets)"
    r" (?:a |an |any |some |its own |their own )?(?:\w+ ){0,2}?(?P<k>[a-z]+)"
    r"(?: (?:or not|or no|anot|not|yet|already|or what))?$"
)
_COUNTED_OF_RE = re.compile(
    "|".join((_HOW_LONG_UNTIL, _HOW_MANY, _MEASURE_OF, _SHARE_OF_AND_HAVING, _CHAT_HAVING))
)
# Without any of these words (most questions) the measure and chat alternatives cannot
# match: the same search without them finds the same, sooner.
_MEASURE_OR_HAVE = frozenset("size valuation value worth got have has had get gets".split())
_COUNTED_BARE_RE = re.compile("|".join((_HOW_LONG_UNTIL, _HOW_MANY, _SHARE_OF_AND_HAVING)))
# What is done, which the entry must say: "what does the law ban?", "what will the port
# build next?" (the verb, last), by whom: "who drafted the law?", "who runs the port?", and
# how one does it: "how to contact her?", "port pass how to apply?".
# (Not a verb with a preposition, "what does it focus on?", "what is it aimed at?": the
# area it is about, which readers paraphrase; nor saying, showing or meaning: _SAYING.)
# Three kinds of question ask a deed of someone: what they have done, how something works,
# and whether they too do something. _ACTION_RE reads the deed of each, _ACTOR_RE whom it
# is asked of: each kind written once, with the part either captures.


def _what_has(doer: str, done: str) -> str:
    """ "what (AI rules) has Japan passed?": the pattern with `doer` for whom it asks of
    and `done` for the deed (each a group or not)."""
    return (
        rf"^(?:\w+ )?what (?:\w+ ){{0,2}}?(?:has|have|had) {doer}{done}"
        rf"(?: (?:so far|yet|already|exactly))?(?: {_PARTICLES})*$"
    )


def _how_works(thing: str, working: str) -> str:
    """ "How does the pass work?": the pattern with `thing` for what works and `working`
    for the verb."""
    return rf"\bhow (?:does|do|did|will|would|can|could) {thing}{working}"


def _also_or_not(doer: str, deed: str) -> str:
    """ "Acme also building ships or not?": the pattern with `doer` for who and `deed` for
    what they too would do."""
    return rf"^(?:(?:is|are|was|were|does|do|did|has|have) )?{doer}also {deed}\b(?:.*)\bor not\b"


_ACTION_RE = re.compile(
    r"^(?:\w+ )?what (?:does|do|did|will|would|can|could|should|must) (?:\w+ ){1,5}?"
    r"(?P<v>[a-z]+(?: to [a-z]+)?)(?: (?:exactly|now|then))?$"
    # "what (AI rules) has Japan passed?": what has been done (the last word, when
    # lemminflect reads it as a past participle: "paid", "grown"; not "women", "need").
    + "|"
    + _what_has(r"(?:\w+ ){1,4}?", r"(?P<p>[a-z]+)")
    + r"|^(?:\w+ )?who (?!(?:is|are|was|were|do|does|did|can|could|will|would|has|have|had"
    r"|should|must|may|might)\b)(?P<w>[a-z]+)"
    r"|\bhow (?:to|do i|can i|do you|can you|should i|would i|could i) (?P<h>[a-z]+)"
    # "How does the pass work?": how it works, which an entry saying only that it exists
    # or what it is for does not describe; the entry must speak of its working, and for
    # whom or where it works: "how does the pass work for tourists?" (Not of what the
    # sentence before names: "how did that example work?")
    + "|"
    + _how_works(
        r"(?!(?:this|that|these|those|such) )(?:\w+ ){1,5}?",
        r"(?P<k>works?|operates?|functions?)",
    )
    + r"(?: (?:for|in|at|with|on|across) (?:\w+ ){0,3}?\w+)?"
    rf"(?: (?:exactly|in practice))?(?: {_PARTICLES})*$"
    # "Acme also building ships or not?": a yes or no on what Acme does, which an entry
    # naming Acme for something else does not answer.
     + "|" + _also_or_not(r"(?:\w+ ){1,3}?", r"(?P<a>[a-z]+)")
)
# What a detail is: "what penalties does the law set?", "which rules apply?", "what fines
# under the law?": a wh-word, a noun, then a verb or preposition; an attribute of
# something named ("what is Acme's revenue in Peru?").
_DETAIL_RE = re.compile(
    # (a word may describe the noun: "what AI chips does Korea use" asks for chips)
    r"^(?:\w+ )?(?:what|which) (?:[a-z]+ )?(?P<c>[a-z]+) (?:does|do|did|is|are|was|were"
    r"|will|would|can|could|under|in|for|of|apply|applies|exist|exists)\b"
    r"|^(?:\w+ )?(?:what|whats) (?:is|are|was|were) (?!the |its |their |a |an )(?:[a-z]+ ){1,2}?"
    r"(?P<x>[a-z]+) (?:in|of|for|at|on|from|with)\b"
)
# Verbs that ask nothing of their own: "what does it do?", "what does X mean?".
_EMPTY_VERBS = frozenset(
    "do does did done mean means meant happen happens happened go goes gone get gets got had"
    " been seen".split()
)
# Nouns that frame what is asked rather than name it, and those the focus reads already.
_NOT_SUBJECTS = frozenset(
    "kind kinds type types sort sorts thing things way ways part parts one ones percent"
    " percentage figure figures number numbers amount amounts time times year years date"
    " countries country nations nation cities city companies company firms firm people"
    " person organisations organizations manufacturers banks startups brands products"
    " universities agencies institutions ministry ministries department regulator"
    " regulators authority body bodies official officials name names proportion proportions"
    " share shares fraction rate rates total level levels months month weeks week days day"
    " hours hour decades decade worth valuation"
    # Money is the figure asked, not what it is of ("how much money did they commit?").
    " money cash dollars dollar usd funds funding capital".split()
)
# What _subject never takes as a question's subject: framing nouns, the focus's own words
# and stop words (one set of 362 words, built once: the union took 4 to 9 us on every call).
_SKIP_SUBJECTS = _NOT_SUBJECTS | FOCUS_WORDS | STOP_WORDS


def asked_subjects(words: Sequence[str]) -> tuple[str, ...]:
    """What a question asks a figure of: "what percentage of jobs will go" -> ("jobs",),
    "how many ferries" -> ("ferries",); () for most questions. Words are tokens, stop words
    kept; the caller drops the article's scope and names. (What is done is
    :func:`asked_action`'s.)"""
    return _subject(_counted_re(words), words)


def _counted_re(words: Sequence[str]) -> re.Pattern[str]:
    """_COUNTED_OF_RE, or the same search without the alternatives these words cannot meet."""
    return _COUNTED_BARE_RE if _MEASURE_OR_HAVE.isdisjoint(words) else _COUNTED_OF_RE


def asked_action(words: Sequence[str]) -> tuple[str, ...]:
    """What is done, and by whom, when the question asks no figure: "what does the law
    ban?" -> ("ban",), "who drafted it?" -> ("drafted",), "how to apply?" -> ("apply",)
    (see _ACTION_RE), and in a chat question asked in place ("the law ban what kind of
    ships ah?" -> ("ban",)), which the entry must say as much as what a figure is of; ()
    for other questions, and for what someone says ("what does he recommend?": his words)."""
    if not _SAYING.isdisjoint(words) or _subject(_counted_re(words), words):
        return ()
    found = _subject(_ACTION_RE, words) or _in_place(words, _IN_PLACE_VERB_RE)
    return () if found[:1] and found[0] in _EMPTY_VERBS else found


# A question asked in place, as chat and regional English ask it: the wh-word after what
# is done ("the port ban what kind of ships ah?", "Acme use which licence?"), the verb
# right before it, and what is asked last (up to two words after it); not a topic put
# before a question of the usual order ("the reality check, what is it titled?").
_IN_PLACE_VERB_RE = re.compile(
    r"^(?:\w+ ){1,5}?(?!(?:is|are|was|were|be|do|does|did|has|have|had|can|could|will"
    r"|would|should|must|may|might|and|or|of|for|to|in|on|at|by|with|about)\b)(?P<v>[a-z]+)"
    r" (?:what|which)\b(?! (?:is|are|was|were|do|does|did|has|have|had|will|would|can|could"
    r"|should)\b)"
)
# The article itself as the doer of a question asked in place ("the article compare which
# two approaches?"): what it is about is asked, not a deed an entry must report.
_THE_ARTICLE = frozenset("article articles piece story writer author report text".split())
_IN_PLACE_DETAIL_RE = re.compile(
    r"^(?:\w+ ){1,6}?(?:what|which) (?!(?:is|are|was|were|do|does|did|has|have|had|will"
    r"|would|can|could|should)\b)"
    rf"(?:\w+ ){{0,2}}?(?P<n>[a-z]+)(?: {_PARTICLES})*$"
)


def _in_place(words: Sequence[str], pattern: re.Pattern[str]) -> tuple[str, ...]:
    """What a pattern of a question asked in place finds (the verb before the wh-word, or
    the noun asked), for a question that does not start with a wh-word; a verb only when
    lemminflect knows the word as one ("strict" in "rules strict, which side wins" is no
    deed). () for other questions (most: no wh-word, or one first)."""
    if not words or words[0] in WH_WORDS or ("what" not in words and "which" not in words):
        return ()
    found = _subject_in(pattern, " ".join(words))
    if found and pattern is _IN_PLACE_VERB_RE:
        from lemminflect import getAllLemmas  # the lexicon only when a question needs it

        if "VERB" not in getAllLemmas(found[0]):
            return ()
        at = words.index(found[0])
        doer = {w for w in words[:at] if w in _THE_ARTICLE or w not in STOP_WORDS}
        if doer and doer <= _THE_ARTICLE:
            return ()  # "the article compare which two approaches": what it is about
    return found


# Who a deed is asked of: "Acme also building ships or not?" (the words before "also",
# as _ACTION_RE's last alternative reads the deed after it), "how does the pass work?"
# (those before "work").
_ACTOR_RE = re.compile(
    _also_or_not(r"(?P<x>(?:\w+ ){1,3}?)", r"[a-z]+")
    + "|"
    + _how_works(r"(?P<y>(?:\w+ ){1,5}?)", r"(?:works?|operates?|functions?)")
    + r"\b"
    # "what (AI laws) has Japan passed?": who has done it (see _ACTION_RE's "p").
    + "|"
    + _what_has(r"(?P<z>(?:\w+ ){1,4}?)", r"[a-z]+")
)
_PERFECT = frozenset({"has", "have", "had"})


def deed_actor(words: Sequence[str]) -> tuple[str, ...]:
    """Who a question asks a deed of: "acme also building ships or not" -> ("acme",), "how
    does the ferry pass work" -> ("ferry", "pass"), "what routes has acme opened" ->
    ("acme",); () for other questions. The entry must
    say the deed of them (see :func:`check`'s clauses), not of someone or something else
    it names beside them ("whatever works for them" is not how the pass works). Words are
    tokens, stop words kept."""
    if "also" not in words and "how" not in words and _PERFECT.isdisjoint(words):
        return ()  # most questions
    match = _ACTOR_RE.search(" ".join(words))
    if match is None:
        return ()
    found = (match["x"] or match["y"] or match["z"] or "").split()
    if found[:1] and found[0] in _POINTING:
        return ()  # "how did that example work?": what the sentence before names
    return tuple(w for w in found if w not in STOP_WORDS and not is_number(w))


# Determiners by which a question points back at what was said before it ("that example",
# "these models"): the doer they name is not in the question.
_POINTING = frozenset("this that these those such".split())


# "which (Korean) companies ...", "what firms ...": organisations in general asked for
# (not "which manufacturers": a word for an industry too, which an entry may speak of).
_GROUP_RE = re.compile(
    r"^(?:\w+ )?(?:which (?:\w+ ){0,2}?|what )(?P<g>companies|company|firms|firm|businesses"
    r"|organizations|organisations|enterprises|corporations)\b"
)


def asked_group(words: Sequence[str]) -> str | None:
    """The kind of organisation a "which ...?" question asks for: "which companies have the
    edge" -> "companies"; None for other questions. An entry that says which ones by what
    they are ("companies with broad user bases") answers it as well as one naming them."""
    if "which" not in words and "what" not in words:
        return None
    match = _GROUP_RE.search(" ".join(words))
    return match["g"] if match else None


def group_deed(words: Sequence[str]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """What a "which companies ...?" question asks of them: its predicate, the first word
    after the kind of organisation ("which companies benefit most from big AI" ->
    ("benefit",)), and the words after it (("big", "ai")); ((), ()) for other questions.
    An entry describing the companies must say the predicate of them, and describe them
    by other words than these ("Big AI companies" is not who benefits from Big AI)."""
    if "which" not in words and "what" not in words:
        return (), ()
    match = _GROUP_RE.search(" ".join(words))
    if match is None:
        return (), ()
    after = match.string[match.end() :].split()
    rest = [
        w
        for w in after
        if w not in STOP_WORDS and w not in _RANKED_WORDS and not is_particle(w) and len(w) > 1
    ]
    return tuple(rest[:1]), tuple(rest[1:])


# Where one thing said ends and another begins in an entry's text (one doer's deed, one
# statement): a sentence, a colon or semicolon, an ellipsis, a bar, and the conjunctions
# that set one clause against another ("X leads ..., while Y releases ...", "whilst",
# "whereas", "but", "although", ", and").
CLAUSE_END_RE = re.compile(
    r"[.;:!?…|]+(?:\s|$)|\b(?:while|whilst|whereas|but|although)\b|,\s+and\b", re.IGNORECASE
)


# Nouns of a role someone holds in an organisation ("Acme's Peru chief", "the CEO of X"),
# or in a title in apposition ("Nigel Lee, General Manager for Singapore at Lenovo, says
# ..."): English, not article data.
ROLE_NOUNS = frozenset(
    "manager director president vp ceo cto cfo coo cio chief head officer founder cofounder"
    " chairman chairwoman chair partner analyst minister secretary spokesperson spokesman"
    " spokeswoman leader principal governor professor economist researcher executive"
    " commissioner adviser advisor boss owner gm mayor".split()
)
# A title's words: role nouns, the words that qualify them and the names of where they serve.
_TITLE_WORDS = ROLE_NOUNS | frozenset(
    "senior general vice deputy managing assistant associate regional country research global"
    " group lead for at of and the in & co-founder".split()
)
# A comma-delimited piece after a capitalised word: a candidate apposition.
_APPOSITION_RE = re.compile(r"(\b[A-Z][\w.'’-]*), ([^,.;:!?\"“”]+?)(?:,|(?=[.;:!?](?:\s|$)|$))")


def apart_titles(text: str) -> str:
    """A text with each title in apposition to a person set apart as a sentence of its
    own: "Nigel Lee, General Manager for Singapore at Lenovo, says demand ..." -> "Nigel
    Lee. General Manager for Singapore at Lenovo. says demand ...". A place or firm named
    in someone's title is where they serve, not what the sentence says something of (so
    Singapore does not "pass legislation" with what Lee reports). A piece is a title when
    each word is capitalised or a word of titles ("senior", "for", "at") and one is a role
    noun ("Manager", "Director", "VP")."""
    if ", " not in text:
        return text

    def apart(match: re.Match[str]) -> str:
        words = match.group(2).split()
        titled = all(w[:1].isupper() or w.lower() in _TITLE_WORDS for w in words)
        if titled and any(w.lower() in ROLE_NOUNS for w in words):
            return f"{match.group(1)}. {match.group(2)}."
        return match.group(0)

    return _APPOSITION_RE.sub(apart, text)


def text_clauses(text: str) -> list[str]:
    """An entry's answer or quote cut where it turns to another doer or statement (see
    CLAUSE_END_RE): "OpenAI epitomises Big AI, while Meta releases models." -> ["OpenAI
    epitomises Big AI, ", " Meta releases models", ""] (empty pieces kept; the caller
    reads each piece's keywords)."""
    return CLAUSE_END_RE.split(text)


def compared_on(words: Sequence[str]) -> tuple[str, ...]:
    """What a comparison is made on: the word after the comparative ("which is faster to
    build, X or Y?" -> ("build",), "is X better at coding?" -> ("coding",)), and in a
    question that compares, the comparative itself when it names a measure ("X vs Y, which
    is cheaper?" -> ("cheaper",); not "more", "better": no measure of their own); () for
    other questions. Faster returns are not faster to build, nor cheaper: the entry must
    speak of it. Words are tokens, stop words kept."""
    if _IRREGULAR_COMPARATIVES.isdisjoint(words) and not any(map(_ENDS_ER, words)):
        return ()  # no comparative (most questions; both tests in C)
    found: list[str] = []
    comparison = asks_comparison(words)
    for i, word in enumerate(words):
        if not is_comparative(word):
            continue
        after = words[i + 1 : i + 3]
        if after[:1] in (["to"], ["at"]) and len(after) == 2:
            on = after[1]
            if not (on in STOP_WORDS or on in _EMPTY_VERBS or len(on) < 3 or is_number(on)):
                found.append(on)
        if comparison and word not in _IRREGULAR_COMPARATIVES and not found:
            found.append(word)
        if found:
            break
    return tuple(found)


# "what is in Korea's AI act?", "what does the charter say?", "what's inside the plan":
# what a document holds, asked of it by its name (the noun right before the verb or the
# end); the caller keeps it only when the knowledge never writes it (a document the
# article never mentions, whatever else it says of the place).
_CONTENTS_RE = re.compile(
    r"^(?:\w+ ){0,2}?whats? (?:(?:is|s|are|was|were) )?(?:in|inside|written in|included in) "
    r"(?:\w+ ){0,4}?(?P<n>[a-z]+)(?: {_P})*$"
    r"|^(?:\w+ ){0,2}?what (?:does|do|did|will) (?:\w+ ){1,4}?(?P<m>[a-z]+)"
    r" (?:say|says|contain|contains|include|includes|cover|covers|state|states|require|requires"
    r"|stipulate|stipulates|set out|lay out|spell out)(?: {_P})*$".replace("{_P}", _PARTICLES)
)  # (the particles in both alternatives: "what's in the plan ah")


def asked_contents(words: Sequence[str]) -> tuple[str, ...]:
    """The document a question asks what it holds: "what is in korea ai act" -> ("act",),
    "what does the charter say" -> ("charter",); () for other questions (most). Words are
    tokens, stop words kept."""
    if "what" not in words and "whats" not in words:
        return ()
    match = _CONTENTS_RE.search(" ".join(words))
    if match is None:
        return ()
    noun = match["n"] or match["m"]
    return () if noun in STOP_WORDS else (noun,)


def asked_details(words: Sequence[str]) -> tuple[str, ...]:
    """The detail a question asks for: "what penalties does the law set" -> ("penalties",),
    "what fines under the law" -> ("fines",). A paraphrase ("what priorities does he set")
    is as likely as a detail, so the caller keeps only words the knowledge never uses; and
    what someone says, advises or thinks ("what framework does he recommend?") is their
    statement, whatever the reader calls it: no detail."""
    if not _SAYING.isdisjoint(words):
        return ()
    found = _subject(_DETAIL_RE, words) or _in_place(words, _IN_PLACE_DETAIL_RE)
    return () if found[:1] and found[0] in _EMPTY_VERBS else found


# Verbs of saying, advising and thinking: "what X does he recommend" asks for a statement.
_SAYING = frozenset(
    "say says said recommend recommends recommended suggest suggests suggested propose"
    " proposes proposed advise advises advised give gives gave offer offers see sees think"
    " thinks believe believes describe describes mention mentions call calls urge urges"
    " predict predicts expect expects stress stresses highlight highlights argue argues"
    " quote quoted quotes indicate indicates indicated show shows showed shown signal signals"
    " imply implies implied reveal reveals revealed mean means meant tell tells".split()
)


def _subject(pattern: re.Pattern[str], words: Sequence[str]) -> tuple[str, ...]:
    """The noun the pattern finds, with the next word when it may be part of it ("office
    workers": either names it); none for a word that frames what is asked."""
    if len(words) < 3:
        return ()
    return _subject_in(pattern, " ".join(words))


def _only_verb(word: str) -> bool:
    """Whether a word is only ever a verb ("add", "create", "bring"; not "market", "brand"),
    by lemminflect's lemmas: before "value" such a word is what is done ("add value for
    businesses"), not what a value is of (review-5 P2-4)."""
    kinds = word_kinds(word)
    return "VERB" in kinds and "NOUN" not in kinds


@lru_cache(maxsize=8192)
def word_kinds(word: str) -> frozenset[str]:
    """The parts of speech lemminflect knows a word as ({"NOUN", "VERB"} for "use"; empty
    for a word it does not know), remembered: a lookup costs tens of microseconds."""
    from lemminflect import getAllLemmas  # the lexicon only when a word needs it

    return frozenset(getAllLemmas(word))


def _past_participle(word: str) -> bool:
    """Whether lemminflect reads a word as the past participle of one of its verbs
    ("paid", "grown", "banned", "set"; not "women", "sweden", "speed", "need")."""
    from lemminflect import getAllLemmas, getInflection  # only when a question needs it

    return any(
        word in getInflection(lemma, tag="VBN") for lemma in getAllLemmas(word).get("VERB", ())
    )


# What _subject_in found, by the pattern's source and flags and the text. Not an lru_cache:
# its key would hash the compiled pattern, and a pattern's hash reads all its compiled code
# on every call (1 to 2.5 us for the counted-of and action patterns, four times a question);
# a source string keeps its hash. Emptied when full.
_SUBJECTS_FOUND: dict[tuple[str, int, str], tuple[str, ...]] = {}
_MAX_SUBJECTS_FOUND = 4096


def _subject_in(pattern: re.Pattern[str], text: str) -> tuple[str, ...]:
    """:func:`_subject` of a text (its words joined by spaces), remembered: a question's
    subject and action search the same text."""
    key = (pattern.pattern, pattern.flags, text)
    found = _SUBJECTS_FOUND.get(key)
    if found is None:
        if len(_SUBJECTS_FOUND) >= _MAX_SUBJECTS_FOUND:
            _SUBJECTS_FOUND.clear()
        found = _SUBJECTS_FOUND[key] = _subject_search(pattern, text)
    return found


def _subject_search(pattern: re.Pattern[str], text: str) -> tuple[str, ...]:
    """What _subject_in gives, searched for."""
    match = pattern.search(text)
    found = next((w for w in match.groups() if w), "").split() if match else []
    if not found or found[0] in _SKIP_SUBJECTS or len(found[0]) < 3 or is_number(found[0]):
        return ()  # "what proportion of ...": the figure asked, not what it is of
    if match is not None and match.groupdict().get("mv") and _only_verb(found[0]):
        return ()  # "does it add value", "create value": a verb's object, no measure of it
    if match is not None and match.groupdict().get("p") and not _past_participle(found[0]):
        return ()  # "what has AI done for women": no deed last
    if is_comparative(found[0]):
        return ()  # "how much bigger ...": a comparison, not what the figure is of
    if found[1:2] == ["to"]:
        found = [found[0], *found[2:]]  # "promise to deliver"
    return tuple(
        w for w in found[:2] if w not in _SKIP_SUBJECTS and len(w) > 2 and not is_number(w)
    )


# Topics: what a question asks a figure or fact *about*, in the places English puts it:
# what is spent on ("how much is Korea spending on chips?"), the words before a measure
# ("the APAC cloud market", "the environmental impact"), what an impact is on ("the impact
# of AI on jobs"), and what a counted group does ("what % of employees trust AI?", "use AI
# at home"). An entry that never writes such a word (nor a synonym the thesaurus folds
# into it) is about another topic, whatever else it shares with the question: its figure
# for AI is no figure for chips (see :func:`topic_gap`).
_SPENDING = frozenset(
    "spend spends spending spent invest invests investing invested investment investments"
    " commit commits committed committing commitment commitments pledge pledges pledged"
    " pledging allocate allocates allocated allocating allocation fund funds funded funding"
    " pour pours poured pouring budget budgets budgeted earmark earmarks earmarked"
    " earmarking devote devotes devoted devoting put puts putting".split()
)
# Its verbs, whose object may follow them with no preposition ("invest robotics").
_SPENDING_VERBS = frozenset(
    "spend spends spent invest invests invested commit commits committed pledge pledges"
    " pledged allocate allocates allocated pour pours poured earmark earmarked devote"
    " devoted".split()
)
# Nouns of a measure, the words right before which say what it measures.
_MEASURES = frozenset(
    "market markets impact impacts industry industries sector sectors spending investment"
    " investments budget budgets adoption revenue revenues sales demand usage".split()
)
# Measures of a trade, which a gerund may name ("the gaming market", "the shipping
# industry"; not "the port pushing demand").
_TRADES = frozenset("market markets industry industries sector sectors".split())
_IMPACTS = frozenset("impact impacts effect effects".split())
# Prepositions that are no stop words.
_PREPOSITIONS = frozenset(
    "within among amongst across via per towards toward beyond despite versus vs upon onto"
    " amid along around behind beside besides near inside outside throughout".split()
)
_TOPIC_PREPOSITIONS = frozenset("on to in into towards toward for".split())
# Words that start no topic after a preposition: determiners (the reader's own, "for my
# bakery", starts none: their setup, not what they ask).
_TOPIC_DETERMINERS = frozenset("the a an its their his her this that these those".split())
_READERS_OWN = frozenset("my our your me us you i".split())
# Words that qualify a measure without naming a topic ("the total market", "its likely
# impact"): English.
_FRAMING_MODIFIERS = frozenset(
    "total overall current expected projected estimated potential likely real actual whole"
    " entire annual yearly future possible main combined net gross average typical latest"
    " recent present today todays biggest largest big large huge exact approximate"
    " forecast forecasted predicted anticipated full final eventual same new".split()
)
# Words between a counted group and what it does ("what % of employees in Asia (do) ..."):
# auxiliaries and adverbs, passed over.
_GROUP_VERB_SKIP = frozenset(
    "who that which do does did will would can could are is were was be been being have has"
    " had now actually really already currently regularly still even also".split()
)
_COUNTING = frozenset("percentage percent proportion share fraction number many".split())
_TOPIC_NEEDLES = _SPENDING | _MEASURES | _IMPACTS | _COUNTING


def _phrase_after(words: Sequence[str], at: int) -> list[str]:
    """The words of the noun phrase starting at `at` (a leading determiner and framing words
    passed over: "the new harbour"), up to three, ending at a stop word, a verb or an
    amount; [] when the reader's own starts it ("for my bakery")."""
    if at < len(words) and words[at] in _READERS_OWN:
        return []
    if at < len(words) and words[at] in _TOPIC_DETERMINERS:
        at += 1
    found: list[str] = []
    for k, word in enumerate(words[at : at + 3], start=at):
        if word in STOP_WORDS or word in WH_WORDS or is_particle(word):
            break
        if found and _only_verb(word):
            break  # the phrase ended ("the impact on employment differ ...")
        if word in _QUANTITY_AFTER:
            break  # "to seven billion": an amount, not a topic
        if is_number(word) and words[k + 1 : k + 2] and words[k + 1] in _UNIT_AFTER_NUMBER:
            break  # "on 7 billion": an amount, not a topic
        if word not in _FRAMING_MODIFIERS:  # "to the new harbour": the harbour
            found.append(word)
    return found


def _modifies(word: str) -> bool:
    """Whether a word right before a measure may say what it measures ("cloud", "chip",
    "environmental"): no stop word, number, framing ("total", "expected"), comparison, nor
    a verb's form ("upping AI investment", "pushing demand")."""
    if word in STOP_WORDS or word in WH_WORDS or is_number(word) or word in _FRAMING_MODIFIERS:
        return False
    if word in _DENIALS or word in _PREPOSITIONS:
        return False  # "without spending", "across sectors"
    if word.endswith(("ing", "ed")) and _only_verb(word):
        return False  # (the lexicon only for such words: "ai market" loads none)
    return not (is_superlative(word) or is_comparative(word))


def _gerund_modifies(before: Sequence[str], word: str) -> bool:
    """Whether a verb's -ing form right before a measure names what it measures: after a
    determiner, at most one word between ("the gaming market", "the apac gaming
    market"); not a verb's ("was pushing demand", "upping AI investment")."""
    if not word.endswith("ing") or word in STOP_WORDS or not _only_verb(word):
        return False
    return any(w in _TOPIC_DETERMINERS for w in before[-2:]) and not any(
        w in STOP_WORDS and w not in _TOPIC_DETERMINERS for w in before[-1:]
    )


# Words of a quantity that may follow a verb of spending ("commit seven billion").
_QUANTITY_AFTER = (
    _QUANTITY_WORDS
    | _UNIT_AFTER_NUMBER
    | frozenset(
        "thirteen fourteen sixteen seventeen eighteen nineteen sixty seventy eighty ninety".split()
    )
)


def _object_noun(word: str) -> bool:
    """Whether a word right after a verb of spending is what is spent on ("invest
    robotics", as the thesaurus folds "put into robotics"): a noun or a word the lexicon
    does not know, not a number, an adverb ("invested heavily") or a stop word."""
    if word in STOP_WORDS or is_number(word) or word.endswith("ly") or word in _QUANTITY_AFTER:
        return False
    kinds = word_kinds(word)
    return not kinds or "NOUN" in kinds


def asked_topics(words: Sequence[str]) -> tuple[str, ...]:
    """The words of what a question asks about, in English's topic places (see above):
    "how much is korea spending on chips" -> ("chips",), "how big is the apac cloud market"
    -> ("cloud",), "what is the environmental impact of ai" -> ("environmental",),
    "... use ai at home" -> ("home",) (what the group does: :func:`counted_deed`); () for
    most questions. Words are tokens, stop words kept; the caller drops the
    article's scope, names, years and words that frame."""
    if _TOPIC_NEEDLES.isdisjoint(words):
        return ()  # most questions
    found: list[str] = []
    for i, word in enumerate(words):
        if word in _SPENDING and not (i and words[i - 1] in _DENIALS):
            # (Not "without spending on infra": what the reader would not spend on.)
            # What is spent on: after the first preposition within a few words ("commit
            # over usd 7 billion to ai"), or right after a verb whose preposition the
            # thesaurus folded into it ("put into 5g": "invest 5 g").
            window = words[i + 1 : i + 6]
            at = next((j for j, w in enumerate(window) if w in _TOPIC_PREPOSITIONS), None)
            if at is not None:
                found.extend(_phrase_after(words, i + 2 + at))
            elif word in _SPENDING_VERBS and window and _object_noun(window[0]):
                found.extend(_phrase_after(words, i + 1))  # "putting into robotics"
        if word in _MEASURES and i and _modifies(words[i - 1]):
            found.append(words[i - 1])  # "the cloud market": the word right before it
        elif word in _TRADES and i > 1 and _gerund_modifies(words[: i - 1], words[i - 1]):
            found.append(words[i - 1])  # "the (APAC) gaming market"
        if word in _IMPACTS:
            # "the impact of AI on jobs": what it is an impact on.
            window = words[i + 1 : i + 5]
            at = next((j for j, w in enumerate(window) if w == "on"), None)
            if at is not None:
                found.extend(_phrase_after(words, i + 2 + at))
    if not _COUNTING.isdisjoint(words):
        found.extend(_group_deed_words(words)[1:])  # the setting ("at home"); see counted_deed
    # (A single letter is no topic, but a digit is: "5g" is "5" and "g".)
    return tuple(dict.fromkeys(w for w in found if len(w) > 1 or w.isdigit()))


# What a person does or did in their own life (English verbs, in their forms, written
# out: a set lookup on each word, so that lemminflect's lexicon is not loaded for the
# many questions with a name before a verb, "has Korea committed"): where
# they studied, were born or grew up, live, whom they married. An article quoting someone
# rarely says it, and the places and years it gives are not where or when they did it.
_LIFE_VERBS = frozenset(
    """
    study studies studied born raised grow grew grown live lives lived graduate graduates
    graduated attend attends attended marry married retire retired
    """.split()
)
# Those that are a life event only with their particle ("grow up"; "the market will grow").
_LIFE_PARTICLES = {"grow": "up", "grew": "up", "grown": "up"}
# The auxiliaries of a question asked of someone ("where did Lee study", "when was he born").


def life_events(words: Sequence[str], named: Callable[[str], bool]) -> tuple[str, ...]:
    """The verbs of what a question asks someone did in their own life: right after a
    name (`named` tells a name's word) that an auxiliary comes before, or with a question
    word right after ("where did nigel lee study" -> ("study",), "when was giron born" ->
    ("born",), "giron grew up where" -> ("grew",)); () for other questions ("what did the
    Microsoft study find?": no auxiliary right before the name; "how fast will APAC
    grow?", "where do most employees live?").
    Words are tokens."""
    if _LIFE_VERBS.isdisjoint(words):
        return ()  # most questions
    found = []
    for i in range(1, len(words)):
        word = words[i]
        if word not in _LIFE_VERBS or not named(words[i - 1]):
            continue
        after = words[i + 1 : i + 3]
        particle = _LIFE_PARTICLES.get(word)
        if particle is not None and after[:1] != [particle]:
            continue
        if particle is not None:
            after = after[1:]
        if _asked_of_name(words, i, named) or (after and after[0] in WH_WORDS):
            found.append(word)
    return tuple(found)


# Words by which a question asks about someone's past, before what the article reports
# ("what did Lee do before joining Lenovo?", "where did Giron work previously?").
PAST_MARKERS = frozenset("before previously formerly prior earlier former".split())


def past_deeds(words: Sequence[str], named: Callable[[str], bool]) -> tuple[str, ...]:
    """The verbs of what a question asks someone named did before the time the article
    reports: the verb right after their name, after an auxiliary, in a question that says
    "previously", "formerly" or "before" something ("what did nigel lee do before joining
    lenovo" -> ("do",), "which firm did giron work for before forrester" -> ("work",));
    () for other questions ("what did Korea commit before 2024?" asks a year, which the
    year check reads; "did Giron say this before?" asks no deed of a past career).
    Words are tokens."""
    if PAST_MARKERS.isdisjoint(words):
        return ()  # most questions
    at = next(i for i, w in enumerate(words) if w in PAST_MARKERS)
    after = words[at + 1] if at + 1 < len(words) else ""
    if words[at] in ("before", "prior", "earlier") and not (
        named(after) or after.endswith("ing") or after in ("that", "then", "this", "he", "she")
    ):
        return ()
    return next(
        (
            (words[i],)  # "did nigel lee do", "did giron work"
            for i in range(2, at)
            if not named(words[i])
            and words[i] not in STOP_WORDS - {"do"}
            and _asked_of_name(words, i, named)
        ),
        (),
    )


def _asked_of_name(words: Sequence[str], at: int, named: Callable[[str], bool]) -> bool:
    """Whether the word at `at` is asked of a name right before it, an auxiliary opening
    that name ("did nigel lee study", "was giron born"): a deed of someone the question
    asks about, not a noun the name describes ("the Microsoft study")."""
    start = at - 1
    if start < 0 or not named(words[start]):
        return False
    while start > 0 and named(words[start - 1]):
        start -= 1  # the name's first word ("nigel" of "nigel lee")
    return start > 0 and words[start - 1] in _YES_NO_START


def counted_deed(words: Sequence[str]) -> tuple[str, ...]:
    """What a counted group does or is, its verb or adjective: "what % of employees in
    asia trust ai" -> ("trust",), "how many employees are comfortable using ai" ->
    ("comfortable",); () for most questions. Readers paraphrase such verbs ("rely on",
    "apply" for "use"), so the caller keeps only those the knowledge never uses. Words are
    tokens, stop words kept."""
    if _COUNTING.isdisjoint(words):
        return ()  # most questions
    return tuple(_group_deed_words(words)[:1])


def _group_deed_words(words: Sequence[str]) -> list[str]:
    """What a counted group does or is: "what % of employees in asia trust ai" -> ["trust"],
    "... are afraid of ai" -> ["afraid"],
    "... use ai at home" -> ["use", "home"] (the verb, and the setting of a bare "at":
    "at home", not "at their company"); [] when the verb leads to another ("plan to
    raise", "expect to grow": what they would do is asked in other words)."""
    at = next((i for i, w in enumerate(words) if w in _COUNTING), None)
    if at is None or (words[at] == "many" and words[at - 1 : at] != ["how"]):
        return []
    rest = list(words[at + 1 : at + 12])
    while rest and rest[0] in ("of", *_TOPIC_DETERMINERS):
        rest = rest[1:]
    if len(rest) < 2 or rest[0] in STOP_WORDS:
        return []
    rest = rest[1:]  # the group: one word ("employees"; "asian employees" is not read)
    if rest and rest[0] in ("in", "from", "across", "at"):
        # Where the group is ("in south korea"): up to the first word that may be a verb.
        rest = rest[1:]
        for _ in range(2):
            if rest and "VERB" not in word_kinds(rest[0]):
                rest = rest[1:]
    while rest and rest[0] in _GROUP_VERB_SKIP:
        rest = rest[1:]
    if not rest or rest[0] in STOP_WORDS or is_number(rest[0]) or rest[1:2] == ["to"]:
        return []
    if rest[1:2] and rest[1].endswith("ing") and "VERB" in word_kinds(rest[1]):
        return []  # "anticipate boosting": what they would do, in other words
    if rest[0] in _INTENDING:
        return []  # "expect higher budgets", "foresee growth": what they would do
    if word_kinds(rest[0]).isdisjoint(("VERB", "ADJ")):
        return []  # "are afraid of AI": what they are, too
    found = [rest[0]]
    for w, after in pairwise(rest):
        if w == "at" and after not in STOP_WORDS and after not in _AT_IDIOMS:
            if "NOUN" in word_kinds(after) or not word_kinds(after):
                found.append(after)  # "at home", "at school"; not "at least"
            break
    return found


# Verbs of intending or expecting, which lead to what would be done ("anticipate higher
# budgets", "plan an increase"): English.
_INTENDING = frozenset(
    "plan plans planned planning intend intends intended intending expect expects expected"
    " expecting anticipate anticipates anticipated anticipating aim aims aiming hope hopes"
    " foresee foresees predict predicts forecast forecasts project projects want wants wish"
    " seek seeks consider considers look looks prepare prepares prepared preparing"
    " envisage envisages envision envisions eye eyes target targets".split()
)
# Words after "at" that set no place: "at least", "at first", "at present".
_AT_IDIOMS = frozenset("least first last present large times moment all best worst".split())


def topic_gap(topics: frozenset[str], uses: Container[str] | None) -> Gap | None:
    """A topic the question asks about (see :func:`asked_topics`, as keywords) that the
    entry never writes: it states something of another topic ("$7 billion to AI" for
    "spending on chips"), which the reply must not pass off as the one asked."""
    if uses is None or not topics:
        return None
    missing = sorted(t for t in topics if t not in uses)
    return Gap(GapKind.SUBJECT, tuple(missing)) if missing else None


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
    # It denies or sets something aside ("doesn't need", "without", "rather than").
    negates: bool = False
    # Its answer or quote gives a cause or purpose (see gives_reason).
    causal: bool = False
    # An editor wrote a why-question among its phrasings: it explains what they ask.
    explains: bool = False
    # Keywords it names only in brackets, in passing ("Kestrel Power (Japan)"): not what
    # its figures are about.
    asides: frozenset[str] = frozenset()
    # Keywords of names it says what or who they are: "Ana Lim, head of ports", "X is",
    # or an editor's "What is X?" among its phrasings (see defined_in).
    defines: frozenset[str] = frozenset()
    # It compares: a comparative ("faster than", "larger counterparts"), "outperform",
    # "versus" (see compares).
    compares: bool = False
    # What it denies or sets aside, as stems: the first word after each denial ("doesn't
    # need" -> "need", "rather than replace" -> "replac").
    denies: frozenset[str] = frozenset()
    # It dates a statement: "said in March", "In 2024, Lee said" (see dates_saying).
    dates_saying: bool = False
    # It reports what someone says: "Giron says", "according to" (see reports_saying).
    reports: bool = False
    # Its figures with their scales, as values (see scaled_figures): "$7 billion" is 7e9.
    scaled: frozenset[str] = frozenset()
    # The lengths of time it gives, as "number unit" (see durations): "6 month".
    lengths: frozenset[str] = frozenset()
    # Its figures with the years they are given for, as "number@year" (see dated_figures).
    dated: frozenset[str] = frozenset()
    # Its figures as ranges of values, encoded (see figure_ranges): "over $7 billion" is
    # (7e9, inf), "hundreds of millions" [1e8, 1e9).
    ranges: frozenset[str] = frozenset()
    # Its amounts are round magnitudes only, none in digits: "Millions", "hundreds of
    # millions of dollars" (see rough_only); no exact figure.
    rough: bool = False

    @classmethod
    def of(
        cls,
        words: Sequence[str],
        names: frozenset[str],
        places: frozenset[str] = frozenset(),
        *,
        explains: bool = False,
        asides: frozenset[str] = frozenset(),
        defines: frozenset[str] = frozenset(),
    ) -> Facts:
        """words: the entry's answer and quote as tokens; names: name keywords it mentions;
        places: those of its names that are places (countries, regions); explains: one of
        its phrasings asks why (see :func:`asks_why`)."""
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
            units=units(words) | stated_counts(words),
            ranks=_ranks(words),
            directions=directions(words),
            negates=not _DENIALS.isdisjoint(words),
            causal=gives_reason(words),
            explains=explains,
            asides=asides,
            defines=defines,
            compares=compares(words),
            denies=denied_after(words),
            dates_saying=dates_saying(words),
            reports=reports_saying(words),
            scaled=scaled_figures(words),
            lengths=durations(words),
            dated=dated_figures(words),
            ranges=figure_ranges(words),
            rough=rough_only(words),
        )


# The currencies a text can write an amount in (the values of the currency tables).
_CURRENCIES = frozenset(_CURRENCY_WORDS.values()) | frozenset(_AMBIGUOUS_CURRENCIES.values())
# Words that make a bare magnitude an amount of money ("Investment Required | Millions").
_MONEY_WORDS = frozenset(
    "invest invested investing investment investments cost costs costing spend spending spent"
    " budget budgets funding funded fund funds price prices priced money capital"
    " expenditure outlay".split()
)


def in_article_currency(entries: Sequence[tuple[Facts, Sequence[str]]]) -> tuple[Facts, ...]:
    """An article's facts, each entry's bare amounts of money put in the article's currency.

    An article that writes every amount it names a currency of in one currency writes its
    bare magnitudes of money in it too: a comparison table's "Investment Required |
    Millions" in an article of dollar figures is in dollars, so "how much $ does it need?"
    is met. Only then: an article with two currencies (or none) leaves every entry as it
    is, and so does an entry with a currency of its own, with no magnitude word
    ("millions"), or with no word of money (a count of people in millions is no amount).
    entries: (facts, the words of its answer and quote as tokens), one per entry."""
    found = frozenset().union(*(facts.units & _CURRENCIES for facts, _ in entries))
    if len(found) != 1:
        return tuple(facts for facts, _ in entries)
    return tuple(
        replace(facts, units=facts.units | found)
        if facts.units & _COUNTS
        and not facts.units & _CURRENCIES
        and not _MONEY_WORDS.isdisjoint(words)
        else facts
        for facts, words in entries
    )


_BRACKETS_RE = re.compile(r"\(([^()]*)\)")


def bracketed(text: str) -> tuple[str, str]:
    """(inside, outside): a text's words in brackets, and the rest ("Kestrel Power (Japan)"
    -> ("Japan", "Kestrel Power  "))."""
    inside = " ".join(_BRACKETS_RE.findall(text))
    return inside, _BRACKETS_RE.sub(" ", text) if inside else text


def asks_why(words: Sequence[str]) -> bool:
    """Tell whether a question (tokens, stop words kept) asks why, a reason or what a
    thing's significance is ("why does it matter?")."""
    return _WHY_RE.search(" ".join(words)) is not None


def asks_cause(words: Sequence[str]) -> bool:
    """Tell whether a question (tokens, stop words kept) asks why for a cause or a purpose:
    what :func:`check` holds a REASON focus to. "Why does it matter?", "why is the law
    important?" ask what follows from a thing (:func:`focus_of` reads no focus there)."""
    return _SIGNIFICANCE.isdisjoint(words) and asks_why(words)


# Verbs of a choice and adjectives of merit in a why-question ("why use X?", "why would a
# firm choose X?", "why is X good for Y?"): English, not article data. (Not comparatives:
# "why is X cheaper?" asks why, which the comparison itself does not say.)
_CHOICE_WORDS = frozenset(
    "use uses using choose chooses choosing chose pick picks picking prefer prefers preferred"
    " adopt adopts adopting opt opts select selects go going switch switching bother"
    " good great better best useful worth ideal suitable suited preferable popular attractive"
    " appealing sensible smart wise".split()
)


def asks_merit(words: Sequence[str]) -> bool:
    """Tell whether a why-question (tokens, stop words kept) asks what speaks for a choice:
    a verb of choosing or an adjective of merit after "why" ("why use Small AI for a
    chatbot?", "why is Small AI good for small firms?"). An entry that compares the choices
    ("outperform their larger counterparts", "faster, measurable returns") answers it;
    "why did Korea commit $7bn?" asks a cause, and "why are small models cheaper?" the
    cause of a comparison, which only a reason answers (the comparison is what is asked)."""
    at = next((i for i, w in enumerate(words) if w == "why"), None)
    return at is not None and not _CHOICE_WORDS.isdisjoint(words[at + 1 :])


def phrasings_explain(question: Sequence[str], alternates: Iterable[Sequence[str]]) -> bool:
    """Tell whether an entry gives reasons, by the questions an editor wrote for it (tokens,
    stop words kept): its own question asks why ("Why does the debate matter?": the entry
    as a whole is an explanation), or an alternate asks for a cause ("Why do big firms need
    huge datasets?"). An alternate asking only why a thing matters ("Why is Vietnam's law
    important?") says the entry states what follows from it, no reason for anything else:
    "why is Vietnam making a law?" is not answered by it."""
    return asks_why(question) or any(map(asks_cause, alternates))


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
    # "Did they cut it?" when the entry measures something and reports no cut or fall.
    DECREASE = "decrease"
    NAMED = "named"
    # A name the article does mention, but not in the entries that answer this question.
    MENTIONED = "mentioned"
    # "Which countries do not use Big AI?" when the entry only says who does.
    NEGATION = "negation"
    # "Why ...?" when the entry states the fact but gives no reason for it.
    REASON = "reason"
    # "What is Forrester?" when the entry names it without saying what it is.
    DEFINITION = "definition"
    # "Is Meta bigger than OpenAI?" when the entry compares nothing.
    COMPARISON = "comparison"
    # "Where does she live?" when the entry names no place (but those asked about).
    PLACE = "place"
    # "What percentage of jobs ...?", "what penalties ...?": the entry's figure or
    # statement is of something else.
    SUBJECT = "subject"
    # "How accurate is X?": a measure of a quality the entry does not speak of.
    QUALITY = "quality"
    # "What does the law ban?", "who drafted it?": what is done, which the entry does not
    # say (named as the reader's question: "who drafted it").
    ACTION = "action"
    # "How big is the global market?" when the entry speaks of a region only: the whole
    # world (the values: the reader's words for it) is not what it is about.
    REGION = "region"
    # "Should I invest in X?" when the entry gives no advice.
    ADVICE = "advice"
    # "How much exactly ...?" when the entry's figure is a bare magnitude ("millions").
    EXACT = "exact"
    # "What did Meta say?" when the entry reports nothing Meta says (values: the name).
    QUOTED = "quoted"
    # "Is Acme also building ships?" when the entry says it of another firm, not of Acme
    # (values: the name asked about).
    SAID_OF = "said_of"
    # "What does Small AI cost?" when the entry states the fact only of another kind the
    # article sets against it (Big AI: the thesaurus's contrasts); values: the kind asked.
    CONTRAST = "contrast"


@dataclass(frozen=True, slots=True)
class Gap:
    """What the question asks that the entry does not state, with the words concerned."""

    kind: GapKind
    values: tuple[str, ...] = ()


# How an entry is known to speak of a kind: a keyword it uses ("hybrid"), or two it writes
# side by side (("ai", "small") of "Small AI", in sorted order: not "small companies").
Signature = str | tuple[str, str]


@dataclass(frozen=True, slots=True)
class Contrasted:
    """Of one set of kinds that exclude each other (a thesaurus's ``contrasts``: Big AI,
    Small AI, hybrid), the kinds a question names and the others, each as the signatures
    by which an entry speaks of it (see Signature)."""

    names: tuple[str, ...]
    asked: tuple[Signature, ...]
    others: tuple[Signature, ...]


@dataclass(frozen=True, slots=True)
class SaidOf:
    """A yes or no on something named: "Is Acme also building ships?", "does Acme sell
    ferries?", "Acme also got a port or not?" (see :func:`said_of_gap`).

    subject: the name's keywords ("acme"); predicate: the keywords of what is asked of it
    ("build", "ship"), those the knowledge uses; also: it asks whether it too does so."""

    subject: frozenset[str]
    predicate: frozenset[str]
    also: bool
    # Words of what is asked that the knowledge never uses ("sell servers"): no clause of
    # any entry says them.
    unheard: frozenset[str] = frozenset()
    # Of the unheard words of a claim the reader asks to have checked (see
    # claim_question), those that name something (capitalised, or no English word): the
    # article cannot confirm what it never names ("Giron works at Gartner, right?").
    unheard_names: frozenset[str] = frozenset()
    # Of a claim to check, the first word of what it says of the name, the knowledge's
    # (the deed, mostly: "rely" in "China relies on Western models, right?"): what the
    # claim turns on, which a clause about the name must say whatever else it shares
    # ("... alternatives to Western models"). None for other questions.
    lead: str | None = None
    # Of a claim to check, the other names of what it says of the name ("Meta" in
    # "Microsoft backs Meta, right?"): each must be in a clause about the name, not only
    # beside it in the entry ("OpenAI, backed by Microsoft, ..., while Meta leads ...").
    with_names: frozenset[str] = frozenset()
    # The knowledge's name keywords: a clause of names only that has the name asked
    # ("Frederic Giron, VP at Forrester, says ...": "Frederic Giron" of "Giron") is a name
    # set apart by its title, of which the clauses after it speak.
    name_words: frozenset[str] = frozenset()
    # A claim the reader asks to have checked (see claim_question) of something named, not
    # of a kind: all of it must be said of the name, as with "also" ("Lee says demand is
    # driven by cost, right?" is not borne out by "driven by security requirements").
    claim: bool = False


# Words before the deed of a yes or no that are not it: "is China trying to replace ...",
# "does Acme plan to build ...", "is it really ...": the lead is the word after them.
LEAD_IN_WORDS = frozenset(
    "try tries trying tried attempt attempting plan plans planning planned want wants wanting"
    " wanted going seek seeks seeking aim aims aiming intend intends intending hope hopes"
    " hoping expect expects expected continue continues continuing start starts starting"
    " begin begins beginning really actually still already even just currently now"
    # Reporting verbs: of "Giron recommends designing for sovereignty, right?" the claim
    # is what is recommended, said in the quote.
    " recommend recommends recommended advise advises advised suggest suggests suggested"
    " believe believes believed argue argues argued note notes noted warn warns warned"
    " explain explains explained predict predicts predicted state states stated"
    " claim claims claimed".split()
)


def said_of_gap(said: SaidOf, clauses: Sequence[frozenset[str]]) -> Gap | None:
    """A yes or no on what a name does or is, which the entry says of something else:
    "is Acme also building ships?" of "Acme sells ferries, while Bolt builds ships".
    clauses: the keywords of each statement of the entry (see :func:`text_clauses`, a
    clause naming nothing joined to the one before). "Also" asks whether the name too does
    all of it: each word of it must be in a clause that names it. Without "also", at least
    half of it must (words no entry uses count as not said). An entry whose text never
    names it says nothing of it when "also" asks (one naming it only in its phrasings is
    not held to a plain yes or no)."""
    about = [c for c in clauses if not said.subject.isdisjoint(c)]
    for at, clause in enumerate(clauses[:-1]):
        if clause and (
            clause <= said.subject
            or (not clause.isdisjoint(said.subject) and clause <= said.name_words)
        ):
            # "Nigel Lee, General Manager ... at Lenovo, says ...": a name set apart by its
            # title (apart_titles) is what the title and the clause after it are said of.
            about.extend(clauses[at + 1 : at + 3])
    gap = Gap(GapKind.SAID_OF, tuple(sorted(said.subject)))
    if not about:
        return gap if said.also else None
    of_it = frozenset().union(*about)
    if (
        said.unheard_names
        or (said.lead is not None and said.lead not in of_it)
        or not said.with_names <= of_it
    ):
        return gap
    if said.also or said.claim:
        return None if said.predicate <= of_it and not said.unheard else gap
    # Without "also": at least half of what is asked, words never used counted too ("does
    # Acme make money from ferries?" of "Acme sells ferries": one word of three).
    asked = len(said.predicate) + len(said.unheard)
    return gap if 2 * len(said.predicate & of_it) < asked else None


# "What did Meta say about it?", "what does Acme think of ...": what something named says.
_SPEAKING = frozenset(
    "say said think thinks believe believes tell told claim argue comment predict recommend"
    " suggest propose advise warn".split()
)
_SPEAKER_RE = re.compile(
    r"^(?:\w+ )?what (?:did|does|do|has|have|would|will) (?P<x>(?:[\w-]+ ){1,3}?)"
    rf"(?:{'|'.join(sorted(_SPEAKING))})\b"
)
# The words by which a text reports what someone says (see reports_saying).
SAYING_WORDS = _SAYING_VERBS | frozenset(
    "according suggest suggests suggested believe believes think thinks".split()
)


# "Should I invest in X?", "would you recommend ...", "is it worth it for me": advice for
# the reader's own choice.
_ADVICE_RE = re.compile(
    r"^(?!(?:why|how|what|when|where|who|which)\b)(?:\w+ )?(?:should|shall|must) (?:i|we|my|our)\b"
    r"|\b(?:would|do|can|could) (?:you|u) (?:recommend|advise|suggest)\b"
    r"|\bis it (?:worth|wise|a good idea|smart)\b"
)
# A word each alternative of _ADVICE_RE needs.
_ADVICE_NEEDS = frozenset(
    "should shall must recommend advise suggest worth wise idea smart".split()
)
# Words by which a text gives advice (as the knowledge's keywords, see Asked.advice).
ADVICE_WORDS = frozenset("should recommend recommends advise advises advice suggest".split())


def asks_advice(words: Sequence[str]) -> bool:
    """Tell whether a question asks advice for the reader's own choice ("should I invest in
    X or Y?"), which an article reporting what others do does not give unless it advises.
    Words are tokens, stop words kept."""
    if _ADVICE_NEEDS.isdisjoint(words):
        return False  # most questions: no word the pattern needs
    return _ADVICE_RE.search(" ".join(words)) is not None


def asked_speaker(words: Sequence[str]) -> tuple[str, ...]:
    """The words naming whoever a question asks what they say: "what did Meta say about
    open models?" -> ("meta",); () for other questions. Words are tokens, stop words kept;
    the caller keeps the names among them."""
    if "what" not in words or _SPEAKING.isdisjoint(words):
        return ()  # most questions
    found = _SPEAKER_RE.search(" ".join(words))
    return tuple(found.group("x").split()) if found else ()


# What is asked that someone says something about: "what did Meta say about open models?"
# -> "open models" (after a verb of speaking, then "about", "on", "regarding" ...).
_TOPIC_RE = re.compile(
    rf"\b(?:{'|'.join(sorted(_SPEAKING))})\b(?: [\w-]+){{0,2}}? "
    r"(?:about|on|regarding|concerning|of) (?P<t>.+)$"
)


def asked_topic(words: Sequence[str]) -> tuple[str, ...]:
    """The words of what a question asks someone's words about: "what does Lee say about
    training costs" -> ("training", "costs"); () when it asks what they say at all. Words
    are tokens; the caller keeps the content words the knowledge uses."""
    found = _TOPIC_RE.search(" ".join(words))
    topic = found.group("t").split() if found else []
    # It ends where another question starts ("... about ASEAN? what year was that said").
    end = next((i for i, w in enumerate(topic) if w in WH_WORDS), len(topic))
    return tuple(topic[:end])


@dataclass(frozen=True, slots=True)
class Quoted:
    """Whoever a question asks what they say ("what did Meta say ...?": {"meta"}), the
    keywords of the words that report saying ("say", "accord"...), as the knowledge's,
    and those of what it asks they say something about ("... about open models?":
    {"open", "model"}; empty for what they say at all)."""

    speaker: frozenset[str]
    saying: frozenset[str]
    topic: frozenset[str] = frozenset()


def quoted_gap(
    quoted: Quoted, clauses: Sequence[frozenset[str]], reports: bool = False
) -> Gap | None:
    """What someone named says, asked of an entry that reports no saying at all (its text
    has no "says", "according to", "suggests"...) or never names them: "Meta leads the
    charge" is no statement of Meta's; or, asked about something ("what does Lee say
    about training costs?"), of one whose statements never speak of it (its quote is
    about something else). clauses: as for :func:`said_of_gap`; reports: the entry's
    Facts.reports."""
    named = any(not quoted.speaker.isdisjoint(clause) for clause in clauses)
    said = named and (reports or any(not quoted.saying.isdisjoint(c) for c in clauses))
    if said and all(any(t in clause for clause in clauses) for t in quoted.topic):
        return None
    return Gap(GapKind.QUOTED, tuple(sorted(quoted.speaker)))


def speaks_of_kinds_asked(asked: Asked, uses: Container[Signature]) -> bool:
    """Whether an entry speaks of every kind the question names ("Small AI"): then a
    better entry only about another kind (a CONTRAST gap) is no rival to it."""
    return bool(asked.contrasted) and all(
        any(k in uses for k in contrast.asked) for contrast in asked.contrasted
    )


def contrast_gap(asked: Asked, uses: Container[Signature] | None) -> Gap | None:
    """A kind the question names ("Small AI") that the entry never speaks of while it
    speaks of another of its set ("Big AI"): what it states is the other kind's ("the cost
    of training" is Big AI's, not Small AI's). An entry speaking of neither (a figure
    about the region) or of the kind asked is not held to it."""
    if uses is None:
        return None
    for contrast in asked.contrasted:
        if any(k in uses for k in contrast.asked):
            continue
        if any(k in uses for k in contrast.others):
            return Gap(GapKind.CONTRAST, contrast.names)
        if asked.focus is Focus.FIGURE or asked.subjects:
            # "small model market size": a figure of the whole (the region's AI market) is
            # not the kind's, which the entry never speaks of.
            return Gap(GapKind.SUBJECT, contrast.names)
    return None


@dataclass(frozen=True, slots=True)
class Asked:
    """A question's constraints (see the module docstring)."""

    years: frozenset[str] = frozenset()
    amounts: frozenset[str] = frozenset()
    # Figures asked as ranges: a bound ("under $7 billion") or a rough magnitude ("hundreds
    # of billions"), which the entry's figures must be in (see asked_bounds, bound_gap).
    bounds: tuple[Bounded, ...] = ()
    # Amounts asked with a scale, as "number scale" ("7 million"; see asked_scales): the
    # entry must state that figure at that scale.
    scales: frozenset[str] = frozenset()
    # Lengths of time asked, as "number unit" ("takes 6 to 18 years?"; see durations): the
    # entry must give them in that unit.
    lengths: frozenset[str] = frozenset()
    # Its amounts with the years it gives them for, as "number@year" (see dated_figures):
    # an entry giving that figure for other years only does not give it for these.
    dated: frozenset[str] = frozenset()
    names: frozenset[str] = frozenset()
    focus: Focus | None = None
    units: frozenset[str] = frozenset()
    ranking: bool = False
    # The quality a ranking asks by, as keywords of it in every degree ("smallest":
    # "small", "smaller", "smallest"; see ranked_quality): the entry must write one.
    ranked_by: frozenset[str] = frozenset()
    directions: frozenset[str] = frozenset()
    # What a "what is the X of Y" question asks about (X), when the knowledge never writes
    # it: no entry states it ("the GDP of Korea", "the author").
    about: frozenset[str] = frozenset()
    # It asks for what is not so ("which countries do not use Big AI?"): see denied_words.
    negated: bool = False
    # What it asks is not so, as stems ("what is X not good at?": "good"): the entry's
    # denial must be of it (see denied_words).
    denied: frozenset[str] = frozenset()
    # What the asked figure or detail is of: "what percentage of jobs" (job), "what
    # penalties does the law set" (penalti), as keywords; the entry must use them.
    subjects: frozenset[str] = frozenset()
    # It asks whether or by how much something was cut or fell (not "what if it falls").
    decrease: bool = False
    # The deeds a yes or no supposes, as keywords, each of which the entry must say (see
    # asked_premises): "did Japan ban AI and then fine Meta?" ("ban", "fine").
    premises: frozenset[str] = frozenset()
    # "who is the minister for X?": the role (as keywords) the entry must write.
    roles: frozenset[str] = frozenset()
    # "what is Forrester?", "who is Ana Lim?": the names (keywords) to define.
    defines: frozenset[str] = frozenset()
    # "is Meta bigger than OpenAI?", "which is cheaper, X or Y?": see asks_comparison.
    comparison: bool = False
    # "when did she say this?": the date asked is of a statement (see asks_when_said).
    said_when: bool = False
    # "what is Korea's AI strategy?": what is asked of something named, a word the knowledge
    # writes (as keywords); the entry must write it, or report what someone says (a
    # statement may be called a strategy, a framework, a recipe).
    attributes: frozenset[str] = frozenset()
    # What is done, and by whom: "what does the law ban?", "who drafted it?" (keywords of
    # the verb; see asked_action): the entry must say it.
    actions: frozenset[str] = frozenset()
    # "how accurate is X?": the quality asked how far it goes, as keywords of its forms
    # ("accur", "accuraci"); the entry must speak of it (see asked_quality).
    quality: frozenset[str] = frozenset()
    # "Is Acme also building ships or not?", "how does the pass work?": whom the deed
    # (actions) is asked of, as keywords (see deed_actor); the entry must say it of them,
    # in one clause.
    actor: frozenset[str] = frozenset()
    # "which companies ...?": the kind of organisation asked for, as keywords (see
    # asked_group); an entry describing which ones (in one clause) meets the focus.
    group: frozenset[str] = frozenset()
    # What a "which companies ...?" question asks of them, and the words after it (see
    # group_deed), as keywords: the clause describing them must say the one, and
    # describe them by neither ("which companies benefit from big AI": "benefit"; "big").
    group_deed: frozenset[str] = frozenset()
    group_from: frozenset[str] = frozenset()
    # "who backs Meta?", "who is Meta's financial backer?": the names a who-question asks
    # a deed (actions) or role (roles) of, as keywords; an entry that says that deed only
    # of someone else ("OpenAI, backed by Microsoft, ..., while Meta leads ...") does not
    # answer it.
    deed_of: frozenset[str] = frozenset()
    # "the global market", "worldwide": the whole world (the reader's words, see
    # asked_world); the entry must speak of it.
    world: frozenset[str] = frozenset()
    # Kinds the article sets against each other that the question names (see Contrasted).
    contrasted: tuple[Contrasted, ...] = ()
    # A yes or no on what something named does or is (see SaidOf).
    said_of: SaidOf | None = None
    # What something named says (see Quoted).
    quoted: Quoted | None = None
    # A question of two parts ("what is X called and when does it start?"): each part's
    # own constraints, which the entry must meet too.
    parts: tuple[Asked, ...] = ()
    # Advice for the reader's own choice (see asks_advice): the keywords by which an entry
    # advises, one of which it must use; empty for other questions.
    advice: frozenset[str] = frozenset()
    # "Why use Small AI?", "why is X good for Y?", "why are small models cheaper?": a why
    # asking what speaks for a choice (see asks_merit), which an entry comparing the
    # choices answers; False for other questions.
    merit: bool = False
    # "How much exactly ...?", "what is the precise figure?": a figure in digits, which a
    # bare magnitude ("millions", "billions") does not give (see asks_exact).
    exact: bool = False
    # What it asks about in English's topic places ("spending on chips", "the cloud
    # market", "employees trust AI"), as keywords (see asked_topics): the entry must
    # write each, or it is about another topic.
    topics: frozenset[str] = frozenset()
    # What someone named did in their own life ("where did Nigel Lee study?", "when was
    # Giron born?"), as keywords (see life_events): the entry must write it, whatever
    # place or year it gives.
    life: frozenset[str] = frozenset()
    # What someone named did before the article's time ("what did Lee do before joining
    # Lenovo?"; see past_deeds), as keywords, and the knowledge's keywords of the words
    # that say a past (PAST_MARKERS): the entry must write one of those.
    earlier: frozenset[str] = frozenset()
    earlier_marks: frozenset[str] = frozenset()

    @property
    def constrains(self) -> bool:
        """Whether the question asks for anything an entry could fail to state."""
        return any(_ASKED_VALUES(self))

    @property
    def asks_detail(self) -> bool:
        """Whether the question asks for anything an entry could fail to state besides the
        names it gives (a figure, a date, a unit, a ranking, a reason, a role...): the kinds
        it names ("Small AI") and the whole world qualify what it is about, as names do."""
        return any(getattr(self, name) for name in _DETAIL_FIELDS)


# Every constraint of Asked: a field added there is checked for by `constrains` too (its
# values read by one C call, not a generator: this is on every candidate of every question).
_ASKED_FIELDS = tuple(f.name for f in fields(Asked))
_ASKED_VALUES = attrgetter(*_ASKED_FIELDS)
_DETAIL_FIELDS = tuple(
    f for f in _ASKED_FIELDS if f not in ("names", "contrasted", "world", "said_of", "quoted")
)
YES_NO_START = _YES_NO_START


# A claim a reader asks the bot to check: "is it true that X?", "X, right?", "I read that X
# - correct?", "so X?", "can you confirm X?". English conversation, not article data. Each
# is read as the yes or no "does X?" (see claim_question), so that X's years, amounts,
# names and what it says of them are held to the entry as a plain yes or no's are.
_CLAIM_OPENER = (
    r"(?:(?:so|but|and|ok|okay|hey|wait|hmm|um|eh|bro|lol)[,!\s]+)*"
    r"(?:(?:[\w']+\s+){0,3}[\w']+,\s+)?"  # "eh bro quick one, my friend says ..."
)
_CLAIM_PREFIX_RE = re.compile(
    rf"^{_CLAIM_OPENER}(?:"
    r"(?:is|was|isn'?t|isnt)\s+(?:it|that|this)\s+(?:really\s+|actually\s+|still\s+)?"
    r"(?:true|correct|right|accurate|the\s+case|so)"
    r"|(?:can|could|would|will)\s+you\s+(?:please\s+|pls\s+)?(?:confirm|verify|check)"
    r"|(?:please\s+|pls\s+)?(?:confirm|verify)"
    r"|(?:i|we)\s+(?:have\s+)?(?:read|heard|saw|was\s+told|were\s+told|remember|recall)"
    r"(?:\s+(?:somewhere|online|before|in\s+the\s+(?:article|piece|news)))?"
    r"|(?:my|a|the)\s+[\w']+(?:\s+[\w']+)?\s+(?:says|said|say|told\s+me|claims|claimed)"
    r")[,:;\s]+(?:that\s+|whether\s+|if\s+)?(?P<claim>\S.*)$",
    re.IGNORECASE | re.DOTALL,
)
_TAG_PARTICLES = r"(?:\s+(?:na|lah|la|ah|ar|po|one|leh|lor|hor|bro|no|ya|eh|meh))*"
# A tag after a comma, dash or full stop: "..., right?", "... - is that correct?", "...,
# is it?", "... Correct or not?".
_CLAIM_TAG_RE = re.compile(
    r"^(?P<claim>\S.*?)\s*[,;:.!?\u2014\u2013-]+\s*(?:"
    r"(?:(?:is|isn'?t|isnt|am)\s+(?:it|that|this|i)\s+)?(?:really\s+|actually\s+)?"
    r"(?:right|correct|true|accurate)(?:\s+or\s+(?:not|wrong|false|no))?"
    r"|(?:is|isn'?t|isnt)\s+(?:it|that\s+so)|innit|yes|tama|di\s+ba|diba|confirm"
    rf"){_TAG_PARTICLES}\s*[?!.]*\s*$",
    re.IGNORECASE | re.DOTALL,
)
# A tag without a comma: "Korea committed 7 billion right?" (not "the right one?"), ending
# the text as `end` says.
_CLAIM_END = (
    r"^(?P<claim>\S.*?\b(?<!\bthe )(?<!\ba )(?<!\bis )(?<!\bare )(?<!\bbe )\w+"
    r"(?<!\bis)(?<!\bare)(?<!\bwas)(?<!\bwere)(?<!\bbe))\s+"
    r"(?:right|correct|true)(?:\s+or\s+not)?"
    rf"{_TAG_PARTICLES}\s*{{end}}\s*$"
)
_CLAIM_END_RE = re.compile(_CLAIM_END.format(end=r"\?+"), re.IGNORECASE | re.DOTALL)
# The same after a claim's frame ("the article says Japan focuses on X right"): the frame
# makes it a claim, so no question mark is needed to tell the tag.
_FRAMED_END_RE = re.compile(_CLAIM_END.format(end=r"[?!.]*"), re.IGNORECASE | re.DOTALL)
_SO_CLAIM_RE = re.compile(r"^so[,\s]+(?P<claim>\S.*\?)\s*$", re.IGNORECASE | re.DOTALL)
# What opens a claim that is no claim: a question of its own ("is it true what they say
# about X?" aside), or nothing left.
_NOT_CLAIM_START = WH_WORDS | frozenset(
    "whats wats wat hw how many much y whos which when where why who what".split()
)


def claim_question(text: str) -> str | None:
    """A claim the reader asks to have checked, as the yes or no it asks: "Is it true that
    Korea gave 7 million?" -> "does Korea gave 7 million?"; "Korea gave 7 million,
    right?", "I read that Korea gave 7 million - correct?", "so Korea gave 7 million?" the
    same; "is it true Korea has a law?" -> "does Korea has a law?"; a claim that is a yes or
    no already ("..., is it right that ... ?": "has Korea ...?") kept as it is. None for any
    other text (most: looked up only when it has one of the frame words). The frame's own
    words ("true", "right", "I read") are left out, so they neither lower the entries'
    scores as words the article never uses nor count as what is asked."""
    stripped = text.strip()
    lowered = stripped.casefold()
    if _CLAIM_HINTS.isdisjoint(_LETTER_RUN_RE.findall(lowered)):
        return None  # most questions
    claim = None
    prefixed = _CLAIM_PREFIX_RE.match(stripped)
    if prefixed:
        claim = prefixed.group("claim")
    tagged = _CLAIM_TAG_RE.match(claim or stripped) or (
        _FRAMED_END_RE if prefixed else _CLAIM_END_RE
    ).match(claim or stripped)
    if tagged:
        claim = tagged.group("claim")
    if claim is None:
        so = _SO_CLAIM_RE.match(stripped)
        if so is None:
            return None
        claim = so.group("claim")
    claim = _CLAIM_OPENER_RE.sub("", claim.strip(" ,;:-\u2014\u2013?!."))
    words = tokens(claim)
    if (
        len(words) < 2
        or words[0] in _NOT_CLAIM_START
        or words[0] in _CLAIM_HINTS
        or "or" in words  # "big AI or small AI win?": which of them, no claim
    ):
        return None
    if words[0] in _YES_NO_START:
        return f"{claim}?"
    return f"does {claim}?"


_CLAIM_OPENER_RE = re.compile(r"^(?:(?:so|but|and|ok|okay|hey|wait|hmm|um|eh)[,!\s]+)+", re.I)
# Words every claim frame above has one of (looked for before any pattern).
_CLAIM_HINTS = frozenset(
    "true correct right accurate case confirm verify check read heard saw told remember recall"
    " says said say claims claimed so innit yes tama ba diba".split()
)
# The words claim_question looks for hints among (compiled once: re.findall looks a
# pattern up in re's cache on every call).
_LETTER_RUN_RE = re.compile(r"[a-z]+")


def _states(amount: str, numbers: frozenset[str]) -> bool:
    """Whether an entry's numbers state an asked amount, rounded as readers round: "815
    billion" is the article's 815.98 billion (within 1%, AMOUNT_TOLERANCE), and so is an
    amount of one significant figure close to the article's figure ("can the market reach
    800 billion?" of 815.98: within ROUNDED_TOLERANCE); "7.5" is not "7", nor "900" or "10"
    the article's 815.98 or 7, nor "2 trillion" its 1.6 trillion or "20%" its 15%."""
    if amount in numbers:
        return True
    return _near(float(amount), _values(numbers))


def _misdated(asked: frozenset[str], stated: frozenset[str]) -> tuple[str, ...]:
    """The years asked of a figure (see dated_figures) that the entry gives that figure
    for, but never for one of those years; empty when each asked figure has one of its
    years in the entry, or is not dated there."""
    wanted: dict[str, set[str]] = {}
    for pair in asked:
        figure, _, year = pair.partition("@")
        wanted.setdefault(figure, set()).add(year)
    given: dict[str, set[str]] = {}
    for pair in stated:
        figure, _, year = pair.partition("@")
        given.setdefault(figure, set()).add(year)
    wrong: set[str] = set()
    for figure, asked_years in wanted.items():
        years_given = given.get(figure)
        if years_given and years_given.isdisjoint(asked_years):
            wrong |= asked_years
    return tuple(sorted(wrong))


def _states_scaled(amount: str, scaled: frozenset[str]) -> bool:
    """Whether an entry's scaled figures (see scaled_figures) state an amount asked with
    its scale ("7 million", "815 billion"), rounded as _states allows."""
    number, _, scale = amount.partition(" ")
    value = float(number) * _SCALES[scale]
    return _near(value, _values(scaled))


def _near(asked: float, values: Iterable[float]) -> bool:
    """Whether a figure is one of `values` as readers round it (see _states)."""
    if asked and float(f"{asked:.1g}") == asked:  # one significant figure: 800, 2, 90
        return any(abs(asked - n) <= ROUNDED_TOLERANCE * n for n in values)
    return any(abs(asked - n) <= AMOUNT_TOLERANCE * n for n in values)


@lru_cache(maxsize=4096)
def _values(numbers: frozenset[str]) -> tuple[float, ...]:
    """An entry's numbers as floats, parsed once per set (each entry's is one shared set),
    those that are no number ("7bn") left out."""
    values = []
    for text in numbers:
        try:
            values.append(float(text))
        except ValueError:
            continue
    return tuple(values)


def check(
    asked: Asked,
    facts: Facts,
    scope: frozenset[str] = frozenset(),
    uses: Container[str] | None = None,
    clauses: Sequence[Sequence[str]] | None = None,
    statements: Callable[[], Sequence[frozenset[str]]] | None = None,
    stated: Container[Signature] | None = None,
) -> Gap | None:
    """The first constraint the entry does not meet, or None when it can answer.

    uses: the keywords the entry uses (its phrasings, answer, quote, section, tags), for
    what the question's figure or detail is of (``subjects``); None: not checked.
    clauses: the keywords of each clause of the entry's answer and quote, in order (see
    :func:`text_clauses`), for a deed asked of someone (``actor``): it must be said of
    them in one clause, not of another doer the entry names; and for the kind of
    organisation asked for (``group``), which a clause describing them gives as well as a
    name ("companies with broad user bases"); None: not checked.
    statements: gives the keywords of each statement of the entry (its clauses, a clause
    naming nothing joined to the one before, and its editors' phrasings naming one
    thing), for a yes or no on something named (``said_of``, see :func:`said_of_gap`)
    and what someone named says (``quoted``); None: not checked.
    stated: the kind signatures (see Signature) the entry's answer and quote state, for a
    kind of a contrast set the question names (``contrasted``; see :func:`contrast_gap`):
    what an editor's phrasing writes ("How big is the AI market?") is no kind the entry
    speaks of; None: ``uses`` stands for it.

    Order: a name it does not mention, a year or amount it does not state, then the focus.
    The article's scope ("Asia", "APAC") is met by an entry that names any part of it or
    no place at all, not by one about somewhere in particular: "the APAC market" is not
    answered by the Southeast Asian market.
    """
    if not asked.constrains:
        return None  # most questions: nothing to check
    # A place or firm named only in brackets is no subject of the entry's figures: "how
    # much has Japan invested?" is not met by "... \$3.1bn ... Kestrel Power (Japan)" (but
    # "which Japanese firm partners with it?" is).
    if asked.names or asked.about:  # most questions name nothing: no set to build
        aside = facts.asides if asked.focus is Focus.FIGURE or asked.amounts else frozenset()
        named, places = facts.names - aside, facts.places - aside
        implicit = scope if (places & scope or not places) else frozenset()
        missing_names = sorted((asked.names - named - implicit) | asked.about)
        if missing_names:
            return Gap(GapKind.NAME, tuple(missing_names))
    if asked.world and uses is not None and not any(k in uses for k in WORLD_KEYWORDS):
        # "How big is the global AI market?" is not answered by the APAC market.
        return Gap(GapKind.REGION, tuple(sorted(asked.world)))
    if asked.years:
        missing_years = sorted(asked.years - facts.years)
        if missing_years:
            return Gap(GapKind.YEAR, tuple(missing_years))
    bounded: frozenset[str] = frozenset()
    if asked.bounds:
        # "Is Korea spending under $7 billion?" of "over $7 billion": the figure is not in
        # the range asked, whatever number the two share.
        gap = bound_gap(asked.bounds, facts, asked.years)
        if gap is not None:
            return gap
        bounded = frozenset().union(*(b.numbers for b in asked.bounds))
    if asked.amounts - bounded:
        # An amount asked with a scale is met by its value ("7000 million" by "$7 billion";
        # "7 million" not), one without by the entry's number.
        at_scale = {a.partition(" ")[0] for a in asked.scales}
        missing_amounts = sorted(
            a for a in asked.amounts - at_scale - bounded if not _states(a, facts.numbers)
        )
        missing_amounts += sorted(
            {
                number
                for a in asked.scales
                if (number := a.partition(" ")[0]) not in bounded
                and not _states_scaled(a, facts.scaled)
            }
        )
        if missing_amounts:
            return Gap(GapKind.AMOUNT, tuple(missing_amounts))
    if asked.dated and facts.dated:
        # "88% in 2023, right?" of "88% ... in 2025, up from 22% in 2023": both stated, but
        # not together.
        wrong = _misdated(asked.dated, facts.dated)
        if wrong:
            return Gap(GapKind.YEAR, wrong)
    lengths = {a for a in asked.lengths if a.partition(" ")[0] not in bounded}
    if lengths and not lengths <= facts.lengths:
        # "Does it take 6 to 18 years?" of "6-18 months": the numbers, in another unit.
        missing = sorted({a.partition(" ")[0] for a in lengths - facts.lengths})
        return Gap(GapKind.AMOUNT, tuple(missing))
    if asked.negated and not facts.negates:
        # "Who didn't invest?": an entry saying who did is not the answer, said as one.
        return Gap(GapKind.NEGATION)
    if asked.negated and asked.denied and not asked.denied & facts.denies:
        # "What is X not good at?": the entry denies something else ("rather than replace").
        return Gap(GapKind.NEGATION)
    # "How much in euros?", "per year?", "what share?": the figure must be in that unit. A
    # share is a figure whatever else is asked ("what is the ROI percentage?"): an entry
    # with no figure at all does not give it either.
    missing_units = sorted(asked.units - facts.units)
    if missing_units and not facts.has_figure:
        missing_units = [u for u in missing_units if u == "percent"]
    if missing_units:
        return Gap(GapKind.UNIT, tuple(missing_units))
    if asked.ranking and not facts.ranks:
        return Gap(GapKind.RANKING)
    if asked.ranked_by and uses is not None and not any(k in uses for k in asked.ranked_by):
        return Gap(GapKind.RANKING)  # "the smallest model" of "Meta leads the charge"
    if asked.comparison and not facts.compares:
        return Gap(GapKind.COMPARISON)
    if (
        facts.has_figure  # a change the entry measures, not "raise concerns", "growth"
        and facts.directions
        and asked.directions
        and not asked.directions & facts.directions
    ):
        return Gap(GapKind.DIRECTION)
    decrease = _decrease_gap(asked, facts)
    if decrease is not None:
        return decrease
    if asked.defines and not asked.defines <= facts.defines:
        return Gap(GapKind.DEFINITION, tuple(sorted(asked.defines - facts.defines)))
    if asked.roles and uses is not None and not any(r in uses for r in asked.roles):
        return Gap(GapKind.NAMED)  # the entry names people, not the one in that role
    if asked.contrasted:
        contrast = contrast_gap(asked, uses if stated is None else stated)
        if contrast is not None:
            return contrast
    if asked.earlier and uses is not None and not any(m in uses for m in asked.earlier_marks):
        return Gap(GapKind.ACTION, tuple(sorted(asked.earlier)))  # "... what Lee did before"
    if asked.life and uses is not None:
        unsaid = sorted(v for v in asked.life if v not in uses)
        if unsaid:
            return Gap(GapKind.ACTION, tuple(unsaid))  # "... doesn't say where Lee studied"
    subject = _subject_gap(asked, uses) or topic_gap(asked.topics, uses)
    if subject is not None:
        return subject
    if asked.premises and uses is not None:
        # "Did Korea commit $7bn and then scrap it?": the commitment is no scrapping.
        unsaid = sorted(p for p in asked.premises if p not in uses)
        if unsaid:
            return Gap(GapKind.ACTION, tuple(unsaid))
    if asked.actor and asked.actions and clauses is not None and not _said_of(asked, clauses):
        # "Is Acme also building ships or not?": the entry says another firm builds them;
        # "how does the pass work?": it says whatever works for tourists.
        return Gap(GapKind.ACTION, tuple(sorted(asked.actions)))
    if asked.deed_of and clauses is not None and _said_of_others(asked, clauses):
        # "Who backs Meta?": the entry says who backs OpenAI, and names Meta elsewhere.
        return Gap(GapKind.ACTION, tuple(sorted(asked.actions or asked.roles)))
    attribute = _attribute_gap(asked, facts, uses)
    if attribute is not None:
        return attribute
    if asked.quality and uses is not None and not any(q in uses for q in asked.quality):
        # "How reliable is fraud detection AI?": the entry says what it does, not how well.
        return Gap(GapKind.QUALITY)
    if asked.advice and uses is not None and not any(a in uses for a in asked.advice):
        # "Should I invest in Meta?": what Meta does is no advice to the reader.
        return Gap(GapKind.ADVICE)
    if asked.quoted is not None and statements is not None:
        quoted = quoted_gap(asked.quoted, statements(), facts.reports)
        if quoted is not None:
            return quoted
    if asked.said_of is not None and statements is not None:
        said = said_of_gap(asked.said_of, statements())
        if said is not None:
            return said
    focus = asked.focus
    if focus is Focus.REASON and not (
        facts.causal or facts.explains or (asked.merit and facts.compares)
    ):
        return Gap(GapKind.REASON)
    if focus is Focus.FIGURE and not facts.has_figure:
        return Gap(GapKind.FIGURE)
    if asked.exact and (facts.rough or not facts.has_figure):
        # "How much exactly does it cost?" of "it costs millions", or of no figure at all.
        return Gap(GapKind.EXACT)
    if focus is Focus.DATE and not (facts.dates_saying if asked.said_when else facts.has_date):
        # "When did she say this?" is not answered by the year her statement is about.
        return Gap(GapKind.DATE)
    if focus is Focus.DURATION and not facts.has_duration:
        return Gap(GapKind.DURATION)
    if focus is Focus.NAME and not (facts.names - asked.names - scope - COMPASS_WORDS):
        return Gap(GapKind.NAMED)
    if focus is Focus.PLACE and not (facts.places - asked.names - scope - COMPASS_WORDS):
        return Gap(GapKind.PLACE)
    if (
        focus is Focus.ORGANISATION
        and not (facts.names - facts.places - asked.names - scope - COMPASS_WORDS)
        and not (asked.group and clauses is not None and _describes(asked, clauses, scope))
    ):
        return Gap(GapKind.NAMED)
    for part in asked.parts:
        # "What is the law called and when does it take effect?": the date too. (Not a
        # rough magnitude of one part: "which needs billions and which millions?" asks
        # which of them, see asked_bounds.)
        if any(b.rough for b in part.bounds):
            part = replace(part, bounds=tuple(b for b in part.bounds if not b.rough))
        gap = check(part, facts, scope, uses, clauses, statements, stated)
        if gap is not None:
            return gap
    return None


def _subject_gap(asked: Asked, uses: Container[str] | None) -> Gap | None:
    """What the question asks a figure or detail of ("what percentage of jobs", "what
    penalties"), or what is done ("what does the law ban?"), when the entry never speaks
    of it: its figure is of something else ("88% of employees") or it does not go into
    that detail, or does not say that it is done (an ACTION gap, named as the reader's
    question: "who drafted the law")."""
    if uses is None or not (asked.subjects or asked.actions):
        return None
    if any(s in uses for s in asked.subjects) or any(a in uses for a in asked.actions):
        return None  # one word of it will do: "office workers" is met by "workers"
    if not asked.subjects:
        return Gap(GapKind.ACTION, tuple(sorted(asked.actions)))
    return Gap(GapKind.SUBJECT, tuple(sorted(asked.subjects | asked.actions)))


def _describes(asked: Asked, clauses: Sequence[Sequence[str]], scope: frozenset[str]) -> bool:
    """Whether one clause of the entry says which organisations of the kind asked for
    (``group``) do what is asked of them (``group_deed``), by a word next to the kind
    (the scope's words passed over) that the question does not write: "large
    enterprises leverage Big AI", "companies with broad user bases". Not by the words
    after the question's predicate: "favour Big AI companies" does not say which
    companies benefit from Big AI."""
    asked_words = asked.group | asked.group_deed | asked.group_from | asked.names
    for clause in clauses:
        if asked.group.isdisjoint(clause) or (
            asked.group_deed and asked.group_deed.isdisjoint(clause)
        ):
            continue
        words = [w for w in clause if w not in scope]
        for at, word in enumerate(words):
            if word not in asked.group:
                continue
            beside = [*words[max(at - 1, 0) : at], *words[at + 1 : at + 2]]
            if not asked.group_from.isdisjoint(beside):
                continue
            if any(w not in asked_words for w in beside):
                return True
    return False


def _said_of(asked: Asked, clauses: Sequence[Sequence[str]]) -> bool:
    """Whether one clause of the entry has both the deed asked and whom it is asked of."""
    return any(
        not asked.actor.isdisjoint(clause) and not asked.actions.isdisjoint(clause)
        for clause in clauses
    )


def _said_of_others(asked: Asked, clauses: Sequence[Sequence[str]]) -> bool:
    """Whether the entry says the deed or role asked (``actions``, ``roles``) only in
    clauses without whom it is asked of (``deed_of``): of another doer. An entry that
    never writes the deed in its answer or quote (its phrasings do: "Who funds OpenAI?")
    is not held to it here."""
    deed = asked.actions | asked.roles
    saying = [clause for clause in clauses if not deed.isdisjoint(clause)]
    return bool(saying) and all(asked.deed_of.isdisjoint(clause) for clause in saying)


def _attribute_gap(asked: Asked, facts: Facts, uses: Container[str] | None) -> Gap | None:
    """What is asked of something named ("what is Korea's AI strategy?"), when the entry
    neither writes it (its $7bn: an amount is no strategy) nor reports what someone says
    (a statement may be called a strategy, a framework, advice)."""
    if not asked.attributes or uses is None or facts.reports:
        return None
    if any(a in uses for a in asked.attributes):
        return None
    return Gap(GapKind.SUBJECT, tuple(sorted(asked.attributes)))


def _decrease_gap(asked: Asked, facts: Facts) -> Gap | None:
    """A cut, fall or reduction asked about ("did Korea cut its AI budget?") of a figure the
    entry states with no change at all ("committed over $7 billion"): the article reports
    no cut. (A change the other way is the DIRECTION gap.) Entries without a figure ("small
    models consume fewer resources") are not held to it: "reduce" there is no measure."""
    if facts.has_figure and asked.decrease and "down" not in facts.directions:
        return Gap(GapKind.DECREASE)
    return None


# "who is the minister for AI?", "who is Japan's AI minister?", "whos the ceo": the words
# after the question's start, up to a preposition, are the role (its last word) with what
# qualifies it.
_ROLE_START_RE = re.compile(r"^(?:\w+ )?(?:who (?:is|are|was|were)|whos) ")
_ROLE_DETERMINERS = frozenset("the its their his her".split())
_ROLE_END = frozenset("of for at in behind on from with to".split())


def asked_role(words: Sequence[str]) -> str | None:
    """The role a who-question asks the holder of, in any word order: "who is the minister
    for AI?", "who is Japan's AI minister?", "who is the AI minister of Japan?" ->
    "minister"; None for other questions. Tokens drop the possessive "'s", so the role is
    the last word of the noun phrase after "who is": with a determiner, a qualifier before
    it or a preposition after it ("who is responsible for X"), not a lone word ("who is
    ahead?"). The caller drops a role that is a name ("who is Nigel Lee?")."""
    match = _ROLE_START_RE.search(" ".join(words[:3]) + " ")  # "and who is ...", too
    if match is None:
        return None
    rest = list(words[len(match.group(0).split()) :])
    determined = bool(rest) and rest[0] in _ROLE_DETERMINERS
    rest = rest[1:] if determined else rest
    while rest and (rest[-1] in STOP_WORDS or _PARTICLE_RE.fullmatch(rest[-1])):
        rest.pop()  # "... minister then?", "... minister ah?"
    end = next((i for i, w in enumerate(rest) if w in _ROLE_END), len(rest))
    phrase = rest[:end]
    if not 1 <= len(phrase) <= 3 or not (determined or len(phrase) > 1 or end < len(rest)):
        return None
    if any(w in STOP_WORDS or w.endswith("ing") or is_number(w) for w in phrase):
        return None  # "who is funding it", "who is it for"
    role = phrase[-1]
    return role if len(role) > 1 else None


# "what is X?", "who is X?", "whats X": a question for what or who X is, nothing more.
_DEFINITION_RE = re.compile(
    r"^(?:(?:what|who|wat) (?:is|are|was|were)|whats|whos) (?!the\b|a\b|an\b)(?P<x>.+?)"
    rf"(?: {_PARTICLES})*$"
)
# Editors' phrasings that ask what X is: "What is X?", "What does X mean?", "X definition".
_DEFINING_PHRASING_RE = re.compile(
    r"^(?:(?:what|who) (?:is|are)|whats|whos) (?P<a>.+?)$|^what does (?P<b>.+?) mean$"
    r"|^(?:explain|define) (?P<c>.+?)$|^(?P<d>.+?) definition$"
)
# In an answer or quote, at a sentence's start: "X Y, ..." (apposition), "X is / means",
# or what X does: "Meta leads ...", "Japan focuses on ..." (a verb in -s).
# ("... Director at Forrester, says": Forrester is not what the sentence defines.)
_DEFINED_RE = re.compile(
    r"(?:^|(?<=[.!?:;])\s+)(?P<x>(?:[\w'’-]+\s+){0,2}[\w'’-]+)"
    r"(?:,|\s(?:is|are|was|means|refers)\b|\s(?=[a-z]+s\b))"
)


# "what does Lenovo do?": what a firm or person does is what it is; "what kind of company
# is Lenovo?", "what type of firm is it?": what it is, too.
_DOES_RE = re.compile(
    rf"^(?:what|wat) (?:does|do|did) (?P<x>.+?) do(?: {_PARTICLES})*$"
    r"|^(?:what|which) (?:kind|kinds|type|types|sort|sorts) of (?:\w+ ){1,2}?"
    rf"(?:is|are|was|were) (?P<y>.+?)(?: {_PARTICLES})*$"
)


# Words by which a who- or which-question asks whom someone works for: "who is Giron's
# employer?", "who employs Lee?", "who is she employed by?" (English, not article data).
_EMPLOYER_WORDS = frozenset("employer employers employs employ employed employing".split())
_ASKING_WHO = frozenset("who whos whom which what whats".split())


def asks_employer(words: Sequence[str]) -> frozenset[str]:
    """The words by which a question asks the organisation someone named works for, as
    "which company does X work for?" does ("who is Giron's employer?", "which firm employs
    Lee?": {"employer"}, {"employs"}); empty for other questions (a yes or no, "is Giron
    employed by Forrester?", names it: a claim). The caller keeps them only when the
    question names someone. Words are tokens, stop words kept."""
    if _EMPLOYER_WORDS.isdisjoint(words) or _ASKING_WHO.isdisjoint(words[:2]):
        return frozenset()
    return frozenset(w for w in words if w in _EMPLOYER_WORDS)


def asked_definition(words: Sequence[str]) -> tuple[str, ...]:
    """The words of what a question asks what or who it is ("what is Forrester" ->
    ("forrester",), "what does Lenovo do" -> ("lenovo",)); () for other questions. The
    caller keeps it only when they are all names."""
    text = " ".join(words)
    match = _DEFINITION_RE.search(text) or _DOES_RE.search(text)
    return tuple((match.group("x") or match.group("y")).split()) if match else ()


def defined_in(texts: Sequence[str], phrasings: Sequence[str]) -> tuple[str, ...]:
    """The raw words an entry says what or who they are: in its answer and quote, each
    word before a comma or "is" ("Frederic Giron, VP ..." gives "Giron"); in its
    phrasings, every word of what one asks to define ("What is SkillsFuture?")."""
    found = [w for text in texts for m in _DEFINED_RE.finditer(text) for w in m["x"].split()]
    for phrasing in phrasings:
        match = _DEFINING_PHRASING_RE.search(phrasing.strip().rstrip("?!. ").lower())
        subject = next(g for g in match.groups() if g) if match else ""
        # "What is X?" of a name, not "What is Forrester's advice?" nor a longer question,
        # nor "Who is quoted from Forrester?" (who speaks: a verb, not what Forrester is).
        said = subject.split()
        if (
            subject
            and len(said) <= 3
            and "'" not in subject
            and "’" not in subject
            and not said[0].endswith(("ed", "ing"))
        ):
            found.extend(said)
    return tuple(found)


_HYPOTHETICAL = frozenset("if unless suppose supposing assuming".split())


# Magnitude words that make an amount ("millions"), not a share or a multiple.
_AMOUNT_MAGNITUDES = _MAGNITUDE_WORDS - {"percent", "times"}


def rough_only(words: Sequence[str]) -> bool:
    """Whether a text's amounts are round magnitudes only, none in digits: "it needs
    millions", "hundreds of millions of dollars" (True); "$7 billion", "6-18 months" beside
    "Millions" (False: "7 billion" is in digits). Words are tokens, stop words kept."""
    at = [i for i, w in enumerate(words) if w in _AMOUNT_MAGNITUDES]
    return bool(at) and not any(i and is_number(words[i - 1]) for i in at)


_EXACT_WORDS = frozenset("exact exactly precise precisely".split())


# Words that make "what is the exact ...?" ask an amount: the figure, its sum, a currency.
_AMOUNT_NOUNS = frozenset("amount amounts figure figures sum sums cost costs price".split()) | (
    _CURRENCY_WORDS.keys()
)


def asks_exact(words: Sequence[str], focus: Focus | None) -> bool:
    """Whether a question asks for an amount to the digit: "how much exactly does it
    cost?", "what is the precise amount?", "the exact dollar cost?" (focus: what it asks
    for, see focus_of: a figure, or an amount named; "what exactly is X?" asks none).
    Words are tokens, stop words kept."""
    if _EXACT_WORDS.isdisjoint(words):
        return False  # most questions
    return focus is Focus.FIGURE or not _AMOUNT_NOUNS.isdisjoint(words)


def asks_decrease(words: Sequence[str]) -> bool:
    """Tell whether a question asks about a cut or fall as a fact ("did they cut it?",
    "how much did sales drop?"), not a rise as well, nor one it supposes ("what happens if
    sales fall?")."""
    found = directions(words)
    if found != {"down"}:
        return False
    first = next(i for i, w in enumerate(words) if w in _DOWN_WORDS)
    return _HYPOTHETICAL.isdisjoint(words[:first])


# Verbs by which a question supposes that something stopped or was undone ("did Meta stop
# releasing models?", "why did Japan ban AI?"), as lemmas (lemminflect reads each word's:
# "scrapped", "winding"): English, not article data.
_CEASING = frozenset(
    "stop quit abandon scrap halt cease ban reject ditch suspend cancel withdraw forbid"
    " prohibit outlaw repeal revoke rescind shelve abolish pause axe ax terminate discontinue"
    " dismantle retract freeze overturn".split()
)
# Phrasal verbs of stopping or undoing, as (lemma, particle): "phase out", "gave it up",
# "walk away from", "pull out of", "wind down", "roll the law back", "pull the plug on".
_CEASING_PHRASAL = frozenset(
    tuple(p.split())
    for p in (
        "phase out", "give up", "walk away", "pull out", "pull back", "wind down",
        "roll back", "shut down", "close down", "call off", "back out", "back away",
        "drop out", "opt out", "scale back", "step back", "walk back", "bow out", "do away",
        "strike down", "throw out", "water down", "pull plug", "cut off", "turn away",
    )
)  # fmt: skip
_PARTICLES_OF = frozenset(particle for _, particle in _CEASING_PHRASAL)
# Verbs that stop or undo something only when they take an object ("did Japan drop its
# strategy?", "did Acme end the scheme?"), not alone ("did sales drop?": a fall).
_CEASING_WITH_OBJECT = frozenset("drop end kill close".split())
_OBJECT_DETERMINERS = frozenset("its the their his her a an this that these those".split())
# How many words may stand between a phrasal verb and its particle ("roll its AI law
# back"); none after "do" ("do away with", not "did Acme walk away").
_PHRASAL_GAP = 3


@lru_cache(maxsize=8192)
def _verb_lemmas(word: str) -> tuple[str, ...]:
    """The lemmas lemminflect reads a word as a verb form of ("gave" -> ("give",)); () for
    a word it knows no verb of."""
    if not word.isalpha() or (word in STOP_WORDS and word not in ("do", "did", "done")):
        return ()
    from lemminflect import getAllLemmas  # the lexicon only when a question needs it

    return tuple(getAllLemmas(word).get("VERB", ()))


def _ceasing_in(words: Sequence[str]) -> list[tuple[int, str]]:
    """Where words stop or undo something (see _CEASING, _CEASING_PHRASAL), with what the
    caller asks the entry to say: the word ("scrapped") or the verb with its particle
    ("given up")."""
    found: list[tuple[int, str]] = []
    for at, word in enumerate(words):
        lemmas = _verb_lemmas(word)
        if not lemmas:
            continue
        if not _CEASING.isdisjoint(lemmas) or (
            not _CEASING_WITH_OBJECT.isdisjoint(lemmas)
            and words[at + 1 : at + 2] != []
            and words[at + 1] in _OBJECT_DETERMINERS
        ):
            found.append((at, word))
            continue
        gap = 0 if word in STOP_WORDS else _PHRASAL_GAP
        for particle in _PARTICLES_OF.intersection(words[at + 1 : at + 2 + gap]):
            if any((lemma, particle) in _CEASING_PHRASAL for lemma in lemmas):
                found.append((at, f"{word} {particle}"))
                break
    return found


def asked_ceasing(words: Sequence[str]) -> tuple[str, ...]:
    """The verbs by which a yes or no or a why-question supposes that something stopped or
    was undone ("did Meta stop releasing models?", "why did Japan ban AI?": ("ban",); "has
    Acme given up ferries?": ("given up",)), as a fact, not supposed ("what if Japan bans
    AI?"); the entry must say it (an ACTION: the article reports no such thing otherwise).
    Empty for most questions. Words are tokens, stop words kept."""
    if not words or (words[0] not in _YES_NO_START and words[0] != "why"):
        return ()
    found = _ceasing_in(words)
    if not found or not _HYPOTHETICAL.isdisjoint(words[: found[0][0]]):
        return ()
    return tuple(verb for _, verb in found)


# "did X do A and then B?": what may stand between "and" and the second deed.
_THEN_WORDS = frozenset(
    "then later also subsequently afterwards afterward eventually finally soon quickly"
    " even still immediately".split()
)
# The verb form a second deed takes after a yes or no's first word: "did Japan ban AI and
# (then) fine Meta?" (a base form), "has Acme built ships and sold them?" (a participle),
# "is Acme building ships and selling them?" (-ing, or a participle of the passive).
_FORMS_AFTER = {
    **dict.fromkeys(("did", "does", "do", "will", "would", "can", "could"), ("VB",)),
    **dict.fromkeys(("has", "have"), ("VBN",)),
    **dict.fromkeys(("is", "are", "was", "were"), ("VBG", "VBN")),
}


def asked_premises(words: Sequence[str]) -> tuple[str, ...]:
    """The deeds a yes or no supposes beyond its first, each of which the entry must say:
    the stopping or undoing it supposes (see asked_ceasing), and each deed joined by "and"
    ("did Japan ban AI and then fine Meta?": ("ban", "fine"); "did Acme build ships and
    later sell them?": ("sell",)): a yes to the first is no yes to the rest (not verbs of
    one infinitive: "free for anyone to use and change?"). A deed is a
    word lemminflect reads as the verb form the question's first word calls for ("fine"
    after "did", "sold" after "has"), not a noun joined ("did Acme build ships and
    ferries?"). Empty for most questions. Words are tokens, stop words kept."""
    found = list(asked_ceasing(words))
    forms = _FORMS_AFTER.get(words[0], ()) if words else ()
    if not forms or "and" not in words:
        return tuple(found)
    for at, word in enumerate(words):
        if word != "and" or "to" in words[max(0, at - 3) : at]:
            continue  # "free for developers to use and change": one deed's verbs
        after = at + 1
        while after < len(words) and words[after] in _THEN_WORDS:
            after += 1
        if after >= len(words):
            continue
        deed = words[after]
        from lemminflect import getInflection  # the lexicon only when a question needs it

        if any(
            deed in getInflection(lemma, tag=form) for lemma in _verb_lemmas(deed) for form in forms
        ) and not any(verb.split()[0] == deed for verb in found):
            found.append(deed)
    return tuple(found)


def check_follow_up(
    asked: Asked,
    facts: Facts,
    scope: frozenset[str] = frozenset(),
    uses: Container[str] | None = None,
) -> Gap | None:
    """:func:`check` for a follow-up asked in reply to the entry's answer ("why?"): it asks
    about what that answer says, so only the answer's own wording can give the reason, not
    a why-question an editor wrote for something else the entry explains."""
    return check(asked, replace(facts, explains=False), scope, uses)
