"""Knowledge files (one YAML per article) loaded into validated, frozen objects."""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import MappingProxyType
from typing import Any

from faqbot import jsoncache, yamlfile
from faqbot.errors import KnowledgeError, unknown_key
from faqbot.thesaurus import SUFFIX as THESAURUS_SUFFIX
from faqbot.thesaurus import Thesaurus, load_thesaurus, thesaurus_path

# Ids travel in callback data (64 bytes) and /start deep links ([A-Za-z0-9_-], 64 chars).
ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]{0,39}$")
MAX_ANSWER_CHARS = 800
MAX_PHRASE_CHARS = 300

_TOP_KEYS = frozenset({"article", "entries"})
_ARTICLE_KEYS = frozenset({"id", "title", "url", "date"})
_ENTRY_KEYS = frozenset({"id", "question", "alternates", "answer", "source", "tags", "draft"})
_SOURCE_KEYS = frozenset({"section", "quote"})


@dataclass(frozen=True, slots=True)
class Article:
    """The published article an entry is sourced from."""

    id: str
    title: str
    url: str | None = None
    date: str | None = None


@dataclass(frozen=True, slots=True)
class Source:
    """Where in the article an answer comes from, so readers can check it."""

    section: str
    quote: str


@dataclass(frozen=True, slots=True)
class Entry:
    """One answerable question with the phrasings readers use for it."""

    id: str
    question: str
    answer: str
    source: Source
    article: Article
    alternates: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    # Written by `faqbot draft` and not yet reviewed: served only with serve_drafts on.
    draft: bool = False
    # Those of the alternates taught in chat (readers' wordings an editor linked or
    # approved), not written in the files: they answer only what they were taught for
    # (faqbot.lessons), and never count as what the entry states (Matcher.uses).
    taught: tuple[str, ...] = ()

    @property
    def phrasings(self) -> tuple[str, ...]:
        """Return every wording the matcher should recognise for this entry."""
        return (self.question, *self.alternates)


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong in a knowledge file, addressed precisely enough to fix."""

    file: str
    message: str
    entry: str | None = None
    field: str | None = None
    line: int | None = None

    def __str__(self) -> str:
        where = [self.file]
        if self.line is not None:
            where.append(f"line {self.line}")
        if self.entry is not None:
            where.append(f"entry {self.entry}")
        if self.field is not None:
            where.append(f"field '{self.field}'")
        return f"{': '.join(where)}: {self.message}"


@dataclass(frozen=True, slots=True)
class EntryPlace:
    """Where an entry is written: its knowledge file, its label as problems name it
    ("'id' (#3)"), its first line and the line of each field ("question",
    "alternates[0]", "source.quote", "draft"...), from :func:`entry_places`."""

    file: str
    id: str
    label: str
    line: int | None
    lines: Mapping[str, int]

    @classmethod
    def of(cls, places: Mapping[str, EntryPlace], entry: Entry) -> EntryPlace:
        """An entry's place; when its file no longer holds it (edited meanwhile), its
        article and id without lines."""
        found = places.get(entry.id)
        return found or cls(f"article {entry.article.id}", entry.id, f"'{entry.id}'", None, {})

    def problem(self, message: str, field: str) -> Problem:
        """A problem of one of this entry's fields, at that field's line (else the
        entry's)."""
        return Problem(self.file, message, self.label, field, self.lines.get(field, self.line))

    def phrasing_field(self, entry: Entry, phrasing: str) -> str:
        """The field a phrasing of this entry is written in: "question" or
        "alternates[i]"."""
        if phrasing == entry.question:
            return "question"
        return f"alternates[{entry.alternates.index(phrasing)}]"


@dataclass(frozen=True)
class KnowledgeBase:
    """All articles and entries, indexed by id; immutable so a reload can swap it atomically."""

    articles: tuple[Article, ...]
    entries: tuple[Entry, ...]
    thesaurus: Thesaurus = field(default_factory=Thesaurus)
    scopes: Mapping[str, frozenset[str]] = field(default_factory=dict)
    _by_id: Mapping[str, Entry] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_id", MappingProxyType({e.id: e for e in self.entries}))

    def get(self, entry_id: str) -> Entry | None:
        """Return the entry with this id, or None when it no longer exists."""
        return self._by_id.get(entry_id)

    def __len__(self) -> int:
        return len(self.entries)

    def scope_of(self, article_id: str) -> frozenset[str]:
        """The scope keywords of one article's thesaurus (places every entry is about)."""
        return self.scopes.get(article_id, frozenset())

    def article(self, article_id: str) -> Article | None:
        """The article with this id, or None."""
        return next((a for a in self.articles if a.id == article_id), None)

    def of_article(self, article_id: str) -> KnowledgeBase:
        """Return the knowledge of one article only (its entries, its scope); the merged
        thesaurus is kept. Empty when no article has this id."""
        return replace(
            self,
            articles=tuple(a for a in self.articles if a.id == article_id),
            entries=tuple(e for e in self.entries if e.article.id == article_id),
            scopes=MappingProxyType(
                {article_id: self.scopes[article_id]} if article_id in self.scopes else {}
            ),
        )

    @property
    def drafts(self) -> tuple[Entry, ...]:
        """Entries still marked ``draft: true`` (not yet reviewed by an editor)."""
        return tuple(e for e in self.entries if e.draft)

    def served(self, serve_drafts: bool) -> KnowledgeBase:
        """Return what the bot may answer with: without draft entries unless serve_drafts,
        and without the articles that leaves no entry (all drafts: nothing to answer
        with, so neither listed in /articles and `faqbot links` nor entered by its link)."""
        if serve_drafts or not self.drafts:
            return self
        entries = tuple(e for e in self.entries if not e.draft)
        kept = {e.article.id for e in entries}
        return replace(
            self,
            articles=tuple(a for a in self.articles if a.id in kept),
            entries=entries,
            scopes=MappingProxyType({a: s for a, s in self.scopes.items() if a in kept}),
        )

    def with_alternates(self, extra: Mapping[str, Iterable[str]]) -> KnowledgeBase:
        """Return a copy where taught phrasings are added to their entries (unknown ids ignored)."""
        entries = []
        for entry in self.entries:
            added = tuple(
                dict.fromkeys(p for p in extra.get(entry.id, ()) if p not in entry.phrasings)
            )
            if added:
                entry = replace(
                    entry, alternates=(*entry.alternates, *added), taught=(*entry.taught, *added)
                )
            entries.append(entry)
        return replace(self, entries=tuple(entries))

    def newest_first(self) -> tuple[Article, ...]:
        """The articles by date, newest first (undated ones last), then by id."""
        by_id = sorted(self.articles, key=lambda a: a.id)
        return tuple(sorted(by_id, key=lambda a: a.date or "", reverse=True))

    def related(self, entry: Entry, limit: int = 2) -> list[Entry]:
        """Suggest follow-ups from the entry's own article: same section first, then
        entries sharing a tag, in file order. Looked up in indexes built on first use, so an
        answer costs no scan of the entries."""
        by_section, by_tag, position = self._related_index()
        article = entry.article.id
        same_section = [
            e for e in by_section.get((article, entry.source.section), ()) if e != entry
        ]
        if len(same_section) >= limit:
            return same_section[:limit]
        seen = {e.id for e in same_section} | {entry.id}
        tagged = {
            e.id: e
            for tag in entry.tags
            for e in by_tag.get((article, tag), ())
            if e.id not in seen
        }
        return [*same_section, *sorted(tagged.values(), key=lambda e: position[e.id])][:limit]

    def _related_index(
        self,
    ) -> tuple[
        dict[tuple[str, str], list[Entry]], dict[tuple[str, str], list[Entry]], dict[str, int]
    ]:
        """Entries by (article, section) and by (article, tag), in file order; built once."""
        index = self.__dict__.get("_related")
        if index is None:
            by_section: dict[tuple[str, str], list[Entry]] = {}
            by_tag: dict[tuple[str, str], list[Entry]] = {}
            for e in self.entries:
                by_section.setdefault((e.article.id, e.source.section), []).append(e)
                for tag in dict.fromkeys(e.tags):
                    by_tag.setdefault((e.article.id, tag), []).append(e)
            position = {e.id: i for i, e in enumerate(self.entries)}
            index = (by_section, by_tag, position)
            object.__setattr__(self, "_related", index)
        return index

    def sections(self) -> dict[str, list[Entry]]:
        """Group entries by source section, in knowledge-file order, for browsing."""
        grouped: dict[str, list[Entry]] = {}
        for entry in self.entries:
            grouped.setdefault(entry.source.section, []).append(entry)
        return grouped


class _FileChecker:
    """Collects every problem in one file instead of stopping at the first."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.problems: list[Problem] = []

    def add(
        self,
        message: str,
        entry: str | None = None,
        field: str | None = None,
        line: int | None = None,
    ) -> None:
        self.problems.append(Problem(self.file, message, entry, field, line))

    def unknown_keys(
        self, data: Mapping[str, Any], allowed: frozenset[str], entry: str | None, prefix: str = ""
    ) -> None:
        for key in sorted(set(map(str, data)) - allowed):
            self.add(unknown_key(key, allowed), entry, prefix + key, _line(data, key))

    def text(
        self,
        data: Mapping[str, Any],
        key: str,
        entry: str | None,
        *,
        required: bool = True,
        max_chars: int = MAX_PHRASE_CHARS,
        prefix: str = "",
    ) -> str | None:
        value = data.get(key)
        line = _line(data, key)
        if value is None:
            if required:
                self.add("is required", entry, prefix + key, line)
            return None
        if not isinstance(value, str) or not value.strip():
            self.add("must be a non-empty string", entry, prefix + key, line)
            return None
        value = " ".join(value.split())
        if len(value) > max_chars:
            self.add(f"is {len(value)} characters; at most {max_chars}", entry, prefix + key, line)
        return value

    def text_list(self, data: Mapping[str, Any], key: str, entry: str | None) -> tuple[str, ...]:
        value = data.get(key, [])
        if value is None:
            return ()
        if not isinstance(value, list):
            self.add("must be a list of strings", entry, key, _line(data, key))
            return ()
        items: list[str] = []
        for i, item in enumerate(value):
            line = value.line_of(i) if isinstance(value, yamlfile.LineList) else None
            if not isinstance(item, str) or not item.strip():
                self.add("must be a non-empty string", entry, f"{key}[{i}]", line)
            elif len(item) > MAX_PHRASE_CHARS:
                too_long = f"is longer than {MAX_PHRASE_CHARS} characters"
                self.add(too_long, entry, f"{key}[{i}]", line)
            else:
                items.append(" ".join(item.split()))
        return tuple(items)


def _line(data: Any, key: str) -> int | None:
    """The line of a key in a mapping read by faqbot.yamlfile, if known."""
    return data.line_of(key) if isinstance(data, yamlfile.LineMap) else None


def _parse_article(check: _FileChecker, data: Any, line: int | None) -> Article | None:
    if not isinstance(data, dict):
        check.add("must be a mapping with id and title", field="article", line=line)
        return None
    check.unknown_keys(data, _ARTICLE_KEYS, None, "article.")
    article_id = check.text(data, "id", None, prefix="article.")
    title = check.text(data, "title", None, prefix="article.")
    url = check.text(data, "url", None, required=False, prefix="article.")
    if url is not None and not url.startswith(("https://", "http://")):
        check.add("must be an http(s) URL", field="article.url", line=_line(data, "url"))
    date = data.get("date")
    if date is not None:
        date = str(date)
        if not _is_date(date):
            where = _line(data, "date")
            check.add("must be a real date like 2025-06-30", field="article.date", line=where)
    if article_id is not None and not ID_PATTERN.match(article_id):
        where = _line(data, "id")
        check.add("must be lower-case letters, digits and dashes", field="article.id", line=where)
    if article_id is None or title is None:
        return None
    return Article(id=article_id, title=title, url=url, date=date)


def _is_date(text: str) -> bool:
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return False
    try:
        datetime.date.fromisoformat(text)
    except ValueError:
        return False  # 2025-06-31
    return True


def _parse_entry(
    check: _FileChecker, index: int, data: Any, article: Article, line: int | None
) -> Entry | None:
    label = f"#{index + 1}"
    if not isinstance(data, dict):
        check.add("must be a mapping", label, line=line)
        return None
    raw_id = data.get("id")
    if isinstance(raw_id, str) and raw_id:
        label = f"'{raw_id}' (#{index + 1})"
    check.unknown_keys(data, _ENTRY_KEYS, label)
    entry_id = check.text(data, "id", label)
    if entry_id is not None and not ID_PATTERN.match(entry_id):
        check.add(
            "must be 1-40 lower-case letters, digits and dashes", label, "id", _line(data, "id")
        )
    question = check.text(data, "question", label)
    answer = check.text(data, "answer", label, max_chars=MAX_ANSWER_CHARS)
    alternates = check.text_list(data, "alternates", label)
    tags = check.text_list(data, "tags", label)
    draft = data.get("draft", False)
    if not isinstance(draft, bool):
        check.add("must be true or false", label, "draft", _line(data, "draft"))
    source = data.get("source")
    section = quote = None
    if not isinstance(source, dict):
        where = _line(data, "source")
        check.add("is required: a mapping with section and quote", label, "source", where)
    else:
        check.unknown_keys(source, _SOURCE_KEYS, label, "source.")
        section = check.text(source, "section", label, prefix="source.")
        quote = check.text(source, "quote", label, max_chars=MAX_ANSWER_CHARS, prefix="source.")
    if None in (entry_id, question, answer, section, quote):
        return None
    assert entry_id
    assert question
    assert answer
    assert section
    assert quote
    return Entry(
        id=entry_id,
        question=question,
        answer=answer,
        source=Source(section=section, quote=quote),
        article=article,
        alternates=alternates,
        tags=tags,
        draft=draft is True,
    )


def parse_file(
    path: Path, text: str | None = None, parsed: dict[Path, Any] | None = None
) -> tuple[Article | None, list[Entry], list[Problem]]:
    """Parse one knowledge file (or its text, already read), returning whatever is valid
    and every problem found. parsed: what its YAML parsed to is kept there, by path, for
    :func:`entry_places` (which then does not parse it again)."""
    check = _FileChecker(str(path))
    try:
        # Duplicate keys refused, dates kept as text, C parser.
        data = yamlfile.load(path) if text is None else yamlfile.parse(text, path)
    except yamlfile.YamlError as exc:
        check.add(
            exc.message if exc.line is None else f"is not valid YAML: {exc.message}", line=exc.line
        )
        return None, [], check.problems
    if parsed is not None:
        parsed[path] = data
    if not isinstance(data, dict):
        check.add("must be a mapping with 'article' and 'entries'", line=_line_of_file(data))
        return None, [], check.problems
    check.unknown_keys(data, _TOP_KEYS, None)
    article = _parse_article(check, data.get("article"), _line(data, "article"))
    raw_entries = data.get("entries")
    if not isinstance(raw_entries, list) or not raw_entries:
        check.add("must be a non-empty list", field="entries", line=_line(data, "entries"))
        raw_entries = []
    entries: list[Entry] = []
    if article is not None:
        for index, raw in enumerate(raw_entries):
            line = (
                raw_entries.line_of(index) if isinstance(raw_entries, yamlfile.LineList) else None
            )
            entry = _parse_entry(check, index, raw, article, line)
            if entry is not None:
                entries.append(entry)
    return article, entries, check.problems


def _line_of_file(data: Any) -> int:
    """The line a problem of a whole file's shape is at: where its content starts."""
    return data.line if isinstance(data, yamlfile.LineMap | yamlfile.LineList) else 1


def entry_places(
    files: Iterable[Path], parsed: Mapping[Path, Any] | None = None
) -> list[EntryPlace]:
    """Where each entry that has an id is written, in file order: problems found after
    loading (duplicate ids, quotes not in the article, drafts, phrasings answered by
    another entry) name the file and line. A file is read again unless `parsed` holds
    what it parsed to (see :func:`validate`), as the compiled cache keeps no lines; files
    that cannot be read are left out (already problems)."""
    places = []
    for file in files:
        data = _yaml_of(file, parsed)
        raw_entries = data.get("entries") if isinstance(data, dict) else None
        if not isinstance(raw_entries, yamlfile.LineList):
            continue
        for index, raw in enumerate(raw_entries):
            raw_id = raw.get("id") if isinstance(raw, yamlfile.LineMap) else None
            if not isinstance(raw, yamlfile.LineMap) or not isinstance(raw_id, str):
                continue
            entry_id = " ".join(raw_id.split())
            lines = {str(key): raw.line_of(key) for key in raw}
            alternates, source = raw.get("alternates"), raw.get("source")
            if isinstance(alternates, yamlfile.LineList):
                lines |= {f"alternates[{i}]": alternates.line_of(i) for i in range(len(alternates))}
            if isinstance(source, yamlfile.LineMap):
                lines |= {f"source.{key}": source.line_of(key) for key in source}
            label = f"'{entry_id}' (#{index + 1})"
            places.append(EntryPlace(str(file), entry_id, label, raw_entries.line_of(index), lines))
    return places


def _yaml_of(file: Path, parsed: Mapping[Path, Any] | None) -> Any:
    """What a knowledge file parsed to: kept in `parsed`, else read now; None when it
    cannot be read."""
    if parsed is not None and file in parsed:
        return parsed[file]
    try:
        return yamlfile.load(file)
    except yamlfile.YamlError:
        return None


def _article_id_line(file: Path, parsed: Mapping[Path, Any]) -> int | None:
    """The line of a knowledge file's article id (for a duplicate article id)."""
    data = _yaml_of(file, parsed)
    article = data.get("article") if isinstance(data, dict) else None
    return article.line_of("id") if isinstance(article, yamlfile.LineMap) else None


def knowledge_files(path: Path) -> list[Path]:
    """List the knowledge files of a folder (or the single file given); thesauri excluded."""
    if path.is_dir():
        return sorted(
            p
            for p in path.iterdir()
            if p.suffix in {".yaml", ".yml"} and not p.name.endswith(THESAURUS_SUFFIX)
        )
    return [path]


_FileResult = tuple[Article | None, list[Entry], Thesaurus | None, list[Problem]]


def _read_bytes(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except OSError:
        return None


def _decoded(data: bytes) -> str | None:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return None


def _load_file(
    file: Path, cache_folder: Path | None, used: set[str], parsed: dict[Path, Any]
) -> _FileResult:
    """One knowledge file and its thesaurus: from the compiled cache when it holds them,
    else read and validated (and cached when nothing is wrong; what it parsed to is kept
    in `parsed`)."""
    from faqbot import knowledgecache

    vocabulary = thesaurus_path(file)
    raw = _read_bytes(file) if cache_folder is not None else None
    raw_vocabulary = _read_bytes(vocabulary) if raw is not None else None
    name = None
    if raw is not None and (raw_vocabulary is not None or not vocabulary.exists()):
        name = knowledgecache.key(raw, raw_vocabulary)
        assert cache_folder is not None
        cached = knowledgecache.read(cache_folder, name)
        if cached is not None:
            used.add(name)
            return (*cached, [])
    text = _decoded(raw) if raw is not None else None
    article, entries, problems = parse_file(file, text, parsed)
    thesaurus = None
    if vocabulary.exists():
        vocabulary_text = _decoded(raw_vocabulary) if raw_vocabulary is not None else None
        thesaurus, vocabulary_problems = load_thesaurus(vocabulary, vocabulary_text)
        problems.extend(
            Problem(p.file, p.message, field=p.key, line=p.line) for p in vocabulary_problems
        )
    if name is not None and article is not None and not problems:
        assert cache_folder is not None
        knowledgecache.write(cache_folder, name, article, entries, thesaurus)
        used.add(name)
    return article, entries, thesaurus, problems


def validate(
    path: Path, *, cache: bool = True, parsed: dict[Path, Any] | None = None
) -> tuple[KnowledgeBase | None, list[Problem]]:
    """Load every file under path, returning the knowledge base only when nothing is wrong.

    cache: use (and fill) the compiled cache beside the files (see faqbot.knowledgecache);
    the result is the same, only faster for files read before. parsed: what each file
    parsed to (not one loaded from the cache) is kept there, by path, for
    :func:`entry_places`: a caller that needs the entries' lines too parses each file once.
    """
    from faqbot import knowledgecache

    if path.name.endswith(THESAURUS_SUFFIX) and not path.is_dir():
        beside = path.name.removesuffix(THESAURUS_SUFFIX) + ".yaml"
        message = f"is a thesaurus, not a knowledge file: give its knowledge file ({beside})"
        return None, [Problem(str(path), message + " or their folder")]
    files = knowledge_files(path)
    if not files:
        return None, [Problem(str(path), "holds no .yaml knowledge files")]
    problems: list[Problem] = []
    articles: list[Article] = []
    entries: list[Entry] = []
    seen_entries: dict[str, Path] = {}
    seen_articles: dict[str, Path] = {}
    duplicates: set[str] = set()
    thesauri: list[Thesaurus] = []
    scopes: dict[str, frozenset[str]] = {}
    cache_folder = knowledgecache.folder_of(files) if cache else None
    used: set[str] = set()
    parsed = {} if parsed is None else parsed
    for file in files:
        article, file_entries, thesaurus, file_problems = _load_file(
            file, cache_folder, used, parsed
        )
        problems.extend(file_problems)
        if thesaurus is not None:
            thesauri.append(thesaurus)
            if article is not None:
                scopes[article.id] = thesaurus.scope
        if article is not None:
            if article.id in seen_articles:
                first = seen_articles[article.id]
                first_line = _article_id_line(first, parsed)
                also = f"{first}: line {first_line}" if first_line is not None else str(first)
                problems.append(
                    Problem(
                        str(file),
                        f"duplicate article id (also in {also})",
                        field="article.id",
                        line=_article_id_line(file, parsed),
                    )
                )
            seen_articles.setdefault(article.id, file)
            articles.append(article)
        for entry in file_entries:
            if entry.id in seen_entries:
                duplicates.add(entry.id)
                continue
            seen_entries[entry.id] = file
            entries.append(entry)
    if duplicates:
        problems.extend(_duplicate_ids(files, duplicates, parsed))
    if cache_folder is not None and used:
        knowledgecache.prune(cache_folder, used, len(files))
    if problems:
        return None, problems
    merged = Thesaurus.merge(thesauri)
    return KnowledgeBase(tuple(articles), tuple(entries), merged, MappingProxyType(scopes)), []


def _duplicate_ids(
    files: Sequence[Path], ids: set[str], parsed: Mapping[Path, Any]
) -> list[Problem]:
    """One problem for each repeat of an entry id, at its line, naming where it is first."""
    problems = []
    by_id: dict[str, list[EntryPlace]] = {}
    for place in entry_places(files, parsed):
        if place.id in ids:
            by_id.setdefault(place.id, []).append(place)
    for entry_id in sorted(ids):
        places = by_id.get(entry_id, [])
        if len(places) < 2:  # a file changed while read: still say so, without lines
            problems.append(Problem(str(files[0]), "duplicate id", f"'{entry_id}'", "id"))
            continue
        first, *repeats = places
        at = f"{first.file}: line {first.lines.get('id', first.line)}"  # an id has a line
        problems += [place.problem(f"duplicate id (also in {at})", "id") for place in repeats]
    return problems


def load_knowledge(path: Path, *, cache: bool = True) -> KnowledgeBase:
    """Load and validate the knowledge base, raising KnowledgeError listing every problem.

    cache: use the compiled cache beside the files (faqbot.knowledgecache; same result).
    """
    with jsoncache.collector_paused():  # 200 files make some 100,000 objects
        kb, problems = validate(path, cache=cache)
    if kb is None:
        raise KnowledgeError(problems)
    return kb


QUOTE_GAP = " … "


def quote_in_text(quote: str, text: str) -> bool:
    """Tell whether a quote appears verbatim in a text, ignoring runs of whitespace.

    A quote may leave text out between verbatim parts, marked " … " (an ellipsis between
    spaces), as newspapers do; the parts must then appear in the text in that order.
    """
    return quote_position(quote, text) is not None


def quote_position(quote: str, text: str) -> int | None:
    """Where a quote starts in a text (characters into it, runs of whitespace counting as
    one), or None when it is not there verbatim (see quote_in_text)."""
    flat = " ".join(text.split())
    start = 0
    first: int | None = None
    for part in " ".join(quote.split()).split(QUOTE_GAP):
        found = flat.find(part.strip(), start)
        if not part.strip() or found < 0:
            return None
        first = found if first is None else first
        start = found + len(part.strip())
    return first


def article_order(kb: KnowledgeBase, text: str) -> list[str] | None:
    """The sections of the knowledge of one article in the order the article text has
    them, or None when that is the knowledge's own order (the order /topics lists them in:
    kb.sections()).

    A section is where its heading is (a line of the text that is its name), else where
    its first quote is ("Introduction", "Conclusion"). An entry that quotes the article's
    title is about the article, not one of its sections: its section is left where the
    file has it, as are sections none of whose quotes are in the text (`faqbot check
    --article` reports those quotes).
    """
    titles = {" ".join(a.title.split()) for a in kb.articles}
    headings = {" ".join(line.split()) for line in text.splitlines()}
    at: dict[str, int] = {}
    for name, entries in kb.sections().items():
        quoted = [e.source.quote for e in entries if " ".join(e.source.quote.split()) not in titles]
        if not quoted:
            continue
        heading = quote_position(name, text) if " ".join(name.split()) in headings else None
        found = [p for q in quoted if (p := quote_position(q, text)) is not None]
        if heading is not None or found:
            at[name] = heading if heading is not None else min(found)
    placed = sorted(at, key=at.__getitem__)
    order = iter(placed)
    # The sections not placed keep their places in the file's order.
    ordered = [next(order) if name in at else name for name in kb.sections()]
    return ordered if ordered != list(kb.sections()) else None
