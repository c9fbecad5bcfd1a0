"""Shared fixtures: the project's real knowledge base and paths to test data."""

from __future__ import annotations

from pathlib import Path

import pytest

from faqbot.config import load_settings
from faqbot.knowledge import KnowledgeBase, load_knowledge
from faqbot.matching import Matcher

ROOT = Path(__file__).resolve().parent.parent
FAQ_DIR = ROOT / "faq"
DATA_DIR = ROOT / "tests" / "data"
ARTICLE = DATA_DIR / "articles" / "asia-ai-battle-lines.txt"


@pytest.fixture(scope="session")
def kb() -> KnowledgeBase:
    """Load the shipped knowledge base once per run."""
    return load_knowledge(FAQ_DIR)


@pytest.fixture(scope="session")
def matcher(kb: KnowledgeBase) -> Matcher:
    """Build the matcher with the shipped (tuned) settings of bot/config.yaml."""
    settings = load_settings(ROOT / "bot" / "config.yaml", environ={})
    return Matcher(kb, settings.matching)
