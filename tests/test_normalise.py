"""Normalisation: spellings, numbers, chat style and diacritics compare equal; never breaks."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator

import pytest
import yaml
from anyascii import anyascii
from hypothesis import given, settings
from hypothesis import strategies as st

from faqbot import normalise as nm
from faqbot.normalise import STOP_WORDS, WH_WORDS, content_tokens, fold, is_number, stem, tokens
from tests.conftest import ROOT


def same(a: str, b: str) -> bool:
    return [stem(t) for t in content_tokens(a)] == [stem(t) for t in content_tokens(b)]


@pytest.mark.parametrize(
    ("british", "american"),
    [
        ("Will Big AI monopolise the market?", "will big ai monopolize the market"),
        ("organisations", "organizations"),
        ("specialised models", "specialized models"),
        ("the SkillsFuture programme", "the skillsfuture program"),
        ("regulators favour", "regulators favor"),
        ("innovation centre", "innovation center"),
        ("analysed behaviour", "analyzed behavior"),
        ("travelled, modelling", "traveled, modeling"),
        ("defence licence", "defense license"),
    ],
)
def test_british_and_american_spellings_meet(british: str, american: str) -> None:
    assert same(british, american)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("$7 billion", "7bn dollars"),
        ("$7 billion", "USD 7 billion"),
        ("US$7bn", "7 billion usd"),
        ("1.7x faster", "1.7 times faster"),
        ("88%", "88 per cent"),
        ("$1.6 trillion", "1.6tn USD"),
        ("1,000 firms", "1000 firms"),
        ("€5m", "5 million eur"),
    ],
)
def test_number_and_currency_forms_meet(a: str, b: str) -> None:
    assert tokens(a) == tokens(b)


@pytest.mark.parametrize(
    ("chat", "plain"),
    [
        ("hw much korea put in ai", "how much korea put in ai"),
        ("wats japan plan 4 ai", "what is japan plan for ai"),
        ("y small ai cheaper one?", "why small ai cheaper"),
        ("vietnam got ai law or not", "vietnam ai law"),
        ("wat r govts doing abt ai", "what are governments doing about ai"),
        ("ppl use smth", "people use something"),
        ("how long 2 develop a big ai model", "how long to develop a big ai model"),
        ("korea ai budget lah", "korea ai budget"),
        ("can leh? sg ai sandbox ah", "can sg ai sandbox"),
        ("korea chips budget how much yaar", "korea chips budget how much"),
        ("bhai is small ai cheaper", "is small ai cheaper"),
        ("cn small biz use ai w/o big infra", "can small business use ai without big infra"),
        ("rly need a big model w/ all that data lol", "really need a big model with all that data"),
        ("cld rules decide who wins b/c of costs", "could rules decide who wins because of costs"),
        ("ano po yung plan ng japan", "what plan japan"),
        ("korea spent 7 bil, tama na diba", "korea spent 7 billion tama"),
        ("re the diff btwn big n small", "regarding the difference btwn big and small"),
        ("y wld strict rules help big firms", "why would strict rules help big firms"),
        ("does everyone use ai at work or nobody", "does use ai at work or"),
        ("what does the 7 billion refer to", "what does the 7 billion"),
        ("what does the faq section say about jobs", "what does say about jobs"),
        ("the numbers in the sidebar", "the numbers in the"),
        ("i vaguely remember a figure for korea", "i a figure for korea"),
        ("i recall the article naming lenovo", "i the naming lenovo"),
    ],
)
def test_chat_shorthand_and_particles_mean_the_same(chat: str, plain: str) -> None:
    assert content_tokens(chat) == content_tokens(plain)


def test_a_counted_two_or_four_stays_a_number() -> None:
    assert tokens("in 2 years") == ["in", "2", "years"]
    assert tokens("top 4 uses") == ["top", "4", "uses"]
    assert tokens("which co does lee work 4")[-1] == "for"


def test_a_two_or_four_after_what_ending_the_message_is_what_for_or_to() -> None:
    assert tokens("robots in ports wat 4")[-2:] == ["what", "for"]
    assert tokens("the sandbox, what 2?")[-1] == "to"
    assert tokens("what 4 years")[-1] == "years"  # counted: a number still
    assert tokens("what 2 firms")[-2:] == ["2", "firms"]


@pytest.mark.parametrize(
    ("local", "ascii_form"),
    [("Việt Nam", "viet nam"), ("Hàn Quốc", "han quoc"), ("café naïve", "cafe naive")],
)
def test_diacritics_fold_to_ascii(local: str, ascii_form: str) -> None:
    assert tokens(local) == tokens(ascii_form)


@pytest.mark.parametrize("emoji", ["🤔", "🤔🤔", "👍🏽", "❤️", "👨‍👩‍👧", "✨", "☕", "🙏🙏🙏", "💰"])
def test_emoji_are_not_words(emoji: str) -> None:
    question = "how much did Japan put into chips"
    assert tokens(f"{question} {emoji}") == tokens(question)
    assert tokens(f"{emoji} {question}?") == tokens(question)


def test_a_flag_is_its_country_code() -> None:
    assert tokens("🇰🇷 ai budget") == ["kr", "ai", "budget"]


@pytest.mark.parametrize(
    ("spelled", "digits"),
    [
        ("eight billion dollars", "8 billion dollars"),
        ("seven hundred million", "700 million"),
        ("Eighty-eight per cent", "88 per cent"),
        ("two thousand and thirty two", "2032"),
        ("twelve months", "12 months"),
        ("one hundred and five", "105"),
        # A year in two halves, a spoken decimal.
        ("twenty thirty-two", "2032"),
        ("from twenty twenty-three to twenty twenty-five", "from 2023 to 2025"),
        ("nineteen ninety-nine", "1999"),
        ("two point two billion", "2.2 billion"),
        ("one point zero five", "1.05"),
        # "a" and "half a" before a scale word.
        ("a billion dollars", "1 billion dollars"),
        ("half a million", "0.5 million"),
    ],
)
def test_numbers_spelled_in_words_are_digits(spelled: str, digits: str) -> None:
    assert tokens(spelled) == tokens(digits)


@pytest.mark.parametrize(
    "words",
    [
        "no one knows",
        "the two approaches",
        "cheaper one?",
        "hundreds of millions",
        "ten and two",
        "almost a trillion",  # a rough size: no figure to hold an entry to
    ],
)
def test_a_unit_word_alone_or_an_unreadable_run_stays_words(words: str) -> None:
    assert not any(map(is_number, tokens(words)))


def test_stop_words_are_dropped_but_meaning_kept() -> None:
    assert content_tokens("What is the size of the market?") == ["size", "market"]
    assert content_tokens("According to the article, what did Lee say?") == ["lee"]
    # "supposed to" frames what is asked, as "meant to" does.
    assert content_tokens("What is a chip fab supposed to be?") == ["chip", "fab"]


def test_prepositions_and_framing_words_are_stop_words() -> None:
    # "within", "toward", "among"... place a question's words, and "others" is "other":
    # neither says what is asked.
    assert content_tokens("Is the firm moving toward cloud tools within Europe?") == [
        "firm",
        "moving",
        "cloud",
        "tools",
        "europe",
    ]
    assert content_tokens("Anything on banks, among others?") == ["banks"]


def test_stem_folds_word_forms() -> None:
    assert stem("investments") == stem("investment") == stem("invested") == "invest"
    assert stem("companies") == stem("company")
    assert stem("2032") == "2032"
    assert is_number("102.59")
    assert not is_number("ai")


def test_fold_handles_compatibility_forms_controls_and_surrogates() -> None:
    assert fold("ＡＩ\x00market") == "ai market"
    assert fold("hello \ud800 x") == "hello ? x"


def test_possessives_and_apostrophes() -> None:
    assert content_tokens("Korea's budget") == content_tokens("Korea budget")
    assert content_tokens("doesn't it") == []


@settings(deadline=None)
@given(st.text(max_size=300))
def test_tokens_never_fail_and_are_stable(text: str) -> None:
    once = tokens(text)
    assert all(t and t == t.casefold() and " " not in t for t in once)
    assert tokens(" ".join(once)) == once  # idempotent


@settings(deadline=None)
@given(st.text(alphabet=st.characters(categories=["Lu", "Ll", "Nd", "Zs", "P", "S"]), max_size=80))
def test_tokens_are_ascii(text: str) -> None:
    assert all(t.isascii() for t in tokens(text))


# The tokeniser before its fast paths (each rewrite now runs only on a text it can change),
# kept verbatim as the reference: the fast one must give the same tokens for every text.
def _reference_fold(text: str) -> str:
    text = text.encode("utf-8", "replace").decode("utf-8")
    text = unicodedata.normalize("NFKC", text)
    text = nm._CURRENCY_RE.sub(lambda m: nm._CURRENCY[m.group(0).lower()], text)
    if not text.isascii():
        text = anyascii("".join(" " if _pictograph(ch) else ch for ch in text))
    return nm._CONTROL_RE.sub(" ", text.casefold())


def _pictograph(ch: str) -> bool:
    """Emoji and pictographs, not flags' regional indicators (U+1F1E6-U+1F1FF)."""
    code = ord(ch)
    if 0x1F1E6 <= code <= 0x1F1FF:
        return False
    return 0x2600 <= code <= 0x27BF or 0x1F000 <= code <= 0x1FAFF or ch in "\u200d\ufe0e\ufe0f"


def _reference_numbers(words: list[str]) -> list[str]:
    out: list[str] = []
    for word in words:
        after_number = bool(out) and is_number(out[-1])
        if after_number and word in nm._MAGNITUDE:
            word = nm._MAGNITUDE[word]
        elif after_number and word == "x":
            word = "times"
        elif word == "cent" and out and out[-1] == "per":
            out[-1] = "percent"
            continue
        elif word in ("dollar", "dollars"):
            word = "usd"
        out.append(word)
    moved = True
    while moved:
        moved = False
        for i in range(len(out) - 1):
            leading = i == 0 or not is_number(out[i - 1])
            if leading and out[i] in nm._CURRENCIES and is_number(out[i + 1]):
                end = i + 3 if i + 2 < len(out) and out[i + 2] in nm._MAGNITUDE_WORDS else i + 2
                out[i:end] = [*out[i + 1 : end], out[i]]
                moved = True
                break
    return out


def _reference_tokens(text: str) -> list[str]:
    if not nm._shouted(text):
        text = nm._US_UK_RE.sub(nm._country_abbreviation, text)
    text = nm._CHAT_SLASH_RE.sub(nm._chat_slash, _reference_fold(text))
    text = nm._PERCENT_RE.sub(" percent ", nm._THOUSANDS_RE.sub("", text))
    text = nm._APOSTROPHE_RE.sub("", nm._POSSESSIVE_RE.sub("", text))
    expanded: list[str] = []
    for word in nm._TOKEN_RE.findall(nm._american(text)):
        expanded.extend(nm.CHAT.get(word, (nm._SPELLING.get(word, word),)))
    # Spelled numbers are read on the whole list of words alike (what this reference checks
    # is the piecewise split, not the reading, which test_numbers_spelled_in_words_* do).
    words = nm._us_country(_reference_numbers(nm._spelled_numbers(expanded)))
    return [
        nm._CHAT_DIGITS[word] if word in nm._CHAT_DIGITS and nm._is_chat_digit(words, i) else word
        for i, word in enumerate(words)
    ]


def _strings(data: object) -> Iterator[str]:
    if isinstance(data, str):
        yield data
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from _strings(key)
            yield from _strings(value)
    elif isinstance(data, list):
        for value in data:
            yield from _strings(value)


def test_fast_tokens_are_the_reference_tokens_on_every_shipped_and_test_text() -> None:
    texts: set[str] = set()
    for path in [*ROOT.glob("faq/*.yaml"), *ROOT.glob("tests/data/**/*.yaml")]:
        texts.update(_strings(yaml.safe_load(path.read_text(encoding="utf-8"))))
    for path in ROOT.glob("tests/data/articles/*.txt"):
        texts.update(path.read_text(encoding="utf-8").splitlines())
    assert len(texts) > 2000
    for text in texts:
        assert fold(text) == _reference_fold(text), text
        assert tokens(text) == _reference_tokens(text), text


# Pieces that each rewrite acts on, so that random texts made of them reach every step.
_PIECES = (
    *"$ US$ us$ Us$ € £ ¥ ₩ % , . ' ` ’ - ( ) ? ! : \x00 \t \n \x7f \ud800 ＡＩ".split(" "),
    *"7 1.7 2 4 000 1,000 88 2028 bn m k x X per cent dollar dollars USD eur million".split(),
    *"colour organise programme travelled centre analysed hw wat r u y n govts im d".split(),
    *"Korea's doesn't Việt Nam café years people top in the how long is".split(),
)


@settings(deadline=None, max_examples=500)
@given(
    st.lists(
        st.tuples(st.sampled_from(_PIECES), st.sampled_from(("", " ", "  "))), max_size=20
    ).map(lambda parts: "".join(p + gap for p, gap in parts))
)
def test_fast_tokens_are_the_reference_tokens_on_random_pieces(text: str) -> None:
    assert fold(text) == _reference_fold(text)
    assert tokens(text) == _reference_tokens(text)


@settings(deadline=None, max_examples=300)
@given(st.text(max_size=200))
def test_fast_tokens_are_the_reference_tokens_on_any_text(text: str) -> None:
    assert fold(text) == _reference_fold(text)
    assert tokens(text) == _reference_tokens(text)


@settings(deadline=None, max_examples=500)
@given(st.text(alphabet=st.characters(max_codepoint=127), max_size=120))
def test_fast_tokens_are_the_reference_tokens_on_any_ascii_text(text: str) -> None:
    # ASCII text is split piece by piece between spaces (and the control characters
    # str.split takes for spaces): the same tokens as the whole text read at once.
    assert tokens(text) == _reference_tokens(text)


@pytest.mark.parametrize(
    "text",
    [
        "1,\x1f000 people",
        "Korea\x1c's 7\tbn",
        "per\x1dcent and 88\x1e%",
        "$ 7 bn dollars",
        "wat 4 2 years",
        "colour\x0bs organ\x0cised",
        "it 's  Korea' s",
    ],
)
def test_pieces_split_where_a_space_would_be_the_same_tokens(text: str) -> None:
    assert tokens(text) == _reference_tokens(text)


def test_the_pieces_memo_is_emptied_when_full(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(nm, "_MAX_PIECES", 3)
    nm._PIECES.clear()
    text = "colour one two three four five six seven eight nine"
    assert list(nm._pieces_tokens(text)) == _reference_tokens(text)
    assert nm._pieces_tokens("ten eleven twelve") == ("ten", "eleven", "twelve")
    assert len(nm._PIECES) == 3  # emptied before the new words were kept
    assert list(nm._pieces_tokens(text)) == _reference_tokens(text)


def test_the_pieces_memo_may_be_emptied_meanwhile(monkeypatch: pytest.MonkeyPatch) -> None:
    """Another thread (a matcher built in a worker thread while the event loop tokenises a
    question) may empty the memo while a text's new pieces are kept: no KeyError."""
    rewritten = nm._rewritten

    def emptying(piece: str) -> list[str]:
        nm._PIECES.clear()  # as another thread, at the memo's limit, would
        return rewritten(piece)

    monkeypatch.setattr(nm, "_rewritten", emptying)
    nm._PIECES.clear()
    text = "colour organise programme travelled"
    assert list(nm._pieces_tokens(text)) == _reference_tokens(text)


def test_long_pieces_are_not_kept() -> None:
    """Readers' messages (up to 4096 characters) cannot fill the memo with long pieces."""
    nm._PIECES.clear()
    long = "x" * (nm._MAX_PIECE_CHARS + 1)
    text = f"colour {long}"
    assert list(nm._pieces_tokens(text)) == _reference_tokens(text)
    assert "colour" in nm._PIECES
    assert long not in nm._PIECES


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("how much has the US invested", ["how", "much", "has", "the", "usa", "invested"]),
        ("the U.S. and the U.K.", ["the", "usa", "and", "the", "uk"]),
        ("tell us", ["tell", "us"]),
        # Lower-case "us" names the country where the pronoun cannot stand.
        ("how big is the us chip sector", ["how", "big", "is", "the", "usa", "chip", "sector"]),
        ("do us banks lend more", ["do", "usa", "banks", "lend", "more"]),
        ("share of us ai startups", ["share", "of", "usa", "ai", "startups"]),
        ("us vs japan", ["usa", "vs", "japan"]),
        ("ships made in the us", ["ships", "made", "in", "the", "usa"]),
        ("show us firms that hire", ["show", "us", "firms", "that", "hire"]),
        ("what does this mean for us", ["what", "does", "this", "mean", "for", "us"]),
        ("can you help us", ["can", "you", "help", "us"]),
        ("the us dollar", ["the", "us", "usd"]),
        ("US$7bn", ["7", "billion", "usd"]),
        ("USB", ["usb"]),
        ("msia ai", ["malaysia", "ai"]),
        ("berapa korea invest", ["how", "much", "korea", "invest"]),
        ("sk commitment amt", ["sk", "commitment", "amount"]),
    ],
)
def test_country_abbreviations_and_regional_words(text: str, expected: list[str]) -> None:
    assert tokens(text) == expected


def test_exclamations_are_particles() -> None:
    assert {"aiyo", "alamak", "guy", "dude"} <= STOP_WORDS  # "that Forrester guy"


@pytest.mark.parametrize(
    "typed",
    [
        "What",
        "what's",
        "whats",
        "wat",
        "wats",
        "Which",
        "who's",
        "whom",
        "whose",
        "When",
        "hw",
        "y",
    ],
)
def test_question_words_reach_the_one_set_of_them_as_tokens(typed: str) -> None:
    """WH_WORDS holds question words as tokens() gives them: the chat spellings are expanded
    before any set of question words reads them."""
    assert tokens(typed)[0] in WH_WORDS
