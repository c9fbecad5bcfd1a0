"""The command line, run in-process: ask, check and eval with their exit codes."""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from faqbot.cli import main
from tests.conftest import ARTICLE, DATA_DIR, FAQ_DIR, ROOT

CONFIG = ["--config", str(ROOT / "bot" / "config.yaml")]


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main([*CONFIG, *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_ask_prints_answer_with_source(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "ask", "How big is the APAC AI market?")
    assert code == 0
    assert "$815.98 billion by 2032" in out
    assert "Source: Asia's AI Battle Lines Are Drawn" in out
    assert "By The Numbers" in out


def test_ask_names_what_is_missing_as_the_reader_wrote_it(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = run(capsys, "ask", "How much has the Philippines invested in AI?")
    assert code == 0
    assert out.startswith(
        "The article doesn't say anything about Philippines.\n"
    )  # not "philippin"


@pytest.mark.parametrize(
    "question",
    [
        "what will the apac ai market be in 2030",  # partial: a year
        "how much did japan invest in ai",  # partial: a figure
        "weather in bangkok",  # none
        "investment",  # did you mean
        "hi",  # small talk
        "How big is the APAC AI market?",  # answer
    ],
)
def test_ask_prints_what_a_reader_is_sent(
    capsys: pytest.CaptureFixture[str], question: str
) -> None:
    """The editors' reply texts (bot/messages.yaml) as the bot sends them, as plain text:
    not the matcher's "(year: 2030)"; `--json` carries the decision and its fields."""
    from faqbot.cli import _matcher
    from faqbot.config import load_settings
    from faqbot.matching import Decision
    from faqbot.messages import load_messages
    from faqbot.telegram.render import plain_of, result_view

    settings = load_settings(ROOT / "bot" / "config.yaml")
    result = _matcher(settings).match(question)
    texts = load_messages(ROOT / "bot" / "messages.yaml")
    html, _ = result_view(_matcher(settings).kb, result, texts, "FaqBot")
    code, out, _ = run(capsys, "ask", question)
    assert code == 0
    if result.decision is Decision.ANSWER:
        assert result.best is not None
        assert out.startswith(result.best.entry.answer + "\n")
    else:  # the editors' words, line for line (partial: what is missing, then "closest")
        sent = plain_of(html).splitlines()
        words = {Decision.PARTIAL: 2, Decision.NONE: len(sent)}.get(result.decision, 1)
        assert out.splitlines()[:words] == sent[:words]
    assert "(year:" not in out
    assert "(figure)" not in out
    assert "(small talk" not in out
    code, out, _ = run(capsys, "ask", "--json", question)
    assert json.loads(out)["decision"] == result.decision.value


def test_eval_counts_next_year_from_the_given_day(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    cases = tmp_path / "cases.yaml"
    cases.write_text(
        "- q: What economic impact will AI have next year?\n  expect: economic-impact\n"
    )
    assert run(capsys, "eval", str(cases), "--min", "1", "--today", "2026-03-01")[0] == 0
    assert run(capsys, "eval", str(cases), "--min", "1", "--today", "2027-03-01")[0] == 1


def test_ask_counts_next_year_from_the_given_day(capsys: pytest.CaptureFixture[str]) -> None:
    question = "What economic impact will AI have next year?"
    code, out, _ = run(capsys, "ask", "--json", "--today", "2026-03-01", question)
    assert code == 0
    assert json.loads(out)["decision"] == "answer"  # next year is 2027: the article's year
    code, out, _ = run(capsys, "ask", "--json", "--today", "2027-03-01", question)
    assert code == 0
    result = json.loads(out)
    assert result["decision"] == "partial"
    assert result["gap"]["words"] == ["next year (2028)"]


def test_ask_counts_next_year_from_the_given_day_for_stdin_too(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO("What economic impact will AI have next year?\n"))
    code, out, _ = run(capsys, "ask", "--json", "--today", "2027-03-01")
    assert code == 0
    assert json.loads(out)["decision"] == "partial"


@pytest.mark.parametrize("day", ["2027-13-01", "tomorrow", "07/12/2026", ""])
def test_ask_refuses_a_day_that_is_no_date(capsys: pytest.CaptureFixture[str], day: str) -> None:
    with pytest.raises(SystemExit) as exited:
        main([*CONFIG, "ask", "--today", day, "What is the AI market size?"])
    assert exited.value.code == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert f"argument --today: not a date (YYYY-MM-DD): {day!r}" in err
    assert "Traceback" not in err


def test_ask_and_eval_describe_today_alike(capsys: pytest.CaptureFixture[str]) -> None:
    helps = []
    for command in ("ask", "eval"):
        with pytest.raises(SystemExit):
            main([command, "--help"])
        out = capsys.readouterr().out
        helps.append(" ".join(out[out.index("--today TODAY  ") :].split()))
    assert helps[0].startswith("--today TODAY the date questions are asked on, YYYY-MM-DD")
    assert helps[0].split(" -")[0] == helps[1].split(" -")[0]


def test_ask_for_the_sections_lists_them(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "ask", "what are the sections?")
    assert code == 0
    assert "Sections of Asia's AI Battle Lines Are Drawn" in out
    assert "  - By The Numbers (5)" in out


@pytest.mark.parametrize(
    "question",
    [
        "How big is the APAC AI market? <script>alert(1)</script>",
        "<b>How big</b> is the APAC AI market?",
    ],
)
def test_ask_matches_the_words_without_markup(
    capsys: pytest.CaptureFixture[str], question: str
) -> None:
    code, out, _ = run(capsys, "ask", "--json", question)
    assert code == 0
    assert json.loads(out)["entry_id"] == "apac-market-size"
    code, out, _ = run(capsys, "ask", "what is &lt;small ai&gt;")
    assert "(entry what-is-small-ai" in out


def test_ask_starts_without_the_bot_stack() -> None:
    """`faqbot ask` loads neither asyncio, aiosqlite, PTB nor HTTPX, nor numpy (the
    article's knowledge is ranked without it) or the article readers (start-up time)."""
    script = (
        "import sys\n"
        "from faqbot.cli import main\n"
        f"code = main(['--config', {str(ROOT / 'bot' / 'config.yaml')!r},"
        " 'ask', 'How big is the APAC AI market?'])\n"
        "heavy = ('asyncio', 'aiosqlite', 'telegram', 'httpx', 'httpcore', 'numpy',"
        " 'markdown_it', 'selectolax', 'matplotlib', 'rich')\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in heavy))\n"
        "sys.exit(code)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert "$815.98 billion by 2032" in done.stdout
    assert done.stdout.strip().splitlines()[-1] == "[]"


def test_the_format_choices_are_the_article_readers_formats() -> None:
    from faqbot.article import Format
    from faqbot.cli import ARTICLE_FORMATS

    assert tuple(f.value for f in Format) == ARTICLE_FORMATS


def test_ask_json_says_what_was_typed_and_what_was_matched(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """breakit-5: `question` was only the last sentence of a longer message."""
    typed = "My boss is worried about vendor lock in. Is Big AI going to monopolise the market?"
    code, out, _ = run(capsys, "ask", "--json", typed)
    data = json.loads(out)
    assert code == 0
    assert data["question"] == typed
    assert data["matched_question"] == "Is Big AI going to monopolise the market?"
    code, out, _ = run(capsys, "ask", "--json", "How big is the APAC AI market?")
    data = json.loads(out)
    assert data["question"] == data["matched_question"] == "How big is the APAC AI market?"


def test_ask_json_fields(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "ask", "--json", "How", "big", "is", "the", "APAC", "AI", "market?")
    data = json.loads(out)
    assert code == 0
    assert data["matched"] is True
    assert data["decision"] == "answer"
    assert data["entry_id"] == "apac-market-size"
    assert set(data["source"]) == {"article", "section", "quote", "url"}
    assert set(data) == {
        "question",
        "matched_question",
        "matched",
        "decision",
        "score",
        "entry_id",
        "answer",
        "source",
        "gap",
        "closest",
        "smalltalk",
        "suggestions",
    }


def test_ask_reads_stdin_one_question_a_line(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(
        "sys.stdin",
        io.StringIO("investment\n\nweather in bangkok\nAPAC AI market in 2028?\nthanks!\n"),
    )
    code, out, _ = run(capsys, "ask", "--json")
    rows = [json.loads(line) for line in out.splitlines()]
    assert code == 0
    assert [r["decision"] for r in rows] == ["suggest", "none", "partial", "smalltalk"]
    assert not any(r["matched"] for r in rows)
    assert rows[0]["suggestions"]
    assert rows[1]["entry_id"] is None
    assert rows[1]["suggestions"] == []
    assert rows[2]["gap"] == {"kind": "year", "values": ["2028"], "words": ["2028"]}
    assert rows[2]["closest"]["entry_id"] == "apac-market-size"
    assert rows[2]["entry_id"] is None
    assert rows[3]["smalltalk"] == "thanks"


def test_ask_with_nothing_is_usage_error(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    code, _, err = run(capsys, "ask")
    assert code == 2
    assert "Nothing to ask" in err


@pytest.mark.parametrize("question", [[""], ["  ", "\t"], ["<b></b>"]])
def test_ask_with_a_blank_question_is_ask_with_nothing(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, question: list[str]
) -> None:
    """`ask ""` is no question: the same message and exit 2 as `ask` with nothing, and
    stdin is not read (a blank argument is not a request to read it)."""
    monkeypatch.setattr("sys.stdin", io.StringIO("How big is the APAC AI market?\n"))
    code, out, err = run(capsys, "ask", *question)
    assert (code, out) == (2, "")
    assert err == "Nothing to ask: give a question, or pipe questions one a line.\n"
    monkeypatch.setattr("sys.stdin", io.StringIO("  \n<i></i>\n"))  # blank lines: none
    code, out, err = run(capsys, "ask", "--json")
    assert (code, out) == (2, "")
    assert err.startswith("Nothing to ask")


def test_check_shipped_knowledge(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "check", str(FAQ_DIR), "--article", str(ARTICLE))
    assert code == 0
    assert out.strip().endswith("entries, " + out.split("entries, ")[1].strip())
    assert "ok: 1 article(s)" in out


def test_check_parses_each_knowledge_file_once(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, faq: Path
) -> None:
    """Validated from the files (an edited file is not in the knowledge cache) and placed
    by line: one parse a file, not one for each."""
    from faqbot import yamlfile

    parsed: list[str] = []
    parse = yamlfile.parse

    def counted(text: str, path: Path | str = "<text>") -> object:
        parsed.append(Path(path).name)
        return parse(text, path)

    monkeypatch.setattr(yamlfile, "parse", counted)
    code, out, _ = run(capsys, "check", str(faq))
    assert code == 0, out
    assert parsed.count("asia-ai-battle-lines.yaml") == 1
    parsed.clear()
    run(capsys, "check", str(faq))  # from the knowledge cache: parsed for the lines alone
    assert parsed.count("asia-ai-battle-lines.yaml") == 1


def test_check_strict_refuses_sections_out_of_the_article_order(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """/topics lists sections as the knowledge file does: the closing FAQ first, as the
    file had it, was reported; --article finds the article's order from its text."""
    data = yaml.safe_load((FAQ_DIR / "asia-ai-battle-lines.yaml").read_text(encoding="utf-8"))
    faq = [e for e in data["entries"] if e["source"]["section"].endswith("?")]
    data["entries"] = faq + [e for e in data["entries"] if e not in faq]
    (tmp_path / "a.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    shutil.copy(FAQ_DIR / "asia-ai-battle-lines.thesaurus.yaml", tmp_path / "a.thesaurus.yaml")
    code, out, _ = run(capsys, "check", str(tmp_path), "--article", str(ARTICLE))
    assert code == 0  # a warning
    assert "article 'asia-ai-battle-lines': sections not in the article's order" in out
    assert "the article's: Introduction; The Scale Wars" in out
    assert "Innovation Hubs Emerge Across the Region; Will Big AI monopolise" in out
    code, _, _ = run(capsys, "check", "--strict", str(tmp_path), "--article", str(ARTICLE))
    assert code == 1


def test_check_broken_file_lists_problems(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    (tmp_path / "bad.yaml").write_text("article: {id: a, title: T}\nentries: [{id: x}]\n", "utf-8")
    code, out, _ = run(capsys, "check", str(tmp_path))
    assert code == 1
    assert "entry 'x' (#1): field 'question': is required" in out
    assert "field 'source': is required" in out


def test_check_names_file_line_and_key_of_a_thesaurus_problem(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    shutil.copy(FAQ_DIR / "asia-ai-battle-lines.yaml", tmp_path / "a.yaml")
    (tmp_path / "a.thesaurus.yaml").write_text(
        "synonyms:\n  company: [firm]\n  business: [firm]\n", "utf-8"
    )
    code, out, _ = run(capsys, "check", str(tmp_path))
    assert code == 1
    thesaurus = tmp_path / "a.thesaurus.yaml"
    assert f"{thesaurus}: line 3: field 'synonyms.business':" in out
    assert "also a synonym of 'company' (line 2)" in out


def test_check_flags_a_quote_not_in_the_article(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    (tmp_path / "a.yaml").write_text(
        "article: {id: a, title: T}\nentries:\n  - id: x\n    question: What?\n"
        "    answer: An answer.\n    source: {section: S, quote: invented words}\n",
        "utf-8",
    )
    code, out, _ = run(capsys, "check", str(tmp_path), "--article", str(ARTICLE))
    assert code == 1
    assert (  # the knowledge file and the quote's line, and the article
        f"{tmp_path / 'a.yaml'}: line 6: entry 'x' (#1): field 'source.quote':"
        f" not in the article {ARTICLE}"
    ) in out.splitlines()


def test_broken_knowledge_is_exit_2_without_traceback(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "bad.yaml").write_text("article: [", "utf-8")
    monkeypatch.setenv("FAQBOT_KNOWLEDGE", str(tmp_path))
    code, _, err = run(capsys, "ask", "hello")
    assert code == 2
    assert "knowledge base is invalid" in err
    assert "bad.yaml" in err
    assert "Traceback" not in err


def _knowledge_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "faq"
    folder.mkdir()
    for path in FAQ_DIR.glob("*.yaml"):
        shutil.copy(path, folder)
    monkeypatch.setenv("FAQBOT_KNOWLEDGE", str(folder))
    return folder


def test_build_keeps_every_article_compiled_for_the_next_start(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from faqbot import matchercache
    from faqbot.config import load_settings
    from faqbot.live import load_live, matcher_cache

    folder = _knowledge_copy(tmp_path, monkeypatch)
    code, out, err = run(capsys, "build")
    assert code == 0, err
    assert re.fullmatch(
        rf"ok: 1 article\(s\), \d+ entries compiled in [\d.]+ s; kept in {re.escape(str(folder))}"
        r"/\.faqbot-cache\n",
        out,
    )
    settings = load_settings(ROOT / "bot" / "config.yaml")
    cache = matcher_cache(settings)
    assert cache is not None
    assert cache.is_relative_to(folder)
    matcher = load_live(settings).matcher
    kept, parts = matchercache.kept(matcher.kb, settings.matching, cache)
    assert kept == parts > 0


def test_build_says_when_the_caches_cannot_be_written(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _knowledge_copy(tmp_path, monkeypatch)
    (folder / ".faqbot-cache").write_text("a file where the cache folder goes", "utf-8")
    code, out, err = run(capsys, "build")
    assert code == 1
    assert out == ""
    assert err.startswith(f"faqbot: caches not written to {folder / '.faqbot-cache'}")
    assert len(err.splitlines()) == 1


def test_build_of_broken_knowledge_is_exit_2_without_traceback(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "bad.yaml").write_text("article: [", "utf-8")
    monkeypatch.setenv("FAQBOT_KNOWLEDGE", str(tmp_path))
    code, out, err = run(capsys, "build")
    assert code == 2
    assert out == ""
    assert "bad.yaml" in err
    assert "Traceback" not in err


def test_eval_passes_the_bar_and_fails_above_it(capsys: pytest.CaptureFixture[str]) -> None:
    questions = str(DATA_DIR / "eval" / "test.yaml")
    code, out, _ = run(capsys, "eval", questions, "--min", "0.8", "--min-refusal", "0.8")
    assert code == 0
    assert "answered right:" in out
    code, _, err = run(capsys, "eval", questions, "--min", "1")
    assert code == 1
    assert "FAIL" in err


def test_eval_summary_prints_the_figures_without_the_questions(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """CI reads the held-out half with --summary: no question of it in a log to tune from."""
    questions = str(DATA_DIR / "questions.yaml")
    code, full, _ = run(capsys, "eval", questions, "--today", "2026-12-07")
    assert code == 0
    assert "  MISS " in full  # the older set has misses, so the option has something to hide
    code, summary, _ = run(capsys, "eval", questions, "--today", "2026-12-07", "--summary")
    assert code == 0
    assert "  MISS " not in summary
    assert summary.splitlines() == [line for line in full.splitlines() if "  MISS " not in line]


@pytest.mark.parametrize("bar", ["1.5", "-1", "nan", "high"])
def test_eval_bars_are_shares_from_0_to_1(capsys: pytest.CaptureFixture[str], bar: str) -> None:
    questions = str(DATA_DIR / "questions.yaml")
    for option in ("--min", "--min-refusal"):
        with pytest.raises(SystemExit) as exit_:
            main([*CONFIG, "eval", questions, option, bar])
        assert exit_.value.code == 2
        assert f"argument {option}: " in capsys.readouterr().err


def test_eval_codes_tell_a_broken_file_from_a_miss(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """0: at or above the bars, or none given (measured only, said so); 1: below a bar;
    2: the case file is missing, unreadable or not a case list."""
    cases = tmp_path / "cases.yaml"
    cases.write_text("- q: weather in bangkok tomorrow\n  expect: japan-focus\n", "utf-8")
    code, out, err = run(capsys, "eval", str(cases))
    assert code == 0  # answered right 0.00: no bar given, none applied
    assert "answered right:" in out
    assert err == "no bars given (--min, --min-refusal): measured only\n"
    code, _, err = run(capsys, "eval", str(cases), "--min-refusal", "0.5")
    assert code == 2  # no case to refuse: a bar on nothing is neither met nor missed
    message = "--min-refusal: no case the article does not answer: nothing to measure it on"
    assert err == f"faqbot: {cases}: {message}\n"
    code, _, err = run(capsys, "eval", str(cases), "--min", "0.5")
    assert code == 1
    assert err.startswith("FAIL: below the bar (answered >= 0.50, refused >= 0.00)")
    empty = tmp_path / "empty.yaml"
    empty.write_text("[]\n", "utf-8")
    for broken, message in [
        (tmp_path / "missing.yaml", "cannot be read: No such file or directory"),
        (tmp_path, "cannot be read: Is a directory"),
        (empty, "no cases: nothing to measure"),
        (cases, "needs a 'q' string"),
    ]:
        if broken == cases:
            cases.write_text("- expect: none\n", "utf-8")
        code, out, err = run(capsys, "eval", str(broken), "--min", "0.5")
        assert (code, out) == (2, "")
        assert err.startswith(f"faqbot: {broken}")
        assert message in err
        assert err.count("\n") == 1
    cases.write_text(
        "- {q: a, expect: no-such-entry}\n- {q: b, expect: japan-focus}\n"
        "- {q: c, expect: NONE}\n- {q: '  ', expect: none}\n- {q: d, expect: japan-focus}\n",
        "utf-8",
    )
    code, out, err = run(capsys, "eval", str(cases))  # a bad file is 2, bars or not
    assert (code, out) == (2, "")
    assert err.splitlines() == [
        f"faqbot: {cases}: item #1: 'expect': no entry no-such-entry",
        f"faqbot: {cases}: item #3: 'expect': no entry NONE (did you mean none?)",
        f"faqbot: {cases}: item #4: 'q' is empty: no question",
    ]


def _seed(database: Path, *, questions: bool = True) -> None:
    """Make a question log as the bot would; with questions, log a few and teach one."""
    import asyncio

    from faqbot.storage import QuestionRecord, Store

    async def seed() -> None:
        store = await Store.open(database)
        if not questions:
            await store.close()
            return
        for text in ("weather in bangkok", "Weather in Bangkok?", "=cmd|' /C calc'!A0"):
            store.log(QuestionRecord(1_700_000_000, "private", "u", text, "none", None, 5.0))
        store.log(QuestionRecord(1_700_000_000, "private", "u", "q", "answer", "japan-focus", 90))
        store.link("japan-focus", ["nippon robots"], [], "cli")
        await store.close()

    asyncio.run(seed())


def test_unanswered_stats_and_learned_export(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    database = tmp_path / "log.sqlite3"
    _seed(database)
    monkeypatch.setenv("FAQBOT_DATABASE", str(database))

    code, out, _ = run(capsys, "unanswered")
    assert code == 0
    assert out.startswith("#1 x2 'weather in bangkok'")

    code, out, _ = run(capsys, "unanswered", "--json")
    groups = json.loads(out)
    assert len(out.splitlines()) == 4  # "[", a group a line, "]"
    assert [g["count"] for g in groups] == [2, 1]
    assert set(groups[0]) == {
        "group", "unsure", "partial", "offered", "follows", "count", "last_asked", "questions",
        "closest",
    }  # fmt: skip
    assert groups[0]["follows"] is None  # asked on its own

    code, out, _ = run(capsys, "unanswered", "--csv")
    header = "group,question_id,asked_at,question,offered,best_match_now,best_match_score"
    assert out.splitlines()[0] == header + ",follow_up_to"
    assert "'=cmd" in out  # formula-safe

    code, out, _ = run(capsys, "stats")
    assert "all time 4" in out
    assert "japan-focus" in out
    assert "Replies: 0 sent, 0 failed, 0 expired (not sent late), 4 logged before" in out
    assert "Updates received and not finished: 0" in out
    assert "Log writer: no report yet" in out  # the bot has not run with this database
    (database.parent / "log.sqlite3.status.json").write_text(
        '{"buffered": 12, "dropped": 3, "failing_since": 1700000000.0,'
        ' "last_error": "OperationalError: database is locked", "as_of": 1700000060.0}'
    )
    code, out, _ = run(capsys, "stats")
    assert "Log writer: FAILING since 2023-11-14 22:13 UTC" in out  # the running bot's report
    assert "12 row(s) waiting in memory, 3 dropped" in out

    code, out, _ = run(capsys, "learned", "export")
    assert code == 0
    assert "japan-focus:\n- nippon robots\n" in out


@pytest.mark.parametrize(
    ("url", "message"),
    [("", "webhook mode needs webhook_url"), ("http://x.org", "must be an https:// URL")],
)
def test_webhook_needs_a_public_https_url(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, url: str, message: str
) -> None:
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", "123:abc")
    monkeypatch.setenv("FAQBOT_WEBHOOK_URL", url)
    code, _, err = run(capsys, "run", "--webhook")
    assert code == 2
    assert message in err
    assert "abc" not in err


SECOND_ARTICLE = DATA_DIR / "articles" / "southeast-asia-ev-batteries.txt"


def test_draft_writes_a_file_that_check_accepts_and_strict_refuses(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    output = tmp_path / "k" / "asia-ai-battle-lines.yaml"
    code, out, err = run(capsys, "draft", str(ARTICLE), "-o", str(output))
    assert code == 0
    assert out == ""
    assert "faq" in err
    assert "quotation" in err
    assert "sentences with figures not covered: 0" in err
    assert "reader comments and calls to comment left out: 9 line(s)" in err
    assert f"next: faqbot check {output} --article {ARTICLE}" in err
    vocabulary = output.parent / "asia-ai-battle-lines.thesaurus.yaml"
    assert "scope: [asia, ai, apac]" in vocabulary.read_text("utf-8")
    code, out, _ = run(capsys, "check", str(output.parent), "--article", str(ARTICLE))
    assert code == 0, out
    assert "ok: 1 article(s)" in out
    code, out, _ = run(capsys, "check", str(output.parent), "--strict")
    assert code == 1
    lines = output.read_text("utf-8").splitlines()
    conclusion = lines.index("- id: conclusion") + 1
    draft = next(n for n in range(conclusion, len(lines) + 1) if "draft: true" in lines[n - 1])
    assert re.search(
        rf"^{re.escape(str(output))}: line {draft}: entry 'conclusion' \(#\d+\): field 'draft':"
        " is a draft",
        out,
        re.MULTILINE,
    )


def test_draft_does_not_overwrite_without_force(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    output = tmp_path / "a.yaml"
    output.write_text("keep me", "utf-8")
    code, _, err = run(capsys, "draft", str(ARTICLE), "-o", str(output))
    assert code == 2
    assert "exists; pass --force" in err
    assert output.read_text("utf-8") == "keep me"
    (tmp_path / "a.thesaurus.yaml").write_text("scope: [curated]\n", "utf-8")
    code, _, err = run(capsys, "draft", str(ARTICLE), "-o", str(output), "--force")
    assert code == 0
    assert "draft: true" in output.read_text("utf-8")
    assert "kept the existing" in err
    assert (tmp_path / "a.thesaurus.yaml").read_text("utf-8") == "scope: [curated]\n"


def test_draft_to_stdout_with_id_and_url(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys, "draft", str(SECOND_ARTICLE), "-o", "-", "--id", "ev-batteries",
        "--url", "https://example.org/ev",
    )  # fmt: skip
    assert code == 0
    assert "article:\n  id: ev-batteries\n" in out
    assert "url: https://example.org/ev" in out


def test_draft_goes_to_the_knowledge_folder_with_ids_not_taken(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "curated.yaml").write_text(
        (FAQ_DIR / "asia-ai-battle-lines.yaml")
        .read_text("utf-8")
        .replace("id: asia-ai-battle-lines", "id: curated"),
        "utf-8",
    )
    monkeypatch.setenv("FAQBOT_KNOWLEDGE", str(tmp_path))
    code, _, err = run(capsys, "draft", str(ARTICLE))
    assert code == 0, err
    assert (tmp_path / "asia-ai-battle-lines.yaml").exists()
    code, out, _ = run(capsys, "check", str(tmp_path))
    assert code == 0, out  # no duplicate entry ids across the two files


def test_drafts_are_served_only_with_serve_drafts(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert run(capsys, "draft", str(ARTICLE), "-o", str(tmp_path / "a.yaml"))[0] == 0
    monkeypatch.setenv("FAQBOT_KNOWLEDGE", str(tmp_path))
    question = "How much has South Korea committed to AI?"
    code, out, _ = run(capsys, "ask", question)
    assert code == 0
    assert "I don't know" in out
    monkeypatch.setenv("FAQBOT_SERVE_DRAFTS", "1")
    code, out, _ = run(capsys, "ask", question)
    assert "over $7 billion to AI development" in out
    code, out, _ = run(capsys, "eval", str(DATA_DIR / "eval" / "test.yaml"))
    assert code == 0
    assert out.startswith("answered right:")


def test_draft_and_check_an_html_article(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    page = tmp_path / "page.html"
    page.write_text(
        "<html><body><h1>Plants</h1><p>Sales rose 38% in 2024. Demand is strong.</p>"
        "<ul><li>Indonesia builds 140 GWh</li></ul><p>It ends well.</p></body></html>",
        "utf-8",
    )
    output = tmp_path / "k" / "page.yaml"
    assert run(capsys, "draft", str(page), "-o", str(output))[0] == 0
    assert "id: page" in output.read_text("utf-8")
    code, out, _ = run(capsys, "check", str(output), "--article", str(page))
    assert code == 0, out


def test_draft_of_a_missing_or_binary_file_is_one_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """A file named on the command line that cannot be used exits 2 (could not run as
    asked), apart from 1 (check found problems, eval below its bar)."""
    code, _, err = run(capsys, "draft", str(tmp_path / "missing.txt"), "-o", "-")
    assert code == 2
    assert err == f"faqbot: {tmp_path / 'missing.txt'}: no such file\n"
    code, _, err = run(capsys, "check", "--article", str(tmp_path / "missing.txt"))
    assert code == 2
    assert err == f"faqbot: {tmp_path / 'missing.txt'}: no such file\n"
    code, _, err = run(capsys, "draft", str(tmp_path), "-o", "-")
    assert code == 2
    assert err == f"faqbot: {tmp_path}: cannot be read: Is a directory\n"
    binary = tmp_path / "b.txt"
    binary.write_bytes(b"\xff\xfe\x00bad")
    code, _, err = run(capsys, "draft", str(binary), "-o", "-")
    assert code == 2
    assert "is not UTF-8 text" in err
    assert "Traceback" not in err
    code, _, err = run(capsys, "draft", str(ARTICLE), "-o", "-", "--id", "Bad Id")
    assert code == 2
    assert "--id 'Bad Id'" in err


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("empty.txt", ""),
        ("blank.txt", "\n\n   \n"),
        ("title.txt", "Just A Title\n"),
        ("empty.html", "<html><body></body></html>"),
        ("script.html", "<script>only()</script>"),
    ],
)
def test_draft_of_an_article_without_text_is_one_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, name: str, text: str
) -> None:
    article = tmp_path / name
    article.write_text(text, "utf-8")
    code, out, err = run(capsys, "draft", str(article), "-o", "-")
    assert code == 2
    assert out == ""
    assert err == f"faqbot: {article}: the article has no text to draft from\n"


@pytest.mark.parametrize("command", [["ask", "hello"], ["run"]])
def test_an_unknown_log_level_is_one_line(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    command: list[str],
) -> None:
    monkeypatch.setenv("FAQBOT_LOG_LEVEL", "LOUD")
    code, _, err = run(capsys, *command)
    assert code == 2
    assert err.count("\n") == 1
    assert err.startswith("faqbot: environment variable FAQBOT_LOG_LEVEL: expected one of DEBUG")
    monkeypatch.delenv("FAQBOT_LOG_LEVEL")
    config = tmp_path / "config.yaml"
    config.write_text("log_level: LOUD\n", "utf-8")
    code = main(["--config", str(config), *command])
    err = capsys.readouterr().err
    assert code == 2
    assert err == (
        f"faqbot: {config}: line 1: setting 'log_level': expected one of DEBUG, INFO, WARNING,"
        " ERROR, CRITICAL, not 'LOUD'\n"
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("- q: x\n   expect: none\n", "line 2: mapping values are not allowed in this context"),
        ("- q: a\n  q: b\n  expect: none\n", "line 2: duplicate key 'q' (first at line 1)"),
    ],
)
def test_eval_of_malformed_yaml_is_one_line_with_file_and_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, text: str, message: str
) -> None:
    cases = tmp_path / "cases.yaml"
    cases.write_text(text, "utf-8")
    code, out, err = run(capsys, "eval", str(cases))
    assert code == 2  # the file cannot be used: not 1, "below the bar"
    assert out == ""
    assert err == f"faqbot: {cases}: {message}\n"


@pytest.mark.parametrize("command", [["ask", "hello"], ["check"], ["eval", "cases.yaml"]])
def test_outside_the_project_it_says_no_config_was_found_and_how_to_give_one(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    command: list[str],
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("FAQBOT_CONFIG", raising=False)
    monkeypatch.delenv("FAQBOT_KNOWLEDGE", raising=False)
    code = main(command)
    err = capsys.readouterr().err
    assert code == 2
    assert err == (
        f"faqbot: no knowledge at {tmp_path.resolve() / 'faq'}: no configuration file was"
        f" found (bot/config.yaml is not in {tmp_path}); run faqbot in the project folder,"
        " or pass --config FILE or set FAQBOT_CONFIG\n"
    )
    monkeypatch.setenv("FAQBOT_KNOWLEDGE", str(FAQ_DIR))  # without a file, by the environment
    assert main(["ask", "How big is the APAC AI market?"]) == 0


def test_outside_the_project_ask_finds_the_reply_texts_beside_the_knowledge(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No configuration file: the reply texts are bot/messages.yaml of the knowledge's
    project (faq/ beside bot/); with none there, one line and exit 2 (--json needs none)."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("FAQBOT_CONFIG", raising=False)
    monkeypatch.setenv("FAQBOT_KNOWLEDGE", str(FAQ_DIR))
    assert main(["ask", "weather in bangkok"]) == 0
    assert capsys.readouterr().out.startswith("I don't know: the article doesn't answer that")
    knowledge = tmp_path / "copy"
    shutil.copytree(FAQ_DIR, knowledge)
    monkeypatch.setenv("FAQBOT_KNOWLEDGE", str(knowledge))
    assert main(["ask", "weather in bangkok"]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.startswith(
        f"faqbot: no reply texts at {tmp_path.resolve() / 'bot' / 'messages.yaml'}"
    )
    assert err.endswith("or set FAQBOT_CONFIG (ask --json needs none)\n")
    assert main(["ask", "--json", "weather in bangkok"]) == 0
    monkeypatch.setenv("FAQBOT_MESSAGES", str(ROOT / "bot" / "messages.yaml"))
    assert main(["ask", "weather in bangkok"]) == 0


def test_unknown_faqbot_variables_are_warned_about_once(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FAQBOT_FLOD_LIMIT", "3")
    code, out, err = run(capsys, "ask", "How big is the APAC AI market?")
    assert code == 0
    assert "$815.98 billion" in out
    assert err.count("FAQBOT_FLOD_LIMIT") == 1
    assert "WARNING faqbot.cli: ignored unknown environment variable(s): FAQBOT_FLOD_LIMIT" in err
    assert "(did you mean FAQBOT_FLOOD_LIMIT?)" in err


def test_lessons_can_be_listed_and_undone(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    database = tmp_path / "log.sqlite3"
    _seed(database)
    monkeypatch.setenv("FAQBOT_DATABASE", str(database))
    code, out, _ = run(capsys, "learned", "list")
    assert code == 0
    lesson = out.split()[0]
    assert "cli linked 1 -> japan-focus: nippon robots" in out
    code, out, _ = run(capsys, "learned", "undo", lesson)
    assert code == 0
    assert out.startswith("Undone:")
    code, out, _ = run(capsys, "learned", "list")
    assert "[undone" in out
    code, out, _ = run(capsys, "learned", "export")
    assert "nippon robots" not in out  # undone links are left out
    code, _, err = run(capsys, "learned", "undo", "nope")
    assert code == 2  # as an unknown --article: what was asked for is not there
    assert "no lesson 'nope'" in err


def test_stats_draws_its_picture(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from faqbot.chart import HEIGHT_PX, WIDTH_PX, png_size

    database = tmp_path / "log.sqlite3"
    _seed(database)
    monkeypatch.setenv("FAQBOT_DATABASE", str(database))
    picture = tmp_path / "stats.png"
    code, out, _ = run(capsys, "stats", "--png", str(picture))
    assert code == 0
    assert f"Picture written to {picture}" in out
    assert png_size(picture.read_bytes()) == (WIDTH_PX, HEIGHT_PX)


def test_check_refuses_reply_texts_telegram_would_refuse(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    texts = tmp_path / "messages.yaml"
    shipped = (ROOT / "bot" / "messages.yaml").read_text(encoding="utf-8")
    texts.write_text(shipped.replace("vote_thanks: Thanks", "vote_thanks: <br>Thanks"), "utf-8")
    monkeypatch.setenv("FAQBOT_MESSAGES", str(texts))
    code, out, _ = run(capsys, "check", str(FAQ_DIR))
    assert code == 1
    assert "key 'vote_thanks': not Telegram HTML: tag <br> is not allowed" in out
    broken = shipped.replace("vote_thanks: Thanks", "vote_thanks: <br>Thanks")
    broken = broken.replace("give that for <b>{values}", "give that for <b>{vals}", 1)
    texts.write_text(broken, "utf-8")
    code, out, _ = run(capsys, "check", str(FAQ_DIR))
    assert code == 1
    assert "key 'vote_thanks': not Telegram HTML" in out  # every broken text, in one run
    assert "key 'partial_year': unknown placeholder(s) vals" in out
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", "123:abc")  # checked before any network
    code, _, err = run(capsys, "run")
    assert code == 2
    assert len(err.splitlines()) == 2
    assert all(line.startswith(f"faqbot: {texts}: line ") for line in err.splitlines())


def test_links_print_each_articles_deep_link_and_qr_code(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, out, _ = run(capsys, "links", "--bot", "FaqBot", "--qr", str(tmp_path))
    assert code == 0
    assert "https://t.me/FaqBot?start=a-asia-ai-battle-lines" in out
    assert (tmp_path / "asia-ai-battle-lines.png").read_bytes().startswith(b"\x89PNG")
    code, _, err = run(capsys, "links")
    assert code == 2
    assert "--bot NAME" in err


def test_links_leave_out_an_article_of_drafts_only(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As /articles: an article none of whose entries is served has no link nor QR code,
    and one line says why; served drafts (serve_drafts on) are listed."""
    knowledge = tmp_path / "faq"
    shutil.copytree(FAQ_DIR, knowledge)
    drafted = knowledge / "drafted.yaml"
    assert run(capsys, "draft", str(ARTICLE), "--id", "drafted", "-o", str(drafted))[0] == 0
    monkeypatch.setenv("FAQBOT_KNOWLEDGE", str(knowledge))
    code, out, err = run(capsys, "links", "--bot", "FaqBot", "--qr", str(tmp_path / "qr"))
    assert code == 0
    assert [line.split("\t")[0] for line in out.splitlines()] == ["asia-ai-battle-lines"]
    assert err == (
        "faqbot: drafted: left out: none of its entries is served (all are drafts and"
        " serve_drafts is off), so its link would lead to no answers\n"
    )
    assert sorted(p.name for p in (tmp_path / "qr").iterdir()) == ["asia-ai-battle-lines.png"]
    monkeypatch.setenv("FAQBOT_SERVE_DRAFTS", "1")
    code, out, err = run(capsys, "links", "--bot", "FaqBot")
    assert (code, err) == (0, "")
    assert sorted(line.split("\t")[0] for line in out.splitlines()) == [
        "asia-ai-battle-lines",
        "drafted",
    ]


def test_links_refuse_a_name_that_is_no_telegram_username(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    code, out, err = run(capsys, "links", "--bot", "bad name!")
    assert (code, out) == (2, "")
    assert err == (
        "faqbot: --bot: 'bad name!' is not a Telegram username: 5-32 letters (a-z), digits or"
        " underscores, starting with a letter\n"
    )
    monkeypatch.setenv("FAQBOT_BOT_USERNAME", "abc")
    code, out, err = run(capsys, "links")
    assert (code, out) == (2, "")
    assert err.startswith("faqbot: environment variable FAQBOT_BOT_USERNAME: 'abc' is not a")
    monkeypatch.setenv("FAQBOT_BOT_USERNAME", "@FaqBot")
    code, out, _ = run(capsys, "links")
    assert code == 0
    assert "https://t.me/FaqBot?start=a-asia-ai-battle-lines" in out


# ------------------------------------------------------------ many articles (issue 11)
def _two_articles(tmp_path: Path) -> Path:
    """The shipped article and a copy of it as a second article ("second", entries "b-...")."""
    folder = tmp_path / "faq"
    shutil.copytree(FAQ_DIR, folder)
    text = (FAQ_DIR / "asia-ai-battle-lines.yaml").read_text(encoding="utf-8")
    text = text.replace("id: asia-ai-battle-lines", "id: second", 1)
    text = re.sub(r"(?m)^  - id: (\S{1,38})\S*", r"  - id: b-\1", text)
    (folder / "second.yaml").write_text(text, encoding="utf-8")
    return folder


def _seed_two(database: Path) -> None:
    import asyncio

    from faqbot.storage import QuestionRecord, Store

    async def seed() -> None:
        store = await Store.open(database)
        for text, article in (
            ("weather in bangkok", "asia-ai-battle-lines"),
            ("Weather in Bangkok?", "asia-ai-battle-lines"),
            ("who sells the robots", "second"),
            ("nobody knows which", None),
        ):
            store.log(
                QuestionRecord(
                    1_700_000_000, "private", "u", text, "none", None, 5, article_id=article
                )
            )
        # Logged before articles were recorded: named by the back-fill from its entry.
        store.log(QuestionRecord(1_700_000_000, "private", "u", "q", "answer", "b-japan-focus", 90))
        store.vote("u", "b-japan-focus", -1, "q")
        store.vote("u", "japan-focus", 1, "q", article_id="asia-ai-battle-lines")
        store.link("b-japan-focus", ["nippon robots"], [], "cli")
        store.link("japan-focus", ["robots of nippon"], [], "cli")
        await store.close()

    asyncio.run(seed())


def test_queue_stats_export_and_lessons_per_article(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    database = tmp_path / "log.sqlite3"
    monkeypatch.setenv("FAQBOT_KNOWLEDGE", str(_two_articles(tmp_path)))
    monkeypatch.setenv("FAQBOT_DATABASE", str(database))
    _seed_two(database)

    code, out, _ = run(capsys, "unanswered", "--article", "second")
    assert code == 0
    assert out.startswith("#3 x1 'who sells the robots'")
    assert "best match now: b-" in out  # the article's own entries match best
    code, out, _ = run(capsys, "unanswered", "--article", "asia-ai-battle-lines", "--json")
    assert [group["questions"] for group in json.loads(out)] == [
        ["weather in bangkok", "Weather in Bangkok?"]
    ]
    code, out, _ = run(capsys, "unanswered")
    assert len(out.splitlines()) == 6  # overall: three groups, two lines each

    code, out, _ = run(capsys, "stats", "--article", "second", "--png", str(tmp_path / "s.png"))
    assert code == 0
    assert out.startswith(
        "Article: Asia's AI Battle Lines Are Drawn: Giants vs. Innovators (second)\n"
    )
    assert "all time 2" in out
    assert "b-japan-focus" in out
    assert "Feedback: 0 up, 1 down" in out
    assert (tmp_path / "s.png").read_bytes().startswith(b"\x89PNG")
    code, out, _ = run(capsys, "stats")
    assert "all time 5" in out
    assert "Feedback: 1 up, 1 down" in out
    assert "By article (questions, answered, waiting for editors):" in out
    assert "      2   50%      1  second" in out
    assert "      1    0%      1  (no known article)" in out

    code, out, _ = run(capsys, "export", "--article", "second", "--dir", str(tmp_path / "x"))
    assert code == 0
    assert out.startswith("1 question(s) in 1 group(s); 1 vote(s): written to")
    queue = (tmp_path / "x" / "unanswered.csv").read_text(encoding="utf-8")
    assert "who sells the robots" in queue
    assert "weather" not in queue
    votes = (tmp_path / "x" / "feedback.csv").read_text(encoding="utf-8").splitlines()
    assert [v.split(",")[:2] for v in votes[1:]] == [["b-japan-focus", "down"]]

    code, out, _ = run(capsys, "learned", "list", "--article", "asia-ai-battle-lines")
    assert code == 0
    assert "-> japan-focus: robots of nippon" in out
    assert "b-japan-focus" not in out
    code, out, _ = run(capsys, "learned", "export", "--article", "second")
    assert out.endswith("b-japan-focus:\n- nippon robots\n")


@pytest.mark.parametrize(
    "command",
    [
        ("unanswered",),
        ("stats",),
        ("stats", "--png", "x.png"),
        ("export",),
        ("learned", "list"),
        ("learned", "export"),
    ],
)
def test_an_unknown_article_is_one_line_and_exit_2(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    command: tuple[str, ...],
) -> None:
    monkeypatch.setenv("FAQBOT_KNOWLEDGE", str(_two_articles(tmp_path)))
    monkeypatch.setenv("FAQBOT_DATABASE", str(tmp_path / "log.sqlite3"))
    monkeypatch.chdir(tmp_path)
    code, out, err = run(capsys, *command, "--article", "nope")
    assert code == 2
    assert out == ""
    assert err == ("faqbot: no article 'nope'; known article ids: asia-ai-battle-lines, second\n")
    assert not (tmp_path / "log.sqlite3").exists()  # refused before opening anything


def test_the_second_test_articles_knowledge_is_verbatim_and_reviewed(
    capsys: pytest.CaptureFixture[str],
) -> None:
    article = DATA_DIR / "articles" / "southeast-asia-ev-batteries.txt"
    code, out, _ = run(
        capsys, "check", "--strict", "--article", str(article), str(DATA_DIR / "faq-multi")
    )
    assert code == 0
    assert out.startswith("ok: 1 article(s), 21 entries")


def test_an_empty_knowledge_variable_reads_the_configured_knowledge(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """`FAQBOT_KNOWLEDGE=` is "not set": never bot/ (the config file's folder) as knowledge."""
    monkeypatch.setenv("FAQBOT_KNOWLEDGE", "")
    code, out, err = run(capsys, "ask", "How big is the APAC AI market?")
    assert (code, err) == (0, "")
    assert "$815.98 billion" in out


def test_a_bad_environment_value_names_the_variable(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FAQBOT_ANSWER_THRESHOLD", "abc")
    code, out, err = run(capsys, "ask", "hello")
    assert (code, out) == (2, "")
    assert (
        err
        == "faqbot: environment variable FAQBOT_ANSWER_THRESHOLD: expected a number, not 'abc'\n"
    )


def test_outputs_that_cannot_be_written_are_one_line_without_errno(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A picture, CSV folder, QR folder or draft that cannot be written: the path and the
    reason in words, exit 2; never Python's "[Errno N] ..." nor a traceback."""
    database = tmp_path / "log.sqlite3"
    _seed(database)
    capsys.readouterr()  # the seeding's log lines
    monkeypatch.setenv("FAQBOT_DATABASE", str(database))
    a_file = tmp_path / "q.txt"
    a_file.write_text("not a folder", "utf-8")
    cases = [
        (("stats", "--png", str(a_file / "x.png")), f"{a_file}: is a file, not a folder"),
        (("stats", "--png", str(tmp_path)), f"{tmp_path}: cannot be written: Is a directory"),
        (("export", "--dir", str(a_file)), f"{a_file}: is a file, not a folder"),
        (("links", "--bot", "FaqBot", "--qr", str(a_file)), f"{a_file}: is a file, not a folder"),
        (("draft", str(ARTICLE), "-o", str(a_file / "x.yaml")), f"{a_file}: is a file, not a"),
    ]
    for command, message in cases:
        code, _, err = run(capsys, *command)
        assert code == 2, command
        assert err.startswith(f"faqbot: {message}"), err
        assert err.count("\n") == 1
        assert "Errno" not in err
        assert "Traceback" not in err
    monkeypatch.setenv("FAQBOT_DATABASE", str(tmp_path))  # there, but no database
    code, _, err = run(capsys, "stats")
    assert code == 1
    assert err.startswith(f"faqbot: {tmp_path}: cannot open the question log: ")
    assert "Errno" not in err


@pytest.mark.parametrize(
    "command",
    [
        ("stats",),
        ("unanswered",),
        ("export",),
        ("learned", "list"),
        ("learned", "export"),
        ("learned", "undo", "1"),
    ],
)
def test_a_missing_question_log_is_one_line_and_never_created(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    command: tuple[str, ...],
) -> None:
    """A mistyped database path: the commands that read the bot's log name the path and
    exit 2 (a bad setting), creating neither its folder nor an empty log to report on."""
    monkeypatch.chdir(tmp_path)
    missing = tmp_path / "typo" / "faqbot.sqlite3"
    monkeypatch.setenv("FAQBOT_DATABASE", str(missing))
    code, out, err = run(capsys, *command)
    assert (code, out) == (2, "")
    assert err == (
        f"faqbot: no question log at {missing} (from environment variable FAQBOT_DATABASE):"
        " the bot creates it when it first runs; check the path\n"
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == []


def test_unanswered_json_of_an_empty_queue_is_an_empty_array(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    database = tmp_path / "log.sqlite3"
    _seed(database, questions=False)  # the bot made it; nobody asked yet
    capsys.readouterr()
    monkeypatch.setenv("FAQBOT_DATABASE", str(database))
    code, out, _ = run(capsys, "unanswered", "--json")
    assert (code, out) == (0, "[]\n")
    assert json.loads(out) == []


def test_readers_text_reaches_the_terminal_inert(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A reader's right-to-left override, escape sequence or newline is printed as its
    \\uXXXX escape by stats, unanswered (text and JSON) and learned (list, export); JSON and
    YAML still read back as the reader's text."""
    import asyncio

    import yaml

    from faqbot.storage import QuestionRecord, Store
    from faqbot.terminal import is_unsafe

    question = "ai \u202egnp.exe\u202c\x1b[2J\nFORGED LINE"
    database = tmp_path / "log.sqlite3"

    async def seed() -> None:
        store = await Store.open(database)
        store.log(QuestionRecord(1_700_000_000, "private", "u", question, "none", None, 5.0))
        store.link("japan-focus", [question], [], "cli")
        await store.close()

    asyncio.run(seed())
    capsys.readouterr()
    monkeypatch.setenv("FAQBOT_DATABASE", str(database))
    shown = "ai \\u202egnp.exe\\u202c\\u001b[2J\\u000aFORGED LINE"
    for command in (("stats",), ("unanswered",), ("learned", "list")):
        code, out, _ = run(capsys, *command)
        assert code == 0
        assert shown in out, command
        assert not any(is_unsafe(ch) for ch in out.replace("\n", "")), command
        assert not any(line.startswith("FORGED") for line in out.splitlines())
    code, out, _ = run(capsys, "unanswered", "--json")
    assert not any(is_unsafe(ch) for ch in out.replace("\n", ""))
    assert json.loads(out)[0]["questions"] == [question]
    code, out, _ = run(capsys, "learned", "export")
    assert code == 0
    assert not any(is_unsafe(ch) for ch in out.replace("\n", ""))
    assert yaml.safe_load(out) == {"japan-focus": [question]}


def test_check_names_both_lines_of_a_duplicate_id(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    entry = (
        "  - id: x\n    question: What?\n    answer: An answer.\n"
        "    source: {section: S, quote: q}\n"
    )
    path = tmp_path / "a.yaml"
    path.write_text(f"article: {{id: a, title: T}}\nentries:\n{entry}{entry}", "utf-8")
    code, out, _ = run(capsys, "check", str(tmp_path))
    assert code == 1
    assert (
        out
        == f"{path}: line 7: entry 'x' (#2): field 'id': duplicate id (also in {path}: line 3)\n"
    )


def test_check_of_a_thesaurus_checks_it_as_a_thesaurus(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, out, _ = run(capsys, "check", str(FAQ_DIR / "asia-ai-battle-lines.thesaurus.yaml"))
    assert code == 0
    assert re.fullmatch(
        r"ok: thesaurus \S+: \d+ phrase\(s\), \d+ synonym\(s\), 4 scope keyword\(s\)\n", out
    )
    thesaurus = tmp_path / "a.thesaurus.yaml"
    thesaurus.write_text(
        "synonyms:\n  company: [firm]\n  business: [firm]\nscpe: [asia]\n", "utf-8"
    )
    code, out, _ = run(capsys, "check", str(thesaurus))
    assert code == 1
    assert "allowed: article, entries" not in out  # not read as a knowledge file
    assert f"{thesaurus}: line 3: field 'synonyms.business': 'firm' is also a synonym" in out
    assert (
        f"{thesaurus}: line 4: field 'scpe': unknown key, did you mean 'scope'?"
        " (allowed: contrasts, distinct, phrases, scope, synonyms)" in out
    )
    code, _, err = run(capsys, "check", str(tmp_path / "missing.yaml"))
    assert (code, err) == (2, f"faqbot: {tmp_path / 'missing.yaml'}: no such file or folder\n")


def test_check_of_the_reply_texts_or_configuration_checks_them_as_such(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = run(capsys, "check", str(ROOT / "bot" / "messages.yaml"))
    assert (code, out) == (0, f"ok: reply texts {ROOT / 'bot' / 'messages.yaml'}\n")
    code, out, _ = run(capsys, "check", str(ROOT / "bot" / "config.yaml"))
    assert (code, out) == (0, f"ok: configuration {ROOT / 'bot' / 'config.yaml'}\n")


@pytest.mark.parametrize("named", [True, False])
def test_check_tells_a_file_kind_by_its_name_or_keys_and_names_a_mistyped_key(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, named: bool
) -> None:
    """A configuration, thesaurus or reply texts file with one mistyped key, given to
    `check` under its usual name or another: checked as what it is (one line for the key,
    with did-you-mean), not as a knowledge file ("allowed: article, entries")."""
    shipped = ROOT / "bot"
    config = tmp_path / ("config.yaml" if named else "staging.yaml")
    text = (shipped / "config.yaml").read_text("utf-8").replace("\nknowledge:", "\nknowlege:")
    config.write_text(text.replace("messages: messages.yaml", f"messages: {shipped}/messages.yaml"))
    thesaurus = tmp_path / ("a.thesaurus.yaml" if named else "words.yaml")
    thesaurus.write_text(
        (FAQ_DIR / "asia-ai-battle-lines.thesaurus.yaml")
        .read_text("utf-8")
        .replace("\nsynonyms:", "\nsynonym:")
    )
    texts = tmp_path / ("messages.yaml" if named else "texts.yaml")
    texts.write_text((shipped / "messages.yaml").read_text("utf-8").replace("\nhelp:", "\nhlep:"))
    for path, lines in [
        (config, [f"{config}: unknown setting(s): knowlege (did you mean knowledge?)"]),
        (thesaurus, [f"{thesaurus}: line ", "field 'synonym': unknown key, did you mean"]),
        (texts, [f"{texts}: line ", ": unknown key hlep (did you mean help?)"]),
    ]:
        code, out, _ = run(capsys, "check", str(path))
        assert code == 1, path
        assert "allowed: article, entries" not in out
        assert all(part in out.splitlines()[0] for part in lines), out
        assert len(out.splitlines()) <= 2, out  # texts: the unknown key, the missing one


def test_a_configuration_is_checked_with_what_it_names(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    config = tmp_path / "config.yaml"
    config.write_text("knowledge: faq\nflood_limit: 0\n", "utf-8")
    code, out, _ = run(capsys, "check", str(config))
    assert code == 1
    assert "flood_limit" in out
    config.write_text("knowledge: faq\n", "utf-8")
    code, out, _ = run(capsys, "check", str(config))
    assert code == 1
    assert out.splitlines() == [
        f"cannot read reply texts: {tmp_path / 'messages.yaml'}: cannot be read:"
        " No such file or directory",
        f"{config}: setting 'knowledge': no such file or folder: {tmp_path / 'faq'}",
    ]


def test_check_outside_the_project_checks_the_knowledge_and_says_the_texts_were_not(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No configuration here: a valid knowledge folder is valid (exit 0); the reply texts
    are those of its project (bot/ beside it) or, with none, not checked, which is said."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("FAQBOT_CONFIG", raising=False)
    knowledge = tmp_path / "kb"
    shutil.copytree(FAQ_DIR, knowledge)
    code, out, err = main(["check", "kb"]), *capsys.readouterr()
    assert code == 0
    assert out.splitlines()[-1].startswith("ok: 1 article(s)")
    assert err == (
        "faqbot: note: reply texts not checked: no configuration file was found"
        f" (bot/config.yaml is not in {tmp_path}); run faqbot in the project folder,"
        " or pass --config FILE or set FAQBOT_CONFIG\n"
    )
    (tmp_path / "bot").mkdir()
    (tmp_path / "bot" / "messages.yaml").write_text("help: x\n", "utf-8")  # kb/ beside bot/
    code, out, err = main(["check", "kb"]), *capsys.readouterr()
    assert code == 1
    assert err == ""
    assert f"{tmp_path / 'bot' / 'messages.yaml'}: missing key welcome" in out


def test_check_warns_only_of_phrasings_colliding_within_one_article(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """Two articles asked alike (a copy of the shipped one): no warning, readers choose the
    article; a phrasing another entry of its own article answers: a warning at its line."""
    folder = _two_articles(tmp_path)
    code, out, _ = run(capsys, "check", str(folder))
    assert code == 0
    assert out == "ok: 2 article(s), 104 entries, 3538 phrasings\n"
    second = folder / "second.yaml"
    text = second.read_text(encoding="utf-8")
    text = text.replace(
        "    alternates:\n", "    alternates:\n      - How big is the APAC AI market?\n", 2
    )
    second.write_text(text, encoding="utf-8")
    code, out, _ = run(capsys, "check", str(folder))
    assert code == 0
    warnings = out.splitlines()[:-1]
    assert warnings
    assert all(w.startswith(f"{second}: line ") for w in warnings)
    assert any(
        "field 'alternates[0]': warning: phrasing 'How big is the APAC AI market?' is not"
        " answered by its entry" in w
        for w in warnings
    )


def test_unanswered_names_what_a_follow_up_followed(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import asyncio
    from dataclasses import replace

    from faqbot.storage import QuestionRecord, Store

    database = tmp_path / "log.sqlite3"

    async def seed() -> None:
        store = await Store.open(database)
        asked = QuestionRecord(1_700_000_000, "private", "u", "and in 2030?", "partial", None, 5)
        store.log(replace(asked, entry_id="apac-market-size", follows="apac-market-size"))
        await store.close()

    asyncio.run(seed())
    monkeypatch.setenv("FAQBOT_DATABASE", str(database))
    code, out, _ = run(capsys, "unanswered")
    assert code == 0
    assert "   follow-up to apac-market-size 'How big is the APAC AI market?'" in out
    code, out, _ = run(capsys, "unanswered", "--json")
    assert json.loads(out)[0]["follows"] == {
        "entry_id": "apac-market-size",
        "question": "How big is the APAC AI market?",
    }
