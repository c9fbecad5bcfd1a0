"""Shared fixtures: the project's real knowledge base and paths to test data."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from faqbot.config import load_settings
from faqbot.knowledge import KnowledgeBase, load_knowledge
from faqbot.matching import Matcher

ROOT = Path(__file__).resolve().parent.parent
FAQ_DIR = ROOT / "faq"
DATA_DIR = ROOT / "tests" / "data"
ARTICLE = DATA_DIR / "articles" / "asia-ai-battle-lines.txt"
# The curated knowledge of the second test article, served beside faq/'s in tests of
# several articles at once (tests/data/articles/southeast-asia-ev-batteries.txt).
MULTI_DIR = DATA_DIR / "faq-multi"
AI_ARTICLE, EV_ARTICLE = "asia-ai-battle-lines", "southeast-asia-ev-batteries"


@pytest.fixture(scope="session")
def kb() -> KnowledgeBase:
    """Load the shipped knowledge base once per run."""
    return load_knowledge(FAQ_DIR)


@pytest.fixture(scope="session")
def matcher(kb: KnowledgeBase) -> Matcher:
    """Build the matcher with the shipped (tuned) settings of bot/config.yaml."""
    settings = load_settings(ROOT / "bot" / "config.yaml", environ={})
    return Matcher(kb, settings.matching)


def two_articles_folder(folder: Path) -> Path:
    """Copy faq/ and the second test article's knowledge into one folder; return it."""
    folder.mkdir(parents=True, exist_ok=True)
    for file in (*FAQ_DIR.glob("*.yaml"), *MULTI_DIR.glob("*.yaml")):
        shutil.copy(file, folder / file.name)
    return folder


@pytest.fixture(scope="session")
def two_articles(tmp_path_factory: pytest.TempPathFactory) -> Matcher:
    """A matcher serving both test articles, with the shipped settings."""
    folder = two_articles_folder(tmp_path_factory.mktemp("faq-two"))
    settings = load_settings(ROOT / "bot" / "config.yaml", environ={})
    return Matcher(load_knowledge(folder), settings.matching)


@pytest.fixture
def faq(tmp_path: Path) -> Path:
    """A copy of faq/ to change (modules that need one for all their tests define their own)."""
    folder = tmp_path / "faq"
    folder.mkdir()
    for file in FAQ_DIR.glob("*.yaml"):
        shutil.copy2(file, folder)
    return folder
