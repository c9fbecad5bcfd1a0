"""Fuzzy retrieval: rank knowledge entries for a question and decide what to reply.

Scores are 0-100: a weighted mean of keyword evidence (how much of the question's keyword
weight an entry covers, inverse-document-frequency weighted) and fuzzy similarity to the
entry's best phrasing (rapidfuzz token-set and token-sort ratios, batched with ``cdist``),
damped by the share of words the knowledge base never uses. The decision
(:meth:`Matcher.match`) then applies small talk, the one-word rule and the hard
constraints of :mod:`faqbot.constraints`.
"""

from __future__ import annotations

import math
import operator
import re
from array import array
from collections.abc import Callable, Container, Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from enum import StrEnum
from functools import partial
from itertools import accumulate, chain, compress
from typing import TYPE_CHECKING, cast

from rapidfuzz import fuzz, process

if TYPE_CHECKING:
    import numpy as np

from faqbot import compiling, jsoncache, smalltalk
from faqbot.analysis import (
    ASKING_WORDS,
    LONG_MESSAGE_WORDS,
    Analysis,
    Analyzer,
    about_the_reader,
    action_clause,
    asked_part,
    capital_countries,
    clause_split,
    demonym_places,
    is_place,
    last_question,
    name_phrases,
    only_points,
    question_after_reader,
    refers_back,
    side_by_side,
)
from faqbot.compiling import Compiled
from faqbot.constraints import (
    COMPASS_WORDS,
    YES_NO_START,
    Asked,
    Facts,
    Gap,
    GapKind,
    Signature,
    apart_titles,
    asked_quality,
    check,
    speaks_of_kinds_asked,
    text_clauses,
    unit_phrase,
)
from faqbot.knowledge import Article, Entry, KnowledgeBase
from faqbot.lessons import Lessons, unvouched
from faqbot.normalise import PICTOGRAPH_RE, STOP_WORDS, WH_WORDS, stem, tokens
from faqbot.smalltalk import SmallTalk, after_greeting, classify, social_talk
from faqbot.thesaurus import COUNT_KEYWORDS

# Phrasing similarities below this count as none: it lets rapidfuzz stop early.
_FUZZY_CUTOFF = 25.0
# Token-set forgives extra words in a phrasing; token-sort penalises them. Both are averaged.
# Both read a text as its words sorted (token-set as their set), so phrasings are kept with
# their words sorted (Compiled.sorted_phrasings), and token-sort on two such texts is a
# plain ratio, without rapidfuzz splitting and sorting every phrasing on every question
# (Matcher._cdist_scores and _phrasing_scores).
# Words that make a message a question rather than a search term ("what is X?" vs "X").
# (Without "whats" and "whos", as always: counting them would answer "whats the goal of"
# outright, where the one-word rule now suggests.)
_QUESTION_WORDS = (WH_WORDS - {"whats", "whos"}) | frozenset(
    "define explain is are does do did can will should could would".split()
)


def numbers_only(keywords: Sequence[str]) -> bool:
    """Whether keywords (an analysis's, at least one) are all numbers or count words
    ("what is 2+2?", "and in 2032?"; a digit's keyword may be its word, see
    thesaurus.COUNT_KEYWORDS): a question of no topic, never answered alone."""
    return bool(keywords) and all(k[0].isdigit() or k in COUNT_KEYWORDS for k in keywords)


# Longer text is not read whole, so a paste cannot stall the bot: only its end (clip_query),
# where a message's question is (Telegram allows 4096 characters).
MAX_QUERY_CHARS = 1000
# A clipped message starts at a sentence's start found this far into its kept end, or else
# at a word's.
_CLIP_SENTENCE_WITHIN = 400
_CLIP_SENTENCE_RE = re.compile(r"[.!?\n]\s+")


# What may pad a long message's end after its question: blanks, marks, emoji (those
# normalise drops).
_PADDING_MARKS = frozenset("!.,~\u2026")


def _padding(ch: str) -> bool:
    return ch.isspace() or ch in _PADDING_MARKS or PICTOGRAPH_RE.match(ch) is not None


def clip_query(query: str) -> str:
    """`query` itself up to MAX_QUERY_CHARS characters. Of a longer message, the
    MAX_QUERY_CHARS at most that end at its last question mark (or at its end, without
    one; padding of blanks, marks and emoji after it left out), from a sentence's start
    when one begins in the first _CLIP_SENTENCE_WITHIN characters kept, else from a word's:
    a message's question is where its "?" is ("...long story. So how much did Korea
    commit?"), and a paste after it ("Does X have a law? Here is what I read: ...") is
    not what it asks."""
    return _clip(query)[0]


def _clip(query: str) -> tuple[str, bool]:
    """(clip_query(query), whether a question mark was left out before the part kept)."""
    if len(query) <= MAX_QUERY_CHARS:
        return query, False
    end = len(query)
    while end and _padding(query[end - 1]):
        end -= 1
    if not end:
        return query[:MAX_QUERY_CHARS], False  # padding only ("👍" x 2000): small talk
    asked = query.rfind("?", 0, end + 1)
    if asked >= 0:
        end = asked + 1
    start = max(0, end - MAX_QUERY_CHARS)
    kept = query[start:end]
    if start > 0:
        sentence = _CLIP_SENTENCE_RE.search(kept, 0, _CLIP_SENTENCE_WITHIN)
        blank = kept.find(" ")
        if sentence is not None:
            start += sentence.end()
        elif 0 <= blank < _CLIP_SENTENCE_WITHIN:
            start += blank + 1
    return query[start:end], "?" in query[:start]


# From this many entries on, keyword evidence and candidates are computed with numpy arrays
# and phrasings scored with one rapidfuzz cdist; below it, with dicts and plain rapidfuzz
# calls, which is as fast there and spares `faqbot ask` importing numpy (about 80 ms of
# start-up on a 2-core machine). Both give the same numbers, to the last bit (tested).
VECTORISE_FROM = 1000


class Decision(StrEnum):
    """What the bot should do with a question.

    - ``answer``: the best entry answers it; reply with the entry and its source.
    - ``partial``: the best entry is on the subject but lacks what is asked (a year, a figure,
      a name...); say what the article does not give, then offer that entry's fact.
    - ``suggest``: unsure; offer up to ``max_suggestions`` entries ("did you mean").
    - ``none``: the article does not answer it; say so.
    - ``smalltalk``: a greeting, thanks or a question about the bot, not about the article.
    """

    ANSWER = "answer"
    PARTIAL = "partial"
    SUGGEST = "suggest"
    NONE = "none"
    SMALLTALK = "smalltalk"


# Question words asking to identify something ("which carmakers ...?", "who ...?"): the
# word the article never uses may be the kind of thing asked for, so no clear lead answers.
# Measured on the dev halves and the drafts: dev 0.931 -> 0.922 answered; refused on the
# second article's draft 0.833 -> 0.850, on the first's dev2 0.954 -> 0.960.
_IDENTIFYING = frozenset({"which", "who", "whom", "whose"})
# Adjectives that frame what is asked rather than name it ("the overall conclusion", "the
# final takeaway", "the actual answer"): the entry need not write them (English, not
# article data). A question's word among them that the knowledge never writes does not
# mean it asks about something else.
# (Not "real", "true": "the real question", "the real innovation" name a claim the article
# makes as such, which an entry must write: "what's the real question here?" is not asked
# of the readers' comments entry.)
_FRAMING_ADJECTIVES = frozenset(
    "overall final finally ultimate ultimately actual whole entire basic exact related"
    " relevant".split()
)
# A question of one word (besides the article's scope) names one entry only if at most this
# many entries use the word (see Matcher._names_one): "investment", used by 9 of the
# article's 51 entries, names none, however well one entry's phrasing fits it ("asia
# investment" would answer Korea's $7 billion for every reader who means another figure).
_NAMED_BY_AT_MOST = 4
# How much a word the knowledge never uses weighs when a long message says it outside its
# question (see Matcher._aside): as much as a word half the entries use (ln 3), not as a
# word no entry uses, which says the question is about something else.
_ASIDE_IDF = math.log(3.0)
# How much a word the article never uses weighs when it is in what the reader recalls of
# the article before a question pointing back at it (Analysis.recalled), against one of
# the question's own: half (on the tuning sets' long messages 0.3 and 0.5 did alike, 0.7 lost
# one answer).
RECALLED_WEIGHT = 0.5
# Words by which a question asks about one of the article's sections ("the regulation
# section", "which heading covers jobs?"): English, not article data.
_SECTION_WORDS = frozenset("section sections heading headings subheading subheadings".split())
# Nouns that frame what a question asks about a thing rather than name a fact ("what is
# their aim?", "what role does Meta play?", "the goal of Big AI"): an entry need not write
# them to have the share of the question an answer needs (Matcher._coverage). They still
# rank entries as any word does (English, not article data).
_FRAMING_NOUNS = frozenset(
    "aim aims goal goals purpose role play plays point idea gist essence nature meaning"
    " significance deal".split()
)
# Words that frame a question about a section rather than say what it is about ("its
# title", "what is it called", "the business side", "which section covers X"); in such a
# question they are no evidence for an entry either (Matcher._rank).
_SECTION_FRAMING = frozenset(
    "title titled name named called side part cover covers covering deal deals discuss"
    " discusses".split()
)


@dataclass(frozen=True, slots=True)
class MatchSettings:
    """Thresholds and weights of the matcher; read from configuration, not hard-coded.

    Scores are 0-100. ``partial_threshold``: the least score at which an entry that lacks
    what is asked is still offered as the closest fact. ``constraint_slack``: how far below
    the best entry an entry that meets the constraints may score and still answer.
    ``context_weight``: how much a keyword found only in an entry's answer, quote or section
    counts, relative to one found in a phrasing (0-1). ``article_margin``: with several
    articles, entries of other articles scoring this close to the best make the reader
    choose the article. ``lead_margin``: an entry below ``answer_threshold`` (but at least
    at ``suggest_threshold``) still answers when it leads the runner-up by this much, has
    every known keyword of the question and the question asks for no figure, date, name or
    other detail (see :meth:`Matcher._clear_lead`). ``named_lead``: a question of one keyword
    (besides the article's scope), which otherwise only gets "did you mean", is answered
    when the best entry scores at least ``answer_threshold`` and leads every other entry by
    this much: the word plainly names that entry (see :meth:`Matcher._names_one`); a
    question below the answer bar that asks a detail the best entry states is answered when
    that entry leads every other by this much (see :meth:`Matcher._wide_lead`).
    """

    answer_threshold: float = 47.0
    suggest_threshold: float = 40.0
    partial_threshold: float = 50.0
    margin: float = 0.2
    constraint_slack: float = 3.0
    max_suggestions: int = 3
    fuzzy_weight: float = 0.5
    unknown_penalty: float = 0.6
    context_weight: float = 1.0
    min_coverage: float = 0.7
    pair_weight: float = 0.15
    article_margin: float = 5.0
    candidate_limit: int = 12
    lead_margin: float = 4.0
    named_lead: float = 15.0

    def __post_init__(self) -> None:
        if not 0 <= self.suggest_threshold <= self.answer_threshold <= 100:
            raise ValueError("need 0 <= suggest_threshold <= answer_threshold <= 100")
        if not 0 <= self.partial_threshold <= 100:
            raise ValueError("partial_threshold must be between 0 and 100")
        weights = (self.fuzzy_weight, self.unknown_penalty, self.context_weight)
        if not all(0 <= w <= 1 for w in weights):
            raise ValueError(
                "fuzzy_weight, unknown_penalty and context_weight must be between 0 and 1"
            )
        if self.max_suggestions < 1 or self.candidate_limit < 1:
            raise ValueError("max_suggestions and candidate_limit must be at least 1")
        if min(self.margin, self.constraint_slack, self.lead_margin, self.named_lead) < 0:
            raise ValueError(
                "margin, constraint_slack, lead_margin and named_lead must not be negative"
            )


@dataclass(frozen=True, slots=True)
class Candidate:
    """An entry with its combined score (0-100) for one question."""

    entry: Entry
    score: float


@dataclass(frozen=True, slots=True)
class MatchResult:
    """The ranked candidates for a question and the decision taken on them.

    ``candidates[0]`` is the answer (``answer``) or the closest fact (``partial``); ``gap``
    says what that entry lacks; ``smalltalk`` is the kind of small talk, if it was.
    ``elsewhere``: the reader asked in one article's context and the answer comes from
    another. ``articles``: the question fits several articles equally well; the reader
    should pick one (with ``suggest``).
    """

    query: str
    decision: Decision
    candidates: tuple[Candidate, ...]
    suggestions: tuple[Candidate, ...] = ()
    gap: Gap | None = None
    smalltalk: SmallTalk | None = None
    analysis: Analysis | None = field(default=None, repr=False, compare=False)
    elsewhere: bool = False
    articles: tuple[Article, ...] = ()

    @property
    def best(self) -> Candidate | None:
        """Return the top-ranked candidate, if any."""
        return self.candidates[0] if self.candidates else None

    @property
    def answered(self) -> bool:
        """Tell whether the bot should answer outright."""
        return self.decision is Decision.ANSWER

    @property
    def gap_words(self) -> tuple[str, ...]:
        """What the gap concerns, as the reader typed it: "Thailand", "2028", "10 billion"."""
        if self.gap is None:
            return ()
        return gap_words(self.gap, self.analysis, self.candidates)


def gap_words(
    gap: Gap, analysis: Analysis | None, candidates: Sequence[Candidate] = ()
) -> tuple[str, ...]:
    """What `gap` concerns, as the reader typed it ("Thailand", "2028", "10 billion", "in
    euros"), not as keywords ("thailand", "penalti"): for replies and for editors. A name
    the reader typed in lower case is written as the candidates write it ("Japan")."""
    if analysis is None:
        return gap.values
    if gap.kind in (
        GapKind.NAME,
        GapKind.MENTIONED,
        GapKind.DEFINITION,
        GapKind.SAID_OF,
        GapKind.QUOTED,
    ):
        return tuple(_as_written(p, candidates) for p in name_phrases(analysis, gap.values))
    if gap.kind is GapKind.UNIT:
        return tuple(unit_phrase(u) for u in gap.values)
    if gap.kind is GapKind.QUALITY:
        quality = asked_quality(analysis.words)
        return (analysis.typed(quality),) if quality else ()
    if gap.kind is GapKind.PLACE:
        # "which country" when the reader asked which country, else "where".
        which = _WHICH_PLACE_RE.search(" ".join(analysis.words))
        return (f"which {which.group(1)}" if which else "where",)
    if gap.kind is GapKind.ACTION:
        # "who drafted Vietnam's AI law", "what the law bans": the reader's question, not
        # the verb alone ("The article doesn't say drafted").
        verbs = [analysis.shown.get(v, v) for v in gap.values]
        found = action_clause(analysis.query, verbs)
        if found:
            return (found,)
        where = next((w for w in ("where", "when") if w in analysis.words), None)
        if where:
            return (where,)  # "Giron study where one ah?": "... doesn't say where"
        if analysis.words[:1] and (analysis.words[0] in YES_NO_START or analysis.words[0] == "why"):
            # "Did China abandon self-reliance?", "why did Vietnam scrap its law?": what the
            # question supposes, which the article does not say ("... doesn't say so").
            return ("so",)
        return (f"what is {_participle(verbs[0])}" if verbs else "that",)
    words = analysis.words
    shown: list[str] = []
    for value in gap.values:
        if value in words and gap.kind is GapKind.AMOUNT:
            at = words.index(value)
            shown.append(" ".join(words[at : at + 2]))
        else:
            shown.append(analysis.typed(value))
    return tuple(shown)


# "which Asian country leads?", "what is the leading nation": the kind of place asked.
_WHICH_PLACE_RE = re.compile(
    r"\b(?:which|what)\b(?: \w+){0,3}? (countries|country|nations|nation|cities|city)\b"
)


def _participle(verb: str) -> str:
    """A verb as its past participle, for "what is banned" (a question asked in place,
    "X ban what kind of ships?"); the word as it is when lemminflect knows no such form."""
    from lemminflect import getInflection  # the lexicon only when a reply needs it

    found = getInflection(verb, tag="VBN") if verb.isalpha() else ()
    return found[0] if found else verb


@dataclass(slots=True)
class _Vocabulary:
    """Keyword postings with inverse document frequencies, built once per knowledge base."""

    postings: dict[str, dict[int, float]] = field(default_factory=dict)
    idf: dict[str, float] = field(default_factory=dict)
    unknown_idf: float = 1.0
    # The postings as arrays, for numpy: term -> (entry indices (intp), presences (float64));
    # only for knowledge bases of VECTORISE_FROM entries or more.
    arrays: dict[str, tuple[np.ndarray, np.ndarray]] = field(default_factory=dict)
    # Each posting's presence times its term's IDF (what a known keyword adds to an entry's
    # evidence): term -> {entry index: idf * presence}; only below VECTORISE_FROM entries.
    weighted: dict[str, dict[int, float]] = field(default_factory=dict)

    @classmethod
    def build(
        cls, postings: dict[str, dict[int, float]], entries: int, vectorised: bool
    ) -> _Vocabulary:
        """The vocabulary of these postings over a knowledge base of `entries` entries
        (vectorised: with the postings as numpy arrays too)."""
        vocab = cls(postings)
        total = max(entries, 1)
        vocab.idf = {
            term: math.log(1 + total / len(posting)) for term, posting in vocab.postings.items()
        }
        # A word the article never uses is strong evidence that it is not about this entry.
        vocab.unknown_idf = math.log(1 + total) + 1.0
        if vectorised:
            import numpy as np

            vocab.arrays = {
                term: (
                    np.fromiter(posting.keys(), dtype=np.intp, count=len(posting)),
                    np.fromiter(posting.values(), dtype=np.float64, count=len(posting)),
                )
                for term, posting in vocab.postings.items()
            }
        else:
            vocab.weighted = {
                term: {index: vocab.idf[term] * presence for index, presence in posting.items()}
                for term, posting in vocab.postings.items()
            }
        return vocab


def compile_knowledge(kb: KnowledgeBase, settings: MatchSettings) -> Compiled:
    """Derive what the matcher needs from the knowledge base, every article built (about
    35 ms an article; see :mod:`faqbot.compiling`, which also builds from kept parts)."""
    with jsoncache.collector_paused():
        compiled, _, _ = compiling.build(kb, settings.context_weight)
    return compiled


# A question whose doer is only a pronoun for people, right after its auxiliary ("How much
# did they spend?", "what does he recommend?"), in a message of one sentence that names
# no one, does not say who is meant.
_UNANCHORED_RE = re.compile(
    r"\b(?:do|does|did|has|have|had|will|would|can|could|should)"
    r" (?:they|he|she)\b"
)
_LATER_SENTENCE_RE = re.compile(r"[.!?]\s+\S")
_PERSON_PRONOUNS = frozenset({"they", "he", "she"})


def _unanchored(query: str, analysis: Analysis, scope: frozenset[str]) -> bool:
    """Whether a question's doer is only a pronoun for people it never names ("How much
    did they spend?"): did-you-mean, never an answer about whoever scores best. A message
    of several sentences may name them before (see Matcher's long-message reading); what
    the whole article is about (`scope`: "AI") names no one."""
    return (
        not _PERSON_PRONOUNS.isdisjoint(analysis.words)  # most questions: no join, no regex
        and analysis.asked.names <= scope
        and _UNANCHORED_RE.search(" ".join(analysis.words)) is not None
        and _LATER_SENTENCE_RE.search(query) is None
    )


class Matcher:
    """Ranks a knowledge base's entries for a question; immutable, so reloads swap it whole."""

    def __init__(
        self,
        kb: KnowledgeBase,
        settings: MatchSettings | None = None,
        compiled: Compiled | None = None,
        *,
        vectorised: bool | None = None,
    ) -> None:
        """compiled: what compile_knowledge(kb, settings) gives, when kept from before
        (faqbot.matchercache); computed here when None. Raises ValueError when it does not
        fit the knowledge base. vectorised: rank with numpy (default: from VECTORISE_FROM
        entries on; the results are the same either way)."""
        self.kb = kb
        self.settings = settings or MatchSettings()
        self._entries = kb.entries
        if vectorised is None:
            vectorised = len(self._entries) >= VECTORISE_FROM
        self.vectorised = vectorised
        if compiled is None:
            compiled = compile_knowledge(kb, self.settings)
        compiled.check(len(self._entries))
        self.compiled = compiled
        self.analyzer = Analyzer(kb.thesaurus, compiled.surface, compiled.names, compiled.countries)
        self._pairs = compiled.pairs
        self._phrasings = compiled.phrasings
        self._sorted_phrasings = compiled.sorted_phrasings
        self._counts = tuple(map(len, compiled.sorted_phrasings))  # entry -> its phrasings
        self._facts = compiled.facts
        self._vocab = _Vocabulary.build(compiled.postings, len(self._entries), vectorised)
        self._framing = frozenset(map(self.analyzer.thesaurus.keyword, _FRAMING_ADJECTIVES))
        self._section_framing = frozenset(map(self.analyzer.thesaurus.keyword, _SECTION_FRAMING))
        self._framing_nouns = frozenset(map(self.analyzer.thesaurus.keyword, _FRAMING_NOUNS))
        self._index = {entry.id: index for index, entry in enumerate(self._entries)}
        self._by_article: dict[str, frozenset[int]] = {}
        for index, entry in enumerate(self._entries):
            self._by_article[entry.article.id] = self._by_article.get(
                entry.article.id, frozenset()
            ) | {index}
        # The same sets as boolean masks over the entries (shape: entries), for numpy.
        self._article_masks: dict[frozenset[int], np.ndarray] = {}
        if vectorised:
            for members in self._by_article.values():
                self._article_masks[members] = self._within_mask(members)
        self._by_phrasing: dict[str, set[int]] = {}
        for index, phrasings in enumerate(self._phrasings):
            for phrasing in phrasings:
                self._by_phrasing.setdefault(phrasing, set()).add(index)
        self.analyzer.set_vocabulary(self._vocab.postings)
        # For the plain path's token-set shortcut (see _SetShortcut): which of each entry's
        # phrasings hold a word, and which are not in token-set's form.
        self._shortcut = _SetShortcut.build(self._sorted_phrasings if not vectorised else ())
        # Phrasings taught in chat (few entries have any; see faqbot.lessons): each such
        # entry's taught phrasings as keywords, and the entries each of their keywords is
        # taught to. What the entry's files write is read on first use (_lessons_of).
        keywords = self.analyzer.keywords
        self._taught: dict[int, tuple[frozenset[str], ...]] = {}
        self._taught_terms: dict[str, list[int]] = {}
        for index, entry in enumerate(self._entries):
            if entry.taught:
                sets = tuple(frozenset(keywords(p)) for p in entry.taught)
                self._taught[index] = sets
                for term in frozenset().union(*sets):
                    self._taught_terms.setdefault(term, []).append(index)
        self._lessons: dict[int, Lessons] = {}
        self._clause_keywords: dict[int, tuple[tuple[str, ...], ...]] = {}
        self._clause_sets: dict[int, tuple[frozenset[str], ...]] = {}
        self._stated_pairs: dict[int, frozenset[tuple[str, str]]] = {}
        self._titles: dict[str, frozenset[str]] = {}  # see _title_keywords
        # Whether the plain path scores phrasings with cdist into numpy arrays: only once
        # prepare has loaded numpy (see _phrasing_scores); `faqbot ask` never does.
        self._cdist = False
        # Per entry, its phrasings' ratios of their first word against them (see
        # _SetShortcut.parts), float32 arrays built by prepare for the plain path.
        self._leading_ratios: tuple[np.ndarray, ...] = ()

    def prepare(self) -> None:
        """Load now what the first questions would otherwise load while a reader waits: the
        spelling index of this matcher's vocabulary with the English word list (about
        0.1 s), small talk's typo index (0.07 s), and lemminflect's lexicon, which the
        question reading uses for some questions ("does it add value", "what the law bans":
        about 0.3 s in a fresh process). The bot calls it in a worker thread before a
        matcher is served; `faqbot ask` does not, to keep its start-up short. Idempotent;
        answers do not depend on it. Also countryinfo's demonyms (about 0.05 s), read for
        a question with a word the knowledge never uses ("Thai firms"). With numpy loaded
        (lemminflect brings it anyway), the plain path then scores phrasings with cdist
        (see _phrasing_scores: the same numbers, faster)."""
        from faqbot import lexicon  # lemminflect brings numpy: not for `faqbot ask`

        demonym_places()
        capital_countries()
        self.analyzer.prepare()
        lexicon.prepare()
        smalltalk.prepare()
        import numpy as np  # (loaded by lemminflect already: no start-up cost)

        self._cdist = True
        if not self.vectorised and not self._leading_ratios:
            # Each phrasing's token-set ratio of its first word's length against its own,
            # cut off (see _SetShortcut.parts), per entry (float32, as cdist gives scores).
            self._leading_ratios = tuple(
                np.array([_leading_ratio(t) for t in texts], dtype=np.float32)
                for texts in self._sorted_phrasings
            )

    def facts(self, entry: Entry) -> Facts | None:
        """What an entry states, as the constraints see it."""
        index = self._index.get(entry.id)
        return self._facts[index] if index is not None else None

    def too_vague(self, query: str) -> bool:
        """Whether `query` is one keyword that several entries use ("investment"), which
        never gets an outright answer (see _too_vague and _names_one), across all articles:
        teaching such a wording would make it answer one entry for everyone
        (review.teaching_problem)."""
        analysis = self.analyzer.analyse(clip_query(query))
        if not self._too_vague(analysis):
            return False
        ranked = self._rank(analysis, limit=max(self.settings.max_suggestions, 5))
        candidates = [Candidate(self._entries[i], s) for i, s in ranked]
        return not self._names_one(analysis, candidates)

    def uses(self, entry: Entry) -> Container[str]:
        """The keywords an entry uses (phrasings, answer, quote, section, tags), as
        :func:`faqbot.constraints.check` looks them up; empty for an entry not served.
        Phrasings taught in chat do not count: a word only they give is the entry's only
        in them (see lessons)."""
        index = self._index.get(entry.id)
        return self._uses(index) if index is not None else frozenset()

    def _uses(self, index: int) -> Container[str]:
        lessons = self._lessons_of(index)
        return _Uses(self, index) if lessons is None else lessons.own

    def lessons(self, entry: Entry) -> Lessons | None:
        """An entry's phrasings taught in chat, with the keywords its files give it; None
        when it has none (or is not served)."""
        index = self._index.get(entry.id)
        return self._lessons_of(index) if index is not None else None

    def _lessons_of(self, index: int) -> Lessons | None:
        taught = self._taught.get(index)
        if taught is None:
            return None  # most entries
        found = self._lessons.get(index)
        if found is None:
            entry = self._entries[index]
            written = [p for p in entry.phrasings if p not in entry.taught]
            texts = (*written, entry.answer, entry.source.quote, entry.source.section, *entry.tags)
            own = frozenset(chain.from_iterable(map(self.analyzer.keywords, texts)))
            found = self._lessons[index] = Lessons(own, taught)
        return found

    def _lesson_ignores(self, analysis: Analysis) -> frozenset[str]:
        """The words a taught phrasing need not share with a question (faqbot.lessons):
        the article's scope, and the names, years and amounts it asks about, which the
        constraints hold the entry to ("openai money man in 2030": the lesson's entry,
        which gives no 2030, is the closest fact, never the answer)."""
        asked = analysis.asked
        return self.kb.thesaurus.scope | asked.names | asked.years | asked.amounts

    def _stray(self, analysis: Analysis) -> frozenset[str]:
        """The question's words that only taught phrasings use, none of which asks what it
        asks (see faqbot.lessons): as before those lessons, words the knowledge never
        uses ("How accurate is Big AI?" after "How accurate is Small AI?" was taught)."""
        if not self._taught_terms:
            return frozenset()  # nothing taught
        ignored = self._lesson_ignores(analysis)
        stray = set()
        for keyword in analysis.keywords:
            taught = self._taught_terms.get(keyword)
            if taught is None or keyword in analysis.unknown:
                continue
            lessons = [(i, self._lessons_of(i)) for i in taught]
            borrowers = [i for i, lesson in lessons if lesson and keyword not in lesson.own]
            if set(self._vocab.postings[keyword]) != set(borrowers):
                continue  # some entry's files write it
            if all(
                unvouched(analysis.keywords, lesson, ignored) for _, lesson in lessons if lesson
            ):
                stray.add(keyword)
        return frozenset(stray)

    def _unvouched(self, analysis: Analysis, index: int) -> bool:
        """Whether the question reaches the entry at `index` through a word only its taught
        phrasings use, in a question none of them asks (see faqbot.lessons)."""
        lessons = self._lessons_of(index)
        if lessons is None:
            return False  # most entries
        ignored = self._lesson_ignores(analysis)
        return bool(unvouched(analysis.keywords, lessons, ignored))

    def _gap(self, asked: Asked, index: int) -> Gap | None:
        """The first constraint of `asked` that entry `index` does not meet (None: it can
        answer), checked with its article's scope and the keywords it uses: the one way
        every decision here asks :func:`faqbot.constraints.check` (taught phrasings'
        words not among them: see :meth:`uses`)."""
        entry = self._entries[index]
        if asked.topics:
            # What an article is about as a whole (its title: "batteries") each of its
            # entries is about, written or not: no other topic than the entry's. Only its
            # own article's title: another's is a topic this one does not cover.
            titles = self._title_keywords(entry.article.id)
            if not asked.topics.isdisjoint(titles):
                asked = replace(asked, topics=asked.topics - titles)
        # An entry's clauses only for a deed asked of someone ("X also ... or not?") or a
        # kind of organisation ("which companies ...?"): rare.
        if asked.parts:
            asks = (asked, *asked.parts)
            needs_clauses = any(a.actor or a.group or a.deed_of for a in asks)
            needs_statements = any(a.said_of is not None or a.quoted is not None for a in asks)
            needs_kinds = any(a.contrasted for a in asks)
        else:  # most questions: one part
            needs_clauses = bool(asked.actor or asked.group or asked.deed_of)
            needs_statements = asked.said_of is not None or asked.quoted is not None
            needs_kinds = bool(asked.contrasted)
        return check(
            asked,
            self._facts[index],
            self.kb.scope_of(entry.article.id),
            self._uses(index),
            self._clauses(index) if needs_clauses else None,
            partial(self._statements, index) if needs_statements else None,
            self._stated(index) if needs_kinds else None,
        )

    def _title_keywords(self, article: str) -> frozenset[str]:
        """The keywords of an article's title (by its id), read on first need (a question
        with a topic, see :func:`faqbot.constraints.asked_topics`) and kept."""
        found = self._titles.get(article)
        if found is None:
            title = next((a.title for a in self.kb.articles if a.id == article), "")
            found = self._titles[article] = frozenset(self.analyzer.keywords(title))
        return found

    def _stated(self, index: int) -> Container[Signature]:
        """The kind signatures (see :class:`faqbot.constraints.Signature`) entry `index`
        speaks of: the keywords it uses, and the pairs of keywords that stand side by side,
        no other word between, in its answer, quote or an editor's phrasing ("Big AI
        companies", "Who leads small AI?"; not "How big is the AI market?": "big" is no
        kind there), read on first need (a question naming a kind of a contrast set) and
        kept."""
        found = self._stated_pairs.get(index)
        if found is None:
            entry = self._entries[index]
            written = (p for p in entry.phrasings if p not in entry.taught)
            words = chain.from_iterable(map(_parted, (entry.answer, entry.source.quote, *written)))
            keywords = self.analyzer.keywords
            found = side_by_side(words, lambda run: keywords(" ".join(run)))
            self._stated_pairs[index] = found
        return _Stated(self._uses(index), found)

    def _clauses(self, index: int) -> tuple[tuple[str, ...], ...]:
        """The keywords of each clause of entry `index`'s answer and quote, in order (see
        :func:`faqbot.constraints.text_clauses`), read when first needed and kept."""
        found = self._clause_keywords.get(index)
        if found is None:
            entry = self._entries[index]
            texts = map(apart_titles, (entry.answer, entry.source.quote))
            pieces = chain.from_iterable(map(text_clauses, texts))
            found = tuple(tuple(self.analyzer.keywords(p)) for p in pieces if p.strip())
            self._clause_keywords[index] = found
        return found

    def _statements(self, index: int) -> tuple[frozenset[str], ...]:
        """The keywords of each statement of entry `index`: its clauses (see _clauses), read
        on first need (a yes or no on something named) and kept, a clause naming nothing
        going on with the one before ("Southeast Asia leads. The region's market grew":
        what grew is Southeast Asia's). Each phrasing an editor wrote for it that names one
        thing is one more: what it asks is what the entry says ("Is China building its own
        AI?" of "China's approach emphasises self-reliance")."""
        found = self._clause_sets.get(index)
        if found is None:
            entry = self._entries[index]
            names = self.analyzer.names - self.kb.thesaurus.scope  # "AI" names nothing here
            clauses: list[frozenset[str]] = []
            for keywords in map(frozenset, self._clauses(index)):
                if clauses and names.isdisjoint(keywords):
                    clauses[-1] |= keywords
                elif keywords:
                    clauses.append(keywords)
            # (Only a phrasing naming one thing: "Who backs OpenAI, and what does Meta
            # release?" says nothing of either alone.)
            written = (p for p in entry.phrasings if p not in entry.taught)
            phrased = (frozenset(self.analyzer.keywords(p)) for p in written)
            clauses.extend(k for k in phrased if len(k & names) <= 1)
            found = self._clause_sets[index] = tuple(clauses)
        return found

    def rank(self, query: str, limit: int = 10) -> list[Candidate]:
        """Return up to `limit` entries ranked by combined fuzzy and keyword score."""
        analysis = self.analyzer.analyse(clip_query(query))
        return [Candidate(self._entries[i], s) for i, s in self._rank(analysis, limit)]

    def _rank(
        self, analysis: Analysis, limit: int, within: frozenset[int] | None = None
    ) -> list[tuple[int, float]]:
        """(entry index, score) pairs, best first; only entries `within`, when given."""
        # A name, year or amount the article never mentions is a hard constraint (checked
        # in match), not evidence: "How much has Thailand committed?" still finds the
        # commitment entry, and "the market in 2028" the market entry.
        asked = analysis.asked
        # Nor is a word the article never uses in the sentences before a long message's
        # question ("I teach a class in Ipoh"): who the reader is does not dilute the score.
        ignored = analysis.unknown & (
            asked.names | asked.years | asked.amounts | analysis.context | self._framing
        )
        if not _SECTION_WORDS.isdisjoint(analysis.words):
            # "which section covers X?", "what is the X section called?": only X is asked.
            ignored = ignored | self._section_framing
        framed: frozenset[str] = frozenset()
        if not self._framing.isdisjoint(analysis.keywords):
            # "overall, what is the article about?", "the final verdict": a framing
            # adjective framed by a question word or another word is no evidence for an
            # entry that happens to write it ("overall digital tech spending"). It still
            # weighs in the total: leaving it out would lift entries that lack it.
            framing = self._framing.intersection(analysis.keywords)
            if not _QUESTION_WORDS.isdisjoint(analysis.words) or any(
                k not in framing for k in analysis.keywords
            ):
                framed = framing
        unknown_idf = self._vocab.unknown_idf
        terms = [
            (k, self._vocab.idf.get(k, unknown_idf)) for k in analysis.keywords if k not in ignored
        ]
        if analysis.recalled and not analysis.unknown.isdisjoint(analysis.recalled):
            # What the reader recalls of the article, in their own words ("a figure with a
            # target year attached"): a word the article never uses there is as likely their
            # paraphrase as what is asked, and weighs less.
            recalled = analysis.recalled & analysis.unknown
            terms = [(k, idf * RECALLED_WEIGHT if k in recalled else idf) for k, idf in terms]
        known = [(k, idf) for k, idf in terms if k not in analysis.unknown and k not in framed]
        if not known:
            return []
        aside = self._aside(analysis)
        if aside:
            terms = [(k, _ASIDE_IDF if k in aside else idf) for k, idf in terms]
        total_idf = sum(idf for _, idf in terms)
        # Words the knowledge base never uses mean the question is about something else.
        unknown = sum(idf for k, idf in terms if k in analysis.unknown) / total_idf
        damping = 1.0 - self.settings.unknown_penalty * unknown
        candidates, evidence, fuzzy = self._candidates(known, within, analysis.keywords)
        weight = self.settings.fuzzy_weight
        pair_share = self._pair_evidence(analysis, candidates)
        beta = self.settings.pair_weight if analysis.pairs else 0.0
        scored = [
            (weight * f + (1 - weight) * 100.0 * ((1 - beta) * e / total_idf + beta * p)) * damping
            for e, f, p in zip(evidence, fuzzy, pair_share, strict=True)
        ]
        # Best first, ties: the lower entry index first (the second sort is stable, reverse
        # included). Both sorts key in C.
        order = sorted(range(len(candidates)), key=candidates.__getitem__)
        order.sort(key=scored.__getitem__, reverse=True)
        return [(candidates[k], round(scored[k], 1)) for k in order[:limit]]

    def _aside(self, analysis: Analysis) -> frozenset[str]:
        """The words the knowledge never uses that a long message says outside its question
        ("So I was reading about these AI giants and honestly it's a lot of money being
        thrown around, my friend says ...": "reading", "thrown", "friend"), when the question
        leans on what comes before it and they are not set aside as context already: who
        said what, and how the reader came to ask, are no topic of the question, though they
        may name it. Empty for other messages (most: short, or no such word)."""
        if not analysis.unknown or len(analysis.query.split()) <= LONG_MESSAGE_WORDS:
            return frozenset()
        split = last_question(analysis.query)
        if split is None:
            return frozenset()
        asking = self.analyzer.keywords(split[1], correct=True)
        return analysis.unknown.difference(asking, analysis.context)

    def _candidates(
        self,
        known: Sequence[tuple[str, float]],
        within: frozenset[int] | None,
        keywords: Sequence[str],
    ) -> tuple[list[int], list[float], list[float]]:
        """The candidate_limit entries (within some, when given) with the most keyword
        evidence, best first (ties: the lower index), with their evidence and their best
        phrasing's fuzzy score against the question's keywords."""
        limit = self.settings.candidate_limit
        normalised = " ".join(sorted(keywords))  # as the phrasings are kept
        # An entry one of whose phrasings the question is (_by_phrasing, as _too_vague
        # reads it) is always a candidate.
        written = self._by_phrasing.get(" ".join(keywords), ())
        phrased = sorted(i for i in written if within is None or i in within)
        if self.vectorised:
            evidence, touched = self._keyword_evidence(known)
            if within is not None:
                touched &= self._within_mask(within)
            candidates = _with_phrased(_top(evidence, touched, limit), phrased, limit)
            fuzzy = self._fuzzy_scores(normalised, candidates)
            return candidates, [float(evidence[i]) for i in candidates], fuzzy
        sums = self._keyword_sums(known)
        reached = sums.keys() if within is None else sums.keys() & within
        # Most evidence first; equal evidence keeps the lower index first (sorts are stable).
        candidates = sorted(sorted(reached), key=sums.__getitem__, reverse=True)[:limit]
        candidates = _with_phrased(candidates, [i for i in phrased if i in sums], limit)
        fuzzy = self._phrasing_scores(normalised, candidates)
        return candidates, [sums[i] for i in candidates], fuzzy

    def match(
        self, query: str, article: str | None = None, *, today: date | None = None
    ) -> MatchResult:
        """Decide whether to answer, answer in part, suggest, admit not knowing, or chat.

        article: the id of the article the reader is reading (they came through its link);
        its entries are tried first, and an answer from another article is marked
        ``elsewhere``. Without it, a question that fits several articles about as well
        gets ``suggest`` with the ``articles`` to choose from.

        today: the reader's date, for "next year" and "in 5 years" (default: the clock's).
        A message longer than read (see clip_query) that asks something in the part left
        out gets ``suggest`` at most: what is read may not be what it asks.
        """
        query, dropped = _clip(query)
        result = self._match(query, article, today=today)
        if dropped and result.decision is Decision.ANSWER:
            chosen = result.candidates[: self.settings.max_suggestions]
            return replace(result, decision=Decision.SUGGEST, suggestions=chosen)
        return result

    def _match(self, query: str, article: str | None, *, today: date | None) -> MatchResult:
        """match, on a query read whole (clipped)."""
        today = today or date.today()
        kind = classify(query)
        if kind is SmallTalk.GREETING and (greeted := self._greeted(query, today)) is not None:
            # "Good morning! Korea's AI budget": a greeting, then a topic of the article.
            return self._match(greeted, article, today=today)
        if kind is None:
            kind = self._social(query)
        if kind is not None:
            return MatchResult(query, Decision.SMALLTALK, (), smalltalk=kind)
        asked = asked_part(query)
        if asked != query:
            # "Quick question: what is X?", "hey bot, what is X?": the question alone.
            return self._match(asked, article, today=today)
        analysis = self.analyzer.analyse(query, today=today)
        within = self._by_article.get(article) if article is not None else None
        if within is not None and len(self._by_article) > 1:
            local = self._decide(query, analysis, within)
            if local.decision in (Decision.NONE, Decision.SUGGEST, Decision.PARTIAL):
                local = self._without_context(query, local, today, within)
            if local.decision in (Decision.NONE, Decision.SUGGEST):
                local = self._by_clause(query, analysis, local, today, within)
            if local.decision is Decision.ANSWER:
                return local
            # Not answered here: another article may answer it outright (better than
            # "this article doesn't say" when the reader asks about the other one).
            overall = self._decide(query, analysis, None)
            best = overall.best
            if overall.decision is Decision.ANSWER and best and best.entry.article.id != article:
                return replace(overall, elsewhere=True)
            return local
        result = self._decide(query, analysis, None)
        if result.decision in (Decision.NONE, Decision.SUGGEST, Decision.PARTIAL):
            result = self._without_context(query, result, today)
        if result.decision in (Decision.NONE, Decision.SUGGEST):
            result = self._by_clause(query, analysis, result, today)
        return self._choose_article(result) if len(self._by_article) > 1 else result

    def _social(self, query: str) -> SmallTalk | None:
        """The kind of social small talk a short message is though it says words small talk
        does not list (see :func:`faqbot.smalltalk.social_talk`), when none of them is a word
        the knowledge uses: "super helpful, thanks a lot", "thanks for answering"; not
        "thanks, and Japan's budget" (Japan is the article's)."""
        found = social_talk(query)
        if found is None:
            return None
        kind, said = found
        keywords = self.analyzer.keywords(" ".join(said)) if said else []
        if any(k in self._vocab.idf for k in keywords):
            return None
        return kind

    def _greeted(self, query: str, today: date) -> str | None:
        """What a message says after greeting (see :func:`faqbot.smalltalk.after_greeting`)
        when it names a topic of the article: two keywords the knowledge uses at least
        ("Hi! Big AI versus small AI in Asia"), not only who the reader is ("Hello! I'm
        new here.", "Hi! I'm from Manila.")."""
        rest = after_greeting(query)
        if rest is None:
            return None
        analysis = self.analyzer.analyse(rest, today=today)
        # Counted by the words the reader wrote: "Seoul" is read as two ("south korea",
        # see Analyzer._capitals_as_countries) but names one place, no topic.
        known = {analysis.shown.get(k, k) for k in analysis.keywords if k not in analysis.unknown}
        return rest if len(known) >= 2 and not about_the_reader(rest) else None

    def _without_context(
        self, query: str, result: MatchResult, today: date, within: frozenset[int] | None = None
    ) -> MatchResult:
        """A question after sentences about the reader ("My boss sent me this. What is
        Small AI?", "I run a factory in Dhaka. What does manufacturing benefit from?") is
        answered by its question sentence alone, when that sentence stands on its own (no
        "he", "that", "my": :func:`refers_back`) or the sentences before it name no place,
        organisation, year or amount (which could change what is asked: "I live in
        Thailand. How much has my government committed?"). What sentences not about the
        reader name ("Vietnam is my focus.") must be met by the answer too."""
        split = last_question(query, self._says_nothing_asked) or question_after_reader(query)
        if split is None:
            return result
        context, question = split
        if only_points(question):
            return result  # "... What were the examples?" alone asks nothing
        before = self.analyzer.analyse(context, today=today)
        asked = before.asked  # where the reader is ("I work in Jakarta.") is not among it
        # In sentences about the reader, the article's scope ("I'm worried about AI") names
        # nothing the question could lean on (a question before it, "How many use AI?",
        # does: "what about 2024?" asks it again).
        about_them = about_the_reader(context)
        scope = self.kb.thesaurus.scope if about_them else frozenset()
        named = bool(asked.names - scope or asked.years or asked.amounts)
        if named and refers_back(question):
            return result
        # A question that leans on where the reader is ("How much has the government
        # committed?") asks about that place: it is a name the answer must give.
        part = self.analyzer.analyse(question, today=today, places=before.places)
        alone = self._decide(question, replace(part, query=query), within)
        best = alone.best
        if (
            named
            and best is not None
            and not about_them
            # "Vietnam is my focus. How much was committed?": what the sentences before
            # name is part of the question; the entry must meet it too.
            and self._gap(asked, self._index[best.entry.id]) is not None
        ):
            return result
        if alone.decision is Decision.ANSWER:
            return alone
        if alone.decision is Decision.PARTIAL and (
            result.decision is Decision.PARTIAL or not named
        ):
            # What the question lacks, not what the sentences before named (or, naming
            # nothing, only blurred: "I work in Jakarta. How much has Indonesia committed?").
            return alone
        return result

    def _says_nothing_asked(self, text: str) -> bool:
        """Whether a lead-in uses no word of the knowledge ("Sorry to bother you", "Just
        curious"), but words about asking ("Apologies for the basic question"): nothing of
        what is asked, so the question after it stands alone."""
        words = self.analyzer.surface_words(text, correct=False)[0]
        return not any(
            self.analyzer.thesaurus.keyword(w) in self._vocab.idf
            for w in words
            if w not in STOP_WORDS and w not in ASKING_WORDS
        )

    def _by_clause(
        self,
        query: str,
        analysis: Analysis,
        result: MatchResult,
        today: date,
        within: frozenset[int] | None = None,
    ) -> MatchResult:
        """A question of several clauses ("What does it say about X, and what keeps Y?",
        "What is X, both near-term and longer-term?") is answered by one clause alone when
        that clause is answered outright and its entry meets every constraint of the whole
        question (its years, amounts, names and focus) and leaves out no word the article
        never uses ("The 96% figure, how many firms did they survey?" asks about surveys)."""
        clauses = clause_split(query)
        best: MatchResult | None = None
        for clause in clauses:
            part = self.analyzer.analyse(clause, today=today)
            if not analysis.unknown <= set(part.keywords):
                continue  # it leaves out a word the article never uses: what is asked
            alone = self._decide(clause, part, within)
            chosen = alone.best
            if alone.decision is not Decision.ANSWER or chosen is None:
                continue
            index = self._index[chosen.entry.id]
            if self._gap(analysis.asked, index) is not None or self._unvouched(analysis, index):
                continue
            if best is None or (best.best is not None and chosen.score > best.best.score):
                best = alone
        return replace(best, query=query, analysis=analysis) if best else result

    def _choose_article(self, result: MatchResult) -> MatchResult:
        """Ask which article is meant when the best entries of several score about alike."""
        if result.decision not in (Decision.ANSWER, Decision.SUGGEST) or not result.best:
            return result
        floor = max(result.best.score - self.settings.article_margin, 0.0)
        pool = result.suggestions if result.decision is Decision.SUGGEST else result.candidates
        close = [c for c in pool if c.score >= max(floor, self.settings.suggest_threshold)]
        articles = tuple(dict.fromkeys(c.entry.article for c in close))
        if len(articles) < 2:
            return result
        return replace(
            result, decision=Decision.SUGGEST, suggestions=tuple(close), articles=articles
        )

    def _decide(self, query: str, analysis: Analysis, within: frozenset[int] | None) -> MatchResult:
        """The decision among all entries, or only those `within` one article."""
        settings = self.settings
        # A word only lessons given for other questions use counts as one the knowledge
        # never uses, and an entry the question reaches through such a word is no
        # candidate: as before those lessons (faqbot.lessons).
        stray = self._stray(analysis)
        if stray:
            analysis = replace(analysis, unknown=analysis.unknown | stray)
        ranked = self._rank(analysis, limit=max(settings.max_suggestions, 5), within=within)
        if self._taught:  # (most knowledge has no taught phrasing: nothing to leave out)
            ranked = [(i, s) for i, s in ranked if not self._unvouched(analysis, i)]
        candidates = tuple(Candidate(self._entries[i], s) for i, s in ranked)

        def result(
            decision: Decision,
            chosen: Sequence[Candidate] = candidates,
            suggestions: Sequence[Candidate] = (),
            gap: Gap | None = None,
        ) -> MatchResult:
            return MatchResult(
                query, decision, tuple(chosen), tuple(suggestions), gap, analysis=analysis
            )

        if not ranked or ranked[0][1] < settings.suggest_threshold:
            return result(Decision.NONE)
        # Each candidate's gap (None: it meets every constraint), checked in rank order when
        # first needed: an answer needs only the gaps up to the best fitting candidate and
        # its runner-up (often only the first), the other decisions all of them.
        gaps: list[Gap | None] = []

        def fits(k: int) -> bool:
            while len(gaps) <= k:
                gaps.append(self._gap(analysis.asked, ranked[len(gaps)][0]))
            return gaps[k] is None

        best = candidates[0]
        # _section_titled reads the fitting candidates in rank order only for a question
        # about a section (and stops at the suggestion bar): lazily, like the rest.
        titled = self._section_titled(analysis, (c for k, c in enumerate(candidates) if fits(k)))
        if titled is not None:
            return result(Decision.ANSWER, _first(titled, candidates))
        fitting_at = (k for k in range(len(candidates)) if fits(k))  # in rank order, lazily
        if (
            self._too_vague(analysis, within) and not self._names_one(analysis, candidates, within)
        ) or _unanchored(query, analysis, self.kb.thesaurus.scope):
            suggestions = [
                candidates[k]
                for k in fitting_at
                if candidates[k].score >= settings.suggest_threshold
            ]
            if suggestions:
                return result(Decision.SUGGEST, suggestions=suggestions[: settings.max_suggestions])
        elif (first := next(fitting_at, None)) is not None:
            top = candidates[first]
            if analysis.asked.contrasted and speaks_of_kinds_asked(
                analysis.asked, self._stated(ranked[first][0])
            ):
                # A better entry only about another kind of what is asked ("Big AI" for "is
                # Small AI accessible?") is no rival to one about that kind.
                best = next(
                    c
                    for c, g in zip(candidates, gaps, strict=False)
                    if g is None or g.kind is not GapKind.CONTRAST
                )
            # The runner-up is the next fitting candidate, so it scores at most the one ranked
            # right after the top (0 when none fits): when the top leads that one by both
            # margins, the runner-up's score passes both tests below whichever it is (a - x
            # falls as x grows, in floats too), and no further candidate is checked.
            after = candidates[first + 1].score if first + 1 < len(candidates) else 0.0
            if top.score - after >= max(settings.margin, settings.lead_margin):
                runner_up = after  # not the runner-up's score: a bound as good for the tests
            else:
                second = next(fitting_at, None)
                runner_up = candidates[second].score if second is not None else 0.0
            if (
                top.score >= settings.answer_threshold
                and top.score - runner_up >= settings.margin
                and best.score - top.score <= settings.constraint_slack
                and (
                    len(analysis.keywords) > 3
                    or self._coverage(analysis, top.entry) >= settings.min_coverage
                )
            ):
                return result(Decision.ANSWER, _first(top, candidates))
            if self._clear_lead(analysis, top, runner_up, best) or (
                first == 0 and self._wide_lead(analysis, top, after, best)
            ):
                return result(Decision.ANSWER, _first(top, candidates))
        fitting = [c for k, c in enumerate(candidates) if fits(k)]
        partial = self._closest_fact(candidates, gaps, analysis.asked)
        if partial is not None:
            closest, gap = partial
            if gap.kind is GapKind.NAME:
                unheard = tuple(v for v in gap.values if v not in self._vocab.idf)
                # "Did Japan pass an AI law?": the article names Japan, just not for this;
                # "Japan and Taiwan": only Taiwan is a name the article never mentions.
                gap = Gap(GapKind.NAME, unheard) if unheard else Gap(GapKind.MENTIONED, gap.values)
            return result(Decision.PARTIAL, _first(closest, candidates), gap=gap)
        suggestions = [c for c in fitting if c.score >= settings.suggest_threshold]
        if suggestions:
            return result(Decision.SUGGEST, suggestions=suggestions[: settings.max_suggestions])
        return result(Decision.NONE)

    def _section_titled(self, analysis: Analysis, fitting: Iterable[Candidate]) -> Candidate | None:
        """For a question about a section ("regulation section", "big ai section title"),
        the best fitting entry (at least at the suggestion bar) whose section's title has
        every keyword the question gives but the article's scope and the framing ("title",
        "called", "side"): its reply names that section. None for any other question, one
        with a word the article never uses ("is there a section on Europe?"), or one an
        editor wrote as an entry's phrasing (a draft's list of sections: "X section")."""
        if _SECTION_WORDS.isdisjoint(analysis.words):
            return None  # most questions
        if self._written_as_section(analysis.keywords):
            return None
        scope = self.kb.thesaurus.scope
        framing = self._section_framing
        wanted = {k for k in analysis.keywords if k not in scope and k not in framing}
        if not wanted or not wanted.isdisjoint(analysis.unknown):
            return None
        for candidate in fitting:
            if candidate.score < self.settings.suggest_threshold:
                break
            if wanted <= set(self.analyzer.keywords(candidate.entry.source.section)):
                return candidate
        return None

    def _written_as_section(self, keywords: Sequence[str]) -> bool:
        """Whether an editor wrote a phrasing with these keywords that asks about a section
        ("regulation section"), not one that only shares its words ("the companies on each
        side" is no question about the business section)."""
        joined = " ".join(keywords)
        return any(
            " ".join(self.analyzer.keywords(p)) == joined
            and not _SECTION_WORDS.isdisjoint(tokens(p))
            for i in self._by_phrasing.get(joined, ())
            for p in self._entries[i].phrasings
        )

    def _clear_lead(
        self, analysis: Analysis, top: Candidate, runner_up: float, best: Candidate
    ) -> bool:
        """Tell whether an entry scoring below the answer bar is still clearly the answer.

        A score between the suggestion and the answer bars mostly comes from a question's
        words that the article never uses ("poems", "completly", "meantime"): the entry may
        still be the only one the question is about. It answers when it is the best of all
        (no better entry lacking a constraint), leads the runner-up by ``lead_margin``, has
        the share of the question's keywords that the article uses that an answer needs
        (``min_coverage``, IDF-weighted: a common word of the article such as "keep" or
        "open" may be one it leaves out), and the question asks for
        nothing an entry could lack but the names it gives (a figure, a date, a unit, a
        ranking, an attribute, a reason, the opposite change, what is not so: any field of
        :class:`~faqbot.constraints.Asked` but ``names``) and does not ask to identify
        something ("which carmakers ...", "who ..."): else a word the article never uses may
        be the asked detail, and "did you mean" stays the honest reply.
        """
        settings = self.settings
        return (
            top is best
            and top.score >= settings.suggest_threshold
            and top.score - runner_up >= settings.lead_margin
            and not analysis.asked.asks_detail
            and _IDENTIFYING.isdisjoint(analysis.words[:3])
            and len(analysis.keywords) - len(analysis.unknown) >= 2
            and self._coverage(analysis, top.entry) >= settings.min_coverage
        )

    def _wide_lead(self, analysis: Analysis, top: Candidate, after: float, best: Candidate) -> bool:
        """Tell whether an entry below the answer bar is the answer by a wide lead, though the
        question asks for a detail or to identify something (which :meth:`_clear_lead`
        leaves to "did you mean").

        ``after``: the score of the candidate ranked second, fitting or not. The entry states
        what is asked (it fits: the constraint checks found no gap), is the best of all,
        leads every other entry by ``named_lead`` (as a one-word question that names one
        entry must), has the coverage of an answer, and the question holds at most one word
        the article never uses: a framing word ("which region is *called* the world's most
        dynamic?") lowers the score below the bar, though no other entry comes near. Two such
        words may be the detail asked ("how many firms were *surveyed* for the *figure*?"),
        and "did you mean" stays. So does one beside a single word of the topic (the
        article's scope, "AI", not counted): it may be all that is asked of it, and the
        opposite of what the entry says ("how much will AI *subtract* from the economy?" of
        the $1.6 trillion AI adds; no word list tells "add" from "subtract").
        """
        settings = self.settings
        scope = self.kb.thesaurus.scope
        known = [k for k in analysis.keywords if k not in analysis.unknown and k not in scope]
        return (
            top is best
            and top.score >= settings.suggest_threshold
            and top.score - after >= settings.named_lead
            and len(analysis.unknown) <= 1
            and len(known) >= 2
            and self._coverage(analysis, top.entry) >= settings.min_coverage
        )

    def _closest_fact(
        self,
        candidates: Sequence[Candidate],
        gaps: Sequence[Gap | None],
        asked: Asked | None = None,
    ) -> tuple[Candidate, Gap] | None:
        """The entry to offer when the best ones lack what is asked, with what it lacks.

        An entry that names everything the question names ("Japan" in "how much has Japan
        invested?") is closer than a better-scoring one about somewhere else.
        """
        lacking = [
            (c, g)
            for c, g in zip(candidates, gaps, strict=True)
            if g is not None and c.score >= self.settings.partial_threshold
        ]
        if not lacking or gaps[0] is None:
            return None
        # Then one about the figure or detail asked ("how many employees in Singapore":
        # the employees figure, lacking Singapore, before Singapore's programme).
        on_subject = [(c, g) for c, g in lacking if g.kind not in _OFF_SUBJECT]
        about_it = [(c, g) for c, g in lacking if g.kind not in _DETAIL_GAPS]
        chosen = (on_subject or about_it or lacking)[0]
        if asked is not None and chosen[1].kind in (GapKind.YEAR, GapKind.AMOUNT):
            # "ai market japan 2025": Japan's entry lacks 2025, but the market entry states
            # it and lacks Japan: what the article does not give is Japan.
            # (Only a better-scoring one: "the APAC market in 2024" stays with the APAC
            # market, which lacks 2024, not the Southeast Asian one of 2024.)
            stating = self._stating_all_but_names(lacking, asked)
            if stating is not None and stating[0].score > chosen[0].score:
                return stating
        return chosen

    def _stating_all_but_names(
        self, lacking: Sequence[tuple[Candidate, Gap]], asked: Asked
    ) -> tuple[Candidate, Gap] | None:
        """The first entry lacking only a name that states the question's years and
        amounts (checked without its names), with its name gap; None without one."""
        unnamed = replace(asked, names=frozenset())
        for candidate, gap in lacking:
            if gap.kind is not GapKind.NAME:
                continue
            rest = self._gap(unnamed, self._index[candidate.entry.id])
            if rest is None or rest.kind not in (GapKind.YEAR, GapKind.AMOUNT):
                return candidate, gap
        return None

    def _coverage(self, analysis: Analysis, entry: Entry) -> float:
        """Share (IDF-weighted) of the question's known keywords that the entry uses; the
        words that frame what is asked (adjectives such as "overall", and in a question
        about a section "covers", "deals with", "called") left out, as in the ranking."""
        index = self._index[entry.id]
        scope = self.kb.thesaurus.scope
        framing = self._framing | self._framing_nouns
        if not _SECTION_WORDS.isdisjoint(analysis.words):
            framing = framing | self._section_framing
        weights = {
            k: self._vocab.idf[k]
            for k in analysis.keywords
            if k in self._vocab.idf and k not in scope and k not in framing
        }
        total = sum(weights.values())
        if not total:
            return 1.0
        return sum(w for k, w in weights.items() if index in self._vocab.postings[k]) / total

    def _too_vague(self, analysis: Analysis, within: frozenset[int] | None = None) -> bool:
        """One keyword alone is not a question ("investment", "jobs"), unless it names one entry.

        Keywords of the article's scope ("AI", "Asia") do not count: "big ai" is one word.
        A name ("SkillsFuture", "Giron") that the phrasings of exactly one entry use is
        specific enough to answer. Within one article (`within`, its entry indexes), only
        its entries count: "headline" names one entry of each article.
        """
        words = [k for k in analysis.keywords if k not in self.kb.thesaurus.scope]
        if numbers_only(words):
            return True  # numbers alone ("what is 2+2?", "what about 7?") ask of nothing
        if analysis.asked.bounds and self._bound_only(analysis, words):
            return True  # a range alone ("is it more than 50%?") fits many figures
        if len(words) != 1 or _QUESTION_WORDS & set(analysis.words):
            return False  # several keywords, or a real question: "what is AI sovereignty?"
        written = self._by_phrasing.get(" ".join(analysis.keywords), set())
        posting = self._vocab.postings.get(words[0], {})
        if len(written if within is None else written & within) == 1 and (
            within is not None or not self._phrased_elsewhere(posting, written)
        ):
            return False  # an editor wrote (or taught) exactly this as one entry's phrasing
        phrased = [
            i
            for i, weight in posting.items()
            if weight == 1.0 and (within is None or i in within)  # in a phrasing
        ]
        return not (words[0] in self.analyzer.names and len(phrased) == 1)

    def _bound_only(self, analysis: Analysis, words: Sequence[str]) -> bool:
        """Whether a question's keywords (`words`, the article's scope left out) are only
        the ranges it asks (see :func:`faqbot.constraints.asked_bounds`: their numbers,
        units and bound words) and numbers: "more than 50%?", "over $5 billion?". A range
        names no entry, unlike a figure ("67%" may be one entry's): every entry with a
        figure in it fits, so the best scoring of them is a guess."""
        bounded = {k for b in analysis.asked.bounds for k in self.analyzer.keywords(b.phrase)}
        return all(k in bounded or numbers_only((k,)) for k in words)

    def _names_one(
        self,
        analysis: Analysis,
        candidates: Sequence[Candidate],
        within: frozenset[int] | None = None,
    ) -> bool:
        """Whether the one word of a question (see _too_vague) plainly names the best
        entry (of those `within`, when given): few entries use it (_NAMED_BY_AT_MOST), and
        the best scores at the answer bar and leads every other by ``named_lead``
        ("healthcare", "logistics", "AI sovereignty": one entry is about it, the others at
        most list or mention it). A word several entries are about ("investment", "market",
        "jobs", "regulation") scores close on each of them or is used by many, and gets
        "did you mean" as before (issue 7 item 4)."""
        if not candidates or candidates[0].score < self.settings.answer_threshold:
            return False
        words = [k for k in analysis.keywords if k not in self.kb.thesaurus.scope]
        if numbers_only(words):
            return False  # "what about 7?": a number names no entry, even one giving it
        posting = self._vocab.postings.get(words[0], {}) if len(words) == 1 else {}
        if len(posting if within is None else posting.keys() & within) > _NAMED_BY_AT_MOST:
            return False  # "investment": a word many entries use names none of them
        runner_up = candidates[1].score if len(candidates) > 1 else 0.0
        return candidates[0].score - runner_up >= self.settings.named_lead

    def _phrased_elsewhere(self, posting: dict[int, float], written: set[int]) -> bool:
        """Whether entries of other articles than the one written entry's use the word in
        a phrasing: "investment", written as one EV entry's phrasing, is also asked of the
        AI article's entries, whose editor never saw the other article (issue 7 item 4)."""
        if len(self._by_article) < 2:
            return False
        members = self._by_article[self._entries[next(iter(written))].article.id]
        return any(weight == 1.0 and i not in members for i, weight in posting.items())

    def _pair_evidence(self, analysis: Analysis, candidates: Sequence[int]) -> list[float]:
        """Share (IDF-weighted) of the question's neighbouring keyword pairs each entry has."""
        total = len(self._entries)
        weights: list[float] = []
        # The pairs that some entry has, with their weight: only these are looked for.
        found: list[tuple[float, frozenset[int]]] = []
        for pair in analysis.pairs:
            members = self._pairs.get(pair)
            if members is None:
                weights.append(math.log(1 + total))
            else:
                weights.append(math.log(1 + total / len(members)))
                found.append((weights[-1], members))
        if not found:
            return [0.0] * len(candidates)
        all_weight = sum(weights)
        if len(found) == 1:  # most questions: what the sum below gives (0 + w is w), in short
            share = found[0][0] / all_weight
            members = found[0][1]
            return [share if i in members else 0.0 for i in candidates]
        # Each candidate's weights added in the pairs' order, gathered per pair (a C
        # intersection with the candidates) rather than every pair tried per candidate: the
        # same sums as sum() of each one's weights (from 0, one by one, in that order).
        position = dict(zip(candidates, range(len(candidates)), strict=True))
        sums: list[float] = [0] * len(candidates)
        for weight, members in found:
            for i in members.intersection(candidates):
                at = position[i]
                sums[at] += weight
        return [total / all_weight for total in sums]

    def _keyword_evidence(
        self, known: Sequence[tuple[str, float]]
    ) -> tuple[np.ndarray, np.ndarray]:
        """Each entry's weighted keyword hits, summed through the inverted index.

        Returns (evidence, touched), both of shape (entries,): the sums (float64, added term
        by term in the question's order) and which entries any of the keywords reach.
        """
        import numpy as np

        size = len(self._entries)
        evidence = np.zeros(size, dtype=np.float64)
        touched = np.zeros(size, dtype=bool)
        for term, weight in known:
            indices, presence = self._vocab.arrays[term]
            evidence[indices] += weight * presence  # an entry appears once per posting
            touched[indices] = True
        return evidence, touched

    def _keyword_sums(self, known: Sequence[tuple[str, float]]) -> dict[int, float]:
        """What _keyword_evidence computes, without numpy: entry index -> weighted keyword
        hits, for the entries any of the keywords reach (added in the same order, so the
        same float64 sums): dict copies, key-set intersections and maps, in C."""
        vocab = self._vocab
        evidence: dict[int, float] = {}
        for term, weight in known:
            hits = vocab.weighted[term]
            if weight != vocab.idf[term]:  # known keywords weigh their IDF; in case not:
                hits = {i: weight * presence for i, presence in vocab.postings[term].items()}
            if not evidence:
                evidence = dict(hits)  # 0.0 + x is x
                continue
            both = evidence.keys() & hits.keys()
            # The sums where both reach (map and zip in C, read before hits overwrite them).
            added = list(
                zip(
                    both,
                    map(operator.add, map(evidence.__getitem__, both), map(hits.__getitem__, both)),
                    strict=True,
                )
            )
            evidence.update(hits)
            evidence.update(added)
        return evidence

    def _within_mask(self, within: frozenset[int]) -> np.ndarray:
        """A boolean mask (shape: entries) of the entries `within`."""
        import numpy as np

        mask = self._article_masks.get(within)
        if mask is None:
            mask = np.zeros(len(self._entries), dtype=bool)
            mask[sorted(within)] = True
        return mask

    def _fuzzy_scores(self, normalised: str, candidates: Sequence[int]) -> list[float]:
        """Best phrasing score of each candidate entry, from two batched rapidfuzz calls
        (normalised: the question's keywords sorted, joined by spaces)."""
        pool = list(chain.from_iterable(map(self._sorted_phrasings.__getitem__, candidates)))
        return self._cdist_scores(normalised, candidates, pool, None)

    def _phrasing_scores(self, normalised: str, candidates: Sequence[int]) -> list[float]:
        """What _fuzzy_scores computes, without numpy: each candidate's best phrasing score,
        in float32 as cdist gives it, so the numbers are the same to the last bit."""
        phrasings = self._sorted_phrasings
        pool = list(chain.from_iterable(map(phrasings.__getitem__, candidates)))
        # Token-set only where it can differ from token-sort (exact: see _SetShortcut); the
        # rest take their token-sort score.
        if self._cdist:
            parts = self._shortcut.parts(normalised, candidates)
            if parts is None:
                return self._cdist_scores(normalised, candidates, pool, None)
            return self._cdist_scores(normalised, candidates, pool, *parts)
        scored = self._shortcut.scored(normalised, candidates)
        order = _scores(normalised, pool, fuzz.ratio)
        if scored is None:
            subset = _scores(normalised, pool, fuzz.token_set_ratio)
        else:
            # Scored without a cut-off, so that every phrasing comes back and its score goes
            # straight to its place: below the cut-off it is 0, as with one (rapidfuzz's
            # score is the same with or without a cut-off where it reaches it; tested).
            at = list(compress(range(len(pool)), scored))
            subset = array("f", order)
            for _, score, k in process.extract(
                normalised,
                list(compress(pool, scored)),
                scorer=fuzz.token_set_ratio,
                limit=None,
                score_cutoff=0,
            ):
                subset[at[k]] = score if score >= _FUZZY_CUTOFF else 0.0
        # float32 + float32 is exact in float64, and rounding to float32 keeps the order, so
        # each candidate's best sum rounded once (array "f") is numpy's best rounded sum.
        # Halving is exact, so it may come last.
        sums = list(map(operator.add, subset, order))
        best: list[float] = []
        start = 0
        for index in candidates:
            end = start + len(phrasings[index])
            best.append(max(sums[start:end]) if end > start else 0.0)
            start = end
        return [score / 2 for score in array("f", best)]

    def _cdist_scores(
        self,
        normalised: str,
        candidates: Sequence[int],
        pool: list[str],
        scored: bytes | None,
        leading: bytes | None = None,
    ) -> list[float]:
        """What _phrasing_scores computes, for a prepared matcher (numpy loaded): the
        scores of `pool` (the candidates' phrasings, in order; `scored`: which go through
        token-set, None for all) come from cdist as float32 arrays, as _fuzzy_scores gets
        them, instead of extract building and sorting a tuple per phrasing (at the
        article's size, token-sort over some 290 phrasings took 59 µs that way, 13 µs with
        cdist). The same numbers to the last bit (tested). leading: the phrasings whose
        token-set comes from lengths and their plain ratio (see _SetShortcut.parts)."""
        if not pool:
            return [0.0] * len(candidates)
        import numpy as np

        # (No dtype given: float32 is what cdist gives these scorers, and naming it costs
        # rapidfuzz a dozen dtype comparisons a call.)
        query = [normalised]
        order = process.cdist(query, pool, scorer=fuzz.ratio, score_cutoff=_FUZZY_CUTOFF)[0]
        if scored is None:
            subset = process.cdist(
                query, pool, scorer=fuzz.token_set_ratio, score_cutoff=_FUZZY_CUTOFF
            )[0]
        else:
            subset = order.copy()
            subset[np.frombuffer(scored, dtype=np.bool_)] = process.cdist(
                query,
                list(compress(pool, scored)),
                scorer=fuzz.token_set_ratio,
                score_cutoff=_FUZZY_CUTOFF,
            )[0]
            if leading is not None:
                told = np.frombuffer(leading, dtype=np.bool_)
                theirs = np.concatenate(list(map(self._leading_ratios.__getitem__, candidates)))
                subset[told] = _leading_token_set(normalised, order[told], theirs[told])
        counts = list(map(self._counts.__getitem__, candidates))
        if 0 not in counts:  # each candidate's phrasings start where the one before ends
            starts = list(accumulate(counts[:-1], initial=0))
            return cast("list[float]", np.maximum.reduceat((subset + order) / 2, starts).tolist())
        starts = []
        at = 0
        for count in counts:
            if count:
                starts.append(at)
                at += count
        best = iter(np.maximum.reduceat((subset + order) / 2, starts).tolist())
        return [next(best) if count else 0.0 for count in counts]


# A string of "0" and "1" as bytes 0 and 1 (bytes.translate), flags for itertools.compress.
_FLAGS = bytes.maketrans(b"01", b"\x00\x01")


def _leading_token_set(normalised: str, ratios: np.ndarray, leading: np.ndarray) -> np.ndarray:
    """rapidfuzz's token-set ratios (float32) of the question to phrasings that share only
    its first word, as theirs (see _SetShortcut.parts): the largest of their plain ratios
    (float32, cut off), their _leading_ratio (float32) and the first word's length against
    the question's; each rounded to float32 as cdist rounds the largest (the same: rounding
    keeps the order)."""
    import numpy as np

    length, shared = len(normalised), len(normalised.partition(" ")[0])
    own = 100.0 - 100.0 * (length - shared) / (shared + length)
    floor = np.float32(own if own >= _FUZZY_CUTOFF else 0.0)
    told: np.ndarray = np.maximum(np.maximum(ratios, leading), floor)
    return told


def _leading_ratio(text: str) -> float:
    """rapidfuzz's token-set ratio of a text's first word alone against the whole text
    (words sorted, distinct): 100 - 100 (b - s) / (s + b) for the word's length s and
    the text's b, 0 below the cut-off."""
    length, shared = len(text), len(text.partition(" ")[0])
    ratio = 100.0 - 100.0 * (length - shared) / (shared + length) if length else 0.0
    return ratio if ratio >= _FUZZY_CUTOFF else 0.0


@dataclass(frozen=True, slots=True)
class _SetShortcut:
    """Which phrasings token-set must score, and which take their token-sort score.

    rapidfuzz's token_set_ratio of two texts sharing no word is the ratio of their words
    sorted and deduplicated, joined by spaces (with 100 - 100 * d / n for ratio's
    (1 - d / n) * 100: the same float32 for every d <= n below 4,000, tested); for a
    question and a phrasing both already in that form, that is their plain ratio. The
    others (a shared word, a repeated word, a question not in that form) are scored by
    token-set. Built once per matcher (plain path), with the phrasings numbered entry by
    entry: for each word of the phrasings (as rapidfuzz splits them), the bits of the
    phrasings that hold it; the bits of those not in that form (a repeated word); and each
    entry's phrasings as a slice of those bits written out, the last phrasing first.

    A prepared matcher also takes without rapidfuzz the token-set of the phrasings whose
    first word is the question's first word and that share no other word with it (a third
    of those token-set would score, at the article): see :meth:`parts`.
    """

    holding: dict[str, int]  # word -> bits of the phrasings that hold it
    odd: int  # bits of the phrasings not in token-set's form
    slices: tuple[slice, ...]  # entry index -> its phrasings in format(bits, width)
    width: str  # format spec: all the phrasings' bits, the first phrasing's last
    leading: dict[str, int]  # word -> bits of the phrasings in that form it starts

    @classmethod
    def build(cls, phrasings: Sequence[Sequence[str]]) -> _SetShortcut:
        """The shortcut for these entries' phrasings (each entry's texts, words sorted)."""
        holding: dict[str, int] = {}
        leading: dict[str, int] = {}
        odd = 0
        slices: list[slice] = []
        total = sum(map(len, phrasings))
        at = 0
        for texts in phrasings:
            first = total - 1 - at  # format writes the highest bit first
            last = first - len(texts)
            slices.append(slice(first, last if last >= 0 else None, -1) if texts else slice(0))
            for text in texts:
                words = text.split()
                if " ".join(sorted(set(words))) != text:
                    odd |= 1 << at
                elif words:
                    leading[words[0]] = leading.get(words[0], 0) | 1 << at
                for word in set(words):
                    holding[word] = holding.get(word, 0) | 1 << at
                at += 1
        return cls(holding, odd, tuple(slices), f"0{total}b", leading)

    def scored(self, normalised: str, candidates: Sequence[int]) -> bytes | None:
        """For each phrasing of the candidates (in order), 1 when its token-set ratio to the
        question may differ from their plain ratio, else 0; None for all of them
        (normalised: the question's keywords sorted, joined by spaces)."""
        words = normalised.split()
        if not words or " ".join(sorted(set(words))) != normalised:
            return None
        bits = self.odd
        for word in words:
            bits |= self.holding.get(word, 0)
        return self._flags(bits, candidates)

    def parts(self, normalised: str, candidates: Sequence[int]) -> tuple[bytes, bytes] | None:
        """What :meth:`scored` gives, split in two: the phrasings token-set must score, and
        those whose first word is the question's first word and that share no other word
        with it (not repeating one): then the shared word opens both texts, which
        rapidfuzz's token-set compares without it, so its ratio of the rest over the
        whole lengths is the plain ratio of the two texts (an Indel distance does not
        change when both texts lose the same start), and their token-set is the largest
        of that ratio and the two ratios of the shared word's length against each text's
        (see Matcher._cdist_scores; tested). None as for scored."""
        words = normalised.split()
        if not words or " ".join(sorted(set(words))) != normalised:
            return None
        rest = 0
        for word in words[1:]:
            rest |= self.holding.get(word, 0)
        leading = self.leading.get(words[0], 0) & ~rest
        bits = (self.odd | rest | self.holding.get(words[0], 0)) & ~leading
        return self._flags(bits, candidates), self._flags(leading, candidates)

    def _flags(self, bits: int, candidates: Sequence[int]) -> bytes:
        """The candidates' phrasings, in order, as bytes 1 (a bit set) and 0."""
        written = format(bits, self.width)
        flags = "".join(map(written.__getitem__, map(self.slices.__getitem__, candidates)))
        return flags.encode().translate(_FLAGS)


# Gaps of an entry about something else than asked: another place or firm, another subject.
_OFF_SUBJECT = frozenset({GapKind.NAME, GapKind.SUBJECT, GapKind.ACTION, GapKind.SAID_OF})
# Gaps of a detail or of what is done: offered after an entry about what is asked.
_DETAIL_GAPS = frozenset({GapKind.SUBJECT, GapKind.ACTION, GapKind.SAID_OF})


# Abbreviations of places shown in capitals when the reader typed them in lower case.
_UPPER_PLACES = frozenset("usa us uk uae eu asean apac emea latam".split())


def _as_written(phrase: str, candidates: Sequence[Candidate]) -> str:
    """A name the reader typed in lower case, as the article writes it ("japan" ->
    "Japan", "openai" -> "OpenAI": from the candidates' answers, quotes and phrasings), or
    in capitals for an abbreviation ("usa"), or capitalised for a place ("malaysia");
    else as the reader typed it."""
    if not phrase.islower():
        return phrase
    pattern = re.compile(rf"(?<!\w){re.escape(phrase)}(?!\w)", re.IGNORECASE)
    for candidate in candidates:
        entry = candidate.entry
        for text in (entry.answer, entry.source.quote, *entry.phrasings):
            found = pattern.search(text)
            if found is not None and not found.group(0).islower():
                return found.group(0)
    if phrase in _UPPER_PLACES:
        return phrase.upper()
    # A place the article does not write: as English does ("malaysia" -> "Malaysia").
    if all(is_place(stem(w)) or w in COMPASS_WORDS for w in phrase.split(" ")):
        return phrase.title()
    return phrase


# What parts words that stand side by side: punctuation (the stop words part them too).
_PUNCTUATION_RE = re.compile(r"[,;:.!?()\[\]\"“”/|]+|\s[-–—]\s")


def _parted(text: str) -> list[str]:
    """A text's tokens, with "" where punctuation parts them and at its end (what
    :func:`faqbot.analysis.side_by_side` reads as a break): "Big AI firms, and the market"
    -> ["big", "ai", "firms", "", "and", "the", "market", ""]."""
    words: list[str] = []
    for piece in _PUNCTUATION_RE.split(text):
        words += tokens(piece)
        words.append("")
    return words


class _Stated(Container[Signature]):
    """The kinds an entry speaks of: a keyword it uses, or a pair of keywords it writes side
    by side (see Matcher._stated)."""

    __slots__ = ("_pairs", "_uses")

    def __init__(self, uses: Container[str], side_by_side: frozenset[tuple[str, str]]) -> None:
        self._uses = uses
        self._pairs = side_by_side

    def __contains__(self, signature: object) -> bool:
        if isinstance(signature, tuple):
            return signature in self._pairs
        return signature in self._uses


class _Uses(Container[str]):
    """An entry's keywords, looked up in the matcher's postings (no set built per entry)."""

    __slots__ = ("_index", "_pairs", "_postings")

    def __init__(self, matcher: Matcher, index: int) -> None:
        self._postings = matcher._vocab.postings
        self._pairs = matcher._pairs
        self._index = index

    def __contains__(self, keyword: object) -> bool:
        """A keyword it uses, or a pair of keywords (sorted) it writes side by side."""
        if isinstance(keyword, tuple):
            members = self._pairs.get(keyword)
            return members is not None and self._index in members
        posting = self._postings.get(keyword) if isinstance(keyword, str) else None
        return posting is not None and self._index in posting


def _scores(query: str, pool: list[str], scorer: Callable[..., float]) -> array[float]:
    """The scorer's score of the query against each of the pool, 0 below the cut-off, as
    float32 (what cdist gives with dtype float32; extract batches as cdist does)."""
    scores = [0.0] * len(pool)
    for _, score, at in process.extract(
        query, pool, scorer=scorer, limit=None, score_cutoff=_FUZZY_CUTOFF
    ):
        scores[at] = score
    return array("f", scores)


def _with_phrased(candidates: list[int], phrased: Sequence[int], limit: int) -> list[int]:
    """The candidates, with the entries whose phrasing the question is (`phrased`) in place
    of the last ones when the evidence left them out: among many entries sharing one
    keyword ("both approaches at once": only "approach"), ties of evidence go to the lower
    index, and an entry written (or taught) exactly that way could miss the cut."""
    missing = [i for i in phrased if i not in candidates]
    if not missing:
        return candidates  # most questions: no phrasing is the question, or it made the cut
    return [*candidates[: max(0, limit - len(missing))], *missing]


def _top(evidence: np.ndarray, touched: np.ndarray, limit: int) -> list[int]:
    """The indices of the `limit` touched entries with the most evidence, best first (ties:
    the lower index first), as Python ints. evidence and touched have shape (entries,)."""
    import numpy as np

    indices = np.flatnonzero(touched)
    values = evidence[indices]
    if len(indices) > limit:
        # The limit-th largest value ("floor"); then all above it, and the lowest indices
        # equal to it. np.partition crawls over long runs of equal values, so it partitions
        # keys made distinct by a tiny tie-break (key <= value): the limit-th largest key is
        # at most the floor, so the values reaching it hold the floor exactly.
        size = len(values)
        scale = float(values.max()) * 2.0**-30 / size
        keys = values - np.arange(size, dtype=np.float64) * scale
        least = np.partition(keys, size - limit)[size - limit]
        reaching = values[values >= least]
        floor = np.sort(reaching)[-limit]  # few values, or many equal ones
        above = values > floor
        ties = np.flatnonzero(values == floor)[: limit - int(above.sum())]
        keep = np.flatnonzero(above)
        keep = np.concatenate((keep, ties))
        indices, values = indices[keep], values[keep]
    order = np.lexsort((indices, -values))
    return [int(i) for i in indices[order]]


def _first(chosen: Candidate, candidates: Sequence[Candidate]) -> tuple[Candidate, ...]:
    """The candidates with the chosen one moved to the front."""
    return (chosen, *(c for c in candidates if c is not chosen))


def normalised_text(matcher: Matcher, text: str) -> str:
    """A text's keywords joined by spaces, as the matcher compares them (for grouping)."""
    return " ".join(matcher.analyzer.keywords(text, correct=True))
