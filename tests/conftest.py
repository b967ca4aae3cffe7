"""Shared fixtures: the real pipeline once per session, blank pipelines for rule tests."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest
import spacy
from spacy.language import Language

from spacecoop.patterns import read_ruler_patterns
from spacecoop.pipeline import RULER_FILES, build_pipeline, tune_tokenizer
from spacecoop.records import build_records, doc_findings
from spacecoop.resources import default_patterns_dir
from spacecoop.schema import Article, Record

ROOT = Path(__file__).parent.parent
CORPUS = ROOT / "corpus"
SEED_ID = "000_259bfe3d813c518b"


@pytest.fixture(scope="session")
def patterns_dir() -> Path:
    return default_patterns_dir()


@pytest.fixture(scope="session")
def nlp() -> Language:
    """The full spacecoop pipeline on the real English model."""
    return build_pipeline()


@pytest.fixture(scope="session")
def blank_nlp(patterns_dir: Path) -> Language:
    """spacy.blank('en') with the gazetteer ruler and the entity filter: fast rule tests."""
    nlp = spacy.blank("en")
    tune_tokenizer(nlp)
    ruler = nlp.add_pipe("entity_ruler", config={"phrase_matcher_attr": "ORTH", "validate": False})
    patterns = []
    for name in RULER_FILES:
        patterns.extend(read_ruler_patterns(patterns_dir / name))
    ruler.add_patterns(patterns)  # type: ignore[attr-defined]
    nlp.add_pipe("spacecoop_entity_filter", config={"patterns_dir": str(patterns_dir)})
    return nlp


def _records_of(nlp: Language, disable: tuple[str, ...] = ()) -> Callable[..., list[Record]]:
    """A function running ``nlp`` (less the ``disable``d components) on a text: its records."""

    def run(text: str, published: str | None = "2024-11-22", article_id: str = "t") -> list[Record]:
        pub = dt.date.fromisoformat(published) if published else None
        article = Article(id=article_id, text=text, published=pub)
        with nlp.select_pipes(disable=list(disable)):
            doc = nlp(text)
        return build_records(doc_findings(doc), article)

    return run


@pytest.fixture(scope="session")
def extract(nlp: Language) -> Callable[..., list[Record]]:
    """Run the real pipeline on a text and return its records."""
    return _records_of(nlp)


@pytest.fixture(scope="session")
def extract_rules(nlp: Language) -> Callable[..., list[Record]]:
    """Like ``extract``, with the learned mission choice switched off: the rules' own records."""
    return _records_of(nlp, ("spacecoop_mission_choice",))


def ents(nlp: Language, text: str) -> list[tuple[str, str, str]]:
    """(text, label, id) of the gazetteer entities the pipeline keeps."""
    return [
        (e.text, e.label_, e.ent_id_) for e in nlp(text).ents if e.ent_id_ and e.label_ != "DATE"
    ]


def identities(records: list[Record]) -> set[tuple[frozenset[str], str | None]]:
    """(partner ids, mission id) of records, for compact assertions."""
    return {
        (frozenset(p.id for p in r.partners), r.mission.id if r.mission else None) for r in records
    }
