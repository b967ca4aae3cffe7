"""spacecoop benchmark: throughput and memory against bare spaCy, all in one run.

Usage:  .venv/bin/python bench/bench.py [--articles 2000] [--scaling] [--dask]

Generates a corpus (paragraphs of the development corpus recombined with a fixed seed), then
runs each configuration in its own subprocess so that peak RSS is per configuration:

* bare ``nlp.pipe`` of the stock English model with all its default components;
* ``spacecoop extract --jobs 1`` and ``--jobs 2``;
* ``spacecoop build`` from scratch, then unchanged (warm cache) and with 10 new articles;
* optionally ``--engine dask`` with 2 workers, and peak RSS at 1,000 vs 10,000 articles.

It also times the entity ruler's start-up and its share of the pipeline per article.
Prints one table; nothing is asserted (speed is measured here, never in unit tests).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def make_corpus(
    folder: Path, n: int, seed: int = 7, words_per_article: int | None = None
) -> tuple[int, int]:
    """Write ``n`` articles as .txt files recombined from the corpus; return (articles, words)."""
    paragraphs = []
    for path in sorted((ROOT / "corpus" / "articles").glob("*.txt")):
        paragraphs.extend(
            p.strip() for p in path.read_text(encoding="utf-8").split("\n\n") if len(p.split()) > 12
        )
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    total = 0
    for i in range(n):
        body: list[str] = []
        target = words_per_article or rng.randint(250, 700)
        while sum(len(p.split()) for p in body) < target:
            body.append(rng.choice(paragraphs))
        text = "\n\n".join(body) + "\n"
        total += len(text.split())
        (folder / f"a{i:06d}.txt").write_text(text, encoding="utf-8")
    return n, total


def run(cmd: list[str], env: dict[str, str] | None = None) -> tuple[float, float]:
    """Run a command in a fresh process; return (seconds, peak RSS in MB of its process tree)."""
    code = (
        "import resource, subprocess, sys, time, json;"
        "t=time.perf_counter(); r=subprocess.run(sys.argv[1:]);"
        "dt=time.perf_counter()-t;"
        "print(json.dumps([r.returncode, dt, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss]))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, *cmd], capture_output=True, text=True, env=env, check=False
    )
    rc, seconds, rss_kb = json.loads(out.stdout.strip().splitlines()[-1])
    if rc != 0:
        raise SystemExit(f"benchmark command failed ({rc}): {' '.join(cmd)}\n{out.stderr[-2000:]}")
    return seconds, rss_kb / 1024


BARE = """
import sys, glob, spacy
name = sys.argv[1]
texts = (open(p, encoding="utf-8").read() for p in sorted(glob.glob(sys.argv[2] + "/*.txt")))
nlp = spacy.load(name)
for _ in nlp.pipe(texts, batch_size=16):
    pass
"""


def ruler_overhead(folder: Path, n: int = 200) -> tuple[float, float]:
    """(ruler start-up seconds, ruler share of pipeline time per article) in this process."""
    import spacy

    from spacecoop.patterns import read_ruler_patterns
    from spacecoop.pipeline import RULER_FILES, build_pipeline
    from spacecoop.resources import default_patterns_dir

    directory = default_patterns_dir()
    blank = spacy.blank("en")
    start = time.perf_counter()
    ruler = blank.add_pipe(
        "entity_ruler", config={"phrase_matcher_attr": "ORTH", "validate": False}
    )
    patterns = [p for name in RULER_FILES for p in read_ruler_patterns(directory / name)]
    ruler.add_patterns(patterns)  # type: ignore[attr-defined]
    startup = time.perf_counter() - start
    nlp = build_pipeline()
    texts = [p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))[:n]]
    docs = [nlp.make_doc(t) for t in texts]
    times: dict[str, float] = {}
    for name, proc in nlp.pipeline:
        t = time.perf_counter()
        docs = (
            list(proc.pipe(docs, batch_size=16))
            if hasattr(proc, "pipe")
            else [proc(d) for d in docs]
        )
        times[name] = time.perf_counter() - t
    return startup, times["spacecoop_ruler"] / sum(times.values())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument(
        "--scaling", action="store_true", help="also peak RSS at 1,000 vs 10,000 articles"
    )
    parser.add_argument("--dask", action="store_true", help="also the Dask engine with 2 workers")
    parser.add_argument("--keep", type=Path, help="keep the generated data in this folder")
    args = parser.parse_args()

    from spacecoop.pipeline import resolve_model

    model, version = resolve_model()
    work = args.keep or Path(tempfile.mkdtemp(prefix="spacecoop-bench-"))
    corpus = work / "corpus"
    n, words = make_corpus(corpus / "articles", args.articles)
    print(
        f"corpus: {n} articles, {words:,} words; model {model} {version}; {os.cpu_count()} cores",
        flush=True,
    )
    exe = str(BIN / "spacecoop")
    rows: list[tuple[str, int, int, float, float]] = []

    def row(
        label: str, cmd: list[str], articles: int = n, count_words: int = words
    ) -> tuple[float, float]:
        seconds, rss = run(cmd)
        rows.append((label, articles, count_words, seconds, rss))
        print(f"  {label}: {seconds:.1f}s", flush=True)
        return seconds, rss

    row(
        f"bare nlp.pipe ({model}, all components)",
        [sys.executable, "-c", BARE, model, str(corpus / "articles")],
    )
    row(
        "spacecoop extract --jobs 1",
        [exe, "extract", str(corpus / "articles"), "-o", str(work / "j1.jsonl"), "--force", "-q"],
    )
    row(
        "spacecoop extract --jobs 2",
        [
            exe,
            "extract",
            str(corpus / "articles"),
            "-o",
            str(work / "j2.jsonl"),
            "--force",
            "-q",
            "--jobs",
            "2",
        ],
    )
    if args.dask:
        row(
            "spacecoop extract --engine dask (2 workers)",
            [
                exe,
                "extract",
                str(corpus / "articles"),
                "-o",
                str(work / "dk.jsonl"),
                "--force",
                "-q",
                "--engine",
                "dask",
                "--workers",
                "2",
            ],
        )
    out = work / "outputs"
    cache = work / "cache.sqlite"
    build = [
        exe,
        "build",
        "--corpus",
        str(corpus),
        "--out",
        str(out),
        "--cache",
        str(cache),
        "--no-evaluate",
        "--jobs",
        "2",
    ]
    full, _ = row("spacecoop build --jobs 2 (cold cache)", build)
    warm, _ = row("spacecoop build, unchanged (warm cache)", build)
    make_corpus(work / "extra", 10, seed=99)
    for p in (work / "extra").glob("*.txt"):
        shutil.copy(p, corpus / "articles" / f"new_{p.name}")
    row("spacecoop build, 10 new articles", build, articles=10, count_words=0)
    identical = (work / "j1.jsonl").read_bytes() == (work / "j2.jsonl").read_bytes()

    scaling = None
    if args.scaling:
        small, big = work / "s1k", work / "s10k"
        make_corpus(small, 1000, seed=3, words_per_article=120)
        make_corpus(big, 10000, seed=3, words_per_article=120)
        _, rss_small = run(
            [exe, "extract", str(small), "-o", str(work / "s1k.jsonl"), "--force", "-q"]
        )
        _, rss_big = run(
            [exe, "extract", str(big), "-o", str(work / "s10k.jsonl"), "--force", "-q"]
        )
        scaling = (rss_small, rss_big)
    startup, share = ruler_overhead(corpus / "articles")

    print()
    print(
        f"{'configuration':<46} {'articles':>8} {'seconds':>8} {'words/s':>9} {'articles/s':>10} {'peak RSS MB':>11}"
    )
    for label, arts, wc, seconds, rss in rows:
        wps = f"{wc / seconds:9,.0f}" if wc else f"{'-':>9}"
        print(f"{label:<46} {arts:>8} {seconds:>8.1f} {wps} {arts / seconds:>10.1f} {rss:>11.0f}")
    bare_wps = rows[0][2] / rows[0][3]
    j1 = rows[1][2] / rows[1][3]
    j2 = rows[2][2] / rows[2][3]
    print()
    print(f"extract --jobs 1 vs bare spaCy:       {j1 / bare_wps:5.2f}x words/s")
    print(f"extract --jobs 2 vs --jobs 1:         {j2 / j1:5.2f}x words/s")
    if args.dask:
        dk = rows[3][2] / rows[3][3]
        print(
            f"dask (2 workers) vs --jobs 2:         {dk / j2:5.2f}x words/s ({100 * (j2 / dk - 1):+.0f}% time)"
        )
    print(f"unchanged rebuild vs full build:      {full / warm:5.1f}x faster")
    print(f"--jobs 1 and --jobs 2 outputs identical: {identical}")
    print(
        f"entity ruler start-up (full gazetteer): {startup:.2f}s; share of pipeline time: {100 * share:.1f}%"
    )
    if scaling:
        print(
            f"peak RSS, 1,000 vs 10,000 articles:   {scaling[0]:.0f} MB vs {scaling[1]:.0f} MB "
            f"({100 * (scaling[1] / scaling[0] - 1):+.1f}%)"
        )
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
