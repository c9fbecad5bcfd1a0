"""A reader's text as words: HTML markup pasted into a question taken out before matching.

Readers paste questions from web pages or type markup ("<b>hi</b> & what is small ai?",
"what is &lt;small ai&gt;", or a probe ending in "<script>alert(1)</script>"); the matcher
should see the words. Telegram sends message text as typed (formatting comes as entities),
so any markup in it is literal. The bot and `faqbot ask` call `plain_text` where a question
comes in; the original text is what is logged and echoed (escaped as any user text).

The HTML is parsed by selectolax (Lexbor, the parser faqbot.article uses), not by regexes.
Plain "<" in a question ("is x<y true", "5 < 6") must stay: the text is taken as markup
only when every element the parser finds is a known HTML element; otherwise only its
character references are decoded (the standard library's html.unescape).
"""

from __future__ import annotations

import html

# Elements whose content is not text a reader reads: dropped with their content.
_DROPPED = ("script", "style", "noscript", "template", "iframe", "object", "embed", "svg")
# HTML elements a pasted question may carry. A tag outside this list ("<y and y>" in
# "is x<y and y>z") means the "<" was not markup.
_KNOWN = frozenset(
    "a abbr address article aside audio b bdi bdo big blink blockquote body br button canvas"
    " caption center cite code col colgroup data dd del details dfn div dl dt em embed"
    " fieldset figcaption figure font footer form h1 h2 h3 h4 h5 h6 head header hr html i"
    " iframe img input ins kbd label legend li link main mark marquee meta nav noscript object"
    " ol optgroup option p picture pre q rp rt ruby s samp script section select small source"
    " span strike strong style sub summary sup svg table tbody td template textarea tfoot th"
    " thead time title tr tt u ul var video wbr".split()
)


def plain_text(text: str) -> str:
    """The words of a reader's text: tags taken out (scripts and styles with their
    content), character references decoded, runs of white space made one space.

    Text without "<" or "&" is returned as it is.
    """
    if "<" not in text and "&" not in text:
        return text
    # Imported here: `faqbot ask` starts without the HTML parser (tests/test_cli.py).
    from selectolax.lexbor import LexborHTMLParser

    tree = LexborHTMLParser(text)
    root = tree.root
    elements = (
        {node.tag for node in root.traverse(include_text=False)} if root is not None else set()
    )
    elements -= {"html", "head", "body"}
    if elements and elements <= _KNOWN and root is not None:
        tree.strip_tags(list(_DROPPED))
        words = root.text(separator=" ")
    else:
        words = html.unescape(text)
    return " ".join(words.split())
