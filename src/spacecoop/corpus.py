"""The development corpus: ``articles/*.txt`` plus ``metadata.jsonl`` (ids, dates, splits)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .io import read_metadata


@dataclass(frozen=True)
class Corpus:
    """Paths of a corpus folder laid out as spacecoop expects."""

    root: Path

    @property
    def articles(self) -> Path:
        return self.root / "articles"

    @property
    def metadata_path(self) -> Path:
        return self.root / "metadata.jsonl"

    @property
    def gold_records(self) -> Path:
        return self.root / "gold" / "records.jsonl"

    @property
    def gold_entities(self) -> Path:
        return self.root / "gold" / "entities.jsonl"

    def metadata(self) -> dict[str, dict[str, object]]:
        """Article metadata by id (empty when there is no metadata file)."""
        return read_metadata(self.metadata_path) if self.metadata_path.exists() else {}

    def splits(self) -> dict[str, set[str]]:
        """Article ids by split (``dev``, ``test``), from the metadata."""
        out: dict[str, set[str]] = {}
        for article_id, row in self.metadata().items():
            out.setdefault(str(row.get("split", "dev")), set()).add(article_id)
        return out
