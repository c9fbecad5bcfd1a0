"""Command line: run the bot, and let editors ask, check and regression-test the knowledge."""

from __future__ import annotations

import argparse
import json
import logging
import os
import sqlite3
import sys
import time
from collections.abc import Awaitable, Callable, Iterable, Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from faqbot import yamlfile
from faqbot.config import (
    DEFAULT_CONFIG,
    Settings,
    load_settings,
    load_token,
    unknown_environment,
)
from faqbot.config import KEYS as CONFIG_KEYS
from faqbot.errors import (
    ConfigError,
    FaqbotError,
    KnowledgeError,
    UnknownArticleError,
    UsageError,
    os_reason,
)
from faqbot.knowledge import (
    ID_PATTERN,
    Entry,
    EntryPlace,
    KnowledgeBase,
    Problem,
    article_order,
    entry_places,
    knowledge_files,
    load_knowledge,
    parse_file,
    quote_in_text,
    validate,
)
from faqbot.live import build_live, load_live, matcher_cache, served
from faqbot.logs import add_secrets, configure_logging, redact
from faqbot.matching import Decision, Matcher, MatchResult, MatchSettings
from faqbot.plaintext import plain_text
from faqbot.smalltalk import SmallTalk
from faqbot.terminal import terminal_safe
from faqbot.thesaurus import SUFFIX as THESAURUS_SUFFIX
from faqbot.thesaurus import load_thesaurus, thesaurus_path

if TYPE_CHECKING:
    from faqbot.article import Format
    from faqbot.messages import Messages
    from faqbot.review import QuestionGroup
    from faqbot.storage import Store

# `faqbot ask`, `check` and `eval` start without asyncio, aiosqlite, PTB or HTTPX: the
# question log (storage, review) and the bot (telegram/) are imported by the commands that
# use them (tests/test_cli.py checks). So are the reply texts (messages: `ask` prints them,
# but not with --json) and the evaluation (start-up: benchmarks/bench_startup.py).

logger = logging.getLogger(__name__)

# 0: done (check: valid; eval: at or above its bars). 1: the command ran and what it
# checks failed (check found problems, eval fell below a bar), or the database or the Bot
# API failed. 2: it could not run as asked: a usage error, a bad setting or knowledge, or a
# file or folder named on the command line missing, unreadable, malformed or unwritable.
EXIT_OK, EXIT_FAIL, EXIT_USAGE = 0, 1, 2


def _matcher(settings: Settings) -> Matcher:
    """The matcher the bot would answer with (without phrasings taught in chat)."""
    return load_live(settings).matcher


def result_to_json(result: MatchResult, asked: str | None = None) -> dict[str, Any]:
    """Describe a match as the stable JSON shape scripts rely on.

    ``question`` is what the reader typed (`asked`; without it, what was matched);
    ``matched_question`` the part of it the decision was taken on (the question sentence
    of a longer message, the clause answered: "My boss is worried. Is Big AI ...?" ->
    "Is Big AI ...?"; the whole message when it was matched whole). ``decision`` is one of
    answer, partial, suggest, none, smalltalk; ``matched`` is true only for answer. A
    partial reply names what the article lacks (``gap``: its ``kind``, the matcher's
    ``values`` and the reader's ``words``) and the closest fact it offers instead
    (``closest``).
    """
    best = result.best
    entry = best.entry if best and result.answered else None
    closest = best.entry if best and result.decision is Decision.PARTIAL else None
    gap = result.gap
    return {
        "question": asked if asked is not None else result.query,
        "matched_question": result.query,
        "matched": result.answered,
        "decision": result.decision.value,
        "score": best.score if best else 0.0,
        "entry_id": entry.id if entry else None,
        "answer": entry.answer if entry else None,
        "source": _source_json(entry) if entry else None,
        "gap": (
            {"kind": gap.kind.value, "values": list(gap.values), "words": list(result.gap_words)}
            if gap
            else None
        ),
        "closest": (
            {"entry_id": closest.id, "answer": closest.answer, "source": _source_json(closest)}
            if closest
            else None
        ),
        "smalltalk": result.smalltalk.value if result.smalltalk else None,
        "suggestions": [
            {"entry_id": c.entry.id, "question": c.entry.question, "score": c.score}
            for c in result.suggestions
        ],
    }


def _source_json(entry: Entry) -> dict[str, str | None]:
    return {
        "article": entry.article.title,
        "section": entry.source.section,
        "quote": entry.source.quote,
        "url": entry.article.url,
    }


def _sourced(entry: Entry) -> list[str]:
    lines = [
        entry.answer,
        f"  Source: {entry.article.title} - {entry.source.section}",
        f'  "{entry.source.quote}"',
    ]
    if entry.article.url:
        lines.append(f"  {entry.article.url}")
    return lines


def result_to_text(result: MatchResult, kb: KnowledgeBase, texts: Messages, bot: str = "") -> str:
    """What a reader would be sent, as plain text for a terminal: the editors' reply texts
    (bot/messages.yaml) without their markup, the answer with its source, and the entry
    and score it came from (`ask --json` gives every field). bot: the bot's username as
    the small talk names it ("" or blank: "the bot")."""
    from html import escape

    from faqbot.tghtml import text_of

    best = result.best
    shown = ", ".join(escape(v, quote=False) for v in result.gap_words)
    if result.decision is Decision.ANSWER and best:
        lines = _sourced(best.entry)
    elif result.decision is Decision.PARTIAL and best and result.gap:
        gap = texts.gap(result.gap.kind).format(values=shown)
        lines = [text_of(gap), text_of(texts.partial_closest), *_sourced(best.entry)]
    elif result.decision is Decision.SUGGEST and result.articles:
        lines = [text_of(texts.which_article)]
        lines += [f"  {i}. {a.title} ({a.id})" for i, a in enumerate(result.articles, 1)]
    elif result.decision is Decision.SUGGEST:
        lines = [text_of(texts.did_you_mean)]
        lines += [
            f"  {i}. {c.entry.question} (entry {c.entry.id}, score {c.score:.1f})"
            for i, c in enumerate(result.suggestions, 1)
        ]
    elif result.smalltalk is SmallTalk.OUTLINE:
        lines = []
        for article in kb.articles:
            lines.append(f"Sections of {article.title} (ask about any of them):")
            sections = kb.of_article(article.id).sections().items()
            lines += [f"  - {name} ({len(entries)})" for name, entries in sections]
    elif result.decision is Decision.SMALLTALK and result.smalltalk:
        titles = ", ".join(a.title for a in kb.articles)
        bot = bot.strip() or "the bot"
        reply = texts.smalltalk(result.smalltalk)
        lines = [text_of(reply.format(articles=escape(titles, quote=False), bot=escape(bot)))]
    else:
        lines = [text_of(texts.unknown)]
    if best and result.decision in (Decision.ANSWER, Decision.PARTIAL):
        lines.append(f"  (entry {best.entry.id}, score {best.score:.1f})")
    return terminal_safe("\n".join(lines), lines=True)  # the words the reader named


def reply_texts(settings: Settings) -> Messages:
    """The reply texts readers get; ConfigError, one line, when there are none to read."""
    from faqbot.messages import load_messages

    path = texts_path(settings, settings.knowledge)
    if path is None:
        raise ConfigError(
            f"no reply texts at {settings.messages}: {no_project(settings)} (ask --json needs none)"
        )
    return load_messages(path)


def texts_path(settings: Settings, knowledge: Path) -> Path | None:
    """Where the reply texts are: as configured (a configuration file, or FAQBOT_MESSAGES);
    else, with no configuration found (faqbot run outside the project), bot/messages.yaml
    here or in the project of the knowledge (faq/ beside bot/), the first there; None when
    neither is."""
    if settings.config_file is not None or "messages" in settings.from_environment:
        return settings.messages
    folder = knowledge.resolve() if knowledge.is_dir() else knowledge.resolve().parent
    beside = folder.parent / DEFAULT_CONFIG.parent / settings.messages.name
    return next((p for p in (settings.messages, beside) if p.is_file()), None)


def no_project(settings: Settings) -> str:
    """Why a project file was not found: no configuration file (run outside the project)."""
    return (
        f"no configuration file was found ({DEFAULT_CONFIG} is not in {Path.cwd()});"
        " run faqbot in the project folder, or pass --config FILE or set FAQBOT_CONFIG"
    )


def _questions(args: Sequence[str], stdin: TextIO) -> Iterable[tuple[str, str]]:
    """Each question as given and as words (markup out, as the bot takes it): the
    arguments as one question, else stdin's lines; blank ones (nothing but spaces or
    markup) are no question, so `ask ""` is `ask` with nothing to ask, and never reads
    stdin."""
    lines = [" ".join(args)] if args else (line.rstrip("\n") for line in stdin)
    for line in lines:
        words = plain_text(line)
        if words.strip():
            yield line, words


def cmd_ask(ns: argparse.Namespace, settings: Settings) -> int:
    """Answer questions from the arguments or, one a line, from stdin."""
    matcher = _matcher(settings)
    texts = None if ns.json else reply_texts(settings)
    asked = False
    for question, words in _questions(ns.question, sys.stdin):
        asked = True
        result = matcher.match(words, today=ns.today)
        if ns.json:
            shown = result_to_json(result, question)
            print(terminal_safe(json.dumps(shown, ensure_ascii=False)))
        elif texts:
            text = result_to_text(result, matcher.kb, texts, settings.bot_username)
            print(text if ns.question else f"Q: {terminal_safe(question)}\n{text}\n")
    if not asked:
        print("Nothing to ask: give a question, or pipe questions one a line.", file=sys.stderr)
        return EXIT_USAGE
    return EXIT_OK


def collisions(
    kb: KnowledgeBase, settings: MatchSettings, places: Mapping[str, EntryPlace]
) -> list[Problem]:
    """Phrasings that do not lead back to their own entry among the entries of its
    article, so readers would get another one: a warning each, at the phrasing's file and
    line.

    Only within one article: when several articles are served, a phrasing that another
    article's entry answers as well ("What is the title of the article?") is expected, as
    readers choose the article (its link, or "Which one do you mean?"); an editor fixes
    what collides inside the article's own file.
    """
    warnings = []
    for article in kb.articles:
        own = kb.of_article(article.id) if len(kb.articles) > 1 else kb
        matcher = Matcher(own, settings)
        for entry in own.entries:
            place = EntryPlace.of(places, entry)
            for phrasing in entry.phrasings:
                result = matcher.match(phrasing)
                best = result.best
                if best is not None and best.entry.id == entry.id and result.answered:
                    continue
                top = f"{best.entry.id} ({best.score:.1f})" if best else "nothing"
                message = (
                    f"warning: phrasing {phrasing!r} is not answered by its entry"
                    f" ({result.decision.value}; top: {top})"
                )
                warnings.append(place.problem(message, place.phrasing_field(entry, phrasing)))
    return warnings


def missing_config(settings: Settings) -> str | None:
    """Why the configured knowledge is not there, when no configuration file was found
    (faqbot run outside the project folder): one line saying where to point it."""
    if settings.config_file is not None or settings.knowledge.exists():
        return None
    return f"no knowledge at {settings.knowledge}: {no_project(settings)}"


def cmd_check(ns: argparse.Namespace, settings: Settings) -> int:
    """Validate the knowledge files and the reply texts (as Telegram HTML); warn about
    phrasings that collide with other entries of their article. A thesaurus, the reply
    texts or the configuration given as PATH is checked as what it is."""
    if not ns.path and (hint := missing_config(settings)):
        raise ConfigError(hint)
    path = Path(ns.path) if ns.path else settings.knowledge
    if ns.path and not path.exists():
        raise UsageError(f"{path}: no such file or folder")
    kind = file_kind(path, settings)
    if kind == "reply texts":
        return _checked(_check_texts(path), f"ok: reply texts {path}")
    if kind == "configuration":
        return _check_config(path)
    texts = texts_path(settings, path)
    if texts is None:  # outside the project: there are none to check, and that is said
        print(f"faqbot: note: reply texts not checked: {no_project(settings)}", file=sys.stderr)
    texts_ok = texts is None or _check_texts(texts)
    if kind == "thesaurus":
        return _check_thesaurus(path, texts_ok)
    parsed: dict[Path, Any] = {}  # each file's YAML, parsed once for both
    kb, problems = validate(path, parsed=parsed)
    for problem in problems:
        print(problem)
    if kb is None:
        return EXIT_FAIL
    places = {p.id: p for p in entry_places(knowledge_files(path), parsed)}
    drafts = (
        [EntryPlace.of(places, e).problem(DRAFT_PROBLEM, "draft") for e in kb.drafts]
        if ns.strict
        else []
    )
    for problem in drafts:
        print(problem)
    misquoted = []
    unordered: list[tuple[str, list[str]]] = []
    if ns.article:
        # Quotes are checked against the article as readers read it (see faqbot.article).
        from faqbot.article import article_text

        text = article_text(_read_text(Path(ns.article)), _format(ns.article, ns.format))
        misquoted_entries = [e for e in kb.entries if not quote_in_text(e.source.quote, text)]
        misquoted = [
            EntryPlace.of(places, e).problem(f"not in the article {ns.article}", "source.quote")
            for e in misquoted_entries
        ]
        for problem in misquoted:
            print(problem)
        unordered = _unordered_sections(kb, text, {e.article.id for e in misquoted_entries})
        for article_id, order in unordered:
            print(
                f"{ns.article}: article '{article_id}': sections not in the article's order"
                f" (/topics lists them in the knowledge file's); the article's: {'; '.join(order)}"
            )
    for warning in collisions(kb, settings.matching, places):
        print(warning)
    phrasings = sum(len(e.phrasings) for e in kb.entries)
    summary = f"ok: {len(kb.articles)} article(s), {len(kb)} entries, {phrasings} phrasings"
    ok = texts_ok and not misquoted and not drafts and not (ns.strict and unordered)
    return _checked(ok, summary)


def cmd_build(ns: argparse.Namespace, settings: Settings) -> int:
    """Read the configured knowledge as the bot serves it and keep its compiled caches
    beside the files (faqbot.knowledgecache, faqbot.matchercache), so that the bot's next
    start-up reads every article instead of building it: run at deployment, after
    installing (README, Many articles). Phrasings taught in chat live in the question log:
    the articles that have some are still compiled when the bot starts. Exit 1 when the
    caches could not be written (a read-only folder: the bot then builds at every start)."""
    from faqbot import matchercache

    if hint := missing_config(settings):
        raise ConfigError(hint)
    started = time.perf_counter()
    matcher = load_live(settings).matcher
    seconds = time.perf_counter() - started
    folder = matcher_cache(settings)
    if folder is None:  # no knowledge files: load_live has said so already
        raise ConfigError(f"no knowledge files in {settings.knowledge}")
    kept, parts = matchercache.kept(matcher.kb, settings.matching, folder)
    if kept < parts:
        print(
            f"faqbot: caches not written to {folder}: {parts - kept} of {parts} compiled"
            " article(s) missing (is the folder writable?); the bot will build them at start-up",
            file=sys.stderr,
        )
        return EXIT_FAIL
    print(
        f"ok: {len(matcher.kb.articles)} article(s), {len(matcher.kb)} entries compiled in"
        f" {seconds:.1f} s; kept in {folder.parent}"
    )
    return EXIT_OK


DRAFT_PROBLEM = "is a draft: review the entry, then remove `draft: true`"


def file_kind(path: Path, settings: Settings) -> str:
    """What a PATH given to `check` is: a folder is knowledge; a file is the kind its name
    says (NAME.thesaurus.yaml, config.yaml, messages.yaml, or the configured ones), else
    the kind most of its top-level keys are keys of, typos included ("knowlege",
    "synonym"), so a mistyped key is named as such, with its did-you-mean."""
    import difflib
    from dataclasses import fields

    from faqbot.messages import Messages

    if not path.is_file():
        return "knowledge"
    resolved = path.resolve()
    if path.name.endswith(THESAURUS_SUFFIX):
        return "thesaurus"
    if resolved == settings.config_file or path.name == DEFAULT_CONFIG.name:
        return "configuration"
    if resolved == settings.messages or path.name == "messages.yaml":
        return "reply texts"
    try:
        data = yamlfile.load(path)
    except yamlfile.YamlError:
        return "knowledge"  # its check names the problem, file and line
    if not isinstance(data, dict):
        return "knowledge"
    # (kind, its keys); knowledge first: a file like none of them is checked as knowledge.
    kinds = (
        ("knowledge", ("article", "entries")),
        ("thesaurus", ("phrases", "synonyms", "scope")),
        ("configuration", tuple(CONFIG_KEYS)),
        ("reply texts", tuple(f.name for f in fields(Messages))),
    )
    names = [str(k) for k in data]
    scores = [
        sum(1 for n in names if n in keys or difflib.get_close_matches(n, keys, n=1, cutoff=0.8))
        for _, keys in kinds
    ]
    return kinds[scores.index(max(scores))][0]


def _check_config(path: Path) -> int:
    """Check a configuration file as the bot reads it (without FAQBOT_* variables), and
    the reply texts and knowledge it names; a problem a line."""
    try:
        checked = load_settings(path, environ={})
    except ConfigError as exc:
        print(redact(str(exc)))  # as main prints a ConfigError
        return EXIT_FAIL
    ok = _check_texts(checked.messages)
    if not checked.knowledge.exists():
        print(f"{path}: setting 'knowledge': no such file or folder: {checked.knowledge}")
        ok = False
    return _checked(ok, f"ok: configuration {path}")


def _check_texts(path: Path) -> bool:
    """Check the reply texts, printing each problem; tell whether there was none."""
    from faqbot.messages import load_messages

    try:
        load_messages(path)
    except ConfigError as exc:
        print(exc)
        return False
    return True


def _check_thesaurus(path: Path, texts_ok: bool) -> int:
    """Check a thesaurus file given to `check` as a thesaurus (file, line, key)."""
    thesaurus, problems = load_thesaurus(path)
    for p in problems:
        print(Problem(p.file, p.message, field=p.key, line=p.line))
    summary = (
        f"ok: thesaurus {path}: {len(thesaurus.phrases)} phrase(s),"
        f" {len(thesaurus.synonyms)} synonym(s), {len(thesaurus.scope)} scope keyword(s)"
    )
    return _checked(texts_ok and not problems, summary)


def _checked(ok: bool, summary: str) -> int:
    """Print the summary when all is well; the exit code either way."""
    if not ok:
        return EXIT_FAIL
    print(summary)
    return EXIT_OK


def _unordered_sections(
    kb: KnowledgeBase, text: str, misquoted: set[str]
) -> list[tuple[str, list[str]]]:
    """(article id, its sections in the article's order) for each article of the knowledge
    quoted from this text (none of its quotes missing from it) whose sections the knowledge
    file lists in another order (/topics lists them as the file does)."""
    found = []
    for article in kb.articles:
        if article.id in misquoted:
            continue
        order = article_order(kb.of_article(article.id), text)
        if order is not None:
            found.append((article.id, order))
    return found


def _read_text(path: Path) -> str:
    """An article's text; UsageError, one line naming the file, if it cannot be read."""
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise UsageError(f"{path}: is not UTF-8 text") from exc
    except FileNotFoundError:
        raise UsageError(f"{path}: no such file") from None
    except OSError as exc:
        raise UsageError(f"{path}: cannot be read: {os_reason(exc, path)}") from None


def _folder(path: Path) -> Path:
    """A folder to write into, made if missing; UsageError, one line, if it cannot be."""
    if path.exists() and not path.is_dir():
        raise UsageError(f"{path}: is a file, not a folder")
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UsageError(f"{path}: cannot make the folder: {os_reason(exc, path)}") from None
    return path


def _write(path: Path, data: str | bytes) -> None:
    """Write a file (text as UTF-8), making its folder; UsageError, one line naming the
    file and why (never "[Errno N]"), if it cannot be written."""
    _folder(path.parent)
    try:
        if isinstance(data, str):
            path.write_text(data, encoding="utf-8")
        else:
            path.write_bytes(data)
    except OSError as exc:
        raise UsageError(f"{path}: cannot be written: {os_reason(exc, path)}") from None


# The values of faqbot.article.Format, for --format (tests/test_cli.py checks): the article
# reader is imported only by the commands that read an article.
ARTICLE_FORMATS = ("text", "markdown", "html")


def _format(name: str, given: str | None, raw: str = "") -> Format:
    from faqbot.article import Format, detect_format

    return Format(given) if given else detect_format(name, raw)


def cmd_draft(ns: argparse.Namespace, settings: Settings) -> int:
    """Draft a knowledge file from an article; show the editor a summary on stderr."""
    from faqbot.console import DraftProgress, print_summary
    from faqbot.draft import EmptyArticleError, default_id, draft

    source = Path(ns.article)
    raw = _read_text(source)
    from faqbot.article import read_article

    document = read_article(raw, _format(source.name, ns.format, raw))
    article_id = ns.article_id or (
        source.stem if ID_PATTERN.match(source.stem) else default_id(document.title, source.stem)
    )
    if not ID_PATTERN.match(article_id):
        print(
            f"faqbot: --id {article_id!r}: use 1-40 lower-case letters, digits, dashes",
            file=sys.stderr,
        )
        return EXIT_USAGE
    folder = settings.knowledge if settings.knowledge.is_dir() else settings.knowledge.parent
    output = None if ns.output == "-" else Path(ns.output or folder / f"{article_id}.yaml")
    if output is not None and output.exists() and not ns.force:
        print(
            f"faqbot: {output} exists; pass --force to replace it, or -o another path",
            file=sys.stderr,
        )
        return EXIT_USAGE
    if output is not None:
        _folder(output.parent)  # a bad -o is one line before the work, not after it
    taken = [
        e.id
        for file in (knowledge_files(folder) if folder.is_dir() else [])
        if output is None or file.resolve() != output.resolve()
        for e in parse_file(file)[1]
    ]
    try:
        with DraftProgress(len(document.blocks)) as progress:
            result = draft(
                document,
                article_id,
                title=ns.title,
                url=ns.url,
                taken_ids=taken,
                settings=settings.matching,
                progress=progress.update,
            )
    except EmptyArticleError as exc:
        raise UsageError(f"{source}: {exc}") from None
    text = result.to_yaml(source.name)
    notes = []
    if output is None:
        sys.stdout.write(text)
    else:
        _write(output, text)
        vocabulary = thesaurus_path(output)
        drafted = result.vocabulary
        what = (
            f"scope {list(result.scope)}, {len(drafted.phrases)} phrase(s),"
            f" {len(drafted.synonyms)} synonym group(s)"
        )
        if not (result.scope or drafted.phrases or drafted.synonyms):
            pass
        elif vocabulary.exists():
            notes.append(f"kept the existing {vocabulary}; drafted {what}")
        else:
            _write(vocabulary, result.thesaurus_yaml())
            notes.append(f"{what} written to {vocabulary}")
    print_summary(result, str(output or "stdout"), str(source), notes=notes)
    return EXIT_OK


def _share(text: str) -> float:
    """An argparse type: a share from 0 to 1 (a bar: 0.84 is 84 % right)."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if not 0.0 <= value <= 1.0:  # nan fails this too
        raise argparse.ArgumentTypeError(f"a share from 0 to 1, not {text!r}")
    return value


def _day(text: str) -> date:
    """An argparse type: an ISO date."""
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


def cmd_eval(ns: argparse.Namespace, settings: Settings) -> int:
    """Run the regression questions; exit 1 below a bar given, 2 if the case file cannot
    be used (missing, unreadable, malformed): a broken file is not a failed measurement."""
    from faqbot.evaluate import evaluate, load_cases

    matcher = _matcher(settings)
    try:
        cases = load_cases(Path(ns.file), {e.id for e in matcher.kb.entries})
    except FaqbotError as exc:  # the case file (YamlError included): a line a problem, exit 2
        raise UsageError(str(exc)) from None
    for bar, given, answerable in (
        ("--min", ns.min, True),
        ("--min-refusal", ns.min_refusal, False),
    ):
        if given is not None and not any(c.answerable is answerable for c in cases):
            side = "the article answers" if answerable else "the article does not answer"
            raise UsageError(f"{ns.file}: {bar}: no case {side}: nothing to measure it on")
    report = evaluate(matcher, cases, today=ns.today)
    print("\n".join(report.lines(misses=not ns.summary)))
    if ns.min is None and ns.min_refusal is None:
        # Bars belong to a question set (CI passes its own): none given, none applied.
        print("no bars given (--min, --min-refusal): measured only", file=sys.stderr)
        return EXIT_OK
    answered, refused = ns.min or 0.0, ns.min_refusal or 0.0
    if report.answer_accuracy < answered or report.refusal_accuracy < refused:
        print(
            f"FAIL: below the bar (answered >= {answered:.2f}, refused >= {refused:.2f})",
            file=sys.stderr,
        )
        return EXIT_FAIL
    return EXIT_OK


def cmd_run(ns: argparse.Namespace, settings: Settings) -> int:
    """Run the bot: long polling, or PTB's webhook server with --webhook."""
    # Opt in to PTB's coming time periods as timedelta (RetryAfter.retry_after) now, rather
    # than print its deprecation warning at the first 429.
    os.environ.setdefault("PTB_TIMEDELTA", "true")
    # Imported here so that `faqbot ask` and the editor tools start without loading PTB.
    from faqbot.messages import load_messages
    from faqbot.telegram.app import run

    token = load_token(settings)
    add_secrets([token.reveal(), settings.webhook_secret.reveal()])
    if ns.webhook and not settings.webhook_url:
        raise ConfigError("webhook mode needs webhook_url (set FAQBOT_WEBHOOK_URL)")
    if ns.webhook and not settings.webhook_url.startswith("https://"):
        raise ConfigError("webhook_url must be an https:// URL that Telegram can reach")
    # Fail before touching the network if the knowledge or texts are broken.
    load_knowledge(settings.knowledge)
    load_messages(settings.messages)
    run(settings, token, webhook=ns.webhook)
    return EXIT_OK


def _with_store(
    settings: Settings,
    work: Callable[[Store, Matcher], Awaitable[str]],
    article_id: str | None = None,
) -> str:
    """Run work with the question log and the live matcher (served knowledge and taught
    phrasings; of one article when article_id is given: its entries are the closest to its
    questions).

    Rows logged before articles were recorded are first given their article (once per
    database). Raises UnknownArticleError before opening anything if no article has the id,
    and ConfigError if there is no question log: these commands read the bot's log and
    never create one (a mistyped path would show an empty log); the bot creates it.
    """
    import asyncio

    from faqbot.review import find_article
    from faqbot.storage import Store

    kb = load_knowledge(settings.knowledge)
    if article_id is not None:
        find_article(kb, article_id)
    if not settings.database.exists():
        raise ConfigError(no_database(settings))

    async def run() -> str:
        store = await Store.open(settings.database)
        try:
            await store.backfill_articles({e.id: e.article.id for e in kb.entries})
            files = served(kb, settings)
            if article_id is not None:
                files = files.of_article(article_id)
            live = build_live(files, settings.matching, await store.taught())
            return await work(store, live.matcher)
        finally:
            await store.close()

    return asyncio.run(run())


def no_database(settings: Settings) -> str:
    """One line: the question log is not there, where it was looked for, and why."""
    given = (
        "environment variable FAQBOT_DATABASE"
        if "database" in settings.from_environment
        else f"setting 'database' in {settings.config_file}"
        if settings.config_file is not None
        else "the default (no configuration file was found)"
    )
    return (
        f"no question log at {settings.database} (from {given}): the bot creates it when it"
        " first runs; check the path"
    )


def cmd_unanswered(ns: argparse.Namespace, settings: Settings) -> int:
    """Print the editors' queue: open unanswered questions grouped by similarity (of one
    article with --article)."""
    from faqbot.review import group_questions, groups_csv, when

    async def work(store: Store, matcher: Matcher) -> str:
        groups = group_questions(await store.open_questions(ns.article), matcher)
        if ns.csv:
            return groups_csv(groups)
        if ns.json:  # one JSON array ([] when the queue is empty), a group a line
            rows = [terminal_safe(json.dumps(group_json(g), ensure_ascii=False)) for g in groups]
            return "[\n" + ",\n".join(rows) + "\n]" if rows else "[]"
        lines = []
        for g in groups:
            best = g.closest[0] if g.closest else None
            closest = f"{best.entry.id} ({best.score:.1f})" if best else "none"
            marks = f" [{g.marks}]" if g.marks else ""
            text = terminal_safe(g.texts[0])
            lines.append(f"{g.label} x{g.count} '{text}'{marks}  last {when(g.last_asked)}")
            if g.follows is not None:
                asked = f" '{terminal_safe(g.follows_question)}'" if g.follows_question else ""
                lines.append(f"   follow-up to {g.follows}{asked}")
            offered = ", ".join(g.offered) or "nothing (the article does not say)"
            lines.append(f"   readers were offered: {offered}; best match now: {closest}")
        return "\n".join(lines) or "The queue is empty."

    print(_with_store(settings, work, ns.article), end="" if ns.csv else "\n")
    return EXIT_OK


def group_json(group: QuestionGroup) -> dict[str, Any]:
    """A question group as one JSON object."""
    from faqbot.review import when

    return {
        "group": group.key,
        "unsure": group.unsure,
        "partial": group.partial,
        "offered": group.offered,
        # A follow-up group: the entry whose answer its questions replied to; else null.
        "follows": None
        if group.follows is None
        else {"entry_id": group.follows, "question": group.follows_question},
        "count": group.count,
        "last_asked": when(group.last_asked),
        "questions": group.texts,
        "closest": [{"entry_id": c.entry.id, "score": c.score} for c in group.closest],
    }


def cmd_learned(ns: argparse.Namespace, settings: Settings) -> int:
    """Print the phrasings taught in chat as YAML to merge into faq/ (undone ones left out;
    with --article, only that article's entries)."""
    from faqbot.review import learned_yaml

    async def work(store: Store, matcher: Matcher) -> str:
        taught = await store.taught()
        if ns.article is not None:
            taught = {e: p for e, p in taught.items() if matcher.kb.get(e) is not None}
        return learned_yaml(taught)

    print(_with_store(settings, work, ns.article), end="")
    return EXIT_OK


def cmd_lessons(ns: argparse.Namespace, settings: Settings) -> int:
    """List the teaching acts, newest first: who taught which wordings to which entry (to
    one article's entries with --article)."""
    from faqbot.review import lesson_lines

    async def work(store: Store, matcher: Matcher) -> str:
        entry_ids = None if ns.article is None else {e.id for e in matcher.kb.entries}
        lessons = await store.lessons(ns.limit, entry_ids=entry_ids)
        lines = [terminal_safe(line) for line in lesson_lines(lessons)]
        return "\n".join(lines) or "Nothing taught yet."

    print(_with_store(settings, work, ns.article))
    return EXIT_OK


def cmd_undo(ns: argparse.Namespace, settings: Settings) -> int:
    """Undo a teaching act by its id: its wordings stop answering, its questions reopen."""
    from faqbot.review import lesson_lines

    async def work(store: Store, matcher: Matcher) -> str:
        found = await store.lessons(1, lesson_id=ns.lesson)
        if not found:
            raise UsageError(f"no lesson {ns.lesson!r} (see `faqbot learned list`)")
        if found[0].undone:
            return f"Lesson {ns.lesson} was already undone."
        store.undo(ns.lesson, "cli")
        return f"Undone: {terminal_safe(lesson_lines(found)[0])}"

    print(_with_store(settings, work))
    return EXIT_OK


def cmd_stats(ns: argparse.Namespace, settings: Settings) -> int:
    """Print the same overview as /stats (of one article with --article; overall, each
    article's counts too); with --png, also draw its picture to a file."""
    import asyncio

    from faqbot.review import group_questions, health_lines, stats_lines
    from faqbot.storage import read_writer_status

    async def work(store: Store, matcher: Matcher) -> str:
        article = ns.article
        groups = group_questions(await store.open_questions(article), matcher)
        if article is not None:
            lines = stats_lines(
                await store.stats(article_id=article), groups, matcher.kb.articles[0]
            )
        else:
            counts = await store.by_article()
            many = len(counts) > 1 or len(matcher.kb.articles) > 1
            lines = stats_lines(await store.stats(), groups, by_article=counts if many else ())
        lines += health_lines(await store.deliveries(), read_writer_status(settings.database))
        if ns.png:
            from faqbot.chart import stats_png

            data = stats_png(
                await store.daily(30, article_id=article),
                [(f"{g.label} {g.texts[0]}", g.count) for g in groups],
            )
            await asyncio.to_thread(_write, Path(ns.png), data)
            lines.append(f"Picture written to {ns.png}")
        return "\n".join(terminal_safe(line) for line in lines)  # readers' questions in it

    print(_with_store(settings, work, ns.article))
    return EXIT_OK


def cmd_export(ns: argparse.Namespace, settings: Settings) -> int:
    """Write the editors' queue and the votes as CSV files (as /export sends them), of one
    article with --article, else overall: DIR/unanswered.csv and DIR/feedback.csv."""
    from faqbot.review import feedback_csv, group_questions, groups_csv

    files: dict[str, str] = {}

    async def work(store: Store, matcher: Matcher) -> str:
        groups = group_questions(await store.open_questions(ns.article), matcher)
        votes = await store.feedback_rows(ns.article)
        files["unanswered.csv"] = groups_csv(groups)
        files["feedback.csv"] = feedback_csv(votes)
        asked = sum(g.count for g in groups)
        return f"{asked} question(s) in {len(groups)} group(s); {len(votes)} vote(s)"

    folder = _folder(Path(ns.dir))  # before the work: a bad --dir is one line, at once
    summary = _with_store(settings, work, ns.article)
    for name, text in files.items():
        _write(folder / name, text)
    print(f"{summary}: written to {folder / 'unanswered.csv'} and {folder / 'feedback.csv'}")
    return EXIT_OK


def cmd_links(ns: argparse.Namespace, settings: Settings) -> int:
    """Print each article's deep link; with --qr DIR, also write a QR code PNG per article."""
    from faqbot.links import bot_username, deep_link, qr_png

    given = settings.bot_username if ns.bot is None else ns.bot
    if not given.strip():
        raise ConfigError("links need the bot's username: --bot NAME or FAQBOT_BOT_USERNAME")
    try:
        username = bot_username(given)
    except ValueError as exc:
        if ns.bot is not None:
            raise UsageError(f"--bot: {exc}") from None
        raise ConfigError(f"environment variable FAQBOT_BOT_USERNAME: {exc}") from None
    files = load_knowledge(settings.knowledge)
    kb = files.served(settings.serve_drafts)  # as the bot serves it: /articles lists these
    for article in files.newest_first():
        if not kb.of_article(article.id).articles:
            print(
                f"faqbot: {article.id}: left out: none of its entries is served (all are"
                " drafts and serve_drafts is off), so its link would lead to no answers",
                file=sys.stderr,
            )
    for article in kb.newest_first():  # as /articles lists them
        link = deep_link(username, article)
        line = f"{article.id}\t{link}\t{article.title}"
        if ns.qr:
            picture = _folder(Path(ns.qr)) / f"{article.id}.png"
            _write(picture, qr_png(link))
            line += f"\t{picture}"
        print(line)
    return EXIT_OK


def _article_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--article",
        metavar="ID",
        help="only this article's questions (its id, as `faqbot links` lists); default: all",
    )


def _today_option(parser: argparse.ArgumentParser) -> None:
    """--today, the same for `ask` and `eval`: the day "next year" is counted from."""
    parser.add_argument(
        "--today",
        type=_day,
        default=None,
        help="the date questions are asked on, YYYY-MM-DD ('next year'; default: today)",
    )


def build_parser() -> argparse.ArgumentParser:
    """Describe the commands and their options."""
    parser = argparse.ArgumentParser(prog="faqbot", description=__doc__)
    parser.add_argument("--config", type=Path, help="config file (default: bot/config.yaml)")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    run = sub.add_parser("run", help="run the Telegram bot (needs TELEGRAM_BOT_TOKEN)")
    run.add_argument("--webhook", action="store_true", help="serve a webhook instead of polling")
    run.set_defaults(func=cmd_run)

    ask = sub.add_parser("ask", help="answer a question (or stdin, one a line)")
    ask.add_argument("question", nargs="*", help="the question; omit to read stdin")
    ask.add_argument("--json", action="store_true", help="print one JSON object a line")
    _today_option(ask)
    ask.set_defaults(func=cmd_ask)

    check = sub.add_parser("check", help="validate knowledge files")
    check.add_argument("path", nargs="?", help="file or folder (default: configured knowledge)")
    check.add_argument(
        "--article",
        help="the article (text, Markdown or HTML): check every quote is verbatim in it",
    )
    check.add_argument("--format", choices=ARTICLE_FORMATS, help="the article's format")
    check.add_argument(
        "--strict", action="store_true", help="also refuse entries still marked draft: true"
    )
    check.set_defaults(func=cmd_check)

    build = sub.add_parser(
        "build", help="compile the knowledge into the caches the bot starts from (at deployment)"
    )
    build.set_defaults(func=cmd_build)

    dr = sub.add_parser("draft", help="draft a knowledge file from an article, for review")
    dr.add_argument("article", help="the article: plain text, Markdown (.md) or HTML (.html)")
    dr.add_argument("--id", dest="article_id", help="article id (default: from the file name)")
    dr.add_argument(
        "-o", "--output", help="where to write (default: <knowledge folder>/ID.yaml; - for stdout)"
    )
    dr.add_argument("--title", help="the article's title (default: its first line or heading)")
    dr.add_argument("--url", help="the article's address, shown with answers")
    dr.add_argument("--format", choices=ARTICLE_FORMATS, help="default: from the name")
    dr.add_argument("--force", action="store_true", help="replace an existing output file")
    dr.set_defaults(func=cmd_draft)

    un = sub.add_parser("unanswered", help="the editors' queue, grouped by similarity")
    fmt = un.add_mutually_exclusive_group()
    fmt.add_argument("--json", action="store_true", help="a JSON array, one object per group")
    fmt.add_argument("--csv", action="store_true", help="one CSV row per question")
    _article_option(un)
    un.set_defaults(func=cmd_unanswered)

    learned = sub.add_parser("learned", help="phrasings taught in chat")
    learned_sub = learned.add_subparsers(dest="action", required=True, metavar="ACTION")
    learned_export = learned_sub.add_parser("export", help="print them as YAML to merge into faq/")
    _article_option(learned_export)
    learned_export.set_defaults(func=cmd_learned)
    listing = learned_sub.add_parser("list", help="teaching acts, newest first, with their ids")
    listing.add_argument("--limit", type=int, default=20, help="how many (default 20)")
    _article_option(listing)
    listing.set_defaults(func=cmd_lessons)
    undo = learned_sub.add_parser("undo", help="undo a teaching act by its id")
    undo.add_argument("lesson", help="the id `faqbot learned list` and the bot show")
    undo.set_defaults(func=cmd_undo)

    links = sub.add_parser("links", help="each article's deep link (and QR code)")
    links.add_argument("--bot", help="the bot's username (default: $FAQBOT_BOT_USERNAME)")
    links.add_argument("--qr", metavar="DIR", help="write a QR code PNG per article to DIR")
    links.set_defaults(func=cmd_links)

    st = sub.add_parser("stats", help="question and feedback statistics")
    st.add_argument("--png", metavar="FILE", help="also draw the stats picture to FILE (PNG)")
    _article_option(st)
    st.set_defaults(func=cmd_stats)

    ex = sub.add_parser("export", help="the editors' queue and the votes as CSV files")
    ex.add_argument(
        "--dir", default=".", help="where to write unanswered.csv and feedback.csv (default: .)"
    )
    _article_option(ex)
    ex.set_defaults(func=cmd_export)

    ev = sub.add_parser(
        "eval",
        help="measure accuracy on a YAML list of {q, expect}",
        description="Exit 0 at or above the bars (or with none given), 1 below a bar,"
        " 2 if FILE cannot be used.",
    )
    ev.add_argument("file", help="YAML file of cases")
    ev.add_argument(
        "--min", type=_share, metavar="SHARE", help="minimum answered-right share (default: none)"
    )
    ev.add_argument(
        "--min-refusal",
        type=_share,
        metavar="SHARE",
        help="minimum refused-right share (default: none)",
    )
    _today_option(ev)
    ev.add_argument(
        "--summary",
        action="store_true",
        help="print the figures only, no MISS line per question (for a held-out set)",
    )
    ev.set_defaults(func=cmd_eval)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Parse arguments, load settings and run one command, mapping our errors to exit codes."""
    ns = build_parser().parse_args(argv)
    settings: Settings | None = None
    try:
        settings = load_settings(ns.config)
        configure_logging(settings.log_level, personal_data=settings.log_personal_data)
        unknown = unknown_environment()
        if unknown:
            logger.warning("ignored unknown environment variable(s): %s", ", ".join(unknown))
        result: int = ns.func(ns, settings)
    except KnowledgeError as exc:
        hint = missing_config(settings) if settings is not None else None
        if hint:
            print(f"faqbot: {hint}", file=sys.stderr)
        else:
            print(f"faqbot: knowledge base is invalid:\n{exc}", file=sys.stderr)
        return EXIT_USAGE
    except (UnknownArticleError, UsageError) as exc:  # one line, or one a problem
        for line in str(exc).splitlines():
            print(f"faqbot: {line}", file=sys.stderr)
        return EXIT_USAGE
    except ConfigError as exc:  # one line, or one a problem (the reply texts')
        for line in redact(str(exc)).splitlines():
            print(f"faqbot: {line}", file=sys.stderr)
        return EXIT_USAGE
    except (FaqbotError, sqlite3.Error) as exc:
        print(f"faqbot: {redact(str(exc))}", file=sys.stderr)
        return EXIT_FAIL
    except BrokenPipeError:
        # The reader of our output went away (e.g. `| head`): stop quietly.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except OSError as exc:  # one the command did not expect: still words, not "[Errno N]"
        where = f"{exc.filename}: " if exc.filename is not None else ""
        print(f"faqbot: {where}{os_reason(exc, exc.filename)}", file=sys.stderr)
        return EXIT_FAIL
    except KeyboardInterrupt:
        return EXIT_OK
    return result
