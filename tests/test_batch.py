"""Batch processing: determinism across workers and runs, crash safety, bad input, long texts."""

from __future__ import annotations

import codecs
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from spacecoop.build import build_outputs
from spacecoop.corpus import Corpus
from spacecoop.extract import Options, run_extraction

from .conftest import CORPUS, SEED_ID

SEED_TEXT = (CORPUS / "articles" / f"{SEED_ID}.txt").read_text(encoding="utf-8")
GOOD = {
    "g1": "NASA and ESA signed an agreement on Tuesday to cooperate on the Gateway station.",
    "g2": "JAXA and ISRO will jointly develop the LUPEX lander, the two agencies said.",
    "g3": "The weather in Paris was mild on Monday.",
}


def _small_corpus(root: Path, n_extra: int = 0) -> Corpus:
    articles = root / "articles"
    articles.mkdir(parents=True)
    (articles / f"{SEED_ID}.txt").write_text(SEED_TEXT, encoding="utf-8")
    for key, text in GOOD.items():
        (articles / f"{key}.txt").write_text(text + "\n", encoding="utf-8")
    paragraphs = SEED_TEXT.split("\n\n")
    for i in range(n_extra):
        (articles / f"x{i:03d}.txt").write_text(
            "\n\n".join(paragraphs[i % 5 :] + paragraphs[: i % 5]), encoding="utf-8"
        )
    meta = [{"id": SEED_ID, "published": "2024-11-22"}]
    (root / "metadata.jsonl").write_text(
        "".join(json.dumps(m) + "\n" for m in meta), encoding="utf-8"
    )
    return Corpus(root)


def _outputs(out: Path) -> dict[str, bytes]:
    return {
        name: (out / name).read_bytes()
        for name in ("records.jsonl", "entities.jsonl", "errors.jsonl", "manifest.json")
    }


def test_jobs_1_and_2_give_identical_bytes(tmp_path: Path) -> None:
    corpus = _small_corpus(tmp_path / "c", n_extra=8)
    one = build_outputs(corpus, tmp_path / "o1", Options(jobs=1, batch_size=4, quiet=True))
    two = build_outputs(corpus, tmp_path / "o2", Options(jobs=2, batch_size=4, quiet=True))
    assert one.summary.records > 0 and two.summary.records == one.summary.records
    assert _outputs(tmp_path / "o1") == _outputs(tmp_path / "o2")


def test_consecutive_builds_are_identical_and_cached(tmp_path: Path) -> None:
    corpus = _small_corpus(tmp_path / "c")
    cache = tmp_path / "cache.sqlite"
    first = build_outputs(corpus, tmp_path / "o", Options(cache_path=cache, quiet=True))
    before = _outputs(tmp_path / "o")
    second = build_outputs(corpus, tmp_path / "o", Options(cache_path=cache, quiet=True))
    assert (first.summary.processed, second.summary.processed, second.summary.cached) == (4, 0, 4)
    assert _outputs(tmp_path / "o") == before
    (corpus.articles / "g4.txt").write_text(
        "CNES and ISRO signed a contract on Friday.", encoding="utf-8"
    )
    third = build_outputs(corpus, tmp_path / "o", Options(cache_path=cache, quiet=True))
    assert (third.summary.processed, third.summary.cached) == (1, 4)


def test_bad_inputs_mixed_with_good_ones(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for key, text in GOOD.items():
        (folder / f"{key}.txt").write_text(text, encoding="utf-8")
    (folder / "empty.txt").write_text("   \n", encoding="utf-8")
    (folder / "binary.txt").write_bytes(b"\x00\xff\x00\x10")
    (folder / "latin1.txt").write_bytes("Agência Espacial Brasileira".encode("latin-1"))
    (folder / "bom.txt").write_bytes(
        codecs.BOM_UTF8 + GOOD["g1"].replace("Tuesday", "Monday").encode()
    )
    (folder / "utf16.txt").write_bytes(GOOD["g2"].encode("utf-16"))
    (folder / "crlf.txt").write_bytes(
        b"NASA and JAXA signed a deal.\r\nIt was signed on Friday.\r\n"
    )
    (folder / "html.txt").write_text(
        "<html><body><p>NASA and <b>CNES</b> signed an agreement.</p></body></html>",
        encoding="utf-8",
    )
    (folder / "long.txt").write_text("\n\n".join([SEED_TEXT] * 3), encoding="utf-8")
    feed_lines = [
        json.dumps({"id": "j1", "text": GOOD["g1"]}),
        "{broken json",
        json.dumps({"id": "j2"}),
        json.dumps({"id": "j3", "text": ["not", "a", "string"]}),
        json.dumps({"id": "j4", "text": GOOD["g2"], "published": "yesterday"}),
        json.dumps({"id": "j1", "text": "duplicate id within the feed"}),
    ]
    (folder / "feed.jsonl").write_text("\n".join(feed_lines) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    summary = run_extraction(
        [str(folder)],
        out / "r.jsonl",
        out / "e.jsonl",
        out / "err.jsonl",
        Options(quiet=True, piece_chars=3000),
    )
    errors = [json.loads(x) for x in (out / "err.jsonl").read_text(encoding="utf-8").splitlines()]
    rejected = sorted((Path(e["source"]).name, e["line"]) for e in errors if e["level"] == "error")
    assert rejected == sorted(
        [
            ("binary.txt", None),
            ("empty.txt", None),
            ("latin1.txt", None),
            ("feed.jsonl", 2),
            ("feed.jsonl", 3),
            ("feed.jsonl", 4),
            ("feed.jsonl", 5),
            ("feed.jsonl", 6),
        ]
    )
    repaired = sorted(Path(e["source"]).name for e in errors if e["level"] == "warning")
    assert repaired == ["bom.txt", "crlf.txt", "html.txt", "long.txt", "utf16.txt"]
    assert summary.rejected == 8 and summary.exit_code == 1
    records = [json.loads(x) for x in (out / "r.jsonl").read_text(encoding="utf-8").splitlines()]
    by_article: dict[str, set[frozenset[str]]] = {}
    for r in records:
        by_article.setdefault(r["article_id"], set()).add(frozenset(p["id"] for p in r["partners"]))
    assert by_article["g1"] == by_article["j1"] == by_article["bom"] == {frozenset({"NASA", "ESA"})}
    assert by_article["g2"] == by_article["utf16"] == {frozenset({"JAXA", "ISRO"})}
    assert by_article["html"] == {frozenset({"NASA", "CNES"})}
    assert "g3" not in by_article
    entity_ids = [
        json.loads(x)["article_id"]
        for x in (out / "e.jsonl").read_text(encoding="utf-8").splitlines()
    ]
    assert len(entity_ids) == len(set(entity_ids)) == 9  # every accepted article, once
    long_text = (folder / "long.txt").read_text(encoding="utf-8")
    for r in records:
        if r["article_id"] == "long":
            for ev in r["evidence"]:
                assert long_text[ev["start"] : ev["end"]] == ev["text"]
    assert any(r["article_id"] == "long" and len(r["evidence"]) >= 3 for r in records)


def test_killed_build_keeps_old_outputs_and_resumes(tmp_path: Path) -> None:
    corpus = _small_corpus(tmp_path / "c", n_extra=60)
    out = tmp_path / "out"
    out.mkdir()
    (out / "records.jsonl").write_text("previous\n", encoding="utf-8")
    cache = tmp_path / "cache.sqlite"
    exe = str(Path(sys.executable).parent / "spacecoop")
    cmd = [
        exe,
        "build",
        "--corpus",
        str(corpus.root),
        "--out",
        str(out),
        "--cache",
        str(cache),
        "--no-evaluate",
    ]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 240
    done = 0
    while time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.2)
        if cache.exists():
            try:
                with sqlite3.connect(cache) as db:
                    done = db.execute("SELECT COUNT(*) FROM results").fetchone()[0]
            except sqlite3.OperationalError:
                continue
            if done >= 16:
                break
    if proc.poll() is not None:
        pytest.fail("the build finished before it could be killed; make the corpus larger")
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert (out / "records.jsonl").read_text(encoding="utf-8") == "previous\n"
    resumed = subprocess.run(cmd, capture_output=True, text=True, timeout=600, check=False)
    assert resumed.returncode == 0, resumed.stderr
    assert "from cache" in resumed.stdout
    assert [p.name for p in out.iterdir() if p.name.endswith(".tmp")] == []  # leftovers cleaned
    cached = int(resumed.stdout.split("(")[1].split(" from cache")[0])
    assert cached >= 16
    clean = tmp_path / "clean"
    build_outputs(corpus, clean, Options(quiet=True))
    assert (out / "records.jsonl").read_bytes() == (clean / "records.jsonl").read_bytes()
    assert (out / "entities.jsonl").read_bytes() == (clean / "entities.jsonl").read_bytes()


def test_fingerprint_covers_code_and_patterns(tmp_path: Path) -> None:
    import shutil

    from spacecoop.extract import code_fingerprint, pipeline_fingerprint
    from spacecoop.resources import default_patterns_dir

    base, _, _ = pipeline_fingerprint(None, None)
    copy = tmp_path / "patterns"
    shutil.copytree(default_patterns_dir(), copy, ignore=shutil.ignore_patterns("__pycache__"))
    assert pipeline_fingerprint(None, copy)[0] == base
    rules = copy / "relation_rules.json"
    rules.write_text(
        rules.read_text(encoding="utf-8").replace(
            '"default_status": "active"', '"default_status": "planned"'
        ),
        encoding="utf-8",
    )
    assert pipeline_fingerprint(None, copy)[0] != base
    assert len(code_fingerprint()) == 16
