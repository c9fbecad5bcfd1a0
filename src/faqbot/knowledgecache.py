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
import hashlib
import json
import logging
import os
import sys
from functools import cache
from importlib.machinery import PathFinder
from pathlib import Path
from typing import Any

import faqbot
from faqbot.knowledge import Article, Entry, Source
from faqbot.thesaurus import Thesaurus

logger = logging.getLogger(__name__)

FOLDER = ".faqbot-cache"
# Bump when the JSON shape below changes.
FORMAT = 1
# Modules whose code decides what a file loads to.
_MODULES = ("knowledge.py", "knowledgecache.py", "thesaurus.py", "normalise.py", "yamlfile.py")
# Libraries whose code decides it too (PyStemmer stems the synonyms; anyascii folds).
_LIBRARIES = ("Stemmer", "anyascii")


def installed(module: str) -> str:
    """Where a top-level module is installed, with its size and time: changes when its
    library is upgraded. Nothing is imported (importlib.metadata would tell the version,
    but importing it costs 15-50 ms of every start-up)."""
    try:
        spec = PathFinder.find_spec(module)
        origin = spec.origin if spec is not None else None
        if origin is None:
            return f"{module} missing"
        stat = os.stat(origin)
    except (ImportError, ValueError, OSError):
        return f"{module} unknown {os.urandom(8).hex()}"  # cannot tell: never reuse
    return f"{module} {origin} {stat.st_size} {stat.st_mtime_ns}"


@cache
def _code_key() -> bytes:
    """What the cache depends on besides the files: versions and the readers' source."""
    digest = hashlib.blake2b(digest_size=16)
    digest.update(f"{FORMAT} {faqbot.__version__} {sys.version}".encode())
    for library in _LIBRARIES:
        digest.update(installed(library).encode())
    package = Path(faqbot.__file__).parent
    for name in _MODULES:
        try:
            digest.update((package / name).read_bytes())
        except OSError:
            digest.update(os.urandom(16))  # cannot tell what the code is: never reuse
    return digest.digest()


def key(knowledge: bytes, thesaurus: bytes | None) -> str:
    """The cache key of one knowledge file (its bytes) with its thesaurus (None: none)."""
    digest = hashlib.blake2b(_code_key(), digest_size=20)
    digest.update(len(knowledge).to_bytes(8, "big"))
    digest.update(knowledge)
    digest.update(b"\x00" if thesaurus is None else b"\x01" + thesaurus)
    return digest.hexdigest()


def folder_of(files: list[Path]) -> Path | None:
    """Where the cache of these knowledge files lives (beside the first of them)."""
    return files[0].parent / FOLDER if files else None


def read(folder: Path, name: str) -> tuple[Article, list[Entry], Thesaurus | None] | None:
    """The cached result for a key, or None when there is none or it cannot be used."""
    try:
        data = json.loads((folder / f"{name}.json").read_text(encoding="utf-8"))
        return _decode(data)
    except FileNotFoundError:
        return None
    except (OSError, ValueError, TypeError, KeyError, IndexError) as exc:
        logger.debug("knowledge cache %s/%s not used: %s", folder, name, exc)
        return None


def write(
    folder: Path, name: str, article: Article, entries: list[Entry], thesaurus: Thesaurus | None
) -> None:
    """Keep a file's result (atomically: a reader sees the old file or the new, whole)."""
    path = folder / f"{name}.json"
    tmp = folder / f"{name}.{os.getpid()}.tmp"
    try:
        folder.mkdir(exist_ok=True)
        tmp.write_text(json.dumps(_encode(article, entries, thesaurus)), encoding="utf-8")
        os.replace(tmp, path)
    except OSError as exc:  # read-only knowledge folder, full disk: load without a cache
        logger.debug("knowledge cache not written to %s: %s", folder, exc)
        with contextlib.suppress(OSError):
            tmp.unlink()


def prune(folder: Path, used: set[str], files: int) -> None:
    """Delete cache files no load uses now, once they outnumber the knowledge files."""
    try:
        names = [p for p in folder.iterdir() if p.suffix in (".json", ".tmp")]
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
        },
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


def _decode(data: Any) -> tuple[Article, list[Entry], Thesaurus | None]:
    a_id, title, url, date = data["article"]
    article = Article(
        _text(a_id),
        _text(title),
        None if url is None else _text(url),
        None if date is None else _text(date),
    )
    entries = [
        Entry(
            id=_text(e_id),
            question=_text(question),
            answer=_text(answer),
            source=Source(_text(section), _text(quote)),
            article=article,
            alternates=_texts(alternates),
            tags=_texts(tags),
            draft=draft is True,
        )
        for e_id, question, answer, section, quote, alternates, tags, draft in data["entries"]
    ]
    raw = data["thesaurus"]
    thesaurus = None
    if raw is not None:
        thesaurus = Thesaurus(
            {_texts(k): _texts(v) for k, v in raw["phrases"]},
            {_text(k): _text(v) for k, v in raw["synonyms"].items()},
            frozenset(_texts(raw["scope"])),
        )
    return article, entries, thesaurus
