"""Reading articles: plain text, Markdown and HTML become the same kinds of blocks."""

from __future__ import annotations

import pytest

from faqbot.article import (
    BlockKind,
    Document,
    Format,
    article_text,
    detect_format,
    is_question,
    iter_headed,
    parse_html,
    parse_markdown,
    parse_text,
)
from faqbot.knowledge import quote_in_text
from tests.conftest import ARTICLE

PLAIN = """Batteries in Brief
Cell makers are racing to build plants. Prices keep falling✦ fast.
The Numbers
- Capacity reached 140 GWh in 2024
- Prices fell 23%
| Country | Capacity |
|---|---|
| Indonesia | 140 GWh |
Will prices keep falling?
Analysts expect a further fall of 10%.
What do you think? Tell us in the comments below.
Latest Comments (2)
Great piece, but I think prices will rise.
Leave a Comment
"""

MARKDOWN = """# Batteries in Brief

Cell makers are racing to **build** plants. Prices keep
falling fast.

## The Numbers

- Capacity reached 140 GWh in 2024
- Prices fell 23%

| Country | Capacity |
|---|---|
| Indonesia | 140 GWh |

### Will prices keep falling?

Analysts expect a further fall of 10%.

## Comments

Great piece, but I think prices will rise.
"""

HTML = """<!doctype html><html><head><title>Site name | Batteries</title>
<script>var x = "not text";</script><style>p {}</style></head>
<body><nav><a href="/">Home</a> <a href="/x">World</a></nav>
<article><h1>Batteries in Brief</h1>
<p>Cell makers are racing to <a href="#">build</a> plants. Prices keep
   falling&nbsp;fast.</p>
<h2>The Numbers</h2>
<ul><li>Capacity reached <b>140 GWh</b> in 2024</li><li><p>Prices fell 23%</p></li></ul>
<table><thead><tr><th>Country</th><th>Capacity</th></tr></thead>
<tbody><tr><td>Indonesia</td><td>140 GWh</td></tr></tbody></table>
<h3>Will prices keep falling?</h3>
<div>Analysts expect a further fall of 10%.</div>
</article>
<section id="comments"><h2>Latest Comments (1)</h2><p>Great piece, but no.</p></section>
<footer><p>Copyright 2026</p></footer>
</body></html>
"""


def kinds(document: Document) -> list[tuple[BlockKind, str]]:
    return [(b.kind, b.text) for b in document.blocks]


EXPECTED = [
    (BlockKind.TITLE, "Batteries in Brief"),
    (BlockKind.PARAGRAPH, "Cell makers are racing to build plants. Prices keep falling fast."),
    (BlockKind.HEADING, "The Numbers"),
    (BlockKind.BULLET, "Capacity reached 140 GWh in 2024"),
    (BlockKind.BULLET, "Prices fell 23%"),
    (BlockKind.TABLE_ROW, "| Country | Capacity |"),
    (BlockKind.TABLE_ROW, "| Indonesia | 140 GWh |"),
    (BlockKind.QUESTION, "Will prices keep falling?"),
    (BlockKind.PARAGRAPH, "Analysts expect a further fall of 10%."),
]


def test_plain_text_blocks_and_comments_left_out() -> None:
    document = parse_text(PLAIN)
    assert kinds(document) == EXPECTED
    assert document.title == "Batteries in Brief"
    assert document.skipped == 4  # the call to comment, the heading, a comment, "Leave a Comment"
    assert "✦" not in document.text
    table = [b for b in document.blocks if b.kind is BlockKind.TABLE_ROW]
    assert table[0].header
    assert not table[1].header
    assert table[1].cells == ("Indonesia", "140 GWh")


def test_markdown_blocks_match_plain_text() -> None:
    document = parse_markdown(MARKDOWN)
    assert kinds(document) == EXPECTED
    assert document.skipped >= 1


def test_html_blocks_match_plain_text() -> None:
    document = parse_html(HTML)
    assert kinds(document) == EXPECTED
    assert "not text" not in document.text
    assert "Home" not in document.text
    assert "Copyright" not in document.text
    assert "Great piece" not in document.text


def test_calls_to_readers_are_kept_apart_verbatim() -> None:
    """A call to comment is no block (no fact), but it is kept, verbatim in the text."""
    call = "What do you think? Tell us in the comments below."
    assert parse_text(PLAIN).calls == (call,)
    markdown = parse_markdown("# T\n\nPrices fell 5%.\n\nShare your thoughts below.\n")
    html = parse_html(
        "<html><body><h1>T</h1><p>Prices fell 5%.</p><p>Share your thoughts below.</p>"
        '<section id="comments"><p>Nice. Share your thoughts too.</p></section></body></html>'
    )
    for document in (markdown, html):
        assert document.calls == ("Share your thoughts below.",)
        assert quote_in_text("Share your thoughts below.", document.text)
        assert all("Share" not in b.text for b in document.blocks)
        assert "Nice" not in document.text  # a reader's comment is not the article's call
    assert parse_text("T\nPrices fell 5%.\n").calls == ()


def test_every_block_is_verbatim_in_the_document_text() -> None:
    for document in (parse_text(PLAIN), parse_markdown(MARKDOWN), parse_html(HTML)):
        for block in document.blocks:
            assert quote_in_text(block.text, document.text), block.text


def test_list_items_share_a_group_per_list() -> None:
    document = parse_text("T\nIntro:\n- a one\n- a two\nMiddle text here.\n- b one\n")
    groups = [b.group for b in document.blocks if b.kind is BlockKind.BULLET]
    assert groups == [1, 1, 2]


def test_sections_follow_headings_and_questions() -> None:
    sections = [(section, b.text) for section, b in iter_headed(parse_text(PLAIN))]
    assert sections[0] == ("Introduction", EXPECTED[1][1])
    assert sections[-1] == ("Will prices keep falling?", "Analysts expect a further fall of 10%.")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Will Big AI monopolise the market?", True),
        ("What's your take? Will it last? Drop your take below.", False),
        ("Prices fell. Will they rise?", False),
        ("A statement.", False),
    ],
)
def test_is_question(text: str, expected: bool) -> None:
    assert is_question(text) is expected


@pytest.mark.parametrize(
    ("name", "raw", "expected"),
    [
        ("a.html", "", Format.HTML),
        ("a.md", "", Format.MARKDOWN),
        ("a.txt", "<p>x</p>", Format.TEXT),
        ("article", "<!DOCTYPE html><html>", Format.HTML),
        ("article", "Title\nText", Format.TEXT),
    ],
)
def test_detect_format(name: str, raw: str, expected: Format) -> None:
    assert detect_format(name, raw) is expected


def test_article_text_of_plain_text_is_the_file_without_glossary_marks() -> None:
    raw = ARTICLE.read_text(encoding="utf-8")
    assert article_text(raw, Format.TEXT) == raw.replace("✦", "")
    assert "build plants" in article_text(MARKDOWN, Format.MARKDOWN)
    assert "falling fast" in article_text(HTML, Format.HTML)


def test_the_shipped_article_reads_as_expected() -> None:
    document = parse_text(ARTICLE.read_text(encoding="utf-8"))
    headings = [b.text for b in document.blocks if b.kind is BlockKind.HEADING]
    questions = [b.text for b in document.blocks if b.kind is BlockKind.QUESTION]
    assert headings[0] == "The Scale Wars: Big AI's Trillion-Dollar Ambition"
    assert len(headings) == 6
    assert len(questions) == 5
    assert not any("Drop your take" in b.text for b in document.blocks)
    assert not any("Meta getting so capable" in b.text for b in document.blocks)
