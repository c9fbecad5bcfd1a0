"""A compiled cache of the matcher, so that `faqbot ask` and the bot start without building it.

Building a matcher (every text tokenised, names found, keywords, pairs and facts derived:
:func:`faqbot.matching.compile_knowledge`) takes about 100 ms for one article and 1.6 s for
200. What it derives (:class:`faqbot.matching.Compiled`) is kept as JSON in
``.faqbot-cache/matchers/`` beside the knowledge files (next to the knowledge cache,
:mod:`faqbot.knowledgecache`), named by a hash of everything it depends on:

- the knowledge base given to the matcher, as data: every article, entry (drafts and
  taught phrasings included), thesaurus and scope, in order;
- all matching settings;
- faqbot's version, the source of the modules that derive it (a code change, even
  uncommitted, starts a new cache), Python's version, and where and when the libraries it
  uses were installed (PyStemmer, anyascii, pycountry: an upgrade starts a new cache).

JSON, not pickle: a cache file can never run code, and one that is not what it should be
(cut short, edited, of another shape) is refused and the matcher built as before. The
folder is safe to delete at any time (ignored by git); an unwritable folder only means the
matcher is built every time. Only the few newest files are kept.
"""

from __future__ import annotations

import json
import logging
import sys
from pathlib import Path
from typing import Any

import faqbot
from faqbot import jsoncache
from faqbot.constraints import Facts
from faqbot.knowledge import KnowledgeBase
from faqbot.matching import Compiled, Matcher, MatchSettings

logger = logging.getLogger(__name__)

FOLDER = "matchers"
# Bump when the JSON shape below changes.
FORMAT = 5
# How many compiled matchers to keep (each start-up with other taught phrasings adds one).
KEEP = 4
# Modules whose code decides what a matcher derives from its knowledge.
_MODULES = (
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
_LIBRARIES = ("Stemmer", "anyascii", "pycountry", "symspellpy")
_WHAT = "matcher cache"


def key(kb: KnowledgeBase, settings: MatchSettings) -> str:
    """The cache key of a matcher over this knowledge with these settings."""
    thesaurus = kb.thesaurus
    data = [
        [[a.id, a.title, a.url, a.date] for a in kb.articles],
        [
            [
                e.id,
                e.article.id,
                e.question,
                list(e.alternates),
                e.answer,
                e.source.section,
                e.source.quote,
                list(e.tags),
                e.draft,
            ]
            for e in kb.entries
        ],
        [[list(k), list(v)] for k, v in thesaurus.phrases.items()],
        list(thesaurus.synonyms.items()),
        sorted(thesaurus.scope),
        [[article, sorted(scope)] for article, scope in kb.scopes.items()],
        repr(settings),
    ]
    code = jsoncache.code_key(f"{FORMAT} {faqbot.__version__} {sys.version}", _MODULES, _LIBRARIES)
    return jsoncache.key(code, json.dumps(data).encode())


def folder_of(knowledge_folder: Path) -> Path:
    """Where the compiled matchers of the knowledge cache in this folder live."""
    return knowledge_folder / FOLDER


def load(kb: KnowledgeBase, settings: MatchSettings, folder: Path | None) -> Matcher:
    """The matcher over this knowledge: from the cache in `folder` when it holds it, else
    built (and kept there). folder None: built, no cache."""
    if folder is None:
        return Matcher(kb, settings)
    name = key(kb, settings)
    compiled = read(folder, name)
    if compiled is not None:
        try:
            return Matcher(kb, settings, compiled)
        except ValueError as exc:
            logger.debug("matcher cache %s/%s does not fit: %s", folder, name, exc)
    matcher = Matcher(kb, settings)
    write(folder, name, matcher.compiled)
    return matcher


def read(folder: Path, name: str) -> Compiled | None:
    """The compiled matcher kept under a key, or None when there is none or it is unusable
    (marked used when read, so that it is kept by pruning)."""

    def decode_own(data: Any) -> Compiled:
        if data.get("key") != name:
            raise ValueError("written for another key")
        return decode(data)

    return jsoncache.read(folder / f"{name}.json", decode_own, _WHAT, touch=True)


def write(folder: Path, name: str, compiled: Compiled) -> None:
    """Keep a compiled matcher (atomically), then drop all but the KEEP newest."""
    data = encode(compiled)
    data["key"] = name
    path = jsoncache.write(folder, name, data, _WHAT)
    if path is not None:
        jsoncache.prune(folder, path, KEEP, _WHAT)


def encode(compiled: Compiled) -> dict[str, Any]:
    """The compiled matcher as JSON data (sets sorted, so equal data writes equal files)."""
    return {
        "format": FORMAT,
        "surface": list(compiled.surface.items()),
        "names": sorted(compiled.names),
        "postings": [
            [term, list(posting.keys()), list(posting.values())]
            for term, posting in compiled.postings.items()
        ],
        "pairs": [[a, b, sorted(members)] for (a, b), members in compiled.pairs.items()],
        "phrasings": [list(p) for p in compiled.phrasings],
        "sorted_phrasings": [list(p) for p in compiled.sorted_phrasings],
        "facts": [
            [
                sorted(f.years),
                sorted(f.numbers),
                sorted(f.names),
                sorted(f.places),
                f.has_figure,
                f.has_date,
                f.has_duration,
                sorted(f.units),
                f.ranks,
                sorted(f.directions),
            ]
            for f in compiled.facts
        ],
        "countries": sorted(compiled.countries),
    }


def decode(data: Any) -> Compiled:
    """Read back what encode wrote; raises ValueError, TypeError or KeyError on anything else."""
    if data["format"] != FORMAT:
        raise ValueError(f"format {data['format']!r}, not {FORMAT}")
    surface: dict[str, int] = {}
    for word, count in data["surface"]:
        surface[jsoncache.text(word)] = jsoncache.whole(count)
    postings: dict[str, dict[int, float]] = {}
    for term, indices, presences in data["postings"]:
        postings[jsoncache.text(term)] = dict(
            zip(jsoncache.wholes(indices), jsoncache.numbers(presences), strict=True)
        )
    facts = []
    for row in data["facts"]:
        years, numbers, names, places, has_figure, has_date, has_duration, units, ranks, ways = row
        facts.append(
            Facts(
                years=frozenset(jsoncache.texts(years)),
                numbers=frozenset(jsoncache.texts(numbers)),
                names=frozenset(jsoncache.texts(names)),
                places=frozenset(jsoncache.texts(places)),
                has_figure=jsoncache.flag(has_figure),
                has_date=jsoncache.flag(has_date),
                has_duration=jsoncache.flag(has_duration),
                units=frozenset(jsoncache.texts(units)),
                ranks=jsoncache.flag(ranks),
                directions=frozenset(jsoncache.texts(ways)),
            )
        )
    return Compiled(
        surface=surface,
        names=frozenset(jsoncache.texts(data["names"])),
        postings=postings,
        pairs={
            (jsoncache.text(a), jsoncache.text(b)): frozenset(jsoncache.wholes(m))
            for a, b, m in data["pairs"]
        },
        phrasings=tuple(jsoncache.texts(p) for p in data["phrasings"]),
        sorted_phrasings=tuple(jsoncache.texts(p) for p in data["sorted_phrasings"]),
        facts=tuple(facts),
        countries=frozenset(jsoncache.texts(data["countries"])),
    )
