"""What faqbot's JSON caches share: keys, a strict read, an atomic write, pruning, typed fields.

The knowledge cache (:mod:`faqbot.knowledgecache`), the matcher cache
(:mod:`faqbot.matchercache`) and the parsed-YAML cache (:mod:`faqbot.yamlfile`) each keep
files ``<folder>/<key>.json``, where the key (40 hex digits) is a hash of everything the
content depends on, including the source of the code that wrote it. A file is written to
``<key>.<pid>.tmp`` first and renamed over the old one, so that a reader sees the old file
or the new, whole. A file that cannot be read, is not JSON or is not of the expected shape
is refused (logged at debug level) and the caller builds its value again: a cache is only
ever a shortcut. JSON, never pickle: a cache file can never run code.

Light on purpose (standard library only, nothing imported that `faqbot ask` does not
already load): the configuration's cache is read by every command. The knowledge and
matcher caches (200 files each with many articles) are written and read through orjson
(:func:`fast_dumps`, :func:`fast_loads`), imported on their first use.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import json
import logging
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import cache
from importlib.machinery import PathFinder
from pathlib import Path
from typing import Any, TypeVar

logger = logging.getLogger(__name__)

T = TypeVar("T")

# What a damaged or foreign file raises while it is read and decoded: all mean "not usable".
REFUSALS: tuple[type[Exception], ...] = (
    OSError,
    ValueError,
    TypeError,
    KeyError,
    IndexError,
    AttributeError,
)
# Files a cache folder holds: kept results, and temporary ones (a write cut short).
_SUFFIXES = (".json", ".tmp")


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while many long-lived objects are made:
    200 articles read from their caches (knowledge files, matcher parts), or a matcher
    built. They make no reference cycles, and the collector's passes over them were a
    third of reading the matcher of 200 articles (a few per cent of reading the files).
    Objects are still freed when unused (reference counting); collection resumes
    afterwards, if it was on. While paused, cycles that other threads make (the bot
    answering during a /reload) wait for it.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


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
def code_key(label: str, modules: tuple[str, ...], libraries: tuple[str, ...] = ()) -> bytes:
    """A 16-byte hash of what a cache depends on besides its input: `label` (versions,
    format), where each library in `libraries` is installed, and the source of each faqbot
    module in `modules` (file names such as ``"knowledge.py"``). Computed once a process."""
    digest = hashlib.blake2b(digest_size=16)
    digest.update(label.encode())
    for library in libraries:
        digest.update(installed(library).encode())
    package = Path(__file__).parent
    for name in modules:
        try:
            digest.update((package / name).read_bytes())
        except OSError:
            digest.update(os.urandom(16))  # cannot tell what the code is: never reuse
    return digest.digest()


def key(code: bytes, *parts: bytes) -> str:
    """The name of a cache file (40 hex digits): a hash of `code` (see :func:`code_key`)
    and the parts, each with its length (so ``"a", "b"`` and ``"ab", ""`` differ)."""
    digest = hashlib.blake2b(code, digest_size=20)
    for part in parts:
        digest.update(len(part).to_bytes(8, "big"))
        digest.update(part)
    return digest.hexdigest()


def fast_dumps(data: Any) -> bytes:
    """JSON of data as UTF-8 (what json.dumps writes, read back the same), through orjson:
    about 15 times faster than json on a matcher part, and 200 parts are written at a cold
    start. Data that orjson refuses (an integer beyond 64 bits, a lone surrogate) goes
    through json. Only for data without NaN or infinities (orjson writes them as null): the
    knowledge and matcher caches hold texts, whole numbers and a finite setting."""
    import orjson  # here: `faqbot ask` reads its configuration's cache without it

    try:
        return orjson.dumps(data)
    except TypeError:
        return json.dumps(data).encode("ascii")


def fast_loads(raw: bytes) -> Any:
    """What json.loads gives (for what :func:`fast_dumps` or json writes), through orjson
    (about 3 times faster on a matcher part); through json where orjson refuses the text
    (an escaped lone surrogate)."""
    import orjson

    try:
        return orjson.loads(raw)
    except orjson.JSONDecodeError:
        return json.loads(raw)


def read(
    path: Path,
    decode: Callable[[Any], T],
    what: str,
    *,
    touch: bool = False,
    loads: Callable[[bytes], Any] = json.loads,
) -> T | None:
    """`decode` of the JSON in `path`, or None when there is no such file or it is unusable
    (any of REFUSALS, raised while reading or decoding: logged at debug level, naming
    `what`, e.g. "matcher cache"). touch: mark the file used (its time set to now), so that
    :func:`prune` keeps it. loads: json.loads, or :func:`fast_loads`."""
    try:
        value = decode(loads(path.read_bytes()))
    except FileNotFoundError:
        return None
    except REFUSALS as exc:
        logger.debug("%s %s not used: %s", what, path, exc)
        return None
    if touch:
        mark_used(path)
    return value


def mark_used(path: Path) -> bool:
    """Mark a kept file used (its time set to now), so that :func:`prune` keeps it; False
    when there is no such file (or its time cannot be set)."""
    try:
        os.utime(path)
    except OSError:
        return False
    return True


def write(
    folder: Path,
    name: str,
    data: Any,
    what: str,
    *,
    dumps: Callable[[Any], bytes] | None = None,
) -> Path | None:
    """Keep JSON data as ``folder/name.json``, atomically (the folder is made when missing).
    Returns the file, or None when it could not be written (a read-only folder, a full
    disk: logged at debug level, nothing left behind). dumps: json.dumps (None), or
    :func:`fast_dumps`."""
    encoded = json.dumps(data).encode("ascii") if dumps is None else dumps(data)
    path = folder / f"{name}.json"
    tmp = folder / f"{name}.{os.getpid()}.tmp"
    try:
        # Private to the bot's user: a cached configuration holds its secrets (the user-hash
        # key, the webhook secret), like .user-hash-key.
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as out:
            out.write(encoded)
        os.replace(tmp, path)
    except OSError as exc:
        logger.debug("%s not written to %s: %s", what, folder, exc)
        with contextlib.suppress(OSError):
            tmp.unlink()
        return None
    return path


def files(folder: Path) -> list[Path]:
    """The files of a cache folder (kept and temporary); raises OSError."""
    return [p for p in folder.iterdir() if p.suffix in _SUFFIXES]


def prune(folder: Path, keep: Path, newest: int, what: str) -> None:
    """Delete all but the `newest` most recently used files of a cache folder (by time),
    `keep` (just written) always among them; temporary files count as files."""
    try:
        others = [p for p in files(folder) if p != keep]
        others.sort(key=lambda p: p.stat().st_mtime_ns, reverse=True)
    except OSError as exc:
        logger.debug("%s %s not pruned: %s", what, folder, exc)
        return
    for path in others[newest - 1 :]:
        with contextlib.suppress(OSError):
            path.unlink()


# Typed fields: each returns the value as the type named, or raises TypeError. Lists are
# checked in C (set of map(type)): a cache holds hundreds of thousands of texts. JSON gives
# exact str, int, float, bool; bool is not taken for a number.


def text(value: Any) -> str:
    """A str."""
    if not isinstance(value, str):
        raise TypeError(f"expected text, got {type(value).__name__}")
    return value


def texts(value: Any) -> tuple[str, ...]:
    """A list of str, as a tuple."""
    if not isinstance(value, list) or not set(map(type, value)) <= {str}:
        raise TypeError("expected a list of texts")
    return tuple(value)


def whole(value: Any) -> int:
    """An int (not a bool)."""
    if type(value) is not int:
        raise TypeError("expected a whole number")
    return value


def wholes(value: Any) -> list[int]:
    """A list of int (no bools), the list itself."""
    if not isinstance(value, list) or not set(map(type, value)) <= {int}:
        raise TypeError("expected a list of whole numbers")
    return value


def number(value: Any) -> float:
    """An int or float (not a bool), as a float."""
    if type(value) not in (int, float):
        raise TypeError("expected a number")
    return float(value)


def numbers(value: Any) -> list[float]:
    """A list of int or float (no bools), as floats."""
    if not isinstance(value, list) or not set(map(type, value)) <= {int, float}:
        raise TypeError("expected a list of numbers")
    return list(map(float, value))


def flag(value: Any) -> bool:
    """A bool."""
    if not isinstance(value, bool):
        raise TypeError("expected true or false")
    return value
