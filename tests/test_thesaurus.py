"""Thesaurus files: phrases, synonyms, scope and distinct words beside an article; problems
name the line."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from faqbot.thesaurus import Thesaurus, load_thesaurus, own_keyword, thesaurus_path
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
    # The article's own words for its ideas: "delivers faster returns", "the Big AI
    # approach", "chase artificial general intelligence", "other nations are watching".
    for word, keyword in [("quicker", "faster"), ("sooner", "faster"), ("method", "approach"),
                          ("pursue", "chase"), ("attention", "watch")]:  # fmt: skip
        assert thesaurus.keyword(word) == thesaurus.keyword(keyword)


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
    assert (
        f"{path}: line 6: colour: unknown key"
        " (allowed: contrasts, distinct, phrases, scope, synonyms)" in text
    )
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


@pytest.mark.parametrize(
    ("word", "other"),
    [
        ("marketing", "market"),
        ("authority", "author"),
        ("experiment", "experience"),
        ("management", "manager"),
        ("generator", "generation"),
    ],
)
def test_a_distinct_word_is_kept_apart_from_others_of_its_stem(
    tmp_path: Path, word: str, other: str
) -> None:
    """The kind: one Snowball stem, two words that mean different things."""
    plain, _ = load_thesaurus(write(tmp_path, "synonyms:\n  idea: [notion]\n"))
    assert plain.keyword(word) == plain.keyword(other)  # what the stemmer alone does
    thesaurus, problems = load_thesaurus(write(tmp_path, f"distinct: [{word}]\n"))
    assert problems == []
    assert thesaurus.keyword(word) != thesaurus.keyword(other)
    assert thesaurus.keyword(word.upper().lower()) == thesaurus.keyword(word)
    assert thesaurus.keyword(other + "s") == thesaurus.keyword(other)  # others keep the stem


def test_a_distinct_word_keeps_its_plural_and_synonyms_may_name_it(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "distinct: [marketing, authority]\n"
        "synonyms:\n  marketing: [advertising, advert]\n  regulator: [authority, watchdog]\n",
    )
    thesaurus, problems = load_thesaurus(path)
    assert problems == []
    marketing = thesaurus.keyword("marketing")
    assert thesaurus.keyword("marketings") == marketing  # its plural
    assert thesaurus.keyword("advertising") == thesaurus.keyword("advert") == marketing
    assert thesaurus.keyword("market") != marketing
    assert thesaurus.keyword("markets") == thesaurus.keyword("market")
    # "the authorities" regulate; an "author" writes.
    regulator = thesaurus.keyword("regulators")
    assert thesaurus.keyword("authorities") == thesaurus.keyword("authority") == regulator
    assert thesaurus.keyword("author") != regulator
    assert thesaurus.keyword("authors") == thesaurus.keyword("author")


def test_distinct_words_survive_a_merge() -> None:
    one = Thesaurus(distinct=frozenset({"marketing"}))
    two = Thesaurus(distinct=frozenset({"authority"}))
    merged = Thesaurus.merge([one, two])
    assert merged.distinct == {"marketing", "authority"}
    assert merged.keyword("authority") != merged.keyword("author")


def test_own_keyword_is_the_stem_without_distinct_words() -> None:
    assert own_keyword("marketing", frozenset()) == own_keyword("market", frozenset())
    assert own_keyword("marketing", frozenset({"marketing"})) == "marketing"
    assert own_keyword("marketers", frozenset({"marketing"})) == own_keyword("market", frozenset())


def test_distinct_problems_name_their_line(tmp_path: Path) -> None:
    path = write(
        tmp_path, "distinct:\n  - marketing\n  - the\n  - two words\n  - market\n  - marketing\n"
    )
    thesaurus, problems = load_thesaurus(path)
    text = [str(p) for p in problems]
    assert f"{path}: line 3: distinct: 'the' must be one word that is not a stop word" in text
    assert f"{path}: line 4: distinct: 'two words' must be one word that is not a stop word" in text
    assert any("line 5" in t and "'market' is its own stem" in t for t in text)
    assert f"{path}: line 6: distinct: 'marketing' is listed twice" in text
    assert thesaurus.distinct == {"marketing"}
    _, wrong = load_thesaurus(write(tmp_path, "distinct: marketing\n"))
    assert [p.message for p in wrong] == ["must be a list of words"]


def test_the_shipped_thesaurus_keeps_marketing_apart_from_the_market() -> None:
    thesaurus, _ = load_thesaurus(FAQ_DIR / "asia-ai-battle-lines.thesaurus.yaml")
    assert thesaurus.keyword("marketing") != thesaurus.keyword("market")
    assert thesaurus.keyword("advertising") == thesaurus.keyword("marketing")


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


def test_phrase_origins_are_what_the_reader_wrote_for_each_folded_word() -> None:
    thesaurus = Thesaurus(
        phrases={("south", "east", "asia"): ("sea",), ("southeast", "asian"): ("sea",)}
    )
    words = ["do", "southeast", "asian", "ports", "grow"]
    assert thesaurus.fold_phrases(words) == ["do", "sea", "ports", "grow"]
    assert thesaurus.phrase_origins(words) == {"sea": "southeast asian"}
    assert thesaurus.phrase_origins(["ports", "grow"]) == {}


_WORDS = st.lists(st.sampled_from("a b c d e f".split()), max_size=12)
_PHRASES = st.dictionaries(
    st.lists(st.sampled_from("a b c d".split()), min_size=1, max_size=3).map(tuple),
    st.lists(st.sampled_from("x y z".split()), min_size=1, max_size=2).map(tuple),
    max_size=6,
)


@settings(max_examples=400)
@given(_PHRASES, _WORDS)
def test_phrases_fold_as_a_left_to_right_scan_would(
    phrases: dict[tuple[str, ...], tuple[str, ...]], words: list[str]
) -> None:
    """fold_phrases and phrase_origins look only where a phrase starts: the same as reading
    every word left to right, folding the longest phrase starting there."""
    thesaurus = Thesaurus(phrases=phrases)
    folded: list[str] = []
    origins: dict[str, str] = {}
    i = 0
    while i < len(words):
        here = [p for p in phrases if tuple(words[i : i + len(p)]) == p]
        if here:
            # The longest; of two as long, the one listed first.
            longest = next(p for p in sorted(phrases, key=lambda p: -len(p)) if p in here)
            folded.extend(phrases[longest])
            if len(phrases[longest]) == 1:
                origins.setdefault(phrases[longest][0], " ".join(longest))
            i += len(longest)
        else:
            folded.append(words[i])
            i += 1
    assert thesaurus.fold_phrases(words) == folded
    assert thesaurus.phrase_origins(words) == origins


def test_contrasts_name_kinds_that_exclude_each_other(tmp_path: Path) -> None:
    thesaurus, problems = load_thesaurus(
        write(
            tmp_path,
            "phrases:\n  battery electric: bev\n"
            "contrasts:\n"
            "  - Electric cars: [battery electric, ev]\n"
            "    Petrol cars: [petrol car, combustion engine]\n",
        )
    )
    assert problems == []
    assert thesaurus.contrast_keywords() == (
        (
            ("Electric cars", (("bev",), ("ev",))),
            ("Petrol cars", (("petrol", "car"), ("combust", "engin"))),
        ),
    )
    merged = Thesaurus.merge([thesaurus, thesaurus])
    assert merged.contrasts == thesaurus.contrasts  # one set, not two copies


def test_contrast_problems_name_file_line_and_key(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "contrasts:\n"
        "  - Electric cars: [ev]\n"  # one kind only
        "  - Vans: [van]\n"
        "    Trucks: [the very big heavy trucks]\n"
        "  - Buses: []\n"
        "    Trams: [tram]\n",
    )
    thesaurus, problems = load_thesaurus(path)
    text = [str(p) for p in problems]
    assert any(t.startswith(f"{path}: line 2: contrasts[1]: must map two") for t in text)
    assert any(
        "line 4: contrasts[2].Trucks: 'the very big heavy trucks' must be" in t for t in text
    )
    assert any("line 5: contrasts[3].Buses: must be a non-empty list" in t for t in text)
    assert thesaurus.contrasts == ()  # no set is left with two kinds


@pytest.mark.parametrize(("digits", "word"), [("2", "two"), ("3", "three"), ("10", "ten")])
def test_a_small_count_in_digits_is_the_keyword_of_its_word(digits: str, word: str) -> None:
    assert own_keyword(digits, frozenset()) == own_keyword(word, frozenset())


def test_one_and_other_numbers_keep_their_digits() -> None:
    # "one" is also a pronoun and a chat particle; years and amounts stay numbers.
    assert own_keyword("1", frozenset()) == "1"
    assert own_keyword("11", frozenset()) == "11"
    assert own_keyword("2026", frozenset()) == "2026"
    assert own_keyword("2.5", frozenset()) == "2.5"
