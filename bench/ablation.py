"""Ablation: the relation step with and without the features that read like a journalist.

Usage:  .venv/bin/python bench/ablation.py [--split test]

Because the relation step is driven by ``patterns/relation_rules.json``, the "co-occurrence
version" is the same code with a rules file stripped of references ("the two agencies", "they"),
mission references ("the spacecraft"), the Artemis Accords frame, organisation hierarchy, local and hub cues,
the tense rule and the future-discussion rule. Both are evaluated on the corpus with the same model;
the table is computed from the gold files.
"""

from __future__ import annotations

import argparse
import json
import shutil
import tempfile
from pathlib import Path

from spacecoop.corpus import Corpus
from spacecoop.evaluate import evaluate, format_summary, read_entities, read_records
from spacecoop.extract import Options, run_extraction
from spacecoop.resources import default_patterns_dir

ROOT = Path(__file__).resolve().parent.parent


def cooccurrence_rules(source: Path, target: Path) -> None:
    """Copy the pattern folder with the journalist-reading features stripped from the rules."""
    shutil.copytree(source, target, ignore=shutil.ignore_patterns("__pycache__", "gazetteer"))
    path = target / "relation_rules.json"
    rules = json.loads(path.read_text(encoding="utf-8"))
    rules["references"] = []
    rules["mission_references"] = []
    rules["bilateral_frames"] = []
    rules["parent_orgs"] = {}
    rules["reporting_verbs"] = []
    rules["past_status"] = rules["default_status"]
    for cue in rules["cues"]:
        cue["local"] = False
        cue["weak"] = False
        cue["hub"] = False
    path.write_text(json.dumps(rules, indent=1), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--split", choices=["dev", "test"], default=None)
    args = parser.parse_args()
    corpus = Corpus(ROOT / "corpus")
    splits = corpus.splits()
    if args.split:
        splits = {args.split: splits[args.split]}
    gold = read_records(corpus.gold_records)
    gold_entities = read_entities(corpus.gold_entities)
    work = Path(tempfile.mkdtemp(prefix="spacecoop-ablation-"))
    stripped = work / "patterns"
    cooccurrence_rules(default_patterns_dir(), stripped)
    for label, patterns in (("co-occurrence rules", stripped), ("full rules", None)):
        out = work / label.replace(" ", "_")
        run_extraction(
            [str(corpus.articles)],
            out / "records.jsonl",
            out / "entities.jsonl",
            None,
            Options(patterns_dir=patterns, metadata=corpus.metadata(), quiet=True),
        )
        results = evaluate(
            gold,
            read_records(out / "records.jsonl"),
            dict(sorted(splits.items())),
            gold_entities,
            read_entities(out / "entities.jsonl"),
        )
        print(f"\n## {label}\n{format_summary(results)}")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
