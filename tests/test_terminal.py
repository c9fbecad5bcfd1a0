"""Readers' text made safe to print: controls and bidi overrides escaped, the rest kept."""

from __future__ import annotations

import json
import sys

import pytest

from faqbot.terminal import is_unsafe, terminal_safe


def test_printable_text_is_kept_as_it_is() -> None:
    for text in ("weather in Bangkok?", "Việt Nam", "👨‍👩‍👧 family", "שלום עולם", "a\u00a0b"):
        assert terminal_safe(text) == text  # emoji joiners, accents, Hebrew, NBSP


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("abc\u202edef", "abc\\u202edef"),  # right-to-left override
        ("\u202a\u202b\u202c\u202d", "\\u202a\\u202b\\u202c\\u202d"),
        ("\u2066x\u2067y\u2068z\u2069", "\\u2066x\\u2067y\\u2068z\\u2069"),  # isolates
        ("\x1b[31mred\x1b[0m", "\\u001b[31mred\\u001b[0m"),  # an escape sequence
        ("one\ntwo\rthree\tfour", "one\\u000atwo\\u000dthree\\u0009four"),  # forged lines
        ("\x00\x7f\x85\x9b", "\\u0000\\u007f\\u0085\\u009b"),  # NUL, DEL, C1 (0x9b: CSI)
    ],
)
def test_controls_and_bidi_formatting_are_escaped(text: str, shown: str) -> None:
    assert terminal_safe(text) == shown
    assert terminal_safe(shown) == shown


def test_exactly_the_controls_and_the_bidi_formatting_characters_are_unsafe() -> None:
    unsafe = [c for c in range(sys.maxunicode + 1) if is_unsafe(chr(c))]
    controls = [*range(0x20), *range(0x7F, 0xA0)]
    bidi = [*range(0x202A, 0x202F), *range(0x2066, 0x206A)]
    assert unsafe == sorted(controls + bidi)


def test_json_stays_json_and_means_the_same_text() -> None:
    question = "why \u202egnp.exe\u202c \x9b2J \x7f?"
    shown = terminal_safe(json.dumps({"q": question}, ensure_ascii=False))
    assert not any(is_unsafe(ch) for ch in shown)
    assert json.loads(shown) == {"q": question}


def test_lines_keep_their_breaks() -> None:
    assert terminal_safe("a\u202e\nb\x1b", lines=True) == "a\\u202e\nb\\u001b"
