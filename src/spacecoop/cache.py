"""A results cache keyed by article content and pipeline fingerprint, in SQLite.

Adding 10 articles to 10,000 processes 10; changing a pattern or rule file changes the fingerprint
and so reprocesses everything. Each batch is committed as it finishes, so a run that is killed
resumes from what was done, and SQLite's journal keeps the file whole.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from pathlib import Path

from .batch import Result
from .schema import Article


def article_key(article: Article) -> str:
    """Content hash of everything about an article that can change its results."""
    return hashlib.sha256(article.model_dump_json().encode("utf-8")).hexdigest()


class Cache:
    """Results by (pipeline fingerprint, article content hash)."""

    def __init__(self, path: Path, fingerprint: str) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.fingerprint = fingerprint
        self._db = sqlite3.connect(path)
        self._db.execute(
            "CREATE TABLE IF NOT EXISTS results (fingerprint TEXT, key TEXT, payload TEXT,"
            " PRIMARY KEY (fingerprint, key))"
        )
        self._db.commit()
        self._dirty = 0

    def get(self, article: Article) -> Result | None:
        """The cached result for ``article`` under the current fingerprint, if any."""
        row = self._db.execute(
            "SELECT payload FROM results WHERE fingerprint = ? AND key = ?",
            (self.fingerprint, article_key(article)),
        ).fetchone()
        if row is None:
            return None
        data = json.loads(row[0])
        return Result(**data)

    def put(self, article: Article, result: Result) -> None:
        """Store a successful result; errors are not cached, so they are retried."""
        if result.error is not None:
            return
        payload = json.dumps(result.__dict__, sort_keys=True)
        self._db.execute(
            "INSERT OR REPLACE INTO results VALUES (?, ?, ?)",
            (self.fingerprint, article_key(article), payload),
        )
        self._dirty += 1
        if self._dirty >= 16:
            self.commit()

    def commit(self) -> None:
        """Make stored results durable."""
        self._db.commit()
        self._dirty = 0

    def close(self) -> None:
        """Commit and close."""
        self.commit()
        self._db.close()
