"""Train the mission choice model (:mod:`spacecoop.mission_choice`) on a corpus split.

The relation rules run with the mission choice switched off; every candidate mission of every
partner set is labelled by whether the gold file has that record; a logistic regression
(scikit-learn, the ``train`` extra) is fitted to the candidates' features. Cross-validation by
article (the folds never split an article) prints how the choice scores on articles it was not
fitted to, beside the rules alone. Only the dev split is meant for training: the test split
stays unseen.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .corpus import Corpus
from .evaluate import read_records
from .io import atomic_writer
from .mission_choice import (
    CHOICE_PIPE,
    MODEL_FILE,
    MissionChoiceModel,
    featurise,
    kept_indices,
    rules_fingerprint,
    score,
)
from .pipeline import build_pipeline
from .records import doc_findings, identity
from .resources import default_patterns_dir
from .scoring import PRFScore, strict_identity

#: Words before a mission name that get a feature of their own ("to the ISS", "aboard Orion").
DEFAULT_CONTEXT_WORDS = [
    "to",
    "aboard",
    "on",
    "for",
    "of",
    "under",
    "with",
    "from",
    "in",
    "by",
    "and",
    "as",
    "the",
    "its",
    "their",
    "his",
    "her",
    "a",
    "an",
    "into",
    "onto",
    "at",
    "through",
    "via",
    "than",
    "after",
    "before",
    "since",
    "like",
    "including",
    "following",
]
DEFAULT_C = 0.3
DEFAULT_THRESHOLD = 0.35
FOLDS = 5
ROUND = 6


@dataclass(frozen=True)
class Row:
    """One candidate: its article, identity, features, whether gold has it, whether rules chose it."""

    article_id: str
    identity: tuple[str, frozenset[str], str | None]
    features: dict[str, float]
    label: int
    predicted: bool
    protected: bool = False


def collect(
    corpus: Corpus,
    split: str = "dev",
    model: str | None = None,
    patterns_dir: Path | None = None,
    words: Iterable[str] = DEFAULT_CONTEXT_WORDS,
    progress: Callable[[int], None] | None = None,
) -> tuple[list[Row], int]:
    """The split's candidates with labels, and the number of gold records in the split."""
    directory = patterns_dir or default_patterns_dir()
    ids = sorted(corpus.splits().get(split, set()))
    if not ids:
        raise ValueError(f"{corpus.metadata_path}: no articles in split {split!r}")
    wanted = set(ids)
    gold = {strict_identity(r) for r in read_records(corpus.gold_records) if r.article_id in wanted}
    word_set = frozenset(words)
    nlp = build_pipeline(model, directory)
    chooser = nlp.get_pipe(CHOICE_PIPE)
    texts = ((corpus.articles / f"{i}.txt").read_text(encoding="utf-8") for i in ids)
    rows: list[Row] = []
    with nlp.select_pipes(disable=[CHOICE_PIPE]):
        for article_id, doc in zip(ids, nlp.pipe(texts), strict=True):
            ctx = chooser.context(doc)  # type: ignore[attr-defined]
            for group in featurise(ctx, doc_findings(doc), word_set):
                for cand in group.candidates:
                    key = identity(
                        article_id, group.key, cand.mission["id"] if cand.mission else None
                    )
                    rows.append(
                        Row(
                            article_id,
                            key,
                            cand.features,
                            int(key in gold),
                            cand.predicted,
                            cand.protected,
                        )
                    )
            if progress is not None:
                progress(1)
    return rows, len(gold)


def _sklearn() -> Any:
    try:
        from sklearn.feature_extraction import DictVectorizer
        from sklearn.linear_model import LogisticRegression
        from sklearn.model_selection import GroupKFold
    except ImportError:
        raise RuntimeError("training needs scikit-learn: pip install 'spacecoop[train]'") from None
    return DictVectorizer, LogisticRegression, GroupKFold


def fit(rows: list[Row], c: float = DEFAULT_C) -> tuple[float, dict[str, float]]:
    """Bias and weights of an L2 logistic regression on the rows (rounded, deterministic)."""
    vectorizer_cls, logreg_cls, _ = _sklearn()
    vectorizer = vectorizer_cls(sort=True)
    x = vectorizer.fit_transform([r.features for r in rows])
    y = [r.label for r in rows]
    if len(set(y)) < 2:
        raise ValueError("training needs candidates both in and not in the gold file")
    clf = logreg_cls(C=c, max_iter=5000).fit(x, y)
    weights = {
        name: round(float(w), ROUND)
        for name, w in zip(vectorizer.feature_names_, clf.coef_[0], strict=True)
        if round(float(w), ROUND) != 0.0
    }
    return round(float(clf.intercept_[0]), ROUND), weights


def decide(
    rows: list[Row], probabilities: list[float], threshold: float, keep_best: bool = True
) -> set[tuple[str, frozenset[str], str | None]]:
    """The identities kept per partner set, by the rule :func:`spacecoop.mission_choice.choose`
    applies (:func:`~spacecoop.mission_choice.kept_indices`)."""
    by_set: dict[tuple[str, frozenset[str]], list[tuple[float, Row]]] = {}
    for row, p in zip(rows, probabilities, strict=True):
        by_set.setdefault(row.identity[:2], []).append((p, row))
    kept: set[tuple[str, frozenset[str], str | None]] = set()
    for scored in by_set.values():
        chosen = kept_indices([(p, r.protected) for p, r in scored], threshold, keep_best)
        kept.update(scored[i][1].identity for i in chosen)
    return kept


def prf(
    pred: set[tuple[str, frozenset[str], str | None]],
    rows: list[Row],
    gold_total: int,
) -> dict[str, float]:
    """Strict precision, recall and F1 of ``pred`` against the split's gold records."""
    tp = len(pred & {r.identity for r in rows if r.label})
    scores = PRFScore(tp, len(pred) - tp, gold_total - tp)
    return {k: v for k, v in scores.to_dict().items() if k in ("p", "r", "f")}


def cross_validate(
    rows: list[Row], gold_total: int, c: float, threshold: float
) -> dict[str, dict[str, float]]:
    """Rules alone and rules + choice, the choice fitted on 4/5 of the articles each time."""
    _, _, group_kfold = _sklearn()
    articles = [r.article_id for r in rows]
    probabilities = [0.0] * len(rows)
    for train_idx, test_idx in group_kfold(n_splits=FOLDS).split(rows, groups=articles):
        bias, weights = fit([rows[i] for i in train_idx], c)
        model = MissionChoiceModel(
            threshold=threshold, context_words=[], bias=bias, weights=weights
        )
        for i in test_idx:
            probabilities[i] = score(model, rows[i].features)
    rules_only = {r.identity for r in rows if r.predicted}
    return {
        "rules": prf(rules_only, rows, gold_total),
        "rules+choice": prf(decide(rows, probabilities, threshold), rows, gold_total),
    }


def train(
    corpus: Corpus,
    split: str = "dev",
    model: str | None = None,
    patterns_dir: Path | None = None,
    c: float = DEFAULT_C,
    threshold: float = DEFAULT_THRESHOLD,
    progress: Callable[[int], None] | None = None,
) -> MissionChoiceModel:
    """Collect the split's candidates, cross-validate, fit on all of them; return the model."""
    rows, gold_total = collect(corpus, split, model, patterns_dir, progress=progress)
    cv = cross_validate(rows, gold_total, c, threshold)
    bias, weights = fit(rows, c)
    return MissionChoiceModel(
        threshold=threshold,
        keep_best=True,
        context_words=list(DEFAULT_CONTEXT_WORDS),
        bias=bias,
        weights=dict(sorted(weights.items())),
        training={
            "split": split,
            "articles": len(corpus.splits().get(split, set())),
            "candidates": len(rows),
            "in_gold": sum(r.label for r in rows),
            "gold_records": gold_total,
            "c": c,
            "patterns_fingerprint": rules_fingerprint(patterns_dir or default_patterns_dir()),
            "cross_validation": {"folds": FOLDS, **cv},
        },
    )


def write_model(model: MissionChoiceModel, patterns_dir: Path | None = None) -> Path:
    """Write the model as ``mission_choice.json`` (sorted keys, newline at the end)."""
    path = (patterns_dir or default_patterns_dir()) / MODEL_FILE
    with atomic_writer(path) as handle:
        handle.write(json.dumps(model.model_dump(mode="json"), indent=1, sort_keys=True) + "\n")
    return path
