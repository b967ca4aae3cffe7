"""Evaluation of extracted records and entities against gold files, and its report.

``evaluate()`` returns plain data; ``format_report()`` turns it into the human-readable table.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .patterns import GAZ_LABELS, ORG_LABELS
from .schema import STATUS_ORDER, ArticleEntities, Record
from .scoring import RecordScores, score_entities, score_records, strict_identity

ENTITY_GROUPS = {"ORGS": set(ORG_LABELS), "ORGS+MISSION": set(GAZ_LABELS)}


def read_records(path: Path) -> list[Record]:
    """Records from a JSON Lines file, each validated; errors name the file and line."""
    return list(_read(path, Record.model_validate_json))


def read_entities(path: Path) -> list[ArticleEntities]:
    """Entity lines from a JSON Lines file, each validated."""
    return list(_read(path, ArticleEntities.model_validate_json))


def _read(path: Path, parse: Any) -> Iterator[Any]:
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                yield parse(line)
            except ValueError as err:
                raise ValueError(f"{path}:{number}: {err}") from None


@dataclass
class SplitResult:
    """Scores of one split."""

    name: str
    articles: int
    records: RecordScores
    entities: dict[str, Any]
    baseline: RecordScores | None


def evaluate(
    gold: list[Record],
    pred: list[Record],
    splits: dict[str, set[str]],
    gold_entities: list[ArticleEntities] | None = None,
    pred_entities: list[ArticleEntities] | None = None,
    baseline: list[Record] | None = None,
) -> list[SplitResult]:
    """Score ``pred`` (and the baseline) against ``gold`` on each split."""
    out = []
    for name, ids in splits.items():
        ents: dict[str, Any] = {}
        if gold_entities is not None and pred_entities is not None:
            ents = score_entities(gold_entities, pred_entities, ids, ENTITY_GROUPS)
        out.append(
            SplitResult(
                name=name,
                articles=len(ids),
                records=score_records(gold, pred, ids),
                entities=ents,
                baseline=score_records(gold, baseline, ids) if baseline is not None else None,
            )
        )
    return out


def to_json(results: list[SplitResult], detail: bool = True) -> dict[str, Any]:
    """Machine-readable form of the evaluation."""
    data: dict[str, Any] = {}
    for res in results:
        entry: dict[str, Any] = {"articles": res.articles, "records": res.records.to_dict()}
        entry["entities"] = {k: v.to_dict() for k, v in res.entities.items()}
        if res.baseline is not None:
            entry["baseline"] = {
                "strict": res.baseline.strict.to_dict(),
                "lenient": res.baseline.lenient.to_dict(),
                "status_accuracy": round(res.baseline.status_accuracy, 4),
            }
        if detail:
            entry["errors"] = _errors(res.records)
        data[res.name] = entry
    return data


def _describe(record: Record) -> str:
    partners = "+".join(p.id for p in record.partners)
    mission = record.mission.id if record.mission else "-"
    return f"{partners} / {mission}"


def _errors(scores: RecordScores) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for kind, records in (("missed", scores.missed), ("spurious", scores.spurious)):
        for r in records:
            rows.append(
                {
                    "article_id": r.article_id,
                    "kind": kind,
                    "record": _describe(r),
                    "status": r.status,
                    "cause": scores.causes.get((kind, strict_identity(r)), ""),
                    "sentence": r.evidence[0].text,
                }
            )
    for g, p in scores.wrong_status:
        rows.append(
            {
                "article_id": g.article_id,
                "kind": "wrong status",
                "record": _describe(g),
                "status": f"{p.status} (gold {g.status})",
                "sentence": p.evidence[0].text,
            }
        )
    for g, p in scores.wrong_date:
        rows.append(
            {
                "article_id": g.article_id,
                "kind": "wrong date",
                "record": _describe(g),
                "status": f"{p.date} (gold {g.date})",
                "sentence": p.evidence[0].text,
            }
        )
    rows.sort(key=lambda e: (e["article_id"], e["kind"], e["record"]))
    return rows


def _pct(value: float) -> str:
    return f"{100 * value:5.1f}"


def format_summary(results: list[SplitResult]) -> str:
    """The summary table: records, status, dates, entities and the baseline, per split."""
    lines = []
    header = f"{'split':<6} {'system':<22} {'P':>6} {'R':>6} {'F1':>6}   {'status':>6} {'date':>6}"
    lines.append(header)
    lines.append("-" * len(header))
    for res in results:
        r = res.records
        lines.append(
            f"{res.name:<6} {'spacecoop strict':<22} {_pct(r.strict.precision)} {_pct(r.strict.recall)} "
            f"{_pct(r.strict.fscore)}   {_pct(r.status_accuracy)} {_pct(r.date_accuracy)}"
        )
        lines.append(
            f"{'':<6} {'spacecoop lenient':<22} {_pct(r.lenient.precision)} {_pct(r.lenient.recall)} "
            f"{_pct(r.lenient.fscore)}"
        )
        if res.baseline is not None:
            b = res.baseline
            lines.append(
                f"{'':<6} {'baseline strict':<22} {_pct(b.strict.precision)} {_pct(b.strict.recall)} "
                f"{_pct(b.strict.fscore)}   {_pct(b.status_accuracy)} {_pct(b.date_accuracy)}"
            )
            lines.append(
                f"{'':<6} {'baseline lenient':<22} {_pct(b.lenient.precision)} {_pct(b.lenient.recall)} "
                f"{_pct(b.lenient.fscore)}"
            )
        if res.entities:
            shown = {k: v for k, v in res.entities.items() if v.tp + v.fn > 0}
            ents = "  ".join(
                f"{label} {_pct(score.fscore).strip()}" for label, score in sorted(shown.items())
            )
            lines.append(f"{'':<6} entity F1: {ents}")
        lines.append(
            f"{'':<6} {res.articles} articles, gold records matched {r.matched}, "
            f"articles without records: {len(r.silent_articles)}"
        )
        ci = r.intervals()
        if ci:
            f1, status = ci["strict_f1"], ci["status_accuracy"]
            lines.append(
                f"{'':<6} 95% interval, articles resampled: strict F1 "
                f"{_pct(f1[0]).strip()}-{_pct(f1[1]).strip()}, "
                f"status {_pct(status[0]).strip()}-{_pct(status[1]).strip()}"
            )
    return "\n".join(lines)


def format_report(results: list[SplitResult]) -> str:
    """Summary, status confusion matrices and every error with its sentence."""
    parts = [format_summary(results)]
    for res in results:
        r = res.records
        parts.append(f"\n== {res.name}: status confusion (rows gold, columns predicted)")
        parts.append(" " * 11 + " ".join(f"{s[:6]:>7}" for s in STATUS_ORDER))
        for g in STATUS_ORDER:
            parts.append(f"{g:<11}" + " ".join(f"{r.confusion[(g, p)]:>7}" for p in STATUS_ORDER))
        if r.silent_articles:
            parts.append(
                f"\n== {res.name}: articles without records: {', '.join(r.silent_articles)}"
            )
        errors = _errors(r)
        parts.append(f"\n== {res.name}: {len(errors)} errors")
        for kind in ("missed", "spurious"):
            causes = Counter(
                e["cause"].split(":")[0] for e in errors if e["kind"] == kind and e["cause"]
            )
            listed = "; ".join(f"{n} {cause}" for cause, n in causes.most_common())
            parts.append(f"   {kind}: {listed or 'none'}")
        current = None
        for e in errors:
            if e["article_id"] != current:
                current = e["article_id"]
                parts.append(f"\n{current}")
            sentence = e["sentence"].replace("\n", " ")
            if len(sentence) > 160:
                sentence = sentence[:157] + "..."
            cause = f"  ({e['cause']})" if e.get("cause") else ""
            parts.append(f"  {e['kind']:<13} {e['record']:<45} {e['status']}{cause}")
            parts.append(f"  {'':<13} “{sentence}”")
    return "\n".join(parts)


def lowest_f1(results: Iterable[SplitResult]) -> float:
    """The lowest strict record F1 over the splits, for ``--min-f1``."""
    return min((r.records.strict.fscore for r in results), default=0.0)
