"""Telegram's HTML subset, checked before a text is sent (Telegram rejects anything else).

Telegram's parse_mode HTML (core.telegram.org/bots/api#html-style) allows only these tags
and attributes, the entities &lt; &gt; &amp; &quot; and numeric ones, and no bare "<" or
"&". A reply text an editor changed in bot/messages.yaml is checked here at start-up, in
`faqbot check` and on /reload, so a "<br>" is refused with its key instead of turning every
reply into a Bot API error. Parsing uses the standard library's html.parser.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

# tag -> attributes it may have (required ones are checked below).
ALLOWED: dict[str, frozenset[str]] = {
    "b": frozenset(),
    "strong": frozenset(),
    "i": frozenset(),
    "em": frozenset(),
    "u": frozenset(),
    "ins": frozenset(),
    "s": frozenset(),
    "strike": frozenset(),
    "del": frozenset(),
    "span": frozenset({"class"}),
    "tg-spoiler": frozenset(),
    "a": frozenset({"href"}),
    "code": frozenset({"class"}),
    "pre": frozenset(),
    "blockquote": frozenset({"expandable"}),
    "tg-emoji": frozenset({"emoji-id"}),
}
_REQUIRED = {"a": "href", "tg-emoji": "emoji-id"}
_ENTITIES = frozenset({"lt", "gt", "amp", "quot"})
_BARE_AMP = re.compile(r"&(?!(?:lt|gt|amp|quot|#\d{1,7}|#x[0-9a-fA-F]{1,6});)")
_BARE_LT = re.compile(r"<(?![a-zA-Z/])")


class _Checker(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.stack: list[str] = []
        self.problems: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in ALLOWED:
            allowed = ", ".join(sorted(ALLOWED))
            self.problems.append(f"tag <{tag}> is not allowed (Telegram allows {allowed})")
            return
        names = {name for name, _ in attrs}
        for name in sorted(names - ALLOWED[tag]):
            self.problems.append(f"tag <{tag}> cannot have the attribute {name!r}")
        required = _REQUIRED.get(tag)
        if required and not dict(attrs).get(required):
            self.problems.append(f'tag <{tag}> needs {required}="..."')
        if tag == "span" and dict(attrs).get("class") != "tg-spoiler":
            self.problems.append('tag <span> needs class="tg-spoiler"')
        self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.problems.append(f"<{tag}/> is not allowed: Telegram has no self-closing tags")

    def handle_endtag(self, tag: str) -> None:
        if tag not in ALLOWED:
            return  # reported at its start tag (or it has none: reported below)
        if not self.stack or self.stack[-1] != tag:
            self.problems.append(f"</{tag}> does not close the last open tag")
            return
        self.stack.pop()

    def handle_entityref(self, name: str) -> None:
        if name not in _ENTITIES:
            self.problems.append(f"&{name}; is not an entity Telegram knows (write &amp;{name};)")

    def handle_comment(self, data: str) -> None:
        self.problems.append("comments (<!-- -->) are not allowed")

    def handle_decl(self, decl: str) -> None:
        self.problems.append(f"<!{decl}> is not allowed")

    def unknown_decl(self, data: str) -> None:
        self.problems.append(f"<![{data}]> is not allowed")

    def handle_pi(self, data: str) -> None:
        self.problems.append(f"<?{data}> is not allowed")


def problems(text: str) -> list[str]:
    """What Telegram would refuse in this HTML text; empty when it would accept it."""
    found: list[str] = []
    if _BARE_AMP.search(text):
        found.append('a bare "&" must be written &amp;')
    if _BARE_LT.search(text):
        found.append('a bare "<" must be written &lt;')
    checker = _Checker()
    checker.feed(text)
    checker.close()
    found += checker.problems
    if checker.stack:
        found.append(f"<{checker.stack[-1]}> is never closed")
    return found


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def text_of(text: str) -> str:
    """The words of Telegram HTML as plain text (for a terminal): tags out, entities
    decoded ("The article mentions <b>Japan &amp; Korea</b>" -> "... Japan & Korea")."""
    parser = _Text()
    parser.feed(text)
    parser.close()
    return "".join(parser.parts)
