"""From a reader's message to what the matcher compares: keywords, names and constraints.

The pipeline for one knowledge base (its vocabulary and its articles' thesauri):

1. In a long message, keep the question: the last sentence that asks something, with the
   sentences before it while it has fewer than three keywords.
2. Generic normalisation (:mod:`faqbot.normalise`): folded, tokenised, chat expanded.
3. Words split by a space that the knowledge base writes as one are joined ("viet nam").
4. Typos are corrected towards the knowledge base's words (:mod:`faqbot.spelling`).
5. The thesaurus folds phrases, then stop words go, words are stemmed and synonyms folded.
6. Constraints are read (:mod:`faqbot.constraints`): years, amounts, focus, and names:
   the article's own names, and words that name something the article never mentions
   (written with a capital mid-sentence, a country, or not an English word at all).
"""

from __future__ import annotations

import operator
import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from itertools import islice

from faqbot.constraints import FOCUS_WORDS, Asked, amounts, focus_of, years
from faqbot.normalise import STOP_WORDS, fold, is_number, stem, tokens
from faqbot.spelling import Speller, english_words
from faqbot.thesaurus import Thesaurus

# A message longer than this many words is searched for its question sentence.
LONG_MESSAGE_WORDS = 25
# The question sentence is widened backwards until it has this many keywords.
MIN_QUESTION_KEYWORDS = 3
_SENTENCE_RE = re.compile(r"(?<=[.!?])\s+|\n+")
_WORD_RE = re.compile(r"[^\W\d_][\w'’-]*", re.UNICODE)
_QUESTION_START = frozenset(
    """
    what whats which who whom whose when where why how is are was were do does did can
    could will would should shall has have had may might wat hw y
    """.split()
)


# Continents and regions that ISO 3166 (countries only) leaves out, and common short forms.
_REGIONS = frozenset(
    "africa europe america americas latin oceania antarctica arctic caribbean scandinavia"
    " balkans eurasia usa uk uae eu asia asean apac emea latam mena southeast".split()
)


@cache
def _place_keywords() -> frozenset[str]:
    """Stems of the one-word country and region names."""
    return frozenset(stem(name) for name in _countries())


def is_place(keyword: str) -> bool:
    """Tell whether a (stemmed) keyword is a country or region ("vietnam", "asean")."""
    return keyword in _place_keywords()


# A capitalised word after these is usually where the reader is, not what they ask about:
# "a small company in Manila". Countries and regions stay constraints even then.
_LOCATIVE = frozenset("in from at near outside around based".split())


def countries() -> frozenset[str]:
    """Folded one-word country and region names ("thailand", "asean"), read once."""
    return _countries()


@cache
def _countries() -> frozenset[str]:
    """Folded one-word country and region names (pycountry's ISO 3166 data, on first need).

    Imported here: loading it takes about 90 ms, and only questions with unknown words
    need it.
    """
    import pycountry

    names: set[str] = set(_REGIONS)
    for country in pycountry.countries:
        for attribute in ("name", "common_name", "official_name"):
            value = getattr(country, attribute, None)
            if value:
                words = tokens(value)
                if len(words) == 1:
                    names.add(words[0])
    return frozenset(names)


# A word that starts with a capital, and one that starts in lower case (regex scans are
# what keeps this fast over tens of thousands of phrasings).
_UPPER_WORD_RE = re.compile(r"(?<![\w'’-])[^\W\d_a-z][\w'’-]*")
_LOWER_WORD_RE = re.compile(r"(?<![\w'’-])[a-z][\w'’-]*")
_SENTENCE_START_RE = re.compile(r"^[\s\-•*|\"'“(]*[^\W\d_][\w'’-]*")


def _first_token(raw: str) -> str | None:
    words = [raw.lower()] if raw.isascii() and raw.isalpha() else tokens(raw)
    return words[0] if words and not is_number(words[0]) else None


def proper_names(
    prose: Iterable[str],
    phrasings: Iterable[str] = (),
    keyword: Callable[[str], str] = lambda word: word,
) -> frozenset[str]:
    """Keywords written with a capital mid-sentence and never in lower case in the prose.

    "Meta", "OpenAI", "Vietnam", "ASEAN" are names; "Big" is not, because the prose also
    writes "big" (compared as keywords, so "smaller" clears "Small"). Capitals are looked
    for in the prose and in the phrasings ("What is Japan's focus?" shows a name that the
    prose only writes at a sentence start), lower case only in the prose (editors often
    type phrasings in lower case). Title-case lines (headings, titles) show nothing.
    """
    capitalised: set[str] = set()
    lowercase: set[str] = set()
    # Each distinct text once (the result is a set): articles repeat sentences and phrasings.
    prose, phrasings = dict.fromkeys(prose), dict.fromkeys(phrasings)
    for text, is_prose in [*((t, True) for t in prose), *((t, False) for t in phrasings)]:
        for sentence in _SENTENCE_RE.split(text) if is_prose else (text,):
            upper = _UPPER_WORD_RE.findall(sentence)
            if not upper:
                if is_prose:
                    lowercase.update(_LOWER_WORD_RE.findall(sentence))
                continue
            lower = _LOWER_WORD_RE.findall(sentence)
            if len(upper) > 2 and len(upper) > 1.5 * len(lower):
                continue  # a title-case line: every word has a capital
            if is_prose:
                lowercase.update(lower)
            first = _SENTENCE_START_RE.match(sentence)
            skip = first.group(0).lstrip(" -•*|\"'“(") if first else None
            for raw in upper:
                if raw == skip:
                    skip = None  # the sentence's first word: a capital says nothing
                    continue
                word = _first_token(raw)  # "Task-specific": only "task" has the capital
                if word is not None and word not in STOP_WORDS:
                    capitalised.add(keyword(word))
    lower_keywords = {keyword(w) for raw in lowercase for w in tokens(raw)}
    return frozenset(capitalised - lower_keywords)


def question_part(message: str) -> str:
    """The question in a long message: its last asking sentence and what it needs before it."""
    if len(message.split()) <= LONG_MESSAGE_WORDS:
        return message
    sentences = [s.strip() for s in _SENTENCE_RE.split(message) if s.strip()]
    if len(sentences) < 2:
        return message
    asking = [
        i
        for i, s in enumerate(sentences)
        if s.endswith("?") or (tokens(s)[:1] and tokens(s)[0] in _QUESTION_START)
    ]
    last = asking[-1] if asking else len(sentences) - 1
    start = last
    while (
        start > 0
        and len([w for w in tokens(" ".join(sentences[start : last + 1])) if w not in STOP_WORDS])
        < MIN_QUESTION_KEYWORDS
    ):
        start -= 1
    return " ".join(sentences[start : last + 1])


def last_question(message: str) -> tuple[str, str] | None:
    """(context, question): a message of several sentences split before its last asking
    sentence, when that sentence ends the message; None for one sentence."""
    sentences = [s.strip() for s in _SENTENCE_RE.split(message) if s.strip()]
    if len(sentences) < 2:
        return None
    last = sentences[-1]
    words = tokens(last)
    if not (last.endswith("?") or (words and words[0] in _QUESTION_START)):
        return None
    return " ".join(sentences[:-1]), last


def pairs(keywords: list[str]) -> frozenset[tuple[str, str]]:
    """Neighbouring keywords, in either order ("job displacement", "displaced jobs")."""
    after = keywords[1:]
    # min/max and zip run in C: this is on the path of every phrasing at start-up.
    found = set(zip(map(min, keywords, after), map(max, keywords, after), strict=True))
    if len(set(keywords)) < len(keywords):
        found.difference_update((k, k) for k in keywords)  # a word next to itself
    return frozenset(found)


@dataclass(frozen=True, slots=True)
class Analysis:
    """What the matcher needs to know about one message.

    ``keywords`` are distinct content keywords in order; ``unknown`` those the knowledge
    base never uses; ``asked`` the constraints; ``shown`` maps a keyword to the (folded)
    word it came from; :meth:`typed` gives that word as the reader typed it.
    """

    query: str
    words: tuple[str, ...]
    keywords: tuple[str, ...]
    pairs: frozenset[tuple[str, str]]
    unknown: frozenset[str]
    asked: Asked
    shown: Mapping[str, str] = field(default_factory=dict)
    corrections: tuple[tuple[str, str], ...] = ()

    def typed(self, keyword: str) -> str:
        """The reader's own spelling of a keyword's word ("Thailand"), for replies."""
        word = self.shown.get(keyword, keyword)
        for match in _WORD_RE.finditer(self.query):
            if fold(match.group(0)).replace("'", "") == word:
                return match.group(0)
        return word


class Analyzer:
    """Turns text into keywords for one knowledge base; immutable after construction."""

    def __init__(
        self,
        thesaurus: Thesaurus,
        surface: Mapping[str, int],
        names: frozenset[str] = frozenset(),
        countries: frozenset[str] | None = None,
        tokenised: Mapping[str, Sequence[str]] | None = None,
    ) -> None:
        """surface: the knowledge base's words (folded tokens) with their counts;
        names: the article names among its keywords (see :func:`proper_names`);
        countries: what :func:`countries` gives, when kept from before (a compiled matcher
        keeps it, so that a question does not wait for pycountry); read on first need
        when None. tokenised: texts already split by :func:`faqbot.normalise.tokens`
        (text -> its tokens), so that building a matcher splits each text once."""
        self.thesaurus = thesaurus
        self._tokenised: Mapping[str, Sequence[str]] = tokenised or {}
        self._countries = countries
        self._surface = Counter(surface)
        for word in thesaurus.words | STOP_WORDS | FOCUS_WORDS:
            self._surface[word] += 1
        self._speller = Speller(self._surface)
        # Known words that two words of at least two letters may be joined into ("vietnam").
        self._joinable = frozenset(
            w for w in self._surface if len(w) >= 5 and w.isalpha() and w not in STOP_WORDS
        )
        self._cache: dict[str, list[str]] = {}
        self._names_like: dict[str, bool] = {}
        self.names = names
        self._vocabulary: frozenset[str] = frozenset()

    def countries(self) -> frozenset[str]:
        """Folded one-word country and region names (see :func:`countries`)."""
        if self._countries is None:
            self._countries = countries()
        return self._countries

    def set_vocabulary(self, keywords: Iterable[str]) -> None:
        """Tell the analyzer which keywords the entries use (to spot unknown ones)."""
        self._vocabulary = frozenset(keywords)

    def _join(self, words: list[str]) -> list[str]:
        """Join neighbours that the knowledge base writes as one word ("viet nam")."""
        joinable = self._joinable
        if joinable.isdisjoint(map(operator.add, words, islice(words, 1, None))):
            return words  # most texts: no two neighbours make a known word (checked in C)
        out: list[str] = []
        i = 0
        while i < len(words):
            if (
                i + 1 < len(words)
                and len(words[i]) >= 2
                and len(words[i + 1]) >= 2
                and words[i] + words[i + 1] in joinable
            ):
                out.append(words[i] + words[i + 1])
                i += 2
            else:
                out.append(words[i])
                i += 1
        return out

    def surface_words(
        self, text: str, *, correct: bool = True, keep: frozenset[str] = frozenset()
    ) -> tuple[list[str], list[tuple[str, str]]]:
        """Tokens after joins, typo corrections and phrases (stop words kept).

        Words in `keep` (names the reader capitalised) are corrected only by one slip
        towards a word of the knowledge base, and never when they are a country or an English
        word: "Singapre" and "Asain" are typos, "Tencent", "Grab" and "Iraq" are names.
        """
        known = self._tokenised.get(text)
        words = self._join(tokens(text) if known is None else list(known))
        corrections: list[tuple[str, str]] = []
        if correct:
            for i, word in enumerate(words):
                if word in STOP_WORDS:
                    continue
                if word in keep:
                    fixed = (
                        None
                        if not self._speller.may_correct(word) or word in self.countries()
                        else self._speller.correct(word, max_edits=1)
                    )
                else:
                    fixed = self._speller.correct(word)
                if fixed is not None:
                    corrections.append((word, fixed))
                    words[i] = fixed
        return self.thesaurus.fold_phrases(words), corrections

    def keywords(self, text: str, *, correct: bool = False) -> list[str]:
        """Content keywords of a text, in order (repeats kept); no typo correction by default."""
        if not correct and text in self._cache:
            return self._cache[text]
        words, _ = self.surface_words(text, correct=correct)
        found = [self.thesaurus.keyword(w) for w in words if w not in STOP_WORDS]
        if not correct and len(self._cache) < 200_000:
            self._cache[text] = found
        return found

    def analyse(self, message: str) -> Analysis:
        """Analyse a reader's message (see the module docstring)."""
        query = question_part(message)
        capitalised = _capitalised(query)
        words, corrections = self.surface_words(query, keep=capitalised)
        keywords: list[str] = []
        shown: dict[str, str] = {}
        sequence = []
        for word in words:
            if word in STOP_WORDS:
                continue
            keyword = self.thesaurus.keyword(word)
            sequence.append(keyword)
            if keyword not in shown:
                keywords.append(keyword)
                shown[keyword] = word
        unknown = frozenset(k for k in keywords if k not in self._vocabulary)
        names = {k for k in keywords if k in self.names}
        names |= self._unknown_names(capitalised, unknown, shown)
        asked = Asked(
            years=years(words),
            amounts=amounts(words),
            names=frozenset(names),
            focus=focus_of(words),
        )
        return Analysis(
            query=query,
            words=tuple(words),
            keywords=tuple(keywords),
            pairs=pairs(sequence),
            unknown=unknown,
            asked=asked,
            shown=shown,
            corrections=tuple(corrections),
        )

    def _unknown_names(
        self, capitalised: frozenset[str], unknown: frozenset[str], shown: Mapping[str, str]
    ) -> set[str]:
        """Unknown keywords that name something: capitalised, a country, or not a word."""
        names = set()
        for keyword in unknown:
            word = shown[keyword]
            if is_number(word) or len(word) < 3:
                continue
            if word in capitalised or word in self.countries() or self._looks_like_name(word):
                names.add(keyword)
        return names

    def _looks_like_name(self, word: str) -> bool:
        """:func:`_name_like`, remembered per word: a word that is not English costs about
        50 us, and names and typos recur ("Tencent")."""
        found = self._names_like.get(word)
        if found is None:
            found = _name_like(word, self.countries)
            if len(self._names_like) < 50_000:
                self._names_like[word] = found
        return found


def _name_like(word: str, countries: Callable[[], frozenset[str]]) -> bool:
    """A word that is neither English nor one typing slip away from English ("Tencent" is
    a name; "pased" and "nmae" are typos) or one slip away from a country ("indonesa")."""
    if len(word) < 4 or not word.isalpha() or word in english_words():
        return False
    nearby = _one_edit(word)
    if nearby & countries():
        return True
    return not nearby & english_words()


def _one_edit(word: str) -> set[str]:
    """Every string one deletion, transposition, substitution or insertion away."""
    letters = "abcdefghijklmnopqrstuvwxyz"
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    deletes = [a + b[1:] for a, b in splits if b]
    swaps = [a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1]
    replaces = [a + c + b[1:] for a, b in splits if b for c in letters]
    inserts = [a + c + b for a, b in splits for c in letters]
    return set(deletes + swaps + replaces + inserts)


def _capitalised(text: str) -> frozenset[str]:
    """Folded words that look like names: a capital after the start of their sentence
    ("Tencent"; not after a preposition of place: "in Manila"), or inside ("iPhone")."""
    if text[1:].islower() or not any(map(str.isupper, text[1:])):
        return frozenset()  # most readers type in lower case: nothing to look for
    found: set[str] = set()
    for sentence in _SENTENCE_RE.split(text):
        words = _WORD_RE.findall(sentence)
        for i, raw in enumerate(words):
            if raw.islower():
                continue  # most words have no capital at all
            pronoun = raw == "I" or raw.startswith(("I'", "I\u2019"))
            inner_capital = any(map(str.isupper, raw[1:])) and not raw.isupper()
            if inner_capital or (
                i > 0
                and raw[0].isupper()
                and not pronoun
                and words[i - 1].casefold() not in _LOCATIVE
            ):
                found.update(tokens(raw))  # "Tencent", and "iPhone" anywhere
    return frozenset(found - STOP_WORDS)
