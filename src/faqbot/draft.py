"""Draft a knowledge file from an article, for an editor to review.

``draft(document, article_id)`` turns an article read by ``faqbot.article`` into entries in
the knowledge-file format, each quoting the article verbatim and marked ``draft: true``.
What it extracts, in this order of precedence (a sentence is drafted as one entry only;
a neighbour may come along in its quote: the sentence a "This ..." refers back to, the one
supporting a claim):

- ``faq``: the article's own questions (a short question line) with the answer below them;
- ``table row``: one entry per table row, its question built from the header;
- ``table column``: one entry per table column, comparing the rows on it;
- ``quotation``: every quotation with its speaker's name and role;
- ``conclusion``: the last paragraph of the body (reader comments are not part of it);
- ``call to readers``: what the article asks its readers ("Drop your take in the comments
  below."), one entry for all such lines: not a fact, but readers ask what it asks of them;
- ``list``: a list introduced by a heading or a colon, and each of its items;
- ``definition``: "X is a ...", "X are the ..." sentences;
- ``figure``: every other sentence or list item with a figure (amount, percentage,
  multiplier, year, count);
- ``overview``: the title, answering "what is the article about";
- ``statement``: every other sentence of the body, so the draft covers the whole article.

Each entry's phrasings are its question plus alternates built from its sentence: short
keyword forms, subject + figure, "who is <speaker>", "what did <speaker> say about ...",
the section heading as a question. Answers are the sentences themselves (1-3 sentences,
within ``knowledge.MAX_ANSWER_CHARS``). Finally the draft is matched against itself and an
alternate that leads to another entry is dropped, so phrasings do not collide.

Pure: no I/O; the CLI reads the article and writes the YAML.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum
from pathlib import Path

import yaml
from lemminflect import getAllLemmas

from faqbot.analysis import is_demonym, is_place
from faqbot.article import Block, BlockKind, Document, iter_headed
from faqbot.errors import FaqbotError
from faqbot.knowledge import (
    ID_PATTERN,
    MAX_ANSWER_CHARS,
    QUOTE_GAP,
    Article,
    Entry,
    KnowledgeBase,
    Source,
    quote_in_text,
)
from faqbot.lexicon import (
    acronym_phrases,
    demonym_synonyms,
    inflection_synonyms,
    reader_mates,
    reader_synonyms,
    title_phrases,
)
from faqbot.matching import Decision, Matcher, MatchSettings
from faqbot.normalise import STOP_WORDS, stem, tokens
from faqbot.sentences import (
    PRONOUN_STARTS,
    FigureKind,
    clip,
    content_words,
    core_forms,
    count_sentences,
    find_figures,
    heading_questions,
    keyword_form,
    lower_first,
    parse_clause,
    reason_questions,
    sentence_question,
    split_clauses,
    split_sentences,
    split_words,
    strip_end,
)
from faqbot.spelling import english_words
from faqbot.thesaurus import Thesaurus, load_thesaurus

# At most this many alternates per entry. Those that lead to another entry are dropped
# (_prune), so more mostly help: 10 -> 30 with every run of three content words and every
# pair answered 0.686 -> 0.706 of the first article's dev set, 0.546 -> 0.578 of dev2.
MAX_ALTERNATES = 30
# At most this many subject-verb-object forms an entry gets in the article's other words
# for the same thing (see _mate_forms): 4 answered dev 0.824 -> 0.833, dev2 0.697 ->
# 0.720 of the first article; 8 lost a dev2 refusal.
MAX_MATE_FORMS = 4
_INTRO = "Introduction"
_CONCLUSION = "Conclusion"

Progress = Callable[[int, int], None]


class Kind(StrEnum):
    """What an entry was drafted from."""

    FAQ = "faq"
    TABLE_ROW = "table row"
    TABLE_COLUMN = "table column"
    QUOTATION = "quotation"
    CONCLUSION = "conclusion"
    CALL = "call to readers"
    LIST = "list"
    DEFINITION = "definition"
    FIGURE = "figure"
    OVERVIEW = "overview"
    STATEMENT = "statement"


_TAGS = {
    Kind.FAQ: ("faq",),
    Kind.TABLE_ROW: ("table",),
    Kind.TABLE_COLUMN: ("table",),
    Kind.QUOTATION: ("quotes",),
    Kind.CONCLUSION: ("outlook",),
    Kind.CALL: ("overview",),
    Kind.LIST: ("lists",),
    Kind.DEFINITION: ("definitions",),
    Kind.FIGURE: ("figures",),
    Kind.OVERVIEW: ("overview",),
    Kind.STATEMENT: (),
}


@dataclass(frozen=True, slots=True)
class DraftEntry:
    """One drafted entry: the knowledge-file fields plus what it was drafted from."""

    kind: Kind
    question: str
    answer: str
    section: str
    quote: str
    alternates: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    id: str = ""
    position: tuple[int, int] = (0, 0)  # (block, sentence) in the article, for ordering
    id_hint: str = ""


@dataclass(frozen=True)
class Draft:
    """A drafted knowledge file and what the editor should know about it."""

    article: Article
    entries: tuple[DraftEntry, ...]
    uncovered: tuple[str, ...] = ()  # sentences with figures that no entry quotes
    skipped: int = 0  # lines of reader comments and calls to comment left out
    dropped_alternates: int = 0  # alternates that led to another entry
    scope: tuple[str, ...] = ()  # names the whole article is about (a thesaurus draft)
    vocabulary: DraftVocabulary = field(default_factory=lambda: DraftVocabulary())

    def counts(self) -> dict[Kind, int]:
        """Entries by kind, in the order of ``Kind``."""
        counted = Counter(e.kind for e in self.entries)
        return {kind: counted[kind] for kind in Kind if counted[kind]}

    def knowledge(self) -> KnowledgeBase:
        """The draft as a knowledge base (entries marked draft, with the drafted thesaurus),
        to match: the same as loading the knowledge file with its thesaurus file beside it."""
        return _knowledge(self.article, self.entries, self.thesaurus())

    def thesaurus(self) -> Thesaurus:
        """The drafted thesaurus, as `faqbot` reads it from ``thesaurus_yaml()``."""
        return self.vocabulary.thesaurus(self.scope)

    def thesaurus_yaml(self) -> str:
        """The drafted thesaurus, for the file beside the knowledge file."""
        return self.vocabulary.to_yaml(self.scope)

    def to_yaml(self, source: str = "") -> str:
        """Render the knowledge file, with a header telling the editor what to do."""
        article: dict[str, str] = {"id": self.article.id, "title": self.article.title}
        if self.article.url:
            article["url"] = self.article.url
        if self.article.date:
            article["date"] = self.article.date
        entries = []
        for e in self.entries:
            item: dict[str, object] = {"id": e.id, "question": e.question}
            if e.alternates:
                item["alternates"] = list(e.alternates)
            item["answer"] = e.answer
            item["source"] = {"section": e.section, "quote": e.quote}
            if e.tags:
                item["tags"] = list(e.tags)
            item["draft"] = True
            entries.append(item)
        origin = f" from {source}" if source else ""
        header = (
            f"# Draft knowledge file written by `faqbot draft`{origin}."
            "\n# Every entry is `draft: true`: the bot serves it only with serve_drafts on, and"
            "\n# `faqbot check --strict` refuses it. Review each entry (question, phrasings,"
            "\n# answer), then delete its `draft: true` line.\n"
        )
        body = yaml.safe_dump(
            {"article": article, "entries": entries},
            sort_keys=False,
            allow_unicode=True,
            width=100,
            default_flow_style=False,
        )
        return header + body


def _knowledge(
    article: Article, entries: Sequence[DraftEntry], thesaurus: Thesaurus
) -> KnowledgeBase:
    return KnowledgeBase(
        (article,),
        tuple(_as_entry(e, article) for e in entries),
        thesaurus,
        {article.id: thesaurus.scope},
    )


@dataclass(frozen=True)
class DraftVocabulary:
    """The drafted thesaurus's phrases and synonyms (see :mod:`faqbot.lexicon`)."""

    phrases: dict[str, str] = field(default_factory=dict)  # words -> keyword(s)
    synonyms: dict[str, list[str]] = field(default_factory=dict)  # keyword -> its forms

    def to_yaml(self, scope: Sequence[str]) -> str:
        """The thesaurus file: a header for the editor, then scope, phrases and synonyms."""
        header = (
            "# Draft thesaurus written by `faqbot draft`. scope: names the article's title"
            "\n# gives and its text always capitalises (and places it abbreviates that are part"
            "\n# of them), so that a question naming them is not taken for one about somewhere"
            "\n# else. phrases: the article's acronyms with the"
            "\n# words it spells them out with, and short forms of its names. synonyms: forms"
            "\n# of its words that word stems do not fold (larger, largest), adjectives of the"
            "\n# places it names, and everyday words readers use for its words (company: firm,"
            "\n# business), from generic groups of near-synonyms: delete any that means"
            "\n# something else in this article. Review it; add the words readers use.\n"
        )
        data: dict[str, object] = {"scope": list(scope)}
        if self.phrases:
            data["phrases"] = dict(self.phrases)
        if self.synonyms:
            data["synonyms"] = {k: list(v) for k, v in self.synonyms.items()}
        return header + yaml.safe_dump(
            data, sort_keys=False, allow_unicode=True, default_flow_style=None, width=100
        )

    def thesaurus(self, scope: Sequence[str]) -> Thesaurus:
        """The thesaurus as read from ``to_yaml(scope)`` (what the bot loads)."""
        thesaurus, _ = load_thesaurus(Path("draft.thesaurus.yaml"), self.to_yaml(scope))
        return thesaurus


def _as_entry(e: DraftEntry, article: Article) -> Entry:
    return Entry(
        id=e.id,
        question=e.question,
        answer=e.answer,
        source=Source(e.section, e.quote),
        article=article,
        alternates=e.alternates,
        tags=e.tags,
        draft=True,
    )


# ------------------------------------------------------------------ sentences in context


@dataclass(slots=True)
class _Sentence:
    text: str
    section: str
    block: int
    index: int
    kind: BlockKind
    claimed: bool = False

    @property
    def position(self) -> tuple[int, int]:
        return (self.block, self.index)


@dataclass(slots=True)
class _Context:
    """What the extractors share: the article's sentences, blocks and vocabulary."""

    document: Document
    sentences: list[_Sentence]
    by_block: dict[int, list[_Sentence]]
    sections: dict[int, str]
    lowercase: frozenset[str]
    frequency: Counter[str]
    names: frozenset[str] = frozenset()  # stems the paragraphs write capitalised, only
    lower_stems: frozenset[str] = frozenset()  # stems the body writes in lower case
    entries: list[DraftEntry] = field(default_factory=list)
    speakers: dict[str, tuple[str, str]] = field(default_factory=dict)  # surname -> name, role
    asked: set[str] = field(default_factory=set)  # alternates already given to an entry
    mates: dict[str, list[str]] = field(default_factory=dict)  # see lexicon.reader_mates

    def claim(self, sentences: Iterable[_Sentence]) -> None:
        for s in sentences:
            s.claimed = True

    def rare_form(self, text: str, count: int = 3) -> str:
        """The `count` content words of the text the article uses least, in their order."""
        words = list(dict.fromkeys(content_words(text)))
        rare = sorted(words, key=lambda w: (self.frequency[w.lower()], words.index(w)))[:count]
        return " ".join(w for w in words if w in rare)


def _context(document: Document) -> _Context:
    sentences: list[_Sentence] = []
    by_block: dict[int, list[_Sentence]] = {}
    sections: dict[int, str] = {}
    for block_index, (section, block) in enumerate(iter_headed(document), start=1):
        sections[block_index] = section
        if block.kind in (BlockKind.HEADING, BlockKind.QUESTION, BlockKind.TABLE_ROW):
            continue
        parts = [block.text] if block.kind is BlockKind.BULLET else split_sentences(block.text)
        for index, text in enumerate(parts):
            s = _Sentence(text, section, block_index, index, block.kind)
            sentences.append(s)
            by_block.setdefault(block_index, []).append(s)
    words = [w for s in sentences for w in split_words(s.text)]
    lowercase = frozenset(w for w in words if w[:1].islower())
    frequency = Counter(w.lower() for w in words)
    # Names: words the paragraphs write with a capital (at a sentence start too: "China's
    # approach ...") and the body never in lower case; not the capitals of headings, list
    # items and table cells, which every word there has.
    capitalised = {
        stem(folded[0])
        for s in sentences
        if s.kind is BlockKind.PARAGRAPH
        for w in split_words(s.text)
        if w[:1].isupper() and (folded := tokens(w))
    }
    lower_stems = frozenset(stem(t) for w in lowercase for t in tokens(w))
    names = frozenset(capitalised - lower_stems)
    mates = reader_mates(written_stems(document))
    return _Context(
        document,
        sentences,
        by_block,
        sections,
        lowercase,
        frequency,
        names,
        lower_stems,
        mates=mates,
    )


def written_stems(document: Document) -> Counter[str]:
    """The stems of every word the article writes (title, body, headings, tables), with
    how often, as the matcher folds them."""
    return Counter(
        stem(t)
        for text in (document.title, *(b.text for b in document.blocks))
        for w in split_words(text)
        for t in tokens(w)
    )


_CAPITALISED_RE = re.compile(r"(?<![\w'’-])([A-Z][a-z][\w'’-]*)")


def _plain(ctx: _Context, text: str) -> str:
    """The text without the capitals of headings, list items and table cells on common
    words the body never writes otherwise ("What does the article say about Regulatory
    Crossroads?"): the matcher would take them for names, which a question must then name.
    Names stay as they are: words the paragraphs capitalise, places and their adjectives,
    words no dictionary has; so does the first word, and any word the body also writes
    in lower case (the matcher knows it is none)."""
    head, space, rest = text.partition(" ")

    def lower(match: re.Match[str]) -> str:
        word = match.group(1)
        folded = tokens(word)
        if not folded:
            return word
        key = stem(folded[0])
        if (
            key in ctx.names
            or key in ctx.lower_stems
            or folded[0] not in english_words()
            or is_place(key)
            or is_demonym(folded[0])
        ):
            return word
        return word[0].lower() + word[1:]

    return head + space + _CAPITALISED_RE.sub(lower, rest)


def _blocks(document: Document) -> list[tuple[int, str, Block]]:
    return [(i, section, block) for i, (section, block) in enumerate(iter_headed(document), 1)]


def _fit(sentences: Sequence[_Sentence], limit: int = 3) -> list[_Sentence]:
    """The longest prefix of sentences that is an answer: 1-3 sentences, within the limit."""
    chosen: list[_Sentence] = []
    for s in sentences:
        candidate = " ".join(x.text for x in [*chosen, s])
        if chosen and (
            len(candidate) > MAX_ANSWER_CHARS
            or len(chosen) >= limit
            or count_sentences(_as_answer(candidate)) > 3
        ):
            break
        chosen.append(s)
    return chosen


def _as_answer(text: str) -> str:
    """An answer ends like a sentence, even when it is a list item or a table row."""
    text = " ".join(text.split())
    if len(text) > MAX_ANSWER_CHARS:
        text = text[: MAX_ANSWER_CHARS - 1].rsplit(" ", 1)[0] + "…"
    if not re.search(r"[.!?][\"”’)]*$", text):
        text = text.rstrip(" ,;:") + "."
    return text


def _quote(text: str) -> str:
    text = " ".join(text.split())
    if len(text) <= MAX_ANSWER_CHARS:
        return text
    # Still verbatim: the longest run of whole words within the limit.
    return text[:MAX_ANSWER_CHARS].rsplit(" ", 1)[0]


_APPOSITIVE_RE = re.compile(
    r"(?P<term>(?:[A-Z][\w'’-]*\s+){0,3}[A-Z][\w'’-]*),\s+(?:an?|the)\s+(?P<what>[^,.;\"“]+)"
)


def _no_figures(text: str) -> str:
    return " ".join(w for w in content_words(text) if not any(ch.isdigit() for ch in w))


# A clause giving what the rest of its sentence brings about: a causative verb's participle
# after a comma ("..., giving advantage to companies with broad user bases", "..., making
# it more accessible"). Generic English: the verbs that say one thing causes another.
_RESULT_RE = re.compile(
    r",\s+(?:thereby\s+)?(?:giving|making|allowing|enabling|letting|leaving|helping|forcing"
    r"|causing|prompting|pushing|driving|leading)\s+(?P<result>[^,;:.]+)"
)


def why_questions(text: str) -> list[str]:
    """ "Why ...?" for each result a sentence gives a cause of ("Why advantage companies
    broad user bases?"): its sentence answers why, so the entry explains it (the matcher
    takes an entry with a why-phrasing as giving a reason, see constraints.asks_why)."""
    return [
        f"Why {keyword_form(m.group('result'), 6)}?"
        for m in _RESULT_RE.finditer(text)
        if len(content_words(m.group("result"))) >= 2
    ]


def _common_alternates(ctx: _Context, text: str) -> list[str]:
    """ "What is X?" for appositives, "Why ...?" for results it gives a cause of, keyword
    forms, rarest words, subject + figure forms, runs of three content words and pairs of
    neighbouring ones."""
    out = [f"What is {m.group('term')}?" for m in _APPOSITIVE_RE.finditer(text)]
    out.extend(why_questions(text))
    out.extend(reason_questions(text))
    cores = core_forms(text)
    out.extend(cores)
    out.extend(_mate_forms(ctx, cores)[:MAX_MATE_FORMS])
    clauses = [c for c in re.split(r",\s|;\s|:\s|\s[—–]\s", strip_end(text)) if c]
    if len(clauses) > 1:
        out.append(keyword_form(text, 10))
    out.extend(keyword_form(c) for c in clauses if len(content_words(c)) >= 2)
    out.append(ctx.rare_form(text))
    parsed = parse_clause(text)
    subject = _no_figures(parsed.subject if parsed else "") or ctx.rare_form(_no_figures(text), 2)
    figures = find_figures(text)
    for figure in figures[:3]:
        if figure.kind is not FigureKind.YEAR or len(figures) == 1:
            out.append(f"{keyword_form(subject, 4)} {figure.text}")
    out.extend(figure_questions(keyword_form(subject, 4), text))
    # Runs of three content words (those that do not overlap first), then neighbouring
    # pairs: short phrasings close to short questions ("small ai jobs", "nickel prices").
    words = content_words(text)
    if len(words) > 4:
        for start in range(3):
            out.extend(" ".join(words[i : i + 3]) for i in range(start, len(words) - 2, 3))
        out.extend(" ".join(words[i : i + 2]) for i in range(len(words) - 1))
    return out


def _mate_forms(ctx: _Context, forms: Iterable[str]) -> list[str]:
    """The forms with one word swapped for another word of its readers' group that the
    article also writes ("Big AI requires massive datasets" -> "Big AI need massive
    datasets"; lexicon.reader_mates): readers use either, and the drafted thesaurus keeps
    the article's words apart."""
    out = []
    for form in forms:
        words = form.split()
        for i, word in enumerate(words):
            name = i > 0 or (len(words) > 1 and words[1][:1].isupper())
            if word[:1].isupper() and name:
                continue  # a name's word ("Big" in "Big AI") is no reader's word
            folded = tokens(word)
            for mate in ctx.mates.get(stem(folded[0]) if folded else "", ()):
                out.append(" ".join([*words[:i], mate, *words[i + 1 :]]))
    return out


def _interleaved(ctx: _Context, texts: Sequence[str]) -> list[str]:
    """The common alternates of several sentences of one answer: the first two of each,
    then the rest of each, so that a cut at MAX_ALTERNATES keeps some of every sentence."""
    each = [_common_alternates(ctx, text) for text in texts]
    return [a for alts in each for a in alts[:2]] + [a for alts in each for a in alts[2:]]


# What readers call each kind of figure when they ask for it: generic question words, so
# that "korea ai budget" or "how fast did the market grow" find the sentence with the figure.
_ASKING: dict[FigureKind, tuple[str, ...]] = {
    FigureKind.MONEY: ("How much money {}?", "{} budget cost"),
    FigureKind.PERCENT: ("What percentage {}?", "{} share rate"),
    FigureKind.MULTIPLIER: ("How many times {}?",),
    FigureKind.DURATION: ("How long {}?", "{} timeline"),
    FigureKind.YEAR: ("When {}?", "{} what year"),
    FigureKind.COUNT: ("How many {}?", "{} number"),
}
_GROWTH_RE = re.compile(r"\b(?:grow|grew|grown|growing|growth|surg|ris|rose|expand|climb)\w*", re.I)


def figure_questions(subject: str, text: str) -> list[str]:
    """Questions asking for the text's figures by their kind ("How much money South
    Korea?", "South Korea budget cost"), and how fast a growth figure grew."""
    if not subject:
        return []
    kinds = list(dict.fromkeys(f.kind for f in find_figures(text)))
    out = [q.format(subject) for kind in kinds for q in _ASKING[kind]]
    if _GROWTH_RE.search(text) and {FigureKind.PERCENT, FigureKind.MULTIPLIER} & set(kinds):
        out += [f"How fast did {subject} grow?", f"{subject} growth rate"]
    return out


def _add(
    ctx: _Context,
    kind: Kind,
    question: str,
    answer: str,
    section: str,
    quote: str,
    alternates: Iterable[str],
    position: tuple[int, int],
    id_hint: str = "",
    about: Sequence[str] = (),
) -> None:
    """Add an entry; `about`: names it is about that its text may not give (its speaker's
    organisation), kept as tags."""
    question = _plain(ctx, question)
    seen = {question.casefold()}
    unique = []
    for alt in alternates:
        alt = clip(_plain(ctx, alt))
        key = alt.casefold()
        if len(content_words(alt)) == 0 or key in seen or key in ctx.asked:
            continue
        seen.add(key)
        unique.append(alt)
    ctx.asked.update(seen)
    ctx.entries.append(
        DraftEntry(
            kind=kind,
            question=clip(question),
            answer=_as_answer(answer),
            section=section,
            quote=_quote(quote),
            alternates=tuple(unique[:MAX_ALTERNATES]),
            tags=(*_TAGS[kind], *_unsaid(about, f"{quote} {answer}")),
            position=position,
            id_hint=id_hint or keyword_form(question, 5),
        )
    )


# ----------------------------------------------------------------- extractors


def extract_faq(ctx: _Context) -> None:
    """The article's own FAQ: each question line with the paragraph(s) below it."""
    blocks = _blocks(ctx.document)
    runs: list[list[tuple[int, str, list[int]]]] = []  # runs of (block, question, answer blocks)
    current: list[tuple[int, str, list[int]]] = []
    for position, (index, _, block) in enumerate(blocks):
        if block.kind is BlockKind.QUESTION:
            answers = []
            for later, _, nxt in blocks[position + 1 :]:
                if nxt.kind is not BlockKind.PARAGRAPH:
                    break
                answers.append(later)
            if answers:
                current.append((index, block.text, answers))
                continue
        if block.kind is BlockKind.HEADING and current:
            runs.append(current)
            current = []
    if current:
        runs.append(current)
    for run in runs:
        longest_other = max((len(a) for _, _, a in run[:-1]), default=None)
        for number, (index, question, answers) in enumerate(run):
            if number == len(run) - 1 and longest_other is not None:
                # Paragraphs past what the other answers run to are the article's ending.
                for extra in answers[longest_other:]:
                    for s in ctx.by_block.get(extra, []):
                        s.section = _CONCLUSION
                answers = answers[:longest_other]
            sentences = [s for a in answers for s in ctx.by_block.get(a, [])]
            chosen = _fit([s for s in sentences if s.block == answers[0]])
            if not chosen:
                continue
            text = " ".join(s.text for s in chosen)
            alternates = [keyword_form(question, 8), ctx.rare_form(question)]
            alternates.extend(_interleaved(ctx, [s.text for s in sentences[:3]]))
            _add(
                ctx,
                Kind.FAQ,
                question,
                text,
                question,
                text,
                alternates,
                (index, 0),
            )
            ctx.claim(chosen)


def extract_tables(ctx: _Context) -> None:
    """One entry per table row, its question built from the header; one for the header; one
    per column, comparing the rows on it."""
    header: tuple[str, ...] = ()
    rows: list[tuple[int, str, Block]] = []
    for index, section, block in _blocks(ctx.document):
        if block.kind is not BlockKind.TABLE_ROW:
            if rows:
                _table(ctx, header, rows)
            header, rows = (), []
            continue
        if block.header and not rows and not header:
            header = block.cells
            header_row = (index, section, block)
            rows.append(header_row)
        else:
            rows.append((index, section, block))
    if rows:
        _table(ctx, header, rows)


def _table(ctx: _Context, header: tuple[str, ...], rows: list[tuple[int, str, Block]]) -> None:
    body = [r for r in rows if not (header and r[2].cells == header)]
    labels = [r[2].cells[0] for r in body if r[2].cells]
    columns = [h for h in header[1:] if h]
    if header:
        index, section, block = rows[0]
        what = _join_and([c.lower() for c in columns])
        _add(
            ctx,
            Kind.TABLE_ROW,
            f"What does the table of {header[0].lower()} show?",
            f"The table gives the {what} for {_join_and(labels)}.",
            section,
            block.text,
            [
                f"table of {header[0].lower()}",
                f"Which {header[0].lower()} are compared?",
                f"{header[0]} {' '.join(columns)}",
            ],
            (index, 0),
            id_hint=f"table {header[0]}",
        )
    for index, section, block in body:
        cells = block.cells
        label = cells[0]
        pairs = [(h, v) for h, v in zip(header[1:], cells[1:], strict=False) if v] if header else []
        if pairs:
            facts = _plain(ctx, "- " + ", ".join(f"{h.lower()} {v}" for h, v in pairs))[2:]
            answer = f"{label}: {facts}."
            question = f"What are the {_join_and([h.lower() for h, _ in pairs])} for {label}?"
        else:
            answer = " — ".join(cells) + "."
            question = f"What does the table give for {label}?"
        alternates = [f"{label} {h.lower()}" for h, _ in pairs]
        # The label without its brackets, as readers name the row ("Small AI" for "Small AI
        # (Task-specific)"), with each column and its value.
        short = " ".join(_BRACKETS_RE.sub(" ", label).split())
        if short and short != label:
            alternates += [f"{short} {h.lower()} {v}" for h, v in pairs]
            alternates += figure_questions(keyword_form(short, 4), " ".join(cells[1:]))
        alternates += [f"{h} of {label}?" for h, _ in pairs[:2]]
        alternates.append(keyword_form(f"{label} {' '.join(cells[1:])}", 10))
        alternates += figure_questions(keyword_form(label, 4), " ".join(cells[1:]))
        _add(
            ctx,
            Kind.TABLE_ROW,
            question,
            answer,
            section,
            block.text,
            alternates,
            (index, 0),
            id_hint=label,
        )

    if header and len(body) >= 2:
        _table_columns(ctx, header, rows[0], body)


def _table_columns(
    ctx: _Context,
    header: tuple[str, ...],
    head: tuple[int, str, Block],
    body: list[tuple[int, str, Block]],
) -> None:
    """One entry per column of a table, comparing the rows on it: "What is the accessibility
    of each approach?" -> "Accessibility: Big AI (AGI-focused) limited; Small AI (Task-
    specific) widespread." (readers compare rows: "difference in accessibility between big
    and small AI", "which approach is quicker to develop"). Quoted: the header and rows."""
    index, section, block = head
    what = header[0].lower()
    labels = [b.cells[0] for _, _, b in body if b.cells]
    short = [" ".join(_BRACKETS_RE.sub(" ", label).split()) or label for label in labels]
    quote = QUOTE_GAP.join([block.text, *(b.text for _, _, b in body)])
    if len(quote) > MAX_ANSWER_CHARS:
        quote = block.text
    for column, name in enumerate(header[1:], start=1):
        values = [
            (label, b.cells[column])
            for label, (_, _, b) in zip(labels, body, strict=False)
            if column < len(b.cells) and b.cells[column]
        ]
        if not name or len(values) < 2:
            continue
        listed = "; ".join(f"{label} {value}" for label, value in values)
        answer = _plain(ctx, f"- {name}: {listed}")[2:]
        answer = answer[:1].upper() + answer[1:]
        if len(answer) > MAX_ANSWER_CHARS:
            continue
        column_name = name.lower()
        _add(
            ctx,
            Kind.TABLE_COLUMN,
            f"What is the {column_name} of each {what}?",
            answer,
            section,
            quote,
            [
                f"{column_name} by {what}",
                f"compare {column_name} {_join_and(short)}",
                f"{column_name} {' '.join(short)}",
                f"Which {what} {column_name}?",
                f"{name} of {_join_and(short)}",
            ],
            (index, 0),
            id_hint=f"{what} {column_name}",
        )


_BRACKETS_RE = re.compile(r"\([^()]*\)")


def _join_and(items: Sequence[str]) -> str:
    items = [i for i in items if i]
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} and {items[-1]}"


_SAY = (
    r"says|said|explains|explained|adds|added|notes|noted|argues|argued|warns|warned|told|"
    r"tells|states|stated|writes|wrote|observes|observed|insists|insisted|claims|claimed|"
    r"believes|recalls|recalled|predicts|predicted|comments|commented|concludes|concluded|"
    r"acknowledges|acknowledged|points out|pointed out|cautions|cautioned|admits|admitted"
)
_QUOTE_RE = re.compile(r"[\"“](?P<quote>[^\"”]{8,})[\"”]")
_AFTER_VERB_RE = re.compile(rf"^\s*,?\s*(?:{_SAY})\s+(?P<who>.+?)\s*[.!?]?$")
_AFTER_NAME_RE = re.compile(rf"^\s*,?\s*(?P<who>.+?),?\s+(?:{_SAY})\s*[.!?]?$")
_BEFORE_RE = re.compile(rf"^(?P<who>.+?),?\s+(?:{_SAY})(?:\s+that)?\s*[:,]?\s*$")
_ACCORDING_RE = re.compile(r"^(?:.*\s)?[Aa]ccording to\s+(?P<who>.+?),?\s*$")
_NAME_RE = re.compile(
    r"^(?:(?:Dr|Prof|Mr|Mrs|Ms)\.?\s+)?[A-Z][\w'’.-]*"
    r"(?:\s+(?:[A-Z][\w'’.-]*|de|da|van|von|bin|binti|al|del|la|le))*"
)
_ROLE_WORDS = re.compile(
    r"\b(?:manager|director|ceo|chief|analyst|president|minister|head|founder|officer|"
    r"professor|vp|secretary|chair|chairman|chairwoman|partner|economist|researcher|lead|"
    r"coordinator|executive|spokesperson|spokesman|spokeswoman|adviser|advisor|editor)\b",
    re.IGNORECASE,
)
_PRONOUNS = frozenset({"he", "she", "they"})


@dataclass(frozen=True, slots=True)
class Speaker:
    """Who said a quotation: name and role as the article gives them (role may be empty)."""

    name: str
    role: str

    @property
    def surname(self) -> str:
        """The last word of the name, as articles refer to people the second time."""
        return self.name.split()[-1]

    @property
    def organisation(self) -> str:
        """The organisation in the role ("... at Forrester" -> "Forrester"), if any."""
        match = re.search(r"\b(?:at|of|for)\s+((?:[A-Z][\w'’&.-]*\s*)+)$", self.role)
        if match:
            return match.group(1).strip()
        match = re.match(r"^((?:[A-Z][\w&.-]*\s)+?)(?:['’]s)\s", self.role)
        return match.group(1).strip() if match else ""


def _speaker(who: str, known: dict[str, tuple[str, str]]) -> Speaker | None:
    who = strip_end(who.strip().strip(","))
    if who.lower() in _PRONOUNS:
        return None
    name_match = _NAME_RE.match(who)
    if name_match is None:
        return None
    name = name_match.group().rstrip(".,")
    role = who[name_match.end() :].strip(" ,")
    if not role and _ROLE_WORDS.search(name) and len(name.split()) > 2:
        # "Lenovo General Manager Nigel Lee": the name is the last two words.
        words = name.split()
        name, role = " ".join(words[-2:]), " ".join(words[:-2])
    if len(name.split()) > 5:
        return None
    surname = name.split()[-1]
    if surname in known and len(name.split()) == 1:
        name, known_role = known[surname]
        role = role or known_role
    return Speaker(name, role)


def find_speaker(sentence: str, known: dict[str, tuple[str, str]]) -> Speaker | None:
    """The named speaker of a sentence with a quotation, or None when it names nobody."""
    match = _QUOTE_RE.search(sentence)
    if match is None:
        return None
    before, after = sentence[: match.start()], sentence[match.end() :]
    for pattern, text in (
        (_AFTER_VERB_RE, after),
        (_AFTER_NAME_RE, after),
        (_BEFORE_RE, before),
        (_ACCORDING_RE, before),
    ):
        found = pattern.match(text)
        if found:
            return _speaker(found.group("who"), known)
    return None


def _pronoun_speaker(sentence: str) -> bool:
    before = sentence[: m.start()] if (m := _QUOTE_RE.search(sentence)) else ""
    return bool(re.match(rf"^(?:He|She|They)\s+(?:{_SAY})\b", before.strip()))


def extract_quotations(ctx: _Context) -> None:
    """Every quotation with its speaker's name and role; continuations stay with it."""
    last: Speaker | None = None
    for sentences in ctx.by_block.values():
        position = 0
        while position < len(sentences):
            s = sentences[position]
            position += 1
            if s.claimed or not _QUOTE_RE.search(s.text):
                continue
            speaker = find_speaker(s.text, ctx.speakers)
            unit = [s]
            if speaker is None and _pronoun_speaker(s.text) and position >= 2:
                # "Wulandari, the ministry's director, rejected that. She said: "...""
                previous = sentences[position - 2]
                named = next((n for n in ctx.speakers if previous.text.startswith(n)), None)
                if named is not None:
                    speaker = Speaker(*ctx.speakers[named])
                    if not previous.claimed:
                        unit = [previous, s]
                elif last is not None:
                    speaker = last
            if speaker is None:
                continue
            while position < len(sentences):
                nxt = sentences[position]
                if nxt.claimed or not nxt.text.startswith(('"', "“")):
                    break
                if find_speaker(nxt.text, ctx.speakers) is not None:
                    break
                unit.append(nxt)
                position += 1
            first_time = speaker.surname not in ctx.speakers
            ctx.speakers.setdefault(speaker.surname, (speaker.name, speaker.role))
            last = speaker
            _quotation_entries(ctx, speaker, unit, first_time)


def speaker_title_questions(speaker: Speaker) -> list[str]:
    """A speaker asked by job title and organisation, as readers who forgot the name ask:
    "VP and Senior Research Director at Forrester" -> "What does the Forrester director
    say?", "Which company is Giron from?"; nothing without an organisation."""
    organisation = speaker.organisation
    if not organisation:
        return []
    title = re.sub(rf"\s*\b(?:at|of|for)\s+{re.escape(organisation)}$", "", speaker.role)
    title = re.split(r"\s+(?:at|of|for|in)\s+", title)[0]
    words = [w for w in title.split() if w[:1].isalpha()]
    out = [f"Which company is {speaker.surname} from?"]
    if words and words[-1].casefold() not in STOP_WORDS:
        out.append(f"What does the {organisation} {words[-1].lower()} say?")
    return out


def _quotation_entries(
    ctx: _Context, speaker: Speaker, unit: list[_Sentence], first_time: bool
) -> None:
    remaining = unit
    more = False
    while remaining:
        chosen = _fit(remaining)
        remaining = remaining[len(chosen) :]
        text = " ".join(s.text for s in chosen)
        quoted = " ".join(m.group("quote") for s in chosen for m in _QUOTE_RE.finditer(s.text))
        topic = ctx.rare_form(quoted, 3)
        if more or not first_time:
            question = f"What did {speaker.name} say about {topic}?"
        else:
            question = f"What did {speaker.name} say?"
        alternates = [f"What did {speaker.surname} say about {topic}?"]
        if first_time and not more:
            alternates.append(f"Who is {speaker.name}?")
            if speaker.role:
                alternates.append(f"Who is the {speaker.role}?")
                alternates.append(f"What is {speaker.name}'s role?")
                alternates.append(f"{speaker.surname} position")
            if speaker.organisation:
                alternates.append(f"Who does {speaker.surname} work for?")
                alternates.extend(speaker_title_questions(speaker))
        if speaker.organisation:
            alternates.append(f"What does {speaker.organisation} say about {topic}?")
            alternates.append(f"{speaker.organisation} {speaker.surname} quote")
        alternates.append(keyword_form(quoted, 8))
        alternates.append(topic)
        for figure in find_figures(quoted)[:2]:
            alternates.append(f"{speaker.surname} {figure.text}")
        # The quoted words' own keyword forms: readers ask about what was said.
        said = [m.group("quote") for s in chosen for m in _QUOTE_RE.finditer(s.text)]
        alternates.extend(_interleaved(ctx, said))
        hint = f"{speaker.name} quote" if not more else f"{speaker.surname} {topic}"
        _add(
            ctx,
            Kind.QUOTATION,
            question,
            text,
            chosen[0].section,
            text,
            alternates,
            chosen[0].position,
            id_hint=hint,
            about=name_runs(f"{speaker.name}, {speaker.role}", ctx.names),
        )
        ctx.claim(chosen)
        more = True


def extract_conclusion(ctx: _Context) -> None:
    """The article's ending: the last paragraph of the body (after any FAQ answers)."""
    paragraphs = [s for s in ctx.sentences if s.kind is BlockKind.PARAGRAPH]
    if not paragraphs:
        return
    block = paragraphs[-1].block
    sentences = [s for s in ctx.by_block[block] if not s.claimed]
    chosen = _fit(sentences)
    if not chosen:
        return
    text = " ".join(s.text for s in chosen)
    section = chosen[0].section
    alternates = [
        "What is the article's conclusion?",
        "What is the outlook?",
        "What's the bottom line?",
        "What is the key takeaway?",
        "How does the article end?",
        "What is the overall conclusion?",
        "What is the final takeaway?",
        "What does the writer conclude?",
    ]
    alternates.extend(_interleaved(ctx, [s.text for s in chosen]))
    _add(
        ctx,
        Kind.CONCLUSION,
        "What does the article conclude?",
        text,
        section if section != _INTRO else _CONCLUSION,
        text,
        alternates,
        chosen[0].position,
        id_hint="conclusion",
    )
    ctx.claim(chosen)


# What readers ask about the article's call to them: generic, the same for every article.
_CALL_QUESTIONS = (
    "What does the article ask readers to do?",
    "What does the article ask its readers?",
    "What does the article invite readers to do?",
    "How can readers respond to the article?",
    "Where can I comment on the article?",
    "How do I share my view?",
    "Where do readers give their opinion?",
    "What does the article ask readers at the end?",
    "Can I leave a comment?",
)


def extract_call(ctx: _Context) -> None:
    """The article's calls to its readers (to comment, to share their view), left out of
    the body by ``faqbot.article``: one entry quoting them, asked as what the article asks
    of its readers. Their words give no keyword forms: a call's questions ("Will the
    region's approach create the optimal balance?") are the article asking, not telling."""
    calls = list(ctx.document.calls)
    if len(" ".join(calls)) > MAX_ANSWER_CHARS or count_sentences(" ".join(calls)) > 3:
        # The last call, or its last three sentences: the ask readers are left with.
        calls = [" ".join(split_sentences(calls[-1])[-3:])] if calls else []
    calls = [c for c in calls if len(c) <= MAX_ANSWER_CHARS and quote_in_text(c, ctx.document.text)]
    if not calls:
        return
    text = " ".join(calls)
    section = ctx.sentences[-1].section if ctx.sentences else _CONCLUSION
    _add(
        ctx,
        Kind.CALL,
        "What does the article ask of readers?",
        text,
        section if section != _INTRO else _CONCLUSION,
        QUOTE_GAP.join(calls),
        _CALL_QUESTIONS,
        (len(ctx.document.blocks), 0),
        id_hint="call to readers",
    )


_LIST_INTRO_RE = re.compile(
    r"^(?P<np>.+?)\s+(?:include|includes|included|are|were|is|comprise|comprises|such as|"
    r"consist of|consists of|list|lists|cite|cites|name|names)$",
    re.IGNORECASE,
)
_NUMBER_WORDS = r"(?:two|three|four|five|six|seven|eight|nine|ten|\d+|several|many|some)"


def _list_question(intro: str) -> tuple[str, str]:
    """A question for a list from its intro, and the noun phrase the list enumerates."""
    intro = strip_end(intro)
    counted = re.search(rf"\b(?P<np>{_NUMBER_WORDS}\s+\w.*)$", intro, re.IGNORECASE)
    if counted:
        np = counted.group("np")
        return f"What are the {np}?", np
    match = _LIST_INTRO_RE.match(intro)
    if match:
        np = match.group("np")
        np = np[0].lower() + np[1:] if np.split()[0].lower() in STOP_WORDS | {"key"} else np
        bare = re.sub(r"^(?:the|The)\s+", "", np)
        return f"What are the {bare}?", np
    return f"What does the list “{intro}” give?", intro


# A list whose intro names uses ("Key adoption patterns include:", "Applications include:"):
# each item is a use, and readers ask for it so ("healthcare uses").
_USES_RE = re.compile(
    r"\b(?:adoptions?|applications?|uses|use cases?|usages?|deployments?)\b", re.IGNORECASE
)


def use_forms(noun: str, item: str) -> list[str]:
    """For an item of a list of uses (see _USES_RE), the item asked as a use: "Healthcare
    uses", "uses of Healthcare diagnostics treatment"; nothing for other lists."""
    if not _USES_RE.search(noun):
        return []
    words = content_words(item)
    if not words:
        return []
    return [f"{words[0]} uses", f"uses of {keyword_form(item, 3)}"]


def extract_lists(ctx: _Context) -> None:
    """Lists introduced by a heading or a colon: one entry for the list, one per item."""
    blocks = _blocks(ctx.document)
    groups: dict[int, list[int]] = {}
    for position, (_, _, block) in enumerate(blocks):
        if block.kind is BlockKind.BULLET:
            groups.setdefault(block.group, []).append(position)
    for positions in groups.values():
        first = positions[0]
        intro_block = blocks[first - 1][2] if first > 0 else None
        items = [ctx.by_block[blocks[p][0]][0] for p in positions if blocks[p][0] in ctx.by_block]
        section = blocks[first][1]
        if intro_block is None:
            continue
        if intro_block.kind is BlockKind.HEADING:
            question = heading_questions(intro_block.text)[-1]
            noun = re.sub(r"^(?:by|on|about|in|of)\s+", "", strip_end(intro_block.text), flags=re.I)
            intro_sentence = None
            quote = intro_block.text
        elif intro_block.text.rstrip().endswith(":"):
            intro_sentences = ctx.by_block.get(blocks[first - 1][0], [])
            intro_sentence = intro_sentences[-1] if intro_sentences else None
            quote = intro_sentence.text if intro_sentence else intro_block.text
            question, noun = _list_question(quote)
        else:
            continue
        listed = "; ".join(_plain(ctx, f"- {strip_end(i.text)}")[2:] for i in items)
        intro_text = strip_end(quote)
        if intro_sentence is None:  # a heading: its capitals are no names
            intro_text = _plain(ctx, intro_text)
        answer = f"{intro_text}: {listed}."
        if len(answer) > MAX_ANSWER_CHARS or count_sentences(answer) > 3:
            shown = "; ".join(_plain(ctx, f"- {strip_end(i.text)}")[2:] for i in items[:3])
            answer = f"{intro_text}: {shown}; …"
        alternates = [
            f"list of {noun}",
            f"examples of {noun}",
            keyword_form(noun, 6),
            ctx.rare_form(quote),
        ]
        _add(
            ctx,
            Kind.LIST,
            question,
            answer,
            section,
            quote,
            alternates,
            (blocks[first - 1][0], 0),
            id_hint=f"list {noun}",
        )
        if intro_sentence is not None:
            ctx.claim([intro_sentence])
        for item in items:
            if item.claimed:
                continue
            item_alternates = [
                *_common_alternates(ctx, item.text),
                f"{keyword_form(noun, 3)} {keyword_form(item.text, 4)}",
                *use_forms(noun, item.text),
            ]
            if find_figures(item.text):
                kind, question = Kind.FIGURE, sentence_question(item.text, ctx.lowercase)
            else:
                kind = Kind.LIST
                what = lower_first(strip_end(item.text), ctx.lowercase)
                question = f"Is {what} among the {noun.lower()}?"
            _add(
                ctx,
                kind,
                question,
                item.text,
                item.section,
                item.text,
                item_alternates,
                item.position,
                id_hint=keyword_form(item.text, 5),
            )
            ctx.claim([item])


_DEFINITION_RE = re.compile(
    r"^(?P<term>(?:(?:An?|The)\s+)?[\w$€£%()'’-]+(?:\s+[\w$€£%()'’-]+){0,5}?)"
    r"\s+(?P<verb>is|are|refers to|means|is defined as|describes)\s+"
    r"(?P<definition>(?:an?|the|one|any)\s+.+)$"
)


def definition_term(sentence: str) -> tuple[str, str] | None:
    """For "X is a ..." sentences, the term X and the verb; None for anything else."""
    match = _DEFINITION_RE.match(strip_end(sentence))
    if match is None:
        return None
    term = match.group("term")
    if term.split()[0].lower() in PRONOUN_STARTS or term.lower() in ("the", "a", "an"):
        return None
    return term, match.group("verb")


def extract_definitions(ctx: _Context) -> None:
    """Definitions: "X is a ..." sentences become "What is X?" entries."""
    for s in ctx.sentences:
        if s.claimed:
            continue
        found = definition_term(s.text)
        if found is None:
            continue
        term, verb = found
        bare = re.sub(r"^(?:an?|the)\s+", "", term, flags=re.IGNORECASE)
        be = "are" if verb == "are" else "is"
        alternates = [
            f"What {be} {bare}?",
            f"define {bare}",
            f"{bare} meaning",
            bare,
            *_common_alternates(ctx, s.text),
        ]
        _add(
            ctx,
            Kind.DEFINITION,
            f"What {be} {lower_first(term, ctx.lowercase)}?",
            s.text,
            s.section,
            s.text,
            alternates,
            s.position,
            id_hint=f"what is {bare}",
        )
        ctx.claim([s])


# A sentence opening with one of these leans on the one before it ("The region's market").
_ANAPHORA_RE = re.compile(
    r"^(?:This|These|That|Those|It|Its|They|Their|Such|She|He|Her|His|Even then|Even so|By then|"
    r"The (?:region|country|company|firm|government|group|move|plan|approach|trend)(?:'s)?)\b"
)
# Or names a thing of the sentence before it later on ("... can afford this race to the top").
_BACK_RE = re.compile(r"\b(?:this|these)\s+(?!is\b|are\b)[a-z]")


def _with_context(ctx: _Context, s: _Sentence) -> str:
    """The sentence, preceded by the one before it in its paragraph when it refers back."""
    if not (_ANAPHORA_RE.match(s.text) or _BACK_RE.search(s.text)) or s.index == 0:
        return s.text
    previous = ctx.by_block[s.block][s.index - 1]
    text = f"{previous.text} {s.text}"
    if len(text) > MAX_ANSWER_CHARS or count_sentences(text) > 3:
        return s.text
    return text


def _sentence_entries(ctx: _Context, s: _Sentence) -> None:
    """One entry per independent clause of a sentence: a figure if it has one.

    A sentence that refers back ("The region's ...") brings the sentence before it along,
    so that its answer names what it is about.
    """
    for number, clause in enumerate(split_clauses(s.text)):
        kind = Kind.FIGURE if find_figures(clause) else Kind.STATEMENT
        quote = clause
        if number == 0:
            context = _with_context(ctx, s)
            quote = context[: len(context) - len(s.text)] + clause
        question = sentence_question(clause, ctx.lowercase)
        alternates = _common_alternates(ctx, clause)
        support = _support(ctx, s) if clause == s.text else None
        if support is not None and not question.startswith("What does the article"):
            # The sentence after a claim says why it holds or what follows from it ("The
            # financial stakes are staggering. Training the latest AI models requires
            # hundreds of millions ..."): the entry answers with both, and "why" is asked
            # of a claim (not of a figure: a figure's next sentence is seldom its cause).
            both = f"{quote} {support.text}"
            if len(both) <= MAX_ANSWER_CHARS and count_sentences(both) <= 3:
                quote = both
                if kind is Kind.STATEMENT:
                    alternates = [f"Why {question[0].lower()}{question[1:]}", *alternates]
        answer = quote[0].upper() + quote[1:]
        _add(
            ctx,
            kind,
            question,
            answer,
            s.section,
            quote,
            alternates,
            s.position,
            id_hint=ctx.rare_form(clause, 4),
        )
    ctx.claim([s])


def _support(ctx: _Context, s: _Sentence) -> _Sentence | None:
    """The sentence after `s` in its paragraph when it may say why `s` holds: one not yet
    drafted (no quotation, FAQ answer or list), with no figure and no name `s` does not
    give (those are facts of their own: "... $2.2 billion in 2024" followed by "Vietnam's
    pioneering AI law ..." would answer how much Vietnam spent)."""
    following = ctx.by_block.get(s.block, [])[s.index + 1 : s.index + 2]
    if not following or following[0].claimed or find_figures(following[0].text):
        return None
    if set(name_runs(following[0].text, ctx.names)) - set(name_runs(s.text, ctx.names)):
        return None
    return following[0]


def extract_figures(ctx: _Context) -> None:
    """Every remaining sentence or item with a figure: amounts, percentages, multipliers, years."""
    for s in ctx.sentences:
        if not s.claimed and find_figures(s.text):
            _sentence_entries(ctx, s)


def extract_statements(ctx: _Context) -> None:
    """Every other sentence of the body, so that the draft covers the whole article."""
    for s in ctx.sentences:
        if not s.claimed and len(content_words(s.text)) >= 3:
            _sentence_entries(ctx, s)


def title_part_questions(title: str) -> list[str]:
    """For a title of parts ("Asia's AI Battle Lines Are Drawn: Giants vs. Innovators"),
    each part asked on its own: "What does Giants vs. Innovators mean?" (readers ask about
    a title's catchphrase). Nothing for a title of one part."""
    parts = [p.strip() for p in re.split(r":\s+|\s+[—–-]\s+", strip_end(title)) if p.strip()]
    if len(parts) < 2:
        return []
    out = []
    for part in parts:
        if content_words(part):
            out.append(f"What does {strip_end(part)} mean?")
    return out


def extract_overview(ctx: _Context) -> None:
    """The title and the article's opening, for "what is the article called"."""
    title = ctx.document.title
    if not title:
        return
    opening = next((s for s in ctx.sentences if s.kind is BlockKind.PARAGRAPH), None)
    answer = f"The article is “{strip_end(title) if not title.endswith('?') else title}”"
    answer += f": {opening.text}" if opening else "."
    if len(answer) > MAX_ANSWER_CHARS or count_sentences(answer) > 3:
        answer = f"The article is “{title}”."
    _add(
        ctx,
        Kind.OVERVIEW,
        "What is the title of the article?",
        answer,
        "Title",
        title,
        [
            "article headline",
            "What is this article called?",
            "summary of the article",
            "main topic of the article",
            "overview gist of the article",
            keyword_form(title, 8),
            *title_part_questions(title),
        ],
        (0, 0),
        id_hint="article title",
    )
    _sections(ctx)


def _sections(ctx: _Context) -> None:
    """The article's section headings, in order: "What are the sections of the article?",
    and each heading with "section" for "what is the section about X called?"."""
    headings = list(
        dict.fromkeys(b.text for b in ctx.document.blocks if b.kind is BlockKind.HEADING)
    )
    if len(headings) < 2:
        return
    chosen: list[str] = []
    for heading in headings:
        answer = f"The article's sections: {'; '.join(strip_end(h) for h in [*chosen, heading])}."
        if len(answer) > MAX_ANSWER_CHARS or count_sentences(answer) > 1:
            break
        chosen.append(heading)
    answer = f"The article's sections: {'; '.join(strip_end(h) for h in chosen)}."
    alternates = [
        "article sections",
        "section headings of the article",
        "parts of the article",
        *(f"{h} section" for h in chosen),
    ]
    _add(
        ctx,
        Kind.OVERVIEW,
        "What are the sections of the article?",
        answer,
        "Title",
        QUOTE_GAP.join(chosen),
        alternates,
        (0, 1),
        id_hint="article sections",
    )


EXTRACTORS: tuple[Callable[[_Context], None], ...] = (
    extract_faq,
    extract_tables,
    extract_quotations,
    extract_conclusion,
    extract_call,
    extract_lists,
    extract_definitions,
    extract_figures,
    extract_overview,
    extract_statements,
)


# --------------------------------------------------------------------- the draft


def _slug(text: str, limit: int = 40) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    ascii_text = ascii_text.lower().replace("%", " pc").replace("$", "usd ")
    words = re.findall(r"[a-z0-9]+", ascii_text)
    words = [w for w in words if w not in STOP_WORDS] or words or ["entry"]
    slug = ""
    for word in words:
        candidate = f"{slug}-{word}" if slug else word
        if len(candidate) > limit:
            break
        slug = candidate
    return slug or words[0][:limit]


def name_runs(text: str, names: frozenset[str], scope: Iterable[str] = ()) -> list[str]:
    """The article's names a text writes: runs of capitalised words whose stems the article
    writes only capitalised ("Zhenlong", "Morowali", "Central Sulawesi"; not "Battery" in
    "Zhenlong Battery", a word the article also writes in lower case, nor an English word
    the lexicon knows that starts the text: "Stricter rules", "Meanwhile"). Runs of only
    `scope` words (the article's subject as a whole: "Asia", "AI") are left out."""
    whole = {stem(t) for word in scope for t in tokens(word)}
    found = []
    for match in re.finditer(r"[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*", text):
        words = match.group().split()
        first = tokens(words[0])
        common = first and bool(getAllLemmas(first[0]))  # a word the lexicon knows
        if match.start() == 0 and common and not (is_place(stem(first[0])) or is_demonym(first[0])):
            words = words[1:]
        run: list[str] = []
        for word in [*words, ""]:
            word = re.sub(r"['’]s$", "", word)
            keys = [stem(t) for t in tokens(word)]
            if keys and all(k in names and k not in STOP_WORDS for k in keys):
                run.append(word)
                continue
            if run and not {stem(t) for w in run for t in tokens(w)} <= whole:
                found.append(" ".join(run))
            run = []
    return list(dict.fromkeys(found))


def _places(text: str) -> bool:
    """Tell whether a text names a country or region."""
    return any(is_place(stem(t)) for w in split_words(text) for t in tokens(w))


def _unsaid(names: Iterable[str], text: str) -> list[str]:
    """The names a text does not write (compared without case)."""
    folded = re.sub(r"['’]s\b", "", text).casefold()
    return [n for n in dict.fromkeys(names) if n.casefold() not in folded]


def _opening_places(ctx: _Context, block: int, scope: Sequence[str]) -> list[str]:
    """The places the subject of a paragraph's first sentence names ("Indonesia sits on")."""
    parsed = parse_clause(ctx.by_block[block][0].text)
    if parsed is None:
        return []
    return [n for n in name_runs(parsed.subject, ctx.names, scope) if _places(n)]


def _section_start(ctx: _Context, block: int) -> int:
    """The first paragraph of the section a paragraph is in (blocks without sentences, such
    as tables and lists, are skipped)."""
    section = ctx.by_block[block][0].section
    first = block
    for earlier in sorted((b for b in ctx.by_block if b < block), reverse=True):
        sentences = ctx.by_block[earlier]
        if sentences and sentences[0].section != section:
            break
        if sentences:
            first = earlier
    return first


def _with_context_names(
    ctx: _Context, entries: list[DraftEntry], scope: Sequence[str]
) -> list[DraftEntry]:
    """Tag each entry with the names the sentences before it in its paragraph give and it
    does not ("The first line began ..." after "... built with Zhenlong Battery ... around
    the Morowali industrial park"): a question naming them asks about the entry too."""
    out = []
    for e in entries:
        block, index = e.position
        before = ctx.by_block.get(block, [])[max(index - 1, 0) : index]
        names = [n for s in before for n in name_runs(s.text, ctx.names, scope)]
        if index > 1 and not _places(f"{e.quote} {e.answer}"):
            # The paragraph is about the place its first sentence starts with ("Indonesia
            # sits on ..."), and this sentence names none of its own.
            names += _opening_places(ctx, block, scope)
        elif (
            block in ctx.by_block
            and not _places(" ".join(s.text for s in ctx.by_block[block]))
            and (first := _section_start(ctx, block)) != block
        ):
            # A paragraph naming no place is about the place its section opens with.
            names += _opening_places(ctx, first, scope)
        extra = [n for n in _unsaid(names, f"{e.quote} {e.answer}") if n not in e.tags]
        out.append(replace(e, tags=(*e.tags, *extra)) if extra else e)
    return out


def _with_topic(
    document: Document, entries: list[DraftEntry], scope: Sequence[str]
) -> list[DraftEntry]:
    """Tag each entry with the article's topic as its title writes it: the names of its
    scope that are no place ("AI" in "Asia's AI Battle Lines"), where the entry does not
    write them. Every entry is about them; but an entry naming a place of its own is not
    taken to cover the scope ("the APAC market" is no answer about Southeast Asia), so a
    clause without the word ("whilst Singapore emphasises skills development") lacked
    "AI" for "what does Singapore emphasise for AI?"."""
    spelled: dict[str, str] = {}
    for word in split_words(document.title):
        word = re.sub(r"['’]s$", "", word)
        if word.lower() in scope and not is_place(stem(word.lower())):
            spelled.setdefault(word.lower(), word)
    topics = list(spelled.values())
    if not topics:
        return entries
    out = []
    for e in entries:
        extra = [t for t in _unsaid(topics, f"{e.quote} {e.answer}") if t not in e.tags]
        out.append(replace(e, tags=(*e.tags, *extra)) if extra else e)
    return out


def _with_headings(ctx: _Context, entries: list[DraftEntry]) -> list[DraftEntry]:
    """Give each section's first entry the section heading as questions."""
    headings = {b.text for b in ctx.document.blocks if b.kind is BlockKind.HEADING}
    seen: set[str] = set()
    out = []
    for e in entries:
        if e.section in headings and e.section not in seen:
            asked = [_plain(ctx, q) for q in heading_questions(e.section)]
            known = {a.casefold() for a in (e.question, *e.alternates)}
            extra = [q for q in asked if q.casefold() not in known]
            e = replace(e, alternates=(*extra, *e.alternates)[: MAX_ALTERNATES + len(extra)])
        seen.add(e.section)
        out.append(e)
    return out


def _assign_ids(entries: list[DraftEntry], taken: Iterable[str]) -> list[DraftEntry]:
    used = set(taken)
    out = []
    for e in entries:
        base = _slug(e.id_hint or e.question, 36)
        candidate, number = base, 2
        while candidate in used or not ID_PATTERN.match(candidate):
            candidate = f"{base}-{number}"
            number += 1
        used.add(candidate)
        out.append(replace(e, id=candidate))
    return out


def _prune(
    entries: list[DraftEntry],
    kb: KnowledgeBase,
    settings: MatchSettings | None,
    tick: Callable[[], None] = lambda: None,
) -> tuple[list[DraftEntry], int]:
    """Drop alternates that lead nowhere, to another entry, or to a partial answer."""
    matcher = Matcher(kb, settings)
    dropped = 0
    out = []
    for e in entries:
        tick()
        keep = []
        for alt in e.alternates:
            result = matcher.match(alt)
            best = result.best
            answered = result.decision is Decision.ANSWER
            if (
                best is None
                or (answered and best.entry.id != e.id)
                or result.decision in (Decision.NONE, Decision.PARTIAL)
            ):
                # It leads nowhere (only filler words), to another entry, or asks for
                # something the entry does not state.
                dropped += 1
                continue
            keep.append(alt)
        out.append(replace(e, alternates=tuple(keep)))
    return out, dropped


def uncovered_figures(document: Document, entries: Sequence[DraftEntry]) -> list[str]:
    """Sentences or items with a figure that no entry quotes (the editor should look)."""
    quotes = [e.quote for e in entries]
    missing = []
    for _, block in iter_headed(document):
        if block.kind in (BlockKind.HEADING, BlockKind.QUESTION, BlockKind.TABLE_ROW):
            continue
        for sentence in split_sentences(block.text):
            if find_figures(sentence) and not any(
                quote_in_text(sentence, q) or quote_in_text(q, sentence) for q in quotes
            ):
                missing.append(sentence)
    return missing


def _names(sentences: Iterable[str], lowercase: frozenset[str]) -> list[str]:
    """Runs of two to four capitalised words ("Southeast Asia", "Senior Research Director")
    whose first word the article never writes in lower case."""
    found = []
    for sentence in sentences:
        for match in re.finditer(r"(?:[A-Z][\w-]*\s+){1,3}[A-Z][\w-]*", sentence):
            words = match.group().split()
            if words[0].lower() not in lowercase and words[0].lower() not in STOP_WORDS:
                found.append(" ".join(words))
    return list(dict.fromkeys(found))


def draft_vocabulary(ctx: _Context) -> DraftVocabulary:
    """The thesaurus drafted from the article's words (see :mod:`faqbot.lexicon`)."""
    texts = [s.text for s in ctx.sentences]
    texts += [b.text for b in ctx.document.blocks if b.kind is BlockKind.TABLE_ROW]
    capitalised = [w for text in texts for w in split_words(text) if w[:1].isupper()]
    phrases = acronym_phrases(texts, _names(texts, ctx.lowercase))
    for words, short in title_phrases(texts).items():
        phrases.setdefault(words, short)
    synonyms = demonym_synonyms(capitalised)
    folded = {stem(t) for v in synonyms.values() for w in v for t in tokens(w)}
    for lemma, forms in inflection_synonyms(sorted(ctx.lowercase)).items():
        if stem(lemma) in folded or any(stem(f) in folded for f in forms):
            continue
        synonyms[lemma] = forms
    # Everyday words readers use for the article's words ("firm" for "company"). What the
    # article writes: every word of its title, body, headings and tables, a word folded
    # above counting as its keyword ("faster" written: "fast" is).
    written = written_stems(ctx.document)
    for key, forms in synonyms.items():
        written[stem(key)] += sum(written[stem(f)] for f in forms)
    taken = {stem(t) for k, v in synonyms.items() for w in (k, *v) for t in tokens(w)}
    targets = {stem(f): key for key, forms in synonyms.items() for f in forms}
    text = " ".join(
        t
        for words in (ctx.document.title, *(b.text for b in ctx.document.blocks))
        for t in tokens(words)
    )
    readers, idioms = reader_synonyms(written, taken, text)
    for key, forms in readers.items():
        # A keyword folded above ("latest" into "late") takes the readers' words there.
        synonyms.setdefault(targets.get(stem(key), key), []).extend(forms)
    for words, key in idioms.items():
        phrases.setdefault(words, targets.get(stem(key), key))
    return DraftVocabulary(phrases, synonyms)


def title_scope(document: Document, phrases: Mapping[str, str] | None = None) -> tuple[str, ...]:
    """Names in the title that the body always writes capitalised ("Asia", "AI", "EV").

    The article is about them as a whole, so every entry is, whether or not it names them
    (a thesaurus ``scope``). Title-case words the body also writes in lower case
    ("Battle", "Giants") are not names. With the drafted ``phrases``, the places the
    article abbreviates whose words name a place of the scope come along ("asia pacific:
    apac" for "Asia"): an entry about APAC is about the region the article is about, not
    somewhere else ("economic impact ai asia" is answered by "... 96% of APAC ...").
    """
    body = [s for _, b in iter_headed(document) for s in split_sentences(b.text)]
    capitalised: Counter[str] = Counter()
    lower: set[str] = set()
    for sentence in body:
        for position, word in enumerate(split_words(sentence)):
            word = re.sub(r"['’]s$", "", word)
            if word[:1].islower():
                lower.add(word.lower())
            elif position > 0 and word[:1].isupper():
                capitalised[word.lower()] += 1
    names = []
    for word in split_words(document.title):
        word = re.sub(r"['’]s$", "", word).lower()
        if capitalised[word] and word not in lower and word not in STOP_WORDS:
            names.append(word)
    places = {w for w in names if is_place(stem(w))}
    for words, short in (phrases or {}).items():
        if places.intersection(words.split()) and is_place(stem(short)):
            names.append(short)
    return tuple(dict.fromkeys(names))


def default_id(title: str, fallback: str = "article") -> str:
    """An article id from the title: lower-case words joined by dashes, at most 40 characters."""
    slug = _slug(title) if title else ""
    return slug if ID_PATTERN.match(slug) else _slug(fallback)


class EmptyArticleError(FaqbotError, ValueError):
    """The article has no sentences or table rows to draft from (empty, only a title, only
    markup or scripts)."""


def draft(
    document: Document,
    article_id: str,
    *,
    title: str | None = None,
    url: str | None = None,
    taken_ids: Iterable[str] = (),
    settings: MatchSettings | None = None,
    progress: Progress | None = None,
) -> Draft:
    """Draft the knowledge file of one article.

    `taken_ids` are entry ids already used elsewhere in the knowledge base (drafted ids
    avoid them); `settings` are the matcher's, used to drop alternates that lead to another
    entry; `progress(done, total)` is called after each step (each extractor, then each
    entry checked against the others; the total grows once the entries are known).
    Raises ValueError when the article id is not a valid id, EmptyArticleError (a
    ValueError too) when the article has no text.
    """
    if not ID_PATTERN.match(article_id):
        raise ValueError(f"article id {article_id!r} must be lower-case letters, digits, dashes")
    ctx = _context(document)
    if not ctx.sentences and not any(b.kind is BlockKind.TABLE_ROW for b in document.blocks):
        raise EmptyArticleError("the article has no text to draft from")
    article = Article(id=article_id, title=title or document.title or article_id, url=url)
    # Steps: each extractor, then each entry's alternates checked, then the figure check.
    done, total = 0, len(EXTRACTORS) + 1

    def tick() -> None:
        nonlocal done
        done += 1
        if progress:
            progress(done, total)

    for extractor in EXTRACTORS:
        extractor(ctx)
        tick()
    total += len(ctx.entries)
    entries = _with_headings(ctx, sorted(ctx.entries, key=lambda e: e.position))
    entries = _assign_ids(entries, taken_ids)
    vocabulary = draft_vocabulary(ctx)
    scope = title_scope(document, vocabulary.phrases)
    entries = _with_context_names(ctx, entries, scope)
    entries = _with_topic(document, entries, scope)
    thesaurus = vocabulary.thesaurus(scope)
    entries, dropped = _prune(entries, _knowledge(article, entries, thesaurus), settings, tick)
    uncovered = uncovered_figures(document, entries)
    tick()
    return Draft(
        article, tuple(entries), tuple(uncovered), document.skipped, dropped, scope, vocabulary
    )
