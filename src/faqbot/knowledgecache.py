"""A compiled cache of knowledge files, so that many articles load in well under a second.

Reading and validating a knowledge file and its thesaurus (YAML, then every field checked,
synonyms stemmed) costs about 10 ms; 200 articles took about 2 s at every start-up and
/reload. A file that loaded without problems is kept as JSON in ``.faqbot-cache/`` beside
the knowledge files, named by a hash of everything its result depends on:

- the bytes of the knowledge file and of its thesaurus (not times: an edit within the same
  second, or a file copied with its old time, is still seen);
- faqbot's version and the source of the modules that read the files (a code change,
  even uncommitted, starts a new cache), Python's version, and where and when PyStemmer
  and anyascii were installed (an upgrade starts a new cache).

JSON, not pickle: a cache file can never run code. The folder is safe to delete at any time
(ignored by git); an unreadable, corrupt or unwritable cache is skipped and the files are
read as before. Files with problems are never cached, so their problems are always reported
with their lines.
"""

from __future__ import annotations

import contextlib
import logging
import sys
from pathlib import Path
from typing import Any

import faqbot
from faqbot import jsoncache
from faqbot.knowledge import Article, Entry, Source
from faqbot.thesaurus import Thesaurus

logger = logging.getLogger(__name__)

FOLDER = ".faqbot-cache"
# Bump when the JSON shape below changes.
FORMAT = 1
# Modules whose code decides what a file loads to.
_MODULES = (
    "knowledge.py",
    "knowledgecache.py",
    "jsoncache.py",
    "thesaurus.py",
    "normalise.py",
    "yamlfile.py",
)
# Libraries whose code decides it too (PyStemmer stems the synonyms; anyascii folds;
# text2num reads spelled numbers).
_LIBRARIES = ("Stemmer", "anyascii", "text_to_num")
_WHAT = "knowledge cache"


def key(knowledge: bytes, thesaurus: bytes | None) -> str:
    """The cache key of one knowledge file (its bytes) with its thesaurus (None: none)."""
    code = jsoncache.code_key(f"{FORMAT} {faqbot.__version__} {sys.version}", _MODULES, _LIBRARIES)
    return jsoncache.key(code, knowledge, b"\x00" if thesaurus is None else b"\x01" + thesaurus)


def folder_of(files: list[Path]) -> Path | None:
    """Where the cache of these knowledge files lives (beside the first of them)."""
    return files[0].parent / FOLDER if files else None


def read(folder: Path, name: str) -> tuple[Article, list[Entry], Thesaurus | None] | None:
    """The cached result for a key, or None when there is none or it cannot be used."""
    return jsoncache.read(folder / f"{name}.json", _decode, _WHAT, loads=jsoncache.fast_loads)


def write(
    folder: Path, name: str, article: Article, entries: list[Entry], thesaurus: Thesaurus | None
) -> None:
    """Keep a file's result (atomically: a reader sees the old file or the new, whole)."""
    data = _encode(article, entries, thesaurus)
    jsoncache.write(folder, name, data, _WHAT, dumps=jsoncache.fast_dumps)


def prune(folder: Path, used: set[str], files: int) -> None:
    """Delete cache files no load uses now, once they outnumber the knowledge files."""
    try:
        names = jsoncache.files(folder)
        if len(names) <= 2 * files + 10:
            return
        for path in names:
            if path.stem not in used:
                with contextlib.suppress(OSError):
                    path.unlink()
    except OSError as exc:
        logger.debug("knowledge cache %s not pruned: %s", folder, exc)


def _encode(article: Article, entries: list[Entry], thesaurus: Thesaurus | None) -> Any:
    return {
        "article": [article.id, article.title, article.url, article.date],
        "entries": [
            [
                e.id,
                e.question,
                e.answer,
                e.source.section,
                e.source.quote,
                list(e.alternates),
                list(e.tags),
                e.draft,
            ]
            for e in entries
        ],
        "thesaurus": None
        if thesaurus is None
        else {
            "phrases": [[list(k), list(v)] for k, v in thesaurus.phrases.items()],
            "synonyms": dict(thesaurus.synonyms),
            "scope": sorted(thesaurus.scope),
            "distinct": sorted(thesaurus.distinct),
            "contrasts": [
                [[name, [list(p) for p in phrases]] for name, phrases in contrast]
                for contrast in thesaurus.contrasts
            ],
        },
    }


def _decode(data: Any) -> tuple[Article, list[Entry], Thesaurus | None]:
    a_id, title, url, date = data["article"]
    article = Article(
        jsoncache.text(a_id),
        jsoncache.text(title),
        None if url is None else jsoncache.text(url),
        None if date is None else jsoncache.text(date),
    )
    entries = [
        Entry(
            id=jsoncache.text(e_id),
            question=jsoncache.text(question),
            answer=jsoncache.text(answer),
            source=Source(jsoncache.text(section), jsoncache.text(quote)),
            article=article,
            alternates=jsoncache.texts(alternates),
            tags=jsoncache.texts(tags),
            draft=draft is True,
        )
        for e_id, question, answer, section, quote, alternates, tags, draft in data["entries"]
    ]
    raw = data["thesaurus"]
    thesaurus = None
    if raw is not None:
        thesaurus = Thesaurus(
            {jsoncache.texts(k): jsoncache.texts(v) for k, v in raw["phrases"]},
            {jsoncache.text(k): jsoncache.text(v) for k, v in raw["synonyms"].items()},
            frozenset(jsoncache.texts(raw["scope"])),
            frozenset(jsoncache.texts(raw["distinct"])),
            tuple(
                tuple(
                    (jsoncache.text(name), tuple(jsoncache.texts(p) for p in phrases))
                    for name, phrases in contrast
                )
                for contrast in raw["contrasts"]
            ),
        )
    return article, entries, thesaurus
