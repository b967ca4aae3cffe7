"""Run the pipeline over many articles: batched ``nlp.pipe``, long texts in pieces, N processes.

Results come back in input order whatever the number of processes, so outputs are deterministic.
Each result carries the article's records and entities as finished JSON lines, which is what the
cache stores and the writers write.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from spacy.language import Language

from .pipeline import build_pipeline
from .records import build_records, doc_entities, doc_findings
from .schema import Article, ArticleEntities, Entity

#: Articles longer than this (characters) are processed in pieces split at paragraph breaks.
DEFAULT_PIECE_CHARS = 100_000


@dataclass
class Result:
    """What one article produced: records and entities as JSON lines, or an error reason."""

    article_id: str
    records: list[str] = field(default_factory=list)
    entities: str = ""
    error: str | None = None
    notes: list[str] = field(default_factory=list)


def split_pieces(text: str, limit: int) -> list[tuple[int, str]]:
    """Split ``text`` into pieces of at most ``limit`` characters, at paragraph breaks if possible.

    Returns ``(offset, piece)`` pairs whose concatenation is ``text``.
    """
    if len(text) <= limit:
        return [(0, text)]
    pieces: list[tuple[int, str]] = []
    start = 0
    while start < len(text):
        end = min(start + limit, len(text))
        if end < len(text):
            for sep in ("\n\n", "\n", ". ", " "):
                cut = text.rfind(sep, start + limit // 2, end)
                if cut != -1:
                    end = cut + len(sep)
                    break
        pieces.append((start, text[start:end]))
        start = end
    return pieces


class Processor:
    """Turns articles into :class:`Result` objects with one loaded pipeline."""

    def __init__(
        self,
        model: str | None = None,
        patterns_dir: Path | None = None,
        batch_size: int = 16,
        piece_chars: int = DEFAULT_PIECE_CHARS,
        nlp: Language | None = None,
    ) -> None:
        self.nlp = nlp or build_pipeline(model, patterns_dir)
        self.batch_size = batch_size
        self.piece_chars = piece_chars

    def process(self, articles: Iterable[Article]) -> Iterator[Result]:
        """Process articles in order, in batches through ``nlp.pipe``."""
        batch: list[Article] = []
        for article in articles:
            batch.append(article)
            if len(batch) >= self.batch_size:
                yield from self._batch(batch)
                batch = []
        if batch:
            yield from self._batch(batch)

    def _batch(self, articles: list[Article]) -> list[Result]:
        jobs: list[tuple[int, int, str]] = []  # (article index, offset, text)
        for i, article in enumerate(articles):
            for offset, piece in split_pieces(article.text, self.piece_chars):
                jobs.append((i, offset, piece))
        findings: list[list[dict[str, Any]]] = [[] for _ in articles]
        entities: list[list[Entity]] = [[] for _ in articles]
        notes: list[list[str]] = [[] for _ in articles]
        failed: dict[int, str] = {}
        try:
            docs = list(self.nlp.pipe(text for _, _, text in jobs))
        except Exception:  # isolate the failing article: retry one by one
            docs = []
            for i, _offset, text in jobs:
                try:
                    docs.append(self.nlp(text))
                except Exception as err:
                    failed.setdefault(i, f"pipeline error: {type(err).__name__}: {err}")
                    docs.append(self.nlp.make_doc(""))
        for (i, offset, _text), doc in zip(jobs, docs, strict=True):
            if i in failed:
                continue
            findings[i].extend(doc_findings(doc, offset))
            entities[i].extend(doc_entities(doc, offset))
        results = []
        for i, article in enumerate(articles):
            pieces = sum(1 for j, _, _ in jobs if j == i)
            if pieces > 1:
                notes[i].append(f"processed in {pieces} pieces ({len(article.text)} characters)")
            if i in failed:
                results.append(Result(article.id, error=failed[i]))
                continue
            try:
                records = build_records(findings[i], article)
            except ValueError as err:
                results.append(Result(article.id, error=f"invalid record: {err}"))
                continue
            line = ArticleEntities(article_id=article.id, entities=entities[i]).model_dump_json()
            results.append(
                Result(
                    article.id,
                    records=[r.model_dump_json() for r in records],
                    entities=line,
                    notes=notes[i],
                )
            )
        return results


# -- parallel ---------------------------------------------------------------------------------

_WORKER: Processor | None = None


def _init_worker(model: str | None, patterns_dir: str | None, batch_size: int, piece: int) -> None:
    global _WORKER
    _WORKER = Processor(model, Path(patterns_dir) if patterns_dir else None, batch_size, piece)


def _work(articles: list[Article]) -> list[Result]:
    assert _WORKER is not None, "worker not initialised"
    return list(_WORKER.process(articles))


def process_parallel(
    articles: Iterable[Article],
    jobs: int,
    model: str | None = None,
    patterns_dir: Path | None = None,
    batch_size: int = 16,
    piece_chars: int = DEFAULT_PIECE_CHARS,
) -> Iterator[Result]:
    """Process articles with ``jobs`` worker processes; results come back in input order.

    At most ``2 * jobs`` chunks are in flight, so memory does not grow with the input.
    """
    args = (model, str(patterns_dir) if patterns_dir else None, batch_size, piece_chars)
    with ProcessPoolExecutor(max_workers=jobs, initializer=_init_worker, initargs=args) as pool:
        yield from in_order(articles, batch_size, 2 * jobs, lambda chunk: pool.submit(_work, chunk))


def in_order(
    articles: Iterable[Article],
    batch_size: int,
    window: int,
    submit: Callable[[list[Article]], Any],
) -> Iterator[Result]:
    """Submit chunks of ``batch_size`` articles, at most ``window`` in flight, and yield their
    results in input order. ``submit`` returns a future (concurrent.futures or Dask)."""
    chunk: list[Article] = []
    pending: deque[Any] = deque()
    for article in articles:
        chunk.append(article)
        if len(chunk) >= batch_size:
            pending.append(submit(chunk))
            chunk = []
            while len(pending) >= window:
                yield from pending.popleft().result()
    if chunk:
        pending.append(submit(chunk))
    while pending:
        yield from pending.popleft().result()
