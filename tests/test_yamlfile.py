"""Strict YAML: duplicate keys refused with their lines, dates kept as text, lines kept."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from faqbot import yamlfile
from faqbot.yamlfile import LineList, LineMap, YamlError, load, parse


def test_keeps_the_line_of_every_key_and_item() -> None:
    data = parse("a: 1\nb:\n  - x\n  - y: 2\n")
    assert isinstance(data, LineMap)
    assert data.key_lines == {"a": 1, "b": 2}
    assert isinstance(data["b"], LineList)
    assert data["b"].item_lines == [3, 4]
    assert data["b"][1].line_of("y") == 4
    assert data.line_of("missing") == 1


def test_duplicate_keys_are_refused_naming_both_lines() -> None:
    with pytest.raises(
        YamlError, match=r"f.yaml: line 3: duplicate key 'entries' \(first at line 1\)"
    ):
        parse("entries: []\nx: 1\nentries: []\n", "f.yaml")


def test_dates_stay_text_so_impossible_dates_do_not_crash() -> None:
    assert parse("date: 2025-06-31\n") == {"date": "2025-06-31"}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("a: [1\n", "line"),
        ("? [1, 2]\n: x\n", "plain text"),
        ("a: 1\n  b: 2\n", "line 2"),
    ],
)
def test_syntax_errors_name_the_line(text: str, message: str) -> None:
    with pytest.raises(YamlError, match=message):
        parse(text, "f.yaml")


def test_unreadable_files(tmp_path: Path) -> None:
    with pytest.raises(YamlError, match="cannot be read"):
        load(tmp_path / "missing.yaml")
    bad = tmp_path / "latin1.yaml"
    bad.write_bytes(b"a: caf\xe9\n")
    with pytest.raises(YamlError, match="not UTF-8"):
        load(bad)


def _cached(folder: Path) -> list[Path]:
    return sorted((folder / ".faqbot-cache" / "yaml").glob("*.json"))


def test_the_cache_gives_the_same_data_and_lines_without_parsing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    file = tmp_path / "config.yaml"
    file.write_text("a: 1\nb:\n  - x\n  - y: 2.5\n3: null\nc: true\n", encoding="utf-8")
    expected = load(file)
    assert load(file, cache=True) == expected
    assert len(_cached(tmp_path)) == 1
    monkeypatch.setattr(yamlfile, "parse", lambda *args: pytest.fail("parsed although cached"))
    again = load(file, cache=True)
    assert again == expected
    assert isinstance(again, LineMap)
    assert again.key_lines == {"a": 1, "b": 2, 3: 5, "c": 6}
    assert isinstance(again["b"], LineList)
    assert again["b"].item_lines == [3, 4]
    assert again["b"][1].line_of("y") == 4


def test_an_edited_file_is_parsed_again_and_problems_are_never_cached(tmp_path: Path) -> None:
    file = tmp_path / "config.yaml"
    file.write_text("a: 1\n", encoding="utf-8")
    assert load(file, cache=True) == {"a": 1}
    file.write_text("a: 2\n", encoding="utf-8")
    assert load(file, cache=True) == {"a": 2}
    file.write_text("a: 1\na: 2\n", encoding="utf-8")
    for _ in range(2):
        with pytest.raises(YamlError, match="line 2: duplicate key 'a'"):
            load(file, cache=True)
    assert len(_cached(tmp_path)) == 2


@pytest.mark.parametrize(
    "damage", ["", "{", "[1, 2]", '{"map": "one", "keys": []}', '{"list": 1, "items": [[1]]}']
)
def test_a_corrupt_cache_is_skipped(tmp_path: Path, damage: str) -> None:
    file = tmp_path / "config.yaml"
    file.write_text("a: [1, 2]\n", encoding="utf-8")
    load(file, cache=True)
    (cached,) = _cached(tmp_path)
    cached.write_text(damage, encoding="utf-8")
    assert load(file, cache=True) == {"a": [1, 2]}


def test_an_unwritable_cache_only_means_parsing(tmp_path: Path) -> None:
    file = tmp_path / "config.yaml"
    file.write_text("a: 1\n", encoding="utf-8")
    (tmp_path / ".faqbot-cache").write_text("a file where the folder would be", "utf-8")
    assert load(file, cache=True) == {"a": 1}
    assert load(file, cache=True) == {"a": 1}


def _pyyaml(text: str) -> Any:
    """What PyYAML's own constructor gives with faqbot's strict loader (the former parse)."""
    import yaml

    return yaml.load(text, Loader=yamlfile._loader())


def _lines(data: Any) -> Any:
    """Data with every mapping's and list's lines, to compare lines too."""
    if isinstance(data, LineMap):
        return ("map", data.line, [(k, data.key_lines[k], _lines(v)) for k, v in data.items()])
    if isinstance(data, LineList):
        return ("list", data.line, data.item_lines, [_lines(v) for v in data])
    return (type(data).__name__, data)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "# only a comment\n",
        "plain text",
        "a: 1\nb: [x, 'y', \"z\", 2.5, true, null, ~, 0x1f, 1e3, .inf, -.nan]\n",
        "a:\n  - b: c\n    d: [e, {f: g}]\n  - ''\n  -\n",
        "date: 2025-06-31\nwhen: 2025-06-30 10:00:00\n",
        "k: !!str 12\nn: !!int '7'\nf: !!float '1.5'\nb: !!bool 'yes'\n",
        "a: &x [1, 2]\nb: *x\n",  # an alias: a shared node
        "base: &b {x: 1, y: 2}\nmore:\n  <<: *b\n  y: 3\n",  # a merge key
        "s: !!set {a, b}\no: !!omap [a: 1]\n",
        "? [a, b]\n: c\n",  # a key that is not plain text
        "a: 1\na: 2\n",
        "x: &r [*r]\n",  # a node within itself
        "x: !!binary aGVsbG8=\n",
        "x: !!python/object:os.system echo\n",
        "- a\n- b: 1\n  b: 2\n",
        "key: value\n---\nsecond: document\n",
        "a: [1, 2\n",
        "a: 99999999999999999999999999\nb: 1_000\nc: 0o17\nd: 'it''s'\n",
        "é: ü ✓\n",
    ],
)
def test_parse_gives_what_pyyamls_constructor_gives(text: str) -> None:
    expected: tuple[str, ...]
    got: tuple[str, ...]
    try:
        expected = ("ok", _lines(_pyyaml(text)))
    except Exception as exc:
        expected = ("error", type(exc).__name__, str(exc))
    try:
        got = ("ok", _lines(yamlfile._load(text)))
    except Exception as exc:
        got = ("error", type(exc).__name__, str(exc))
    assert got == expected
