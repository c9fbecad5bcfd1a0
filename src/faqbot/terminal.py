"""Readers' text made safe to print at an operator's terminal.

A question is whatever a reader typed. Printed as it is, an escape character starts a
terminal control sequence (colours, a cleared screen, a rewritten title or clipboard), a
C1 control is one on its own (0x9b is CSI in 8-bit terminals), a newline forges an extra
line of output, and a bidi override (U+202E) reorders what is shown without changing a
byte ("Trojan Source", CVE-2021-42574). :func:`terminal_safe` is the one place the CLI
passes readers' text through before printing it (`faqbot stats`, `unanswered`, `learned`).

Which characters are dangerous is read from the Unicode Character Database in Python's
own :mod:`unicodedata` (kept with each Python release), not from a hand-kept table: the
control characters (general category Cc: C0, DEL, C1) and the explicit bidi formatting
characters (bidi classes LRE, RLE, LRO, RLO, PDF, LRI, RLI, FSI, PDI: U+202A-U+202E and
U+2066-U+2069). No maintained Python package does this (rich's ``escape_control_codes``
covers five C0 codes; ``repr`` also escapes joiners, mangling emoji and Indic text).
Everything else passes: emoji with their joiners, accents, right-to-left scripts.
"""

from __future__ import annotations

import unicodedata

# Unicode bidi classes of the explicit embeddings, overrides and isolates (UAX #9).
_BIDI_FORMATTING = frozenset({"LRE", "RLE", "LRO", "RLO", "PDF", "LRI", "RLI", "FSI", "PDI"})


def is_unsafe(char: str) -> bool:
    """Tell whether a character acts on a terminal instead of showing: a control
    character (C0, DEL, C1) or a bidi embedding, override or isolate."""
    return unicodedata.category(char) == "Cc" or unicodedata.bidirectional(char) in _BIDI_FORMATTING


def terminal_safe(text: str, *, lines: bool = False) -> str:
    """The text with each unsafe character (:func:`is_unsafe`) written as its ``\\uXXXX``
    escape, visible and inert: "abc\\u202edef". The escape is JSON's and YAML's own, so a
    JSON document (or a double-quoted YAML scalar) stays valid and means the same text.

    lines: the text is lines faqbot wrote, whose line breaks ("\\n") are kept (those
    inside a reader's text must already be escaped, as JSON and YAML writers do).
    Text whose every character is printable is returned as it is (the usual case).
    """
    if text.isprintable():  # Cc and the bidi controls (Cf) are never printable
        return text
    if lines:
        return "\n".join(terminal_safe(line) for line in text.split("\n"))
    return "".join(f"\\u{ord(ch):04x}" if is_unsafe(ch) else ch for ch in text)
