"""Record scoring: micro P/R/F1 by identity and the bootstrap intervals over articles."""

from __future__ import annotations

from spacecoop.records import record_id
from spacecoop.schema import Evidence, Mission, Partner, Record
from spacecoop.scoring import score_records, strict_identity


def _record(
    article: str, a: str, b: str, status: str = "signed", *more: str, mission: str | None = None
) -> Record:
    partners = sorted([a, b, *more], key=str.casefold)
    return Record(
        record_id=record_id(article, partners, mission),
        article_id=article,
        partners=[Partner(id=p, name=p, kind="agency") for p in partners],
        mission=Mission(id=mission, name=mission) if mission else None,
        status=status,
        date=None,
        evidence=[Evidence(text="x", start=0, end=1)],
    )


def test_per_article_counts() -> None:
    gold = [
        _record("a1", "ESA", "JAXA"),
        _record("a1", "ESA", "NASA"),
        _record("a2", "CNES", "ISRO"),
    ]
    pred = [
        _record("a1", "ESA", "JAXA", "active"),
        _record("a2", "CNES", "ISRO"),
        _record("a2", "CNES", "NASA"),
    ]
    scores = score_records(gold, pred, {"a1", "a2", "a3"})
    # (tp, fp, fn, matched with the right status)
    assert scores.per_article == {"a1": (1, 0, 1, 0), "a2": (1, 1, 0, 1), "a3": (0, 0, 0, 0)}
    assert (scores.strict.tp, scores.strict.fp, scores.strict.fn) == (2, 1, 1)


def test_bootstrap_interval_brackets_the_estimate_and_is_reproducible() -> None:
    gold, pred = [], []
    for i in range(40):  # half the articles perfect, half with one miss and one spurious record
        article = f"a{i:02d}"
        gold.append(_record(article, "ESA", "JAXA"))
        pred.append(_record(article, "ESA", "JAXA", "signed" if i % 3 else "active"))
        if i % 2:
            gold.append(_record(article, "ESA", "NASA"))
            pred.append(_record(article, "CNES", "ESA"))
    scores = score_records(gold, pred, {r.article_id for r in gold})
    ci = scores.intervals()
    low, high = ci["strict_f1"]
    assert low < scores.strict.fscore < high
    assert 0.0 < high - low < 0.3
    s_low, s_high = ci["status_accuracy"]
    assert s_low < scores.status_accuracy < s_high
    assert scores.intervals() == ci  # fixed seed: the same interval every time
    assert scores.to_dict()["ci95"]["strict_f1"] == [round(low, 4), round(high, 4)]


def test_perfect_extraction_has_a_point_interval() -> None:
    gold = [_record(f"a{i}", "ESA", "JAXA") for i in range(5)]
    scores = score_records(gold, gold, {f"a{i}" for i in range(5)})
    assert scores.intervals() == {"strict_f1": (1.0, 1.0), "status_accuracy": (1.0, 1.0)}
    assert score_records([], [], set()).intervals() == {}


def test_each_error_says_whether_the_mission_or_the_partners_are_wrong() -> None:
    gold = [
        _record("a1", "ESA", "JAXA", mission="Hera"),
        _record("a1", "ESA", "NASA", mission="DART"),
        _record("a1", "ESA", "NASA", mission="Hera"),
        _record("a1", "CNES", "ISRO"),
        _record("a1", "DLR", "NASA"),
    ]
    pred = [
        _record("a1", "ESA", "JAXA", mission="Ramses"),
        _record("a1", "ESA", "NASA", mission="DART"),
        _record("a1", "CNES", "ISRO", "signed", "NASA"),
        _record("a1", "ASI", "NASA"),
    ]
    scores = score_records(gold, pred, {"a1"})
    causes = {
        (kind, "+".join(sorted(key[1])), key[2]): c for (kind, key), c in scores.causes.items()
    }
    assert causes == {
        ("missed", "esa+jaxa", "hera"): "wrong mission: predicted Ramses",
        ("spurious", "esa+jaxa", "ramses"): "wrong mission: gold Hera",
        ("missed", "esa+nasa", "hera"): "mission missed, partners found",
        ("missed", "cnes+isro", None): "wrong partners: predicted CNES+ISRO+NASA",
        ("spurious", "cnes+isro+nasa", None): "wrong partners: gold CNES+ISRO",
        ("missed", "dlr+nasa", None): "partners not predicted together",
        ("spurious", "asi+nasa", None): "partners not together in gold",
    }
    assert set(scores.causes) == {("missed", strict_identity(r)) for r in scores.missed} | {
        ("spurious", strict_identity(r)) for r in scores.spurious
    }
