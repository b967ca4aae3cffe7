"""Build validated cooperation records from the relation step's plain findings (one place only)."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from typing import Any

from spacy.tokens import Doc

from .cooperation import EXTENSION
from .dates import resolve
from .gazetteer import norm_key
from .patterns import GAZ_LABELS
from .schema import (
    STATUS_ORDER,
    Article,
    Entity,
    Evidence,
    Mission,
    Partner,
    Record,
)

OUTPUT_LABELS = frozenset(GAZ_LABELS | {"DATE", "ORG"})


def record_id(article_id: str, partner_ids: Iterable[str], mission_id: str | None) -> str:
    """Deterministic id of a record identity (article, partner set, mission)."""
    key = "\x1f".join(
        [article_id, *sorted(p.casefold() for p in partner_ids), norm_key(mission_id or "")]
    )
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


def identity(
    article_id: str, partner_ids: Iterable[str], mission_id: str | None
) -> tuple[str, frozenset[str], str | None]:
    """The scoring identity of a record, normalised as the guideline says."""
    return (
        article_id,
        frozenset(p.casefold() for p in partner_ids),
        norm_key(mission_id) if mission_id else None,
    )


def doc_findings(doc: Doc, offset: int = 0) -> list[dict[str, Any]]:
    """The relation step's findings of ``doc``, with character offsets shifted by ``offset``."""
    findings: list[dict[str, Any]] = (doc._.get(EXTENSION) or {}).get("findings", [])
    if not offset:
        return findings
    shifted = []
    for f in findings:
        g = dict(f)
        g["start"] += offset
        g["end"] += offset
        if g["date_start"] is not None:
            g["date_start"] += offset
        shifted.append(g)
    return shifted


def doc_entities(doc: Doc, offset: int = 0) -> list[Entity]:
    """The doc's output entities, with character offsets shifted by ``offset``."""
    return [
        Entity(
            text=ent.text,
            label=ent.label_,
            start=ent.start_char + offset,
            end=ent.end_char + offset,
            id=(ent.ent_id_ or None) if ent.label_ in GAZ_LABELS else None,
        )
        for ent in doc.ents
        if ent.label_ in OUTPUT_LABELS
    ]


def build_records(findings: list[dict[str, Any]], article: Article) -> list[Record]:
    """Merge findings into one record per (partner set, mission), ordered by first evidence."""
    text = article.text
    grouped: dict[tuple[str, frozenset[str], str | None], list[dict[str, Any]]] = {}
    for finding in findings:
        mission = finding["mission"]
        key = identity(
            article.id, (p["id"] for p in finding["partners"]), mission and mission["id"]
        )
        grouped.setdefault(key, []).append(finding)
    records = []
    for group in grouped.values():
        first = group[0]
        best = min(group, key=lambda f: STATUS_ORDER.index(f["status"]))
        lead = min(group, key=lambda f: f["start"])
        if lead["status"] == "terminated":  # the news is the end of a contract or cooperation
            best = lead  # (docs/annotation.md: OrbitBeyond), whatever the background says
        date = _date_for(group, best, article)
        evidence: dict[tuple[int, int], Evidence] = {}
        for f in group:
            evidence.setdefault(
                (f["start"], f["end"]),
                Evidence(text=text[f["start"] : f["end"]], start=f["start"], end=f["end"]),
            )
        rules = sorted({r for f in group for r in f["rules"]})
        mission = first["mission"]
        records.append(
            Record(
                record_id=record_id(
                    article.id, (p["id"] for p in first["partners"]), mission and mission["id"]
                ),
                article_id=article.id,
                partners=[Partner(**p) for p in first["partners"]],
                mission=Mission(**mission) if mission else None,
                status=best["status"],
                date=date,
                evidence=sorted(evidence.values(), key=lambda e: e.start),
                rules=rules,
            )
        )
    records.sort(key=lambda r: (r.evidence[0].start, r.record_id))
    return records


def _date_for(group: list[dict[str, Any]], best: dict[str, Any], article: Article) -> str | None:
    ordered = [best] + [f for f in group if f is not best and f["status"] == best["status"]]
    for finding in ordered:
        if finding["date_text"]:
            value = resolve(finding["date_text"], article.published)
            if value:
                return value
    return None
