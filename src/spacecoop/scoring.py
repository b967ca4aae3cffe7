"""Scoring in spaCy's dialect: precision, recall and F1 over sets of tuples, micro-averaged.

Record identity is ``(article_id, set of partner ids, mission id or None)`` as the annotation
guideline defines it (ids case-insensitive; mission ids also ignoring punctuation and spaces).
The lenient score ignores the mission. Status and date accuracy are computed over strict matches.
Their 95% intervals come from a percentile bootstrap over articles (records of one article are not
independent, so articles are what is resampled), with a fixed seed: the same inputs give the same
interval.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from .records import identity
from .schema import STATUS_ORDER, ArticleEntities, Record

Identity = tuple[str, frozenset[str], str | None]

BOOTSTRAP_SAMPLES = 1000
BOOTSTRAP_SEED = 0


@dataclass
class PRFScore:
    """True positives, false positives and false negatives, with P/R/F1 (like spaCy's PRFScore)."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def score_set(self, cand: set[Any], gold: set[Any]) -> None:
        """Add the counts of one comparison."""
        self.tp += len(cand & gold)
        self.fp += len(cand - gold)
        self.fn += len(gold - cand)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def fscore(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_dict(self) -> dict[str, float | int]:
        return {
            "p": round(self.precision, 4),
            "r": round(self.recall, 4),
            "f": round(self.fscore, 4),
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
        }


def strict_identity(record: Record) -> Identity:
    """The scoring identity of a record (see :func:`spacecoop.records.identity`)."""
    mission = record.mission.id if record.mission else None
    return identity(record.article_id, (p.id for p in record.partners), mission)


def lenient_identity(record: Record) -> tuple[str, frozenset[str]]:
    """Identity ignoring the mission."""
    return (record.article_id, frozenset(p.id.casefold() for p in record.partners))


@dataclass
class RecordScores:
    """Everything the record evaluation computes."""

    strict: PRFScore = field(default_factory=PRFScore)
    lenient: PRFScore = field(default_factory=PRFScore)
    status_correct: int = 0
    date_correct: int = 0
    matched: int = 0
    confusion: Counter[tuple[str, str]] = field(default_factory=Counter)
    missed: list[Record] = field(default_factory=list)
    spurious: list[Record] = field(default_factory=list)
    wrong_status: list[tuple[Record, Record]] = field(default_factory=list)
    wrong_date: list[tuple[Record, Record]] = field(default_factory=list)
    silent_articles: list[str] = field(default_factory=list)
    #: why each missed and spurious record is one, by ("missed" or "spurious", identity): see
    #: :func:`error_cause`
    causes: dict[tuple[str, Identity], str] = field(default_factory=dict)
    # per article: strict tp (the matched records), fp, fn, and matched with the right status
    per_article: dict[str, tuple[int, int, int, int]] = field(default_factory=dict)
    # intervals already computed, by (samples, seed, per_article): the report and the JSON ask
    _intervals: dict[Any, dict[str, tuple[float, float]]] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    @property
    def status_accuracy(self) -> float:
        return self.status_correct / self.matched if self.matched else 0.0

    @property
    def date_accuracy(self) -> float:
        return self.date_correct / self.matched if self.matched else 0.0

    def intervals(
        self, samples: int = BOOTSTRAP_SAMPLES, seed: int = BOOTSTRAP_SEED
    ) -> dict[str, tuple[float, float]]:
        """95% percentile-bootstrap intervals of strict F1 and status accuracy, resampling
        articles with replacement ``samples`` times (empty when there are no articles)."""
        rows = [self.per_article[a] for a in sorted(self.per_article)]
        if not rows:
            return {}
        key = (samples, seed, tuple(rows))
        if key not in self._intervals:
            self._intervals[key] = self._bootstrap(rows, samples, seed)
        return self._intervals[key]

    @staticmethod
    def _bootstrap(
        rows: list[tuple[int, int, int, int]], samples: int, seed: int
    ) -> dict[str, tuple[float, float]]:
        rng = random.Random(seed)
        f1s: list[float] = []
        statuses: list[float] = []
        for _ in range(samples):
            tp = fp = fn = correct = 0
            for row in rng.choices(rows, k=len(rows)):
                tp, fp, fn, correct = tp + row[0], fp + row[1], fn + row[2], correct + row[3]
            f1s.append(PRFScore(tp, fp, fn).fscore)
            statuses.append(correct / tp if tp else 0.0)
        return {"strict_f1": _percentiles(f1s), "status_accuracy": _percentiles(statuses)}

    def to_dict(self) -> dict[str, Any]:
        return {
            "strict": self.strict.to_dict(),
            "lenient": self.lenient.to_dict(),
            "ci95": {k: [round(lo, 4), round(hi, 4)] for k, (lo, hi) in self.intervals().items()},
            "matched": self.matched,
            "status_accuracy": round(self.status_accuracy, 4),
            "date_accuracy": round(self.date_accuracy, 4),
            "status_confusion": {
                gold: {pred: self.confusion[(gold, pred)] for pred in STATUS_ORDER}
                for gold in STATUS_ORDER
            },
            "articles_without_records": self.silent_articles,
        }


def _percentiles(values: list[float]) -> tuple[float, float]:
    """The 2.5th and 97.5th percentiles (nearest rank) of ``values``."""
    ordered = sorted(values)
    last = len(ordered) - 1
    return ordered[round(0.025 * last)], ordered[round(0.975 * last)]


def score_records(
    gold: Iterable[Record], pred: Iterable[Record], article_ids: set[str]
) -> RecordScores:
    """Compare predicted with gold records on the articles in ``article_ids``."""
    gold_list = [r for r in gold if r.article_id in article_ids]
    pred_list = [r for r in pred if r.article_id in article_ids]
    scores = RecordScores()
    gold_by_id = {strict_identity(r): r for r in gold_list}
    pred_by_id = {strict_identity(r): r for r in pred_list}
    scores.strict.score_set(set(pred_by_id), set(gold_by_id))
    scores.lenient.score_set(
        {lenient_identity(r) for r in pred_list}, {lenient_identity(r) for r in gold_list}
    )
    counts = {a: [0, 0, 0, 0] for a in article_ids}  # tp, fp, fn, right status
    for key, g in gold_by_id.items():
        p = pred_by_id.get(key)
        if p is None:
            scores.missed.append(g)
            counts[g.article_id][2] += 1
            continue
        scores.matched += 1
        counts[g.article_id][0] += 1
        scores.confusion[(g.status, p.status)] += 1
        if g.status == p.status:
            scores.status_correct += 1
            counts[g.article_id][3] += 1
        else:
            scores.wrong_status.append((g, p))
        if g.date == p.date:
            scores.date_correct += 1
        else:
            scores.wrong_date.append((g, p))
    scores.spurious = [p for key, p in pred_by_id.items() if key not in gold_by_id]
    for p in scores.spurious:
        counts[p.article_id][1] += 1
    unmatched = {
        "missed": {strict_identity(r) for r in scores.spurious},
        "spurious": {strict_identity(r) for r in scores.missed},
    }
    for kind, records, others, side in (
        ("missed", scores.missed, pred_list, "predicted"),
        ("spurious", scores.spurious, gold_list, "gold"),
    ):
        by_article: dict[str, list[Record]] = {}
        for r in others:
            by_article.setdefault(r.article_id, []).append(r)
        for r in records:
            cause = error_cause(r, by_article.get(r.article_id, []), unmatched[kind], side)
            scores.causes[(kind, strict_identity(r))] = cause
    with_records = {r.article_id for r in pred_list}
    scores.silent_articles = sorted(article_ids - with_records)
    scores.per_article = {a: (c[0], c[1], c[2], c[3]) for a, c in counts.items()}
    return scores


def _names(records: Iterable[Record]) -> str:
    return ", ".join(sorted({"+".join(p.id for p in r.partners) for r in records}))


def error_cause(record: Record, others: list[Record], unmatched: set[Identity], side: str) -> str:
    """Why ``record`` (missed, or spurious) has no match, read off the other side's records of
    its article (``side`` names that side, "predicted" or "gold"; ``unmatched`` holds the
    identities of its records that have no match either):

    - "wrong mission: predicted Artemis" — the same partners with a mission that is an error
      too;
    - "mission missed, partners found" (or "extra mission, partners right") — the same
      partners only with missions that match;
    - "wrong partners: predicted ESA+JAXA+NASA" — an overlapping partner set (two partners in
      common, or one set inside the other);
    - "partners not predicted together" (or "... not together in gold") — none of these.
    """
    partners = lenient_identity(record)[1]
    same = [r for r in others if lenient_identity(r)[1] == partners]
    wrong = [r for r in same if strict_identity(r) in unmatched]
    if wrong:
        missions = sorted({r.mission.id if r.mission else "none" for r in wrong})
        return f"wrong mission: {side} {', '.join(missions)}"
    if same:
        return (
            "mission missed, partners found"
            if side == "predicted"
            else "extra mission, partners right"
        )
    overlapping = [
        r
        for r in others
        if len(lenient_identity(r)[1] & partners) >= 2
        or lenient_identity(r)[1] < partners
        or lenient_identity(r)[1] > partners
    ]
    if overlapping:
        return f"wrong partners: {side} {_names(overlapping)}"
    return (
        "partners not predicted together"
        if side == "predicted"
        else "partners not together in gold"
    )


def score_entities(
    gold: Iterable[ArticleEntities],
    pred: Iterable[ArticleEntities],
    article_ids: set[str],
    groups: dict[str, set[str]],
) -> dict[str, PRFScore]:
    """Exact-span P/R/F1 per label, plus per named group of labels (e.g. organisations)."""

    def spans(items: Iterable[ArticleEntities]) -> set[tuple[str, int, int, str]]:
        return {
            (a.article_id, e.start, e.end, e.label)
            for a in items
            if a.article_id in article_ids
            for e in a.entities
        }

    gold_spans, pred_spans = spans(gold), spans(pred)
    labels = sorted({s[3] for s in gold_spans} | {s[3] for s in pred_spans})
    out: dict[str, PRFScore] = {}
    for label in labels:
        score = PRFScore()
        score.score_set(
            {s for s in pred_spans if s[3] == label}, {s for s in gold_spans if s[3] == label}
        )
        out[label] = score
    for name, members in groups.items():
        score = PRFScore()
        score.score_set(
            {s for s in pred_spans if s[3] in members}, {s for s in gold_spans if s[3] in members}
        )
        out[name] = score
    return out
