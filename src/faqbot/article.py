"""Read a published article (plain text, Markdown or HTML) into headed blocks of plain text.

The blocks are what a reader sees, in order: the title, headings, stand-alone questions,
paragraphs, list items and table rows. ``Document.text`` joins them, so a quote cut from a
block is verbatim in it; ``faqbot check --article`` compares quotes with that same text.
Reader comments are not part of the article and are left out; its own calls to comment
("Drop your take in the comments below.") are no facts either, so they are no blocks, but
they are kept in ``Document.calls`` (and ``text``): readers ask what the article asks them.

Markdown is parsed by markdown-it-py (CommonMark plus tables) and HTML by selectolax
(the Lexbor HTML5 parser); plain text is read a line at a time by the rules below.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the parsers are imported when an article is read (50 ms of start-up)
    from markdown_it.token import Token
    from selectolax.lexbor import LexborNode

# The published page marks glossary words with "✦"; quotes leave the marker out.
GLOSSARY_MARKERS = "✦"

# A heading that opens the reader-comments block: "Comments", "Latest Comments (6)", "12 comments".
_COMMENTS_RE = re.compile(
    r"^(?:(?:latest|reader|readers'?|user|top|recent)\s+)?comments?(?:\s*\(\d+\))?:?$"
    r"|^\d+\s+comments?$|^leave an?\s+(?:comment|reply)\b",
    re.IGNORECASE,
)
# A paragraph that asks readers to comment or share: not a fact of the article.
_CALL_TO_ACTION_RE = re.compile(
    r"comments? (?:below|section)|let us know|share your (?:thoughts|views|take|experience)"
    r"|drop your (?:take|thoughts)|join the (?:conversation|discussion)|what do you think\?",
    re.IGNORECASE,
)
_BULLET_RE = re.compile(r"^(?:[-*•–]|\d{1,2}[.)])\s+")
_MD_HEADING_RE = re.compile(r"^#{1,6}\s+")
_TABLE_RULE_RE = re.compile(r"^\|?[\s:|-]+\|?$")
_END_PUNCT = '.,;:!?"”’)…'
# A line this short without closing punctuation, followed by text, is a heading.
_HEADING_MAX_WORDS = 14
# A stand-alone question line at most this long is a question the article answers below it.
_QUESTION_MAX_WORDS = 30
_SENTENCE_END_RE = re.compile(r"[.!?][\"”’)]*\s+[A-Z\"“]")


class BlockKind(StrEnum):
    """What a block of the article is."""

    TITLE = "title"
    HEADING = "heading"
    QUESTION = "question"
    PARAGRAPH = "paragraph"
    BULLET = "bullet"
    TABLE_ROW = "table_row"


@dataclass(frozen=True, slots=True)
class Block:
    """One block of the article: its plain text (verbatim in ``Document.text``) and kind.

    Table rows also carry their ``cells`` and whether the row is the table's ``header``;
    list items carry the ``group`` number they share with the rest of their list.
    """

    kind: BlockKind
    text: str
    cells: tuple[str, ...] = ()
    header: bool = False
    group: int = 0


@dataclass(frozen=True, slots=True)
class Document:
    """An article as blocks, with the plain ``text`` every quote must be verbatim in."""

    title: str
    blocks: tuple[Block, ...]
    text: str
    skipped: int = 0  # lines of reader comments and calls to comment left out
    # The article's own calls to readers ("What's your take ...? Drop your take in the
    # comments below."), left out of the blocks but verbatim in ``text``: not facts, but
    # what the article asks of its readers.
    calls: tuple[str, ...] = ()


class Format(StrEnum):
    """How an article file is written."""

    TEXT = "text"
    MARKDOWN = "markdown"
    HTML = "html"


def detect_format(name: str, raw: str) -> Format:
    """Guess the format from the file name, else from the content (``<html``/``<p>`` = HTML)."""
    lower = name.lower()
    if lower.endswith((".html", ".htm", ".xhtml")):
        return Format.HTML
    if lower.endswith((".md", ".markdown")):
        return Format.MARKDOWN
    if lower.endswith(".txt"):
        return Format.TEXT
    head = raw.lstrip()[:2000].lower()
    if head.startswith(("<!doctype html", "<html")) or re.search(r"<(?:body|p|h1|div)\b", head):
        return Format.HTML
    return Format.TEXT


def read_article(raw: str, fmt: Format) -> Document:
    """Parse an article written in the given format."""
    if fmt is Format.HTML:
        return parse_html(raw)
    if fmt is Format.MARKDOWN:
        return parse_markdown(raw)
    return parse_text(raw)


def article_text(raw: str, fmt: Format) -> str:
    """Return the text quotes are checked against: plain text as is, other formats as read."""
    if fmt is Format.TEXT:
        return _unmark(raw)
    return read_article(raw, fmt).text


def _unmark(text: str) -> str:
    for marker in GLOSSARY_MARKERS:
        text = text.replace(marker, "")
    return text


def _clean(text: str) -> str:
    return " ".join(_unmark(text).split())


def is_question(text: str) -> bool:
    """Tell whether a line is one short question (the question line of an FAQ)."""
    stripped = text.rstrip('"”’*_ ')
    return (
        stripped.endswith("?")
        and len(text.split()) <= _QUESTION_MAX_WORDS
        and not _SENTENCE_END_RE.search(stripped[:-1])
    )


def _paragraph_kind(text: str) -> BlockKind:
    return BlockKind.QUESTION if is_question(text) else BlockKind.PARAGRAPH


def _is_call_to_action(text: str) -> bool:
    return bool(_CALL_TO_ACTION_RE.search(text))


def _looks_like_heading(line: str, following: str | None) -> bool:
    words = line.split()
    return (
        following is not None
        and 0 < len(words) <= _HEADING_MAX_WORDS
        and not line.endswith(tuple(_END_PUNCT))
        and (line[0].isupper() or line[0].isdigit())
    )


def _table_cells(line: str) -> tuple[str, ...]:
    return tuple(cell.strip() for cell in line.strip().strip("|").split("|"))


class _Builder:
    """Collects blocks and the text they are verbatim in."""

    def __init__(self) -> None:
        self.title = ""
        self.blocks: list[Block] = []
        self.skipped = 0
        self.group = 0
        self.calls: list[str] = []
        self._texts: list[str] = []  # the blocks' and calls' texts, in order
        self._in_list = False

    def add(self, kind: BlockKind, text: str, **extra: object) -> None:
        text = _clean(text)
        if not text:
            return
        if kind in (BlockKind.PARAGRAPH, BlockKind.BULLET) and _is_call_to_action(text):
            self.skipped += 1
            self.calls.append(text)
            self._texts.append(text)
            return
        if kind is BlockKind.TITLE:
            # Only a heading before anything else is the title; later ones are headings.
            if self.title or self.blocks:
                kind = BlockKind.HEADING
            else:
                self.title = text
        if kind is BlockKind.BULLET:
            if not self._in_list:
                self.group += 1
            self._in_list = True
            extra["group"] = self.group
        else:
            self._in_list = False
        self.blocks.append(Block(kind, text, **extra))  # type: ignore[arg-type]
        self._texts.append(text)

    def end_list(self) -> None:
        self._in_list = False

    def table_row(self, cells: tuple[str, ...], header: bool) -> None:
        cells = tuple(_clean(c) for c in cells)
        if any(cells):
            self.add(
                BlockKind.TABLE_ROW, "| " + " | ".join(cells) + " |", cells=cells, header=header
            )

    def document(self, text: str | None = None) -> Document:
        blocks = tuple(self.blocks)
        if text is None:
            text = "\n".join(self._texts)
        return Document(self.title, blocks, text, self.skipped, tuple(self.calls))


def parse_text(raw: str) -> Document:
    """Read plain text, one block a line (blank lines are optional).

    The first line is the title. A line of at most 14 words without closing punctuation,
    followed by text, is a heading (Markdown ``#`` headings too); a short line ending in "?"
    is a question; ``-``, ``*``, ``•`` and ``1.`` start list items; ``| a | b |`` lines are a
    table whose first row is its header. Everything from a comments heading on is skipped.
    """
    lines = [_clean(line) for line in raw.splitlines()]
    build = _Builder()
    table_rows = 0
    for index, line in enumerate(lines):
        if not line:
            build.end_list()
            continue
        following = next((nxt for nxt in lines[index + 1 :] if nxt), None)
        if build.title and _COMMENTS_RE.match(line):
            build.skipped += sum(1 for rest in lines[index:] if rest)
            break
        if line.startswith("|") and line.endswith("|") and len(line) > 2:
            if not _TABLE_RULE_RE.match(line):
                build.table_row(_table_cells(line), header=table_rows == 0)
                table_rows += 1
            continue
        table_rows = 0
        if not build.title:
            build.add(BlockKind.TITLE, _MD_HEADING_RE.sub("", line))
        elif _MD_HEADING_RE.match(line):
            text = _MD_HEADING_RE.sub("", line)
            build.add(BlockKind.QUESTION if is_question(text) else BlockKind.HEADING, text)
        elif _BULLET_RE.match(line):
            build.add(BlockKind.BULLET, line)
        elif is_question(line):
            build.add(BlockKind.QUESTION, line)
        elif _looks_like_heading(line, following):
            build.add(BlockKind.HEADING, line)
        else:
            build.add(BlockKind.PARAGRAPH, line)
    # Plain text keeps its own text, so quotes can be checked against the file itself.
    blocks = [
        Block(b.kind, _BULLET_RE.sub("", b.text), b.cells, b.header, b.group)
        if b.kind is BlockKind.BULLET
        else b
        for b in build.blocks
    ]
    return Document(build.title, tuple(blocks), _unmark(raw), build.skipped, tuple(build.calls))


# ------------------------------------------------------------------ Markdown


def _inline_text(token: Token) -> str:
    parts: list[str] = []
    for child in token.children or ():
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
        elif child.type == "image":
            parts.append(_inline_text(child))
    return "".join(parts)


def parse_markdown(raw: str) -> Document:
    """Read Markdown (CommonMark with tables): headings, paragraphs, list items, table rows.

    A heading before anything else is the title; a heading or paragraph that is one short
    question is a question; everything from a comments heading on is skipped.
    """
    from markdown_it import MarkdownIt

    tokens = MarkdownIt("commonmark").enable("table").parse(raw)
    build = _Builder()
    context: list[str] = []
    cells: list[str] = []
    in_head = False
    for position, token in enumerate(tokens):
        if token.nesting == 1:
            context.append(token.type)
        elif token.nesting == -1 and context:
            context.pop()
        if token.type in ("bullet_list_close", "ordered_list_close"):
            build.end_list()
        elif token.type == "thead_open":
            in_head = True
        elif token.type == "thead_close":
            in_head = False
        elif token.type == "tr_open":
            cells = []
        elif token.type == "tr_close":
            build.table_row(tuple(cells), header=in_head)
        if token.type != "inline":
            continue
        text = _clean(_inline_text(token))
        parent = tokens[position - 1].type if position else ""
        if parent in ("th_open", "td_open"):
            cells.append(text)
        elif parent == "heading_open":
            if build.blocks and _COMMENTS_RE.match(text):
                build.skipped += sum(1 for t in tokens[position:] if t.type == "inline")
                break
            build.add(BlockKind.QUESTION if is_question(text) else BlockKind.TITLE, text)
        elif "list_item_open" in context:
            build.add(BlockKind.BULLET, text)
        else:
            build.add(_paragraph_kind(text), text)
    return build.document()


# ---------------------------------------------------------------------- HTML

_SKIP_TAGS = frozenset(
    {"script", "style", "noscript", "template", "nav", "footer", "aside", "form", "button"}
    | {"svg", "iframe", "select", "textarea", "head"}
)
_HEADING_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_BLOCK_TAGS = frozenset(
    {"p", "div", "section", "article", "main", "header", "blockquote", "ul", "ol", "li"}
    | {"table", "thead", "tbody", "tfoot", "tr", "dl", "dt", "dd", "figure", "figcaption"}
    | {"pre", "hr", "br", "body", "html"}
    | _HEADING_TAGS
    | _SKIP_TAGS
)
_COMMENTS_CLASS_RE = re.compile(r"(?:^|[\s_-])comments?(?:$|[\s_-])", re.IGNORECASE)


def _is_comments(node: LexborNode) -> bool:
    attrs = node.attributes
    marks = f"{attrs.get('id') or ''} {attrs.get('class') or ''}"
    return bool(_COMMENTS_CLASS_RE.search(marks))


def _node_text(node: LexborNode) -> str:
    return node.text(deep=True)


class _HtmlWalker:
    """Turns an HTML tree into blocks, the way a browser lays out block and inline boxes."""

    def __init__(self) -> None:
        self.build = _Builder()
        self.stopped = False

    def walk(self, node: LexborNode, in_list: bool = False) -> None:
        inline: list[str] = []
        for child in node.iter(include_text=True):
            if self.stopped:
                return
            tag = child.tag or ""
            if child.is_text_node:
                inline.append(child.text_content or "")
            elif tag not in _BLOCK_TAGS:
                inline.append(_node_text(child))
            else:
                self._flush(inline, in_list)
                inline = []
                self._block(child, tag, in_list)
        self._flush(inline, in_list)

    def _flush(self, inline: list[str], in_list: bool) -> None:
        text = _clean("".join(inline))
        if text:
            self.build.add(BlockKind.BULLET if in_list else _paragraph_kind(text), text)

    def _block(self, node: LexborNode, tag: str, in_list: bool) -> None:
        if tag in _SKIP_TAGS or _is_comments(node):
            self.build.skipped += 1
            return
        if tag in _HEADING_TAGS:
            text = _clean(_node_text(node))
            if self.build.blocks and _COMMENTS_RE.match(text):
                self.stopped = True
                return
            self.build.add(BlockKind.QUESTION if is_question(text) else BlockKind.TITLE, text)
        elif tag == "table":
            self._table(node)
        elif tag in ("ul", "ol"):
            self.build.end_list()
            self.walk(node, in_list=True)
            self.build.end_list()
        elif tag == "li":
            self.walk(node, in_list=True)
        elif tag in ("br", "hr"):
            return
        else:
            self.walk(node, in_list)

    def _table(self, table: LexborNode) -> None:
        for row in table.css("tr"):
            cells = [c for c in row.iter() if c.tag in ("th", "td")]
            header = bool(cells) and (
                all(c.tag == "th" for c in cells) or (row.parent and row.parent.tag) == "thead"
            )
            self.build.table_row(tuple(_node_text(c) for c in cells), header=header)


def parse_html(raw: str) -> Document:
    """Read an HTML page: headings, paragraphs, list items and table rows of its body.

    Scripts, styles, navigation, footers, asides, forms and any element whose id or class
    names comments are skipped; the first ``<h1>`` (else ``<title>``) is the title.
    """
    from selectolax.lexbor import LexborHTMLParser

    tree = LexborHTMLParser(raw)
    walker = _HtmlWalker()
    title_node = tree.css_first("title")
    has_h1 = tree.css_first("h1") is not None
    if title_node is not None and not has_h1:
        walker.build.add(BlockKind.TITLE, _node_text(title_node))
    body = tree.body
    if body is not None:
        walker.walk(body)
    return walker.build.document()


def iter_headed(document: Document) -> Iterator[tuple[str, Block]]:
    """Yield (section, block) for every block after the title.

    The section is the latest heading or question; text before the first one is
    in the "Introduction".
    """
    section = "Introduction"
    for block in document.blocks:
        if block.kind is BlockKind.TITLE:
            continue
        if block.kind in (BlockKind.HEADING, BlockKind.QUESTION):
            section = block.text
        yield section, block
