"""The seed article end to end on the real model, against its gold records."""

from __future__ import annotations

import datetime as dt

import pytest
from spacy.language import Language

from spacecoop.evaluate import read_records
from spacecoop.records import build_records, doc_findings
from spacecoop.schema import Article, Record
from spacecoop.scoring import score_records

from .conftest import CORPUS, SEED_ID


@pytest.fixture(scope="module")
def seed_records(nlp: Language) -> tuple[Article, list[Record]]:
    text = (CORPUS / "articles" / f"{SEED_ID}.txt").read_text(encoding="utf-8")
    article = Article(id=SEED_ID, text=text, published=dt.date(2024, 11, 22))
    return article, build_records(doc_findings(nlp(text)), article)


def _find(records: list[Record], partners: set[str], mission: str | None) -> Record:
    for r in records:
        if {p.id for p in r.partners} == partners and (
            r.mission.id if r.mission else None
        ) == mission:
            return r
    raise AssertionError(f"no record {sorted(partners)} / {mission}")


def test_required_seed_records(seed_records: tuple[Article, list[Record]]) -> None:
    _, records = seed_records
    framework = _find(records, {"ESA", "JAXA"}, None)
    assert (framework.status, framework.date) == ("signed", "2024-11-20")
    for mission in (
        "RAMSES",
        "BepiColombo",
        "EarthCARE",
        "Athena",
        "M-MATISSE",
        "Plasma Observatory",
        "Moonlight",
    ):
        _find(records, {"ESA", "JAXA"}, mission)
    assert _find(records, {"ISRO", "JAXA"}, "LUPEX").status == "planned"
    # found through "the two agencies", with the gold statuses
    for mission in ("Athena", "M-MATISSE", "Plasma Observatory", "Moonlight"):
        record = _find(records, {"ESA", "JAXA"}, mission)
        assert "ref.two_agencies" in record.rules and record.status == "active"
    assert _find(records, {"ESA", "JAXA"}, "RAMSES").status == "proposed"
    mars = [
        e
        for e in framework.evidence
        if "Mars in the 2030s" in e.text or "lunar exploration" in e.text
    ]
    assert len(mars) == 2  # the Mars and lunar cooperation sentences join the framework record


def test_seed_evidence_offsets_and_partners(seed_records: tuple[Article, list[Record]]) -> None:
    article, records = seed_records
    allowed_kinds = {"agency", "intergovernmental", "company", "institution", "government"}
    for record in records:
        for ev in record.evidence:
            assert article.text[ev.start : ev.end] == ev.text
        for partner in record.partners:
            assert partner.kind in allowed_kinds
            # no person, no dateline country, no media outlet from the author bio
            assert partner.id not in {
                "DE",
                "FI",
                "CN",
                "SpaceNews",
                "National Geographic",
                "New Scientist",
            }
    assert not any("Andrew Jones" in ev.text for r in records for ev in r.evidence)


def test_seed_against_gold(seed_records: tuple[Article, list[Record]]) -> None:
    _, records = seed_records
    gold = [r for r in read_records(CORPUS / "gold" / "records.jsonl") if r.article_id == SEED_ID]
    scores = score_records(gold, records, {SEED_ID})
    print(
        f"\nseed: P={scores.strict.precision:.3f} R={scores.strict.recall:.3f} F1={scores.strict.fscore:.3f} "
        f"status={scores.status_accuracy:.3f} date={scores.date_accuracy:.3f}"
    )
    assert scores.strict.fscore >= 0.90
    assert scores.status_accuracy >= 0.90


def test_seed_entities_match_gold(nlp: Language) -> None:
    """Every agency, company and mission mention of the seed is recognised with the right id."""
    from spacecoop.evaluate import read_entities

    text = (CORPUS / "articles" / f"{SEED_ID}.txt").read_text(encoding="utf-8")
    gold = next(
        a for a in read_entities(CORPUS / "gold" / "entities.jsonl") if a.article_id == SEED_ID
    )
    labels = {"AGENCY", "COMPANY", "INSTITUTION", "MISSION"}
    want = {(e.start, e.end, e.label, e.id) for e in gold.entities if e.label in labels}
    got = {
        (e.start_char, e.end_char, e.label_, e.ent_id_)
        for e in nlp(text).ents
        if e.label_ in labels
    }
    assert got == want
    assert "Apophis" not in {text[s:e] for s, e, _, _ in got}
