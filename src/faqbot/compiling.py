"""What a matcher derives from its knowledge before any question is asked, built article by
article so that a change to one article rebuilds only that article's part.

Building a matcher tokenises every text, finds the names, and derives each entry's keywords,
keyword pairs, normalised phrasings and facts (about 35 ms an article of 45 entries; 200
articles take seconds). Each article's entries give one :class:`Part`; :func:`merge` puts
the parts together into the :class:`Compiled` value the matcher reads. What is shared
across articles is derived in the merge, from the parts:

- the word counts (``surface``): the sum of each article's counts, first seen first;
- the names: keywords some article capitalises mid-sentence and no article's prose writes
  in lower case (each part keeps both sets: :func:`faqbot.analysis.name_evidence`), then
  the thesaurus's phrases made of names; an entry's names and places (its facts) are the
  names among its keywords, read off the merged postings;
- entry indices: a part's are its entries' indices in the whole knowledge base (from its
  ``start``); a part kept from before is moved where its article now starts
  (:mod:`faqbot.matchercache`).

One thing an article's part depends on besides its own entries, the merged thesaurus and
the settings: two neighbouring words are joined into one ("viet nam" -> "vietnam") when the
knowledge base, any article of it, uses the joined word. A part records which joins its
texts could make (``joined``: known words when it was built; ``unjoined``: the others), and
is used again only when exactly those are known words now (:meth:`Part.fits`); otherwise its
article is built again. So a part kept from before gives the same matcher as a build from
scratch, to the last posting (tested against the former one-pass build, tests/monolithic.py).
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict, deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from itertools import accumulate, chain, repeat
from operator import add, setitem

from faqbot.analysis import (
    Analyzer,
    Evidence,
    countries,
    join_candidates,
    joinable_of,
    name_evidence,
    place_keywords,
)
from faqbot.constraints import (
    Facts,
    bracketed,
    defined_in,
    in_article_currency,
    phrasings_explain,
)
from faqbot.knowledge import Entry, KnowledgeBase
from faqbot.normalise import token_tuple
from faqbot.thesaurus import Thesaurus

# Not met yet (see _read).
_NEW: frozenset[str] = frozenset({"not met yet"})
# Between the keywords of two texts where those of many texts are read in one pass
# (_pairs): never a keyword (those are folded letters, digits and thesaurus words), and
# less than any, so that each pair it makes is (_APART, keyword).
_APART = "\x00"


@dataclass(frozen=True, slots=True)
class Compiled:
    """What a matcher derives from its knowledge base before any question is asked: the
    costly part of building one, merged from its articles' parts (:class:`Part`, which
    :mod:`faqbot.matchercache` keeps between runs).

    Entries are referred to by their index in the knowledge base's ``entries``.
    """

    # The knowledge base's words (folded tokens) with how often it uses them, first seen first.
    surface: dict[str, int]
    # Keywords that name something (see analysis.proper_names), with the phrase folds.
    names: frozenset[str]
    # Keyword -> {entry index: presence (1.0 in a phrasing, else the context weight)}.
    postings: dict[str, dict[int, float]]
    # Neighbouring keyword pairs (see analysis.pairs) -> the entries that have them.
    pairs: dict[tuple[str, str], frozenset[int]]
    # Per entry: its phrasings as keywords joined by spaces, distinct, in order.
    phrasings: tuple[tuple[str, ...], ...]
    # Per entry: the same with each phrasing's keywords sorted, distinct (what the fuzzy
    # scores compare: "ai market size" for "market size ai" and "size ai market").
    sorted_phrasings: tuple[tuple[str, ...], ...]
    # Per entry: what it states, for the constraints.
    facts: tuple[Facts, ...]
    # The country and region names the analyzer knows (analysis.countries; from pycountry).
    countries: frozenset[str]

    def check(self, entries: int) -> None:
        """Raise ValueError unless this is of a knowledge base of `entries` entries. (Its
        entry indices are those of the parts it is merged from, checked as they are read:
        Part.check.)"""
        if len(self.facts) != entries or not (
            len(self.phrasings) == len(self.sorted_phrasings) == entries
        ):
            raise ValueError(f"compiled for another knowledge base (not {entries} entries)")


@dataclass(frozen=True, slots=True)
class Part:
    """What one article's entries (a run of them: see :func:`runs`) give the matcher. Fields
    as in :class:`Compiled` (entry indices in the whole knowledge base), except:

    - ``start``: the index of its first entry in the knowledge base;
    - ``surface``: this article's words with their counts;
    - ``capitalised``, ``lowercase``: its evidence for names (analysis.name_evidence);
    - ``joined``: the words that neighbouring words of its texts would be joined into and
      that were known words when it was built; ``unjoined``: those that were not, as one
      text (sorted, separated by spaces: only ever split to be checked); ``basis``: a
      digest of all the words that were joinable then (:func:`basis_of`);
    - postings and pairs as flat sequences (a cached part is read back, and 200 merged,
      with few Python objects and loops): ``terms`` the keywords, ``sizes`` how many
      entries each has, ``indices`` and ``presences`` those entries, term after term;
      ``pairs`` and ``paired``: each pair with one entry that has it, one item per both;
    - ``facts``: without names and places (both empty): those depend on every article,
      and :func:`merge` fills them in.
    """

    start: int
    surface: dict[str, int]
    capitalised: frozenset[str]
    lowercase: frozenset[str]
    joined: frozenset[str]
    unjoined: str
    basis: str
    terms: tuple[str, ...]
    sizes: tuple[int, ...]
    indices: tuple[int, ...]
    presences: tuple[float, ...]
    pairs: tuple[tuple[str, str], ...]
    paired: tuple[int, ...]
    phrasings: tuple[tuple[str, ...], ...]
    sorted_phrasings: tuple[tuple[str, ...], ...]
    facts: tuple[Facts, ...]
    countries: frozenset[str]

    @property
    def entries(self) -> int:
        """How many entries this part is of."""
        return len(self.phrasings)

    def fits(
        self, joinable: frozenset[str], basis: str, earlier: frozenset[str] | None = None
    ) -> bool:
        """Whether this part is what building its article gives when these are the words
        two neighbours are joined into (the knowledge base's: analysis.joinable_of), whose
        digest is `basis` (the same as when it was built, most often: nothing to check).

        earlier: the joinable words it was built with (whose digest is its basis), when
        known: none of its unjoined words was among them, so only the words joinable since
        are looked for (an edit adds a few), not all of them.
        """
        if basis == self.basis:
            return True
        if not self.joined <= joinable:
            return False
        if earlier is not None:
            since = joinable - earlier
            if len(since) <= _FEW_WORDS:
                unjoined = f" {self.unjoined} "
                return not any(f" {word} " in unjoined for word in since)
        return joinable.isdisjoint(self.unjoined.split())

    def check(self) -> None:
        """Raise ValueError unless this part holds together: as many facts and sorted
        phrasings as phrasings (entries), entry indices among its entries, sizes that add
        up, a pair's entry each."""
        entries = len(self.phrasings)
        if len(self.facts) != entries or len(self.sorted_phrasings) != entries:
            raise ValueError("phrasings and facts of different numbers of entries")
        for indices in (self.indices, self.paired):
            if indices and not self.start <= min(indices) <= max(indices) < self.start + entries:
                raise ValueError("compiled entry index out of range")
        if len(self.terms) != len(self.sizes) or sum(self.sizes) != len(self.indices):
            raise ValueError("postings do not add up")
        if len(self.presences) != len(self.indices) or len(self.pairs) != len(self.paired):
            raise ValueError("postings or pairs cut short")
        if (self.sizes and min(self.sizes) < 1) or len(set(self.terms)) != len(self.terms):
            raise ValueError("a keyword without entries, or twice")


# Up to this many words newly joinable are each looked for in a part's unjoined words;
# more, and its unjoined words are split and looked up.
_FEW_WORDS = 64


def basis_of(joinable: frozenset[str]) -> str:
    """A digest (32 hex digits) of a set of joinable words, to tell it from another."""
    return hashlib.blake2b("\n".join(sorted(joinable)).encode(), digest_size=16).hexdigest()


def runs(kb: KnowledgeBase) -> list[tuple[Entry, ...]]:
    """The knowledge base's entries in runs of one article each, in order: one run per
    article when each article's entries are together (as knowledge files load). A part is
    built, and kept, per run."""
    found: list[tuple[Entry, ...]] = []
    run: list[Entry] = []
    for entry in kb.entries:
        if run and entry.article.id != run[0].article.id:
            found.append(tuple(run))
            run = []
        run.append(entry)
    if run:
        found.append(tuple(run))
    return found


def starts(groups: Sequence[Sequence[Entry]]) -> list[int]:
    """The index of each run's first entry in the knowledge base."""
    return list(accumulate((len(g) for g in groups[:-1]), initial=0)) if groups else []


def build(
    kb: KnowledgeBase,
    context_weight: float,
    kept: Sequence[Part | None] | None = None,
    earlier: Callable[[str], frozenset[str] | None] = lambda basis: None,
    groups: Sequence[tuple[Entry, ...]] | None = None,
) -> tuple[Compiled, list[Part], list[int]]:
    """The compiled knowledge, from parts kept from before where they fit.

    kept: per run of entries (see :func:`runs`), its part from before, or None; a part is
    used when it starts at its run's first entry, is of as many entries and fits
    (:meth:`Part.fits`), else its run is built again. context_weight: the matching
    settings' (the presence of a keyword found only in an entry's context). earlier: the
    joinable words whose digest is a basis, when known (see Part.fits). groups: runs(kb),
    when the caller has them. Returns the compiled knowledge, every run's part, and the
    indices of the runs built here.
    """
    groups = runs(kb) if groups is None else groups
    first = starts(groups)
    parts: list[Part | None] = list(kept) if kept is not None else [None] * len(groups)
    if len(parts) != len(groups):
        raise ValueError(f"{len(parts)} parts for {len(groups)} runs of entries")
    for i, part in enumerate(parts):
        if part is not None and (part.start, part.entries) != (first[i], len(groups[i])):
            parts[i] = None
    thesaurus = kb.thesaurus
    memo = _Memo(thesaurus)
    read = {i: _read(groups[i], memo) for i, p in enumerate(parts) if p is None}
    surface = _surface(p.surface if p is not None else read[i].surface for i, p in enumerate(parts))
    joinable = joinable_of(surface, thesaurus)
    basis = basis_of(joinable)
    bases: dict[str, frozenset[str] | None] = {basis: joinable}
    for i, part in enumerate(parts):
        if part is None:
            continue
        if part.basis not in bases:
            bases[part.basis] = earlier(part.basis)
        if not part.fits(joinable, basis, bases[part.basis]):
            read[i] = _read(groups[i], memo)
    if read:
        # The country names a kept part holds (read with pycountry's version in its key),
        # else read now (about 90 ms of importing pycountry).
        known = next((p.countries for p in parts if p is not None), None) or countries()
        analyzer = Analyzer(thesaurus, surface, countries=known, tokenised=memo.tokenised)
        for i, texts in read.items():
            parts[i] = _derive(texts, first[i], analyzer, basis, context_weight, known)
    done = [p for p in parts if p is not None]
    return merge(done, thesaurus, surface), done, sorted(read)


@dataclass(frozen=True, slots=True)
class _Read:
    """What an article's texts give before any keyword is derived (see _read)."""

    entries: tuple[Entry, ...]
    surface: dict[str, int]
    capitalised: frozenset[str]
    lowercase: frozenset[str]
    # The words that neighbouring words of its texts could be joined into (see Part).
    joins: frozenset[str]


class _Memo:
    """What one build keeps of each distinct text, for all its articles (copies of an
    article share most sentences and phrasings: each is read once)."""

    def __init__(self, thesaurus: Thesaurus) -> None:
        self.keyword = thesaurus.keyword
        # A text's tokens (the analyzer reads them too: see Analyzer's `tokenised`).
        self.tokenised: dict[str, tuple[str, ...]] = {}
        # A text's neighbouring tokens written as one word (analysis.join_candidates), from
        # the second time it is met (None: met once; see _read).
        self.joins: dict[str, frozenset[str] | None] = {}
        # A text's evidence for names.
        self.names: tuple[dict[str, Evidence], dict[str, Evidence]] = ({}, {})

    def split(self, text: str) -> tuple[str, ...]:
        """The text's tokens (faqbot.normalise.tokens)."""
        words = self.tokenised.get(text)
        if words is None:
            words = self.tokenised[text] = token_tuple(text)
        return words


def _read(entries: tuple[Entry, ...], memo: _Memo) -> _Read:
    """An article's word counts, name evidence and possible joins."""
    # The article's word counts, and its possible joins (neighbouring tokens written as one
    # word, as analysis.join_candidates gives them), each gathered in C over all its texts.
    # A text met before in this build (articles that share sentences) gives the joins kept
    # of it (memo.joins, kept from its second time on).
    split, known = memo.split, memo.joins
    counted: list[tuple[str, ...]] = []
    fresh: list[tuple[str, ...]] = []
    candidates: set[str] = set()
    for e in entries:
        facts = f"{e.answer}\n{e.source.quote}"  # the text the facts are read from: joined too
        for text in (
            e.question,
            *e.alternates,
            e.answer,
            e.source.quote,
            e.source.section,
            *e.tags,
            facts,
        ):
            words = split(text)
            if text is not facts:
                counted.append(words)
            kept = known.get(text, _NEW)
            if kept is _NEW:
                known[text] = None
                fresh.append(words)
            else:
                if kept is None:
                    kept = known[text] = frozenset(join_candidates(words))
                candidates |= kept
    surface = Counter(chain.from_iterable(counted))  # first seen first
    candidates.update(chain.from_iterable(map(join_candidates, fresh)))
    capitalised, lowercase = name_evidence(
        (t for e in entries for t in (e.answer, e.source.quote)),
        (p for e in entries for p in e.phrasings),
        memo.keyword,
        memo.split,
        memo.names,
    )
    # All of them (those that can never be joinable, of digits or short, are few: sifting
    # them out cost more than it saved).
    return _Read(entries, dict(surface), capitalised, lowercase, frozenset(candidates))


def _derive(
    read: _Read,
    start: int,
    analyzer: Analyzer,
    basis: str,
    context_weight: float,
    known: frozenset[str],
) -> Part:
    """An article's part: its entries' keywords, pairs, phrasings and facts, as `analyzer`
    (over the whole knowledge base; basis: the digest of its joinable words) derives them.
    start: the index of its first entry in the knowledge base. known: the country names
    (what countries() gives)."""
    keywords = analyzer.keywords
    per_entry: list[tuple[set[str], set[str]]] = []
    # A pair's entries, in order (each pair is met once per entry).
    found_pairs: defaultdict[tuple[str, str], list[int]] = defaultdict(list)
    phrasings: list[tuple[str, ...]] = []
    sorted_phrasings: list[tuple[str, ...]] = []
    facts: list[tuple[Facts, list[str]]] = []
    for index, entry in enumerate(read.entries, start):
        phrased = list(map(keywords, entry.phrasings))
        answer, quote = keywords(entry.answer), keywords(entry.source.quote)
        context = {*answer, *quote}
        context.update(*map(keywords, (entry.source.section, *entry.tags)))
        phrasing_keys = set(chain.from_iterable(phrased))
        per_entry.append((phrasing_keys, context))
        # found_pairs[pair].append(index), each pair once per entry, in C.
        _consume(
            map(
                list.append,
                map(found_pairs.__getitem__, _pairs((*phrased, answer, quote))),
                repeat(index),
            )
        )
        # Each entry's phrasings, normalised once here rather than on every question.
        said = list(filter(None, phrased))
        phrasings.append(tuple(dict.fromkeys(map(" ".join, said))))
        # Keywords sorted as lists: a keyword may hold a space (a thesaurus phrase).
        sorted_phrasings.append(tuple(dict.fromkeys(map(" ".join, map(sorted, said)))))
        stated, _ = analyzer.surface_words(f"{entry.answer}\n{entry.source.quote}", correct=False)
        asked = [analyzer.surface_words(p, correct=False)[0] for p in entry.phrasings]
        explains = phrasings_explain(asked[0], asked[1:])
        # names and places: in merge
        aside = asides(entry, keywords)
        texts = (entry.answer, entry.source.quote)
        defined = frozenset(k for w in defined_in(texts, entry.phrasings) for k in keywords(w))
        facts.append(
            (
                Facts.of(stated, frozenset(), explains=explains, asides=aside, defines=defined),
                stated,
            )
        )
    joined = read.joins & analyzer.joinable
    postings = postings_of(per_entry, context_weight, start)
    return Part(
        start=start,
        surface=read.surface,
        capitalised=read.capitalised,
        lowercase=read.lowercase,
        joined=joined,
        unjoined=" ".join(sorted(read.joins - joined)),
        basis=basis,
        terms=tuple(postings),
        sizes=tuple(map(len, postings.values())),
        indices=tuple(chain.from_iterable(postings.values())),
        presences=tuple(chain.from_iterable(map(dict.values, postings.values()))),
        pairs=tuple(chain.from_iterable(map(repeat, found_pairs, map(len, found_pairs.values())))),
        paired=tuple(chain.from_iterable(found_pairs.values())),
        phrasings=tuple(phrasings),
        sorted_phrasings=tuple(sorted_phrasings),
        facts=in_article_currency(facts),
        countries=known,
    )


def asides(entry: Entry, keywords: Callable[[str], list[str]]) -> frozenset[str]:
    """The keywords an entry's answer and quote write only in brackets, and its phrasings
    never ("Kestrel Power (Japan)": Japan, a partner's home, not what it is about)."""
    if "(" not in entry.answer and "(" not in entry.source.quote:
        return frozenset()  # most entries
    inside: set[str] = set()
    outside: set[str] = set()
    for text in (entry.answer, entry.source.quote):
        within, rest = bracketed(text)
        inside.update(keywords(within))
        outside.update(keywords(rest))
    for phrasing in entry.phrasings:
        outside.update(keywords(phrasing))
    return frozenset(inside - outside)


def _pairs(texts: Iterable[list[str]]) -> set[tuple[str, str]]:
    """The union of analysis.pairs over these texts' keywords, in one pass over all of them
    (in C): neighbouring keywords within a text, in either order, none with itself."""
    sequence: list[str] = []
    for words in texts:
        sequence += words
        sequence.append(_APART)
    after = sequence[1:]
    found = set(zip(map(min, sequence, after), map(max, sequence, after), strict=False))
    found.difference_update(zip(sequence, sequence, strict=True))  # a keyword next to itself
    found.difference_update(zip(repeat(_APART), sequence, strict=False))  # across two texts
    return found


def _consume(items: Iterator[object]) -> None:
    """Run an iterator to its end (in C), for its effects."""
    deque(items, maxlen=0)


def postings_of(
    entry_keywords: Sequence[tuple[set[str], set[str]]], context_weight: float, start: int = 0
) -> dict[str, dict[int, float]]:
    """entry_keywords: per entry, (keywords of its phrasings, keywords of its context);
    returns term -> {entry index (counted from start): presence (1.0 in a phrasing, else
    context_weight)}."""
    postings: dict[str, dict[int, float]] = {}
    for index, (phrasing, context) in enumerate(entry_keywords, start):
        weights = dict.fromkeys(context, context_weight)
        weights.update(dict.fromkeys(phrasing, 1.0))
        for term, weight in weights.items():
            postings.setdefault(term, {})[index] = weight
    return postings


def _surface(counts: Iterable[dict[str, int]]) -> dict[str, int]:
    """The articles' word counts added up, first seen first."""
    surface: dict[str, int] = {}
    for part in counts:
        # surface[word] = surface.get(word, 0) + count, in C (a part's words are distinct).
        words = part.keys()
        sums = map(add, map(surface.get, words, repeat(0)), part.values())
        _consume(map(setitem, repeat(surface), words, sums))
    return surface


def merge(
    parts: Sequence[Part], thesaurus: Thesaurus, surface: dict[str, int] | None = None
) -> Compiled:
    """The compiled knowledge of these parts (the runs of a knowledge base, in order: each
    starts where the one before ends) under its merged thesaurus. surface: the parts' word
    counts added up, when already done. Raises ValueError when a part starts elsewhere."""
    if surface is None:
        surface = _surface(p.surface for p in parts)
    known = parts[0].countries if parts else countries()
    names = frozenset().union(*(p.capitalised for p in parts))
    names -= frozenset().union(*(p.lowercase for p in parts))
    places = names & place_keywords(known)
    # A phrase made of names is a name too: "southeast asia" (folded to one keyword) is
    # a place. An abbreviation expanded into words ("smes": "small company") is not.
    for phrase, replacement in thesaurus.phrases.items():
        source = {thesaurus.keyword(w) for w in phrase}
        if len(replacement) != 1 or not source <= names:
            continue
        target = thesaurus.keyword(replacement[0])
        names |= {target}
        if source & places:
            places |= {target}
    # Gathered in C (maps consumed by a zero-length deque; no Python loop per posting or
    # pair: 200 articles hold about 360,000 postings and 480,000 pairs).
    postings: defaultdict[str, dict[int, float]] = defaultdict(dict)
    found_pairs: defaultdict[tuple[str, str], list[int]] = defaultdict(list)
    phrasings: list[tuple[str, ...]] = []
    sorted_phrasings: list[tuple[str, ...]] = []
    offset = 0
    for part in parts:
        if part.start != offset:
            raise ValueError(f"a part starts at entry {part.start}, not {offset}")
        if len(part.terms) != len(part.sizes) or sum(part.sizes) != len(part.indices):
            raise ValueError("postings do not add up")
        terms = chain.from_iterable(map(repeat, part.terms, part.sizes))  # one per posting
        _consume(map(setitem, map(postings.__getitem__, terms), part.indices, part.presences))
        _consume(map(list.append, map(found_pairs.__getitem__, part.pairs), part.paired))
        phrasings.extend(part.phrasings)
        sorted_phrasings.extend(part.sorted_phrasings)
        offset += part.entries
    # Each entry's names: the names among its keywords (phrasings and context).
    mentioned: list[set[str]] = [set() for _ in range(offset)]
    for name in names:
        for index in postings.get(name, ()):
            mentioned[index].add(name)
    facts = tuple(
        replace(f, names=frozenset(m), places=frozenset(m & places))  # every other field kept
        if m
        else f  # a part's fact: no names, no places
        for f, m in zip(chain.from_iterable(p.facts for p in parts), mentioned, strict=True)
    )
    return Compiled(
        surface=surface,
        names=names,
        postings=dict(postings),  # not a defaultdict: looking a word up never adds it
        pairs=dict(zip(found_pairs.keys(), map(frozenset, found_pairs.values()), strict=True)),
        phrasings=tuple(phrasings),
        sorted_phrasings=tuple(sorted_phrasings),
        facts=facts,
        countries=known,
    )
