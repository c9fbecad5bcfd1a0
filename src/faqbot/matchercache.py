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

import contextlib
import hashlib
import json
import logging
import os
import sys
from functools import cache
from pathlib import Path
from typing import Any

import faqbot
from faqbot import knowledgecache
from faqbot.constraints import Facts
from faqbot.knowledge import KnowledgeBase
from faqbot.matching import Compiled, Matcher, MatchSettings

logger = logging.getLogger(__name__)

FOLDER = "matchers"
# Bump when the JSON shape below changes.
FORMAT = 1
# How many compiled matchers to keep (each start-up with other taught phrasings adds one).
KEEP = 4
# Modules whose code decides what a matcher derives from its knowledge.
_MODULES = (
    "matching.py",
    "matchercache.py",
    "analysis.py",
    "constraints.py",
    "normalise.py",
    "spelling.py",
    "thesaurus.py",
    "knowledge.py",
)
# Libraries whose data or code decide it too (found without importing them).
_LIBRARIES = ("Stemmer", "anyascii", "pycountry")


@cache
def _code_key() -> bytes:
    """What the cache depends on besides the knowledge: versions and the deriving code."""
    digest = hashlib.blake2b(digest_size=16)
    digest.update(f"{FORMAT} {faqbot.__version__} {sys.version}".encode())
    for library in _LIBRARIES:
        digest.update(knowledgecache.installed(library).encode())
    package = Path(faqbot.__file__).parent
    for name in _MODULES:
        try:
            digest.update((package / name).read_bytes())
        except OSError:
            digest.update(os.urandom(16))  # cannot tell what the code is: never reuse
    return digest.digest()


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
    digest = hashlib.blake2b(_code_key(), digest_size=20)
    digest.update(json.dumps(data).encode())
    return digest.hexdigest()


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
    """The compiled matcher kept under a key, or None when there is none or it is unusable."""
    path = folder / f"{name}.json"
    try:
        data = json.loads(path.read_bytes())
        if data.get("key") != name:
            raise ValueError("written for another key")
        compiled = decode(data)
    except FileNotFoundError:
        return None
    except (OSError, ValueError, TypeError, KeyError, IndexError, AttributeError) as exc:
        logger.debug("matcher cache %s not used: %s", path, exc)
        return None
    with contextlib.suppress(OSError):
        os.utime(path)  # recently used: kept by prune
    return compiled


def write(folder: Path, name: str, compiled: Compiled) -> None:
    """Keep a compiled matcher (atomically), then drop all but the KEEP newest."""
    path = folder / f"{name}.json"
    tmp = folder / f"{name}.{os.getpid()}.tmp"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        data = encode(compiled)
        data["key"] = name
        tmp.write_text(json.dumps(data), encoding="ascii")
        os.replace(tmp, path)
    except OSError as exc:  # read-only knowledge folder, full disk
        logger.debug("matcher cache not written to %s: %s", folder, exc)
        with contextlib.suppress(OSError):
            tmp.unlink()
        return
    prune(folder, keep=path)


def prune(folder: Path, keep: Path) -> None:
    """Delete all but the KEEP most recently used compiled matchers (and stale temp files)."""
    try:
        files = [p for p in folder.iterdir() if p.suffix in (".json", ".tmp") and p != keep]
        files.sort(key=lambda p: p.stat().st_mtime_ns, reverse=True)
    except OSError as exc:
        logger.debug("matcher cache %s not pruned: %s", folder, exc)
        return
    for path in files[KEEP - 1 :]:
        with contextlib.suppress(OSError):
            path.unlink()


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
        "facts": [
            [
                sorted(f.years),
                sorted(f.numbers),
                sorted(f.names),
                sorted(f.places),
                f.has_figure,
                f.has_date,
                f.has_duration,
            ]
            for f in compiled.facts
        ],
        "countries": sorted(compiled.countries),
    }


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise TypeError(f"expected text, got {type(value).__name__}")
    return value


def _texts(value: Any) -> tuple[str, ...]:
    # Types compared in C (map, set): a cache holds hundreds of thousands of texts.
    if not isinstance(value, list) or not set(map(type, value)) <= {str}:
        raise TypeError("expected a list of texts")
    return tuple(value)


def _ints(value: Any) -> list[int]:
    if not isinstance(value, list) or not set(map(type, value)) <= {int}:
        raise TypeError("expected a list of whole numbers")
    return value


def _numbers(value: Any) -> list[float]:
    if not isinstance(value, list) or not set(map(type, value)) <= {int, float}:
        raise TypeError("expected a list of numbers")
    return list(map(float, value))


def _flag(value: Any) -> bool:
    if not isinstance(value, bool):
        raise TypeError("expected true or false")
    return value


def decode(data: Any) -> Compiled:
    """Read back what encode wrote; raises ValueError, TypeError or KeyError on anything else."""
    if data["format"] != FORMAT:
        raise ValueError(f"format {data['format']!r}, not {FORMAT}")
    surface: dict[str, int] = {}
    for word, count in data["surface"]:
        if type(count) is not int:
            raise TypeError("expected a count")
        surface[_text(word)] = count
    postings: dict[str, dict[int, float]] = {}
    for term, indices, presences in data["postings"]:
        postings[_text(term)] = dict(zip(_ints(indices), _numbers(presences), strict=True))
    facts = []
    for years, numbers, names, places, has_figure, has_date, has_duration in data["facts"]:
        facts.append(
            Facts(
                years=frozenset(_texts(years)),
                numbers=frozenset(_texts(numbers)),
                names=frozenset(_texts(names)),
                places=frozenset(_texts(places)),
                has_figure=_flag(has_figure),
                has_date=_flag(has_date),
                has_duration=_flag(has_duration),
            )
        )
    return Compiled(
        surface=surface,
        names=frozenset(_texts(data["names"])),
        postings=postings,
        pairs={(_text(a), _text(b)): frozenset(_ints(m)) for a, b, m in data["pairs"]},
        phrasings=tuple(_texts(p) for p in data["phrasings"]),
        facts=tuple(facts),
        countries=frozenset(_texts(data["countries"])),
    )
