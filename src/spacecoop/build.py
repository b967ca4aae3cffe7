"""Regenerate ``outputs/`` from ``corpus/``: records, entities, errors, manifest, evaluation."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from spacy.about import __version__ as spacy_version

from .about import __version__
from .corpus import Corpus
from .extract import Options, Summary, run_extraction
from .io import atomic_writer

OUTPUT_FILES = ("records.jsonl", "entities.jsonl", "errors.jsonl")


@dataclass
class BuildResult:
    """What a build wrote."""

    summary: Summary
    manifest: dict[str, Any]
    out_dir: Path


def build_outputs(corpus: Corpus, out_dir: Path, options: Options) -> BuildResult:
    """Extract every corpus article into ``out_dir`` and write ``manifest.json``.

    The manifest holds counts, the code and model versions, the pipeline fingerprint and a hash of
    each output; it has no timestamps, so the same inputs give byte-identical outputs.
    """
    if options.metadata is None:
        options.metadata = corpus.metadata()
    for name in (*OUTPUT_FILES, "manifest.json", "evaluation.json"):
        for leftover in out_dir.glob(f".{name}.*.tmp"):  # from a run that was killed
            leftover.unlink()
    summary = run_extraction(
        [str(corpus.articles)],
        out_dir / "records.jsonl",
        out_dir / "entities.jsonl",
        out_dir / "errors.jsonl",
        options,
    )
    manifest = {
        "spacecoop_version": __version__,
        "spacy_version": spacy_version,
        "model": {"name": summary.model, "version": summary.model_version},
        "pipeline_fingerprint": summary.fingerprint,
        "articles": summary.articles,
        "rejected": summary.rejected,
        "warnings": summary.warnings,
        "records": summary.records,
        "records_by_status": dict(sorted(summary.status_counts.items())),
        "partners_by_kind": dict(sorted(summary.partner_kind_counts.items())),
        "outputs": {name: _sha256(out_dir / name) for name in OUTPUT_FILES},
    }
    with atomic_writer(out_dir / "manifest.json") as handle:
        handle.write(json.dumps(manifest, indent=2, sort_keys=True) + "\n")
    return BuildResult(summary, manifest, out_dir)


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()
