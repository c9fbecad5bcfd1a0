"""Strict YAML: duplicate keys refused with their lines, dates kept as text, lines kept."""

from __future__ import annotations

from pathlib import Path

import pytest

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
