"""Text normalisation so that readers' spellings, numbers and filler words compare equal."""

from __future__ import annotations

import re
import unicodedata

# Words that appear in almost every question; keeping them makes all questions look alike.
STOP_WORDS = frozenset(
    """
    a about above after again all also am an and any are aren arent as at be because
    been before being between both but by can cant could couldnt did didnt do does
    doesnt doing dont down during each either else ever few for from further get gets
    got had has have having he her here hers him his how i id if im in into is isnt it
    its itll ive just know let lets like me might more most much must my myself no nor
    not now of off on once only or other our ours out over own please really said say
    says same she should shouldnt so some such tell than that thats the their theirs
    them then there these they theyre thing things this those through to too under until
    up us very want was wasnt way we were what whats when where which while who whom
    whose why will with wont would wouldnt you your yours yourself hi hey ok okay thanks
    thank pls plz many going gonna wanna
    """.split()
)

# British and American spellings of words readers use about this subject.
_SPELLING = {
    "centre": "center",
    "centres": "centers",
    "programme": "program",
    "programmes": "programs",
    "favour": "favor",
    "favours": "favors",
    "favoured": "favored",
    "favouring": "favoring",
    "labour": "labor",
    "behaviour": "behavior",
    "whilst": "while",
    "amongst": "among",
    "analyse": "analyze",
    "analysed": "analyzed",
    "analysing": "analyzing",
    "catalogue": "catalog",
    "defence": "defense",
    "licence": "license",
    "travelling": "traveling",
    "modelling": "modeling",
}
# -ise/-isation verbs that should meet their -ize spelling; a closed list avoids "rise", "wise".
_ISE_STEMS = """
    monopol democrat special optim organ prior real recogn util summar emphas epitom
    modern industrial central standard author capital character custom digit legal maxim
    minim mobil national privat subsid critic apolog
""".split()
_ISE_RE = re.compile(
    r"\b(" + "|".join(_ISE_STEMS) + r")is(e|es|ed|ing|ation|ations|er|ers)\b",
)

# Multi-word names readers write in several ways, folded to one token before splitting.
_PHRASES = (
    (r"artificial general intelligence", "agi"),
    (r"artificial intelligence", "ai"),
    (r"asia[\s-]*pacific|\bapac\b", "apac"),
    (r"south[\s-]*east[\s-]*asia(?:n)?", "sea"),
    (r"open[\s-]*source(?:d)?", "opensource"),
    (r"customer (?:care|support|services?)|call cent(?:re|er)s?|help[\s-]*desks?", "custserv"),
    (r"return on investments?|pay(?:s|ing)? (?:off|back)", "roi"),
    (r"\bsmes?\b|small and medium(?:[\s-]*sized)? (?:enterprises|businesses)", "small company"),
)
_PHRASE_RE = [(re.compile(pattern), repl) for pattern, repl in _PHRASES]
# A bare "what is X?" asks for a definition; say so, since its words are all stop words.
_DEFINITION_RE = re.compile(
    r"^\W*(?:what\s+is|whats|what\s+are|define)\s+(?:an?\s+|the\s+)?\w+(?:\s+\w+)?\W*$"
)
# Words readers use for the same idea, folded to one keyword (applied after stemming).
_SYNONYMS = {
    "definition": "define",
    "meaning": "define",
    "mean": "define",
    "firm": "company",
    "business": "company",
    "busines": "company",
    "enterprise": "company",
    "organization": "company",
    "organ": "company",
    "corporation": "company",
    "compan": "company",
    "worker": "employee",
    "employe": "employee",
    "staff": "employee",
    "workforce": "employee",
    "job": "employment",
    "employ": "employment",
    "rule": "regulation",
    "regul": "regulation",
    "regulat": "regulation",
    "regulator": "regulation",
    "regulatory": "regulation",
    "legislation": "law",
    "laws": "law",
    "price": "cost",
    "expensive": "cost",
    "costly": "cost",
    "money": "cost",
    "govern": "government",
    "state": "government",
    "states": "government",
    "country": "government",
    "countries": "government",
    "nation": "government",
    "back": "support",
    "backing": "support",
    "backed": "support",
    "effect": "impact",
    "affect": "impact",
    "influence": "impact",
    "shape": "impact",
    "benefit": "favor",
    "advantage": "favor",
    "accessible": "access",
    "accessibility": "access",
    "debate": "contest",
    "battle": "contest",
    "fight": "contest",
    "competition": "contest",
    "compet": "contest",
    "race": "contest",
    "war": "contest",
    "wars": "contest",
    "summary": "overview",
    "summar": "overview",
    "gist": "overview",
    "care": "matter",
    "important": "matter",
    "importance": "matter",
    "stake": "matter",
    "player": "players",
    "name": "players",
    "large": "big",
    "larg": "big",
    "giant": "big",
    "huge": "big",
    "massive": "big",
    "bigg": "big",
    "biggest": "big",
    "bigger": "big",
    "smaller": "small",
    "smallest": "small",
    "tiny": "small",
    "monopoly": "monopol",
    "monopolies": "monopol",
    "dominat": "monopol",
    "dominate": "monopol",
    "dominance": "monopol",
    "budget": "invest",
    "profit": "roi",
    "profitable": "roi",
    "growth": "grow",
    "grew": "grow",
    "winner": "win",
    "won": "win",
    "prevail": "win",
    "usage": "use",
    "using": "use",
    "used": "use",
    "uses": "use",
    "health": "healthcare",
    "medical": "healthcare",
    "medicine": "healthcare",
    "hospital": "healthcare",
    "bank": "finance",
    "financial": "finance",
    "factory": "manufactur",
    "factorie": "manufactur",
    "manufacturer": "manufactur",
    "korean": "korea",
    "japanese": "japan",
    "chinese": "china",
    "vietnamese": "vietnam",
    "singaporean": "singapore",
    "asian": "asia",
    "dataset": "data",
}

_CURRENCY = {"$": " usd ", "us$": " usd ", "€": " eur ", "£": " gbp ", "¥": " jpy ", "₩": " krw "}
_CURRENCY_RE = re.compile(r"us\$|[$€£¥₩]")
_MAGNITUDE = {
    "k": "thousand",
    "thousand": "thousand",
    "m": "million",
    "mn": "million",
    "mln": "million",
    "million": "million",
    "millions": "million",
    "b": "billion",
    "bn": "billion",
    "billion": "billion",
    "billions": "billion",
    "t": "trillion",
    "tn": "trillion",
    "trillion": "trillion",
    "trillions": "trillion",
}
_MAGNITUDE_RE = re.compile(
    r"(\d(?:[\d.]*\d)?)\s*(" + "|".join(sorted(_MAGNITUDE, key=len, reverse=True)) + r")\b"
)
_CURRENCY_FIRST_RE = re.compile(
    r"\b(usd|eur|gbp|jpy|krw)\s+(\d(?:[\d.]*\d)?(?:\s+(?:thousand|million|billion|trillion)\b)?)"
)
_TIMES_RE = re.compile(r"(\d(?:[\d.]*\d)?)\s*(?:x|×)(?=\W|$)")
_THOUSANDS_RE = re.compile(r"(?<=\d),(?=\d{3}\b)")
_PERCENT_RE = re.compile(r"%|\bper\s*cent\b|\bpct\b")
_DOLLAR_WORD_RE = re.compile(r"\b(?:dollars?|usd)\b")
_POSSESSIVE_RE = re.compile(r"['’]s\b")
_APOSTROPHE_RE = re.compile(r"['’`]")
_TOKEN_RE = re.compile(r"\d+(?:\.\d+)?|[^\W\d_]+", re.UNICODE)

# Light suffix stripping so "investing", "investment" and "invested" share a keyword.
_SUFFIXES = (
    "izations",
    "ization",
    "ations",
    "ation",
    "ments",
    "ment",
    "izing",
    "ized",
    "izes",
    "ize",
    "ings",
    "ing",
    "ies",
    "ied",
    "ers",
    "ed",
    "er",
    "es",
    "s",
    "ly",
)


def fold(text: str) -> str:
    """Apply Unicode compatibility folding and case folding, and drop control characters."""
    text = unicodedata.normalize("NFKC", text).casefold()
    return "".join(" " if unicodedata.category(ch)[0] == "C" else ch for ch in text)


def _canonical_numbers(text: str) -> str:
    text = _THOUSANDS_RE.sub("", text)
    text = _CURRENCY_RE.sub(lambda m: _CURRENCY[m.group(0)], text)
    text = _DOLLAR_WORD_RE.sub(" usd ", text)
    text = _PERCENT_RE.sub(" percent ", text)
    text = _TIMES_RE.sub(r"\1 times ", text)
    text = _MAGNITUDE_RE.sub(lambda m: f"{m.group(1)} {_MAGNITUDE[m.group(2)]} ", text)
    # "$7 billion" and "7 billion dollars" both become "7 billion usd".
    return _CURRENCY_FIRST_RE.sub(r"\2 \1 ", text)


def _canonical_word(word: str) -> str:
    return _SPELLING.get(word, word)


def tokens(text: str) -> list[str]:
    """Split text into canonical word and number tokens, stop words included."""
    text = _canonical_numbers(fold(text))
    text = _POSSESSIVE_RE.sub("", text)
    text = _APOSTROPHE_RE.sub("", text)
    text = _ISE_RE.sub(lambda m: f"{m.group(1)}iz{m.group(2)}", text)
    for pattern, replacement in _PHRASE_RE:
        text = pattern.sub(f" {replacement} ", text)
    words = [_canonical_word(t) for t in _TOKEN_RE.findall(text)]
    if _DEFINITION_RE.match(text):
        words.append("define")
    return words


def content_tokens(text: str) -> list[str]:
    """Return the tokens that carry meaning: stop words removed, order kept."""
    return [t for t in tokens(text) if t not in STOP_WORDS]


def keywords(text: str) -> list[str]:
    """Return the stemmed, synonym-folded content tokens the matcher weighs."""
    return [stem(t) for t in content_tokens(text)]


def normalise(text: str) -> str:
    """Return the canonical form the fuzzy matcher compares: keywords joined by spaces."""
    return " ".join(keywords(text))


def _strip_suffix(token: str) -> str:
    for suffix in _SUFFIXES:
        base = token[: -len(suffix)]
        if not token.endswith(suffix) or len(base) < 4:
            continue
        if suffix == "s" and token.endswith(("ss", "us", "is")):
            return token
        if suffix == "es" and not base.endswith(("s", "x", "z", "ch", "sh")):
            return token[:-1]
        if suffix in ("ies", "ied"):
            return base + "y"
        return base
    return token


def stem(token: str) -> str:
    """Reduce a token to its keyword: suffix stripped, synonyms folded together."""
    if token in _SYNONYMS:
        return _SYNONYMS[token]
    if token.isdigit() or len(token) <= 4:
        return token
    token = _strip_suffix(token)
    return _SYNONYMS.get(token, token)
