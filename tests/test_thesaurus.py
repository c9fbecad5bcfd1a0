"""Thesaurus files: phrases, synonyms and scope beside an article; problems name the line."""

from __future__ import annotations

from pathlib import Path

from faqbot.thesaurus import Thesaurus, load_thesaurus, thesaurus_path
from tests.conftest import FAQ_DIR


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "a.thesaurus.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_shipped_thesaurus_is_valid() -> None:
    thesaurus, problems = load_thesaurus(FAQ_DIR / "asia-ai-battle-lines.thesaurus.yaml")
    assert problems == []
    assert thesaurus.keyword("firms") == thesaurus.keyword("company")
    assert "asia" in thesaurus.scope


def test_phrases_fold_longest_first_whatever_the_spacing(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "phrases:\n  artificial intelligence: ai\n  artificial general intelligence: agi\n"
        "  asia pacific: apac\n  smes: small company\n",
    )
    thesaurus, problems = load_thesaurus(path)
    assert problems == []
    words = "the asia-pacific smes use artificial general intelligence".replace("-", " ").split()
    assert thesaurus.fold_phrases(words) == ["the", "apac", "small", "company", "use", "agi"]


def test_synonyms_fold_word_forms_into_one_keyword(tmp_path: Path) -> None:
    thesaurus, problems = load_thesaurus(write(tmp_path, "synonyms:\n  company: [firm]\n"))
    assert problems == []
    assert thesaurus.keyword("firms") == thesaurus.keyword("companies") == thesaurus.keyword("firm")


def test_problems_name_file_line_and_key(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "synonyms:\n"
        "  company: [firm, two words]\n"
        "  business: [firm]\n"
        "phrases:\n"
        "  single: word\n"
        "colour: red\n",
    )
    _, problems = load_thesaurus(path)
    text = [str(p) for p in problems]
    assert f"{path}: line 6: colour: unknown key (allowed: phrases, scope, synonyms)" in text
    assert any("line 2" in t and "'two words' must be one word" in t for t in text)
    assert any("line 3" in t and "also a synonym of 'company' (line 2)" in t for t in text)
    assert any("line 5" in t and "phrases.single" in t for t in text)


def test_a_duplicate_key_is_a_problem_with_its_line(tmp_path: Path) -> None:
    _, problems = load_thesaurus(write(tmp_path, "scope: [asia]\nscope: [apac]\n"))
    assert len(problems) == 1
    assert problems[0].line == 2
    assert "duplicate key 'scope'" in problems[0].message


def test_merge_and_path() -> None:
    a = Thesaurus(synonyms={"firm": "compani"}, scope=frozenset({"asia"}))
    b = Thesaurus(phrases={("asia", "pacific"): ("apac",)}, scope=frozenset({"apac"}))
    merged = Thesaurus.merge([a, b])
    assert merged.scope == {"asia", "apac"}
    assert merged.fold_phrases(["asia", "pacific"]) == ["apac"]
    assert thesaurus_path(Path("faq/x.yaml")) == Path("faq/x.thesaurus.yaml")


def test_a_text_read_before_gives_the_same_thesaurus_and_problems_name_each_file(
    tmp_path: Path,
) -> None:
    good = "phrases:\n  asia pacific: apac\nsynonyms:\n  company: [firm]\nscope: [asia]\n"
    first, problems = load_thesaurus(tmp_path / "a.thesaurus.yaml", good)
    again, more = load_thesaurus(tmp_path / "b.thesaurus.yaml", good)
    assert problems == more == []
    assert again is first
    assert first == load_thesaurus(write(tmp_path, good))[0]  # read from its file: equal
    bad = "synonyms:\n  company: firm\n"
    for name in ("c", "d"):
        _, problems = load_thesaurus(tmp_path / f"{name}.thesaurus.yaml", bad)
        assert [p.file for p in problems] == [str(tmp_path / f"{name}.thesaurus.yaml")]
