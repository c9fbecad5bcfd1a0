"""A compiled cache of the matcher, kept per article, so that `faqbot ask` and the bot start
without building it, and a /reload after one file is edited rebuilds that article only.

Building a matcher (every text tokenised, names found, keywords, pairs and facts derived:
:mod:`faqbot.compiling`) takes about 35 ms an article, seconds for 200. It is built article
by article; each article's part (:class:`faqbot.compiling.Part`) is kept as JSON in
``.faqbot-cache/matchers/`` beside the knowledge files (next to the knowledge cache,
:mod:`faqbot.knowledgecache`), named by a hash of everything it depends on:

- the article as data: its id, title, link and date, every entry (drafts and taught
  phrasings included), in order, and its scope;
- the merged thesaurus of all articles (phrases, synonyms, scope), and all matching
  settings;
- faqbot's version, the source of the modules that derive it (a code change, even
  uncommitted, starts a new cache), Python's version, and where and when the libraries it
  uses were installed (PyStemmer, anyascii, pycountry, symspellpy, text2num, lemminflect:
  an upgrade starts a new cache).

What the articles share (word counts, names, entry numbers) is derived from the parts each
time they are put together; a part is used only where the words its texts may join are
still the knowledge base's (see :mod:`faqbot.compiling`), else its article is built again.
So the matcher is the one a build from scratch gives. Beside the parts, ``joinable/`` keeps
each set of joinable words that parts were built with, named by its digest, so that a part
is checked against the few words that became joinable since, not all of them.

JSON, not pickle: a cache file can never run code, and one that is not what it should be
(cut short, edited, of another shape) is refused and its article built again. Files are
private to the bot's user (see :mod:`faqbot.jsoncache`). The folder is safe to delete at
any time (ignored by git); an unwritable folder only means the matcher is built every time.
Only the parts of the newest loads are kept (about two per article).
"""

from __future__ import annotations

import contextlib
import json
import logging
import sys
from collections.abc import Iterator, Sequence
from itertools import chain
from pathlib import Path
from typing import Any

import faqbot
from faqbot import compiling, jsoncache
from faqbot.analysis import joinable_of
from faqbot.compiling import Part
from faqbot.constraints import Facts
from faqbot.knowledge import Entry, KnowledgeBase
from faqbot.matching import Matcher, MatchSettings

logger = logging.getLogger(__name__)

FOLDER = "matchers"
# Bump when the JSON shape below changes.
FORMAT = 14
# How many parts to keep: this many per article of the knowledge just loaded, and a few more
# (an article's part before its last edit, another set of taught phrasings or drafts).
KEEP_PER_ARTICLE = 2
KEEP_MORE = 16
# The sets of joinable words that parts were built with, in this subfolder, the newest kept.
JOINABLE = "joinable"
KEEP_JOINABLE = 8
# Modules whose code decides what a matcher derives from its knowledge.
_MODULES = (
    "compiling.py",
    "matching.py",
    "matchercache.py",
    "jsoncache.py",
    "analysis.py",
    "constraints.py",
    "normalise.py",
    "spelling.py",
    "thesaurus.py",
    "knowledge.py",
)
# Libraries whose data or code decide it too (found without importing them).
_LIBRARIES = ("Stemmer", "anyascii", "pycountry", "symspellpy", "text_to_num", "lemminflect")
_WHAT = "matcher cache"
# Parts are written and read through orjson (200 at a cold start, 200 read at every start).
FAST, LOADS = jsoncache.fast_dumps, jsoncache.fast_loads
# A fact's flags, as bits of one number (its directions of change too: "up", "down").
_FIGURE, _DATE, _DURATION, _RANKS, _UP, _DOWN, _NEGATES = 1, 2, 4, 8, 16, 32, 64
_CAUSAL, _EXPLAINS, _COMPARES, _DATES_SAYING, _REPORTS = 128, 256, 512, 1024, 2048
_ROUGH = 4096
_DIRECTIONS = {"up": _UP, "down": _DOWN}
# A fact's sets of words (names and places are derived in the merge): each is written as
# its items in a row and each fact's count of them ("years", "years_sizes").
_FACT_SETS = (
    "years",
    "numbers",
    "units",
    "asides",
    "defines",
    "denies",
    "scaled",
    "lengths",
    "dated",
    "ranges",
)


def keys(
    kb: KnowledgeBase,
    settings: MatchSettings,
    groups: Sequence[Sequence[Entry]] | None = None,
) -> list[str]:
    """The cache key of each article's part (one per run of entries: compiling.runs, or
    `groups` when the caller has them)."""
    thesaurus = kb.thesaurus
    code = jsoncache.code_key(f"{FORMAT} {faqbot.__version__} {sys.version}", _MODULES, _LIBRARIES)
    # What every article's part depends on, hashed once (the merged thesaurus may be long).
    shared = jsoncache.key(
        code,
        json.dumps(
            [
                [[list(k), list(v)] for k, v in thesaurus.phrases.items()],
                list(thesaurus.synonyms.items()),
                sorted(thesaurus.scope),
                sorted(thesaurus.distinct),
                repr(settings),
            ]
        ).encode(),
    ).encode()
    return [
        jsoncache.key(code, shared, json.dumps(_run_data(kb, run)).encode())
        for run in (compiling.runs(kb) if groups is None else groups)
    ]


def _run_data(kb: KnowledgeBase, run: Sequence[Entry]) -> list[Any]:
    """An article's entries (a run of them) as data, for its key."""
    article = run[0].article
    return [
        [article.id, article.title, article.url, article.date],
        [
            [
                e.id,
                e.question,
                list(e.alternates),
                e.answer,
                e.source.section,
                e.source.quote,
                list(e.tags),
                e.draft,
            ]
            for e in run
        ],
        sorted(kb.scope_of(article.id)),
    ]


def folder_of(knowledge_folder: Path) -> Path:
    """Where the compiled matchers of the knowledge cache in this folder live."""
    return knowledge_folder / FOLDER


def load(kb: KnowledgeBase, settings: MatchSettings, folder: Path | None) -> Matcher:
    """The matcher over this knowledge: from the parts kept in `folder` where they fit, the
    other articles built (and their parts kept there). folder None: built, no cache."""
    with jsoncache.collector_paused():
        # The parts are gone when the collector resumes: it has only the matcher to see.
        return Matcher(kb, settings) if folder is None else _load(kb, settings, folder)


def kept(kb: KnowledgeBase, settings: MatchSettings, folder: Path) -> tuple[int, int]:
    """How many of this knowledge's compiled parts are kept in `folder`, of how many: a
    start-up that finds them all builds no article (what `faqbot build` makes sure of)."""
    names = keys(kb, settings)
    return sum((folder / f"{name}.json").is_file() for name in names), len(names)


def _load(kb: KnowledgeBase, settings: MatchSettings, folder: Path) -> Matcher:
    groups = compiling.runs(kb)
    names = keys(kb, settings, groups)
    kept = [
        read(folder, name, start, len(group))
        for name, start, group in zip(names, compiling.starts(groups), groups, strict=True)
    ]
    compiled, parts, built = compiling.build(
        kb, settings.context_weight, kept, lambda basis: read_joinable(folder, basis), groups
    )
    written = [path for i in built if (path := write(folder, names[i], parts[i])) is not None]
    if written:
        # The joinable words the new parts were built with, for a later load to tell what
        # became joinable since (compiling.Part.fits); once per set of words (a file kept
        # already is only marked used, not read: read_joinable checks it when it is used).
        basis = parts[built[0]].basis
        if not jsoncache.mark_used(_joinable_file(folder, basis)):
            joinable = sorted(joinable_of(compiled.surface, kb.thesaurus))
            data = {"format": FORMAT, "joinable": joinable}
            if (
                path := jsoncache.write(folder / JOINABLE, basis, data, _WHAT, dumps=FAST)
            ) is not None:
                jsoncache.prune(folder / JOINABLE, path, KEEP_JOINABLE, _WHAT)
        newest = KEEP_PER_ARTICLE * len(names) + KEEP_MORE
        jsoncache.prune(folder, written[-1], newest, _WHAT)
    return Matcher(kb, settings, compiled)


def read(folder: Path, name: str, start: int, entries: int) -> Part | None:
    """The part kept under a key, for `entries` entries from index `start` of the knowledge
    base; None when there is none or it is unusable (marked used when read, so that it is
    kept by pruning)."""

    def decode_own(data: Any) -> Part:
        if data.get("key") != name:
            raise ValueError("written for another key")
        return decode(data, start, entries)

    return jsoncache.read(folder / f"{name}.json", decode_own, _WHAT, touch=True, loads=LOADS)


def read_joinable(folder: Path, basis: str) -> frozenset[str] | None:
    """The joinable words whose digest is `basis` (compiling.basis_of), kept beside the
    parts built with them; None when not kept or unusable (marked used when read). An
    unusable file (another format, damaged) is removed: a load only tells whether one is
    kept (_load), so the next load that builds parts with these words writes it again."""

    def decode_own(data: Any) -> frozenset[str]:
        if data["format"] != FORMAT:
            raise ValueError(f"format {data['format']!r}, not {FORMAT}")
        words = frozenset(jsoncache.texts(data["joinable"]))
        if compiling.basis_of(words) != basis:
            raise ValueError("other words than its name says")
        return words

    path = _joinable_file(folder, basis)
    words = jsoncache.read(path, decode_own, _WHAT, touch=True, loads=LOADS)
    if words is None:
        with contextlib.suppress(OSError):
            path.unlink(missing_ok=True)
    return words


def _joinable_file(folder: Path, basis: str) -> Path:
    """Where the joinable words whose digest is `basis` are kept."""
    return folder / JOINABLE / f"{basis}.json"


def write(folder: Path, name: str, part: Part) -> Path | None:
    """Keep a part (atomically); its file, or None when it could not be written."""
    data = encode(part)
    data["key"] = name
    return jsoncache.write(folder, name, data, _WHAT, dumps=FAST)


def encode(part: Part) -> dict[str, Any]:
    """A part as JSON data. Lists are flat, with their lengths (as in the part): few JSON
    values to read back. A pair is two numbers: its keywords' places among the part's words
    (its keywords, then any other word of a pair). A posting's presence is one letter: 1 in
    a phrasing (1.0), 0 in the context only (the context weight, kept once)."""
    context = set(part.presences) - {1.0}
    if len(context) > 1:
        raise ValueError("postings of more than one context weight")
    letters = dict.fromkeys(context, "0") | {1.0: "1"}
    words = list(part.terms)
    number = {w: i for i, w in enumerate(words)}
    for word in sorted(set(chain.from_iterable(part.pairs)) - number.keys()):
        number[word] = len(words)  # a pair's keywords are its entries' keywords: never
        words.append(word)
    facts = part.facts
    return {
        "format": FORMAT,
        "start": part.start,
        "entries": part.entries,
        "surface": list(part.surface),
        "counts": list(part.surface.values()),
        "capitalised": sorted(part.capitalised),
        "lowercase": sorted(part.lowercase),
        "joined": sorted(part.joined),
        "unjoined": part.unjoined,
        "basis": part.basis,
        "words": words,
        "terms": len(part.terms),
        "sizes": list(part.sizes),
        "indices": list(part.indices),
        "context": context.pop() if context else 1.0,
        "presences": "".join(map(letters.__getitem__, part.presences)),
        "pairs": list(map(number.__getitem__, chain.from_iterable(part.pairs))),
        "paired": list(part.paired),
        "phrasings": [len(p) for p in part.phrasings],
        "phrased": list(chain.from_iterable(part.phrasings)),
        "sorted_phrasings": [len(p) for p in part.sorted_phrasings],
        "sorted_phrased": list(chain.from_iterable(part.sorted_phrasings)),
        # Each set of a fact as flat lists: its sizes, then its items (sorted) in a row.
        **{f"{name}_sizes": [len(getattr(f, name)) for f in facts] for name in _FACT_SETS},
        **{name: [x for f in facts for x in sorted(getattr(f, name))] for name in _FACT_SETS},
        "flags": [_flags(f) for f in facts],
        "countries": sorted(part.countries),
    }


def decode(data: Any, start: int, entries: int) -> Part:
    """Read back what encode wrote, as the part of `entries` entries from index `start` (its
    entry indices moved when it was written at another); raises ValueError, TypeError,
    KeyError or IndexError on anything else."""
    if data["format"] != FORMAT:
        raise ValueError(f"format {data['format']!r}, not {FORMAT}")
    if data["entries"] != entries:
        raise ValueError(f"a part of {data['entries']!r} entries, not {entries}")
    written = jsoncache.whole(data["start"])
    presences = jsoncache.text(data["presences"])
    if not set(presences) <= {"0", "1"}:
        raise ValueError("presences other than 0 and 1")
    weights = {"1": 1.0, "0": jsoncache.number(data["context"])}
    words = jsoncache.texts(data["words"])
    count = jsoncache.whole(data["terms"])
    if not 0 <= count <= len(words):
        raise ValueError("more keywords than words")
    terms = words[:count]
    at = jsoncache.wholes(data["pairs"])
    firsts, seconds = at[::2], at[1::2]
    if len(firsts) != len(seconds) or (at and min(at) < 0):
        raise ValueError("pairs are not pairs of words")
    phrased = jsoncache.texts(data["phrased"])
    sets = [
        map(frozenset, _cut(jsoncache.texts(data[name]), data[f"{name}_sizes"]))
        for name in _FACT_SETS
    ]
    facts = tuple(
        Facts(
            names=frozenset(),
            places=frozenset(),
            has_figure=bool(flag & _FIGURE),
            has_date=bool(flag & _DATE),
            has_duration=bool(flag & _DURATION),
            ranks=bool(flag & _RANKS),
            directions=frozenset(d for d, bit in _DIRECTIONS.items() if flag & bit),
            negates=bool(flag & _NEGATES),
            causal=bool(flag & _CAUSAL),
            explains=bool(flag & _EXPLAINS),
            compares=bool(flag & _COMPARES),
            dates_saying=bool(flag & _DATES_SAYING),
            reports=bool(flag & _REPORTS),
            rough=bool(flag & _ROUGH),
            **dict(zip(_FACT_SETS, values, strict=True)),
        )
        for *values, flag in zip(*sets, jsoncache.wholes(data["flags"]), strict=True)
    )
    part = Part(
        start=start,
        surface=dict(
            zip(jsoncache.texts(data["surface"]), jsoncache.wholes(data["counts"]), strict=True)
        ),
        capitalised=frozenset(jsoncache.texts(data["capitalised"])),
        lowercase=frozenset(jsoncache.texts(data["lowercase"])),
        joined=frozenset(jsoncache.texts(data["joined"])),
        unjoined=jsoncache.text(data["unjoined"]),
        basis=jsoncache.text(data["basis"]),
        terms=terms,
        sizes=tuple(jsoncache.wholes(data["sizes"])),
        indices=_moved(data["indices"], start - written),
        presences=tuple(map(weights.__getitem__, presences)),
        pairs=tuple(
            zip(map(words.__getitem__, firsts), map(words.__getitem__, seconds), strict=True)
        ),
        paired=_moved(data["paired"], start - written),
        phrasings=tuple(_cut(phrased, data["phrasings"])),
        sorted_phrasings=tuple(
            _cut(jsoncache.texts(data["sorted_phrased"]), data["sorted_phrasings"])
        ),
        facts=facts,
        countries=frozenset(jsoncache.texts(data["countries"])),
    )
    if part.entries != entries:
        raise ValueError(f"phrasings of {part.entries} entries, not {entries}")
    part.check()
    return part


def _flags(facts: Facts) -> int:
    """A fact's flags and directions of change as bits of one number (ValueError for a
    direction other than "up" and "down")."""
    if not facts.directions <= _DIRECTIONS.keys():
        raise ValueError(f"directions other than up and down: {sorted(facts.directions)}")
    return (
        _FIGURE * facts.has_figure
        + _DATE * facts.has_date
        + _DURATION * facts.has_duration
        + _RANKS * facts.ranks
        + _NEGATES * facts.negates
        + _CAUSAL * facts.causal
        + _EXPLAINS * facts.explains
        + _COMPARES * facts.compares
        + _DATES_SAYING * facts.dates_saying
        + _REPORTS * facts.reports
        + _ROUGH * facts.rough
        + sum(_DIRECTIONS[d] for d in facts.directions)
    )


def _moved(value: Any, by: int) -> tuple[int, ...]:
    """Entry indices, each moved by `by` (a part written at another place)."""
    indices = jsoncache.wholes(value)
    return tuple(map(by.__add__, indices) if by else indices)


def _cut(items: tuple[str, ...], value: Any) -> Iterator[tuple[str, ...]]:
    """The runs of a flat tuple, of the lengths `value` (a list of whole numbers, none
    negative, that add up to its length; else ValueError)."""
    lengths = jsoncache.wholes(value)
    if sum(lengths) != len(items) or (lengths and min(lengths) < 0):
        raise ValueError("lengths do not add up")
    at = 0
    for length in lengths:
        yield items[at : at + length]
        at += length
