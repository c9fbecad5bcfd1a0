"""The JSON caches' shared core: keys, a strict read, an atomic write, pruning, typed fields."""

from __future__ import annotations

import json
import logging
import os
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from faqbot import jsoncache

WHAT = "test cache"


def _shape(data: Any) -> dict[str, int]:
    return {"n": jsoncache.whole(data["n"])}


def test_a_key_is_40_hex_digits_and_parts_keep_their_bounds() -> None:
    code = jsoncache.code_key("label", ("jsoncache.py",))
    name = jsoncache.key(code, b"a", b"b")
    assert len(name) == 40
    int(name, 16)
    assert name == jsoncache.key(code, b"a", b"b")
    assert name != jsoncache.key(code, b"ab", b"")
    assert name != jsoncache.key(code, b"a", b"b", b"")
    assert name != jsoncache.key(jsoncache.code_key("other", ("jsoncache.py",)), b"a", b"b")


def test_the_code_key_depends_on_the_modules_and_never_reuses_unknown_code() -> None:
    ours = jsoncache.code_key("label", ("jsoncache.py",))
    assert ours == jsoncache.code_key("label", ("jsoncache.py",))  # once a process
    assert ours != jsoncache.code_key("label", ("jsoncache.py", "errors.py"))
    assert ours != jsoncache.code_key("label", ("jsoncache.py",), ("json",))
    # A module that cannot be read gives a random key: two labels, never equal.
    missing = ("no-such-module.py",)
    assert jsoncache.code_key("a", missing) != jsoncache.code_key("b", missing)


def test_installed_names_a_library_without_importing_it() -> None:
    assert jsoncache.installed("json").startswith("json ")
    assert jsoncache.installed("json") == jsoncache.installed("json")
    assert jsoncache.installed("no_such_library_here") == "no_such_library_here missing"


def test_write_then_read_gives_the_data_back_and_leaves_no_temporary_file(tmp_path: Path) -> None:
    folder = tmp_path / "deep" / "cache"
    path = jsoncache.write(folder, "k", {"n": 3, "text": "é"}, WHAT)
    assert path == folder / "k.json"
    assert [p.name for p in folder.iterdir()] == ["k.json"]
    assert path.read_bytes().isascii()
    assert jsoncache.read(path, _shape, WHAT) == {"n": 3}
    assert jsoncache.read(folder / "other.json", _shape, WHAT) is None


@pytest.mark.parametrize(
    "data",
    [
        {"n": 3, "text": "é ✓", "list": [1, 2.5, "x", None, True, False], "nested": {"a": []}},
        {"big": 2**70, "text": "a"},  # beyond 64 bits: orjson refuses, json writes it
        {"lone": "\ud800 surrogate"},  # orjson refuses a lone surrogate, json escapes it
        [],
        "text",
    ],
)
def test_the_fast_codec_reads_back_what_json_reads(tmp_path: Path, data: Any) -> None:
    path = jsoncache.write(tmp_path, "k", data, WHAT, dumps=jsoncache.fast_dumps)
    assert path is not None
    assert json.loads(path.read_bytes()) == data
    assert jsoncache.read(path, lambda d: d, WHAT, loads=jsoncache.fast_loads) == data
    plain = jsoncache.write(tmp_path, "plain", data, WHAT)
    assert plain is not None
    assert jsoncache.read(plain, lambda d: d, WHAT, loads=jsoncache.fast_loads) == data


def test_an_unwritable_folder_writes_nothing(tmp_path: Path) -> None:
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the folder would be", encoding="utf-8")
    assert jsoncache.write(blocked / "cache", "k", {"n": 1}, WHAT) is None
    assert jsoncache.write(blocked, "k", {"n": 1}, WHAT) is None
    assert list(tmp_path.iterdir()) == [blocked]


@pytest.mark.parametrize(
    "damage",
    [
        b"",
        b'{"n": ',  # cut short
        b"not json",
        b"\xff\xfe\x00",  # not text
        b"[]",  # AttributeError / TypeError in decode
        b"{}",  # KeyError
        b'{"n": "3"}',  # TypeError
        b'{"n": true}',  # a bool is not a number
    ],
)
@pytest.mark.parametrize("loads", [json.loads, jsoncache.fast_loads])
def test_a_damaged_file_is_refused_and_logged_at_debug_level(
    tmp_path: Path, damage: bytes, loads: Callable[[bytes], Any], caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "k.json"
    path.write_bytes(damage)
    with caplog.at_level(logging.DEBUG, logger="faqbot.jsoncache"):
        assert jsoncache.read(path, _shape, WHAT, loads=loads) is None
    (record,) = caplog.records
    assert record.levelno == logging.DEBUG
    assert record.getMessage().startswith(f"{WHAT} {path} not used: ")


def test_every_refusal_of_decode_is_caught(tmp_path: Path) -> None:
    path = tmp_path / "k.json"
    path.write_text("[1]", encoding="ascii")
    for error in jsoncache.REFUSALS:

        def decode(data: Any, error: type[Exception] = error) -> Any:
            raise error("refused")

        assert jsoncache.read(path, decode, WHAT) is None
    assert jsoncache.read(tmp_path, _shape, WHAT) is None  # a folder: OSError


def test_read_marks_the_file_used_only_when_asked_and_usable(tmp_path: Path) -> None:
    path = jsoncache.write(tmp_path, "k", {"n": 1}, WHAT)
    assert path is not None
    os.utime(path, ns=(0, 0))
    assert jsoncache.read(path, _shape, WHAT) == {"n": 1}
    assert path.stat().st_mtime_ns == 0
    assert jsoncache.read(path, _shape, WHAT, touch=True) == {"n": 1}
    assert path.stat().st_mtime_ns > 0
    os.utime(path, ns=(0, 0))
    path.write_text("{}", encoding="ascii")
    os.utime(path, ns=(0, 0))
    assert jsoncache.read(path, _shape, WHAT, touch=True) is None
    assert path.stat().st_mtime_ns == 0


def test_prune_keeps_the_newest_and_the_one_just_written(tmp_path: Path) -> None:
    for n in range(6):
        path = tmp_path / f"{n}.json"
        path.write_text("{}", encoding="ascii")
        os.utime(path, ns=(n * 10**9, n * 10**9))
    stale = tmp_path / "9.123.tmp"
    stale.write_text("", encoding="ascii")
    os.utime(stale, ns=(0, 0))
    (tmp_path / "other.txt").write_text("not ours", encoding="ascii")
    (tmp_path / "sub").mkdir()
    keep = tmp_path / "0.json"  # the oldest, but just written
    jsoncache.prune(tmp_path, keep, 3, WHAT)
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "0.json",
        "4.json",
        "5.json",
        "other.txt",
        "sub",
    ]
    assert sorted(p.name for p in jsoncache.files(tmp_path)) == ["0.json", "4.json", "5.json"]


def test_prune_of_a_missing_folder_is_logged_not_raised(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.DEBUG, logger="faqbot.jsoncache"):
        jsoncache.prune(tmp_path / "missing", tmp_path / "missing" / "k.json", 2, WHAT)
    assert "not pruned" in caplog.text


@pytest.mark.parametrize(
    ("read", "good", "expected", "bad"),
    [
        (jsoncache.text, "a", "a", [1, None, ["a"]]),
        (jsoncache.texts, ["a", "b"], ("a", "b"), ["a", ["a", 1], None, [["a"]]]),
        (jsoncache.whole, 3, 3, [True, 3.0, "3", None]),
        (jsoncache.wholes, [1, 2], [1, 2], [[1, True], [1.0], "12", None]),
        (jsoncache.numbers, [1, 2.5], [1.0, 2.5], [[1, False], ["1"], 1.0, None]),
        (jsoncache.flag, False, False, [0, 1, "true", None]),
    ],
)
def test_typed_fields_take_only_their_type(
    read: Callable[[Any], Any], good: Any, expected: Any, bad: list[Any]
) -> None:
    value = read(good)
    assert value == expected
    assert type(value) is type(expected)
    if isinstance(expected, list):
        assert all(type(v) is type(e) for v, e in zip(value, expected, strict=True))
    for value in bad:
        with pytest.raises(TypeError):
            read(value)
    assert read(json.loads(json.dumps(good))) == expected


def test_cache_files_are_private_to_the_bots_user(tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    path = jsoncache.write(folder, "k", {"secret": "x"}, "test cache")
    assert path is not None
    assert stat.S_IMODE(path.stat().st_mode) == 0o600  # a cached config holds secrets
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700


def test_the_collector_is_paused_inside_and_resumes_as_it_was() -> None:
    import gc

    assert gc.isenabled()
    with jsoncache.collector_paused():
        assert not gc.isenabled()
        with jsoncache.collector_paused():  # nested: still paused, and not resumed early
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()
    with pytest.raises(KeyError), jsoncache.collector_paused():
        raise KeyError("an error inside")
    assert gc.isenabled()
    gc.disable()
    try:
        with jsoncache.collector_paused():
            pass
        assert not gc.isenabled()  # it was off: left off
    finally:
        gc.enable()
