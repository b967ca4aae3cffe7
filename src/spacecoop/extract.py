"""Batch extraction: read inputs, process (cached, in parallel), write outputs atomically.

This is the pure function behind ``spacecoop extract`` and ``spacecoop build``.
"""

from __future__ import annotations

import contextlib
import hashlib
import sys
import time
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from spacy.about import __version__ as spacy_version

from .about import __version__
from .batch import DEFAULT_PIECE_CHARS, Processor, Result, process_parallel
from .cache import Cache
from .io import Item, atomic_writer, expand_inputs, iter_items
from .patterns import fingerprint as patterns_fingerprint
from .pipeline import resolve_model
from .resources import default_patterns_dir
from .schema import Article, ErrorLine


@dataclass
class Options:
    """How to run an extraction."""

    jobs: int = 1
    model: str | None = None
    patterns_dir: Path | None = None
    batch_size: int = 16
    piece_chars: int = DEFAULT_PIECE_CHARS
    cache_path: Path | None = None
    metadata: dict[str, dict[str, object]] | None = None
    progress: bool = False
    quiet: bool = False
    engine: str = "local"
    scheduler: str | None = None


@dataclass
class Summary:
    """What an extraction did."""

    articles: int = 0
    processed: int = 0
    cached: int = 0
    records: int = 0
    rejected: int = 0
    warnings: int = 0
    words: int = 0
    seconds: float = 0.0
    status_counts: dict[str, int] = field(default_factory=dict)
    partner_kind_counts: dict[str, int] = field(default_factory=dict)
    model: str = ""
    model_version: str = ""
    fingerprint: str = ""

    @property
    def exit_code(self) -> int:
        """0 when every article was processed, 1 when some were rejected."""
        return 1 if self.rejected else 0


def pipeline_fingerprint(model: str | None, patterns_dir: Path | None) -> tuple[str, str, str]:
    """(fingerprint, model name, model version) of the configured pipeline, without loading it."""
    name, version = resolve_model(model)
    directory = patterns_dir or default_patterns_dir()
    parts = [__version__, code_fingerprint(), spacy_version, name, version]
    parts.append(patterns_fingerprint(directory))
    digest = hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:16]
    return digest, name, version


def code_fingerprint() -> str:
    """A hash of spacecoop's own source: a code change must invalidate cached results too."""
    digest = hashlib.sha256()
    package = Path(__file__).parent
    for path in sorted(package.glob("*.py")):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


class _Ordered:
    """Emit results in input order while some are still being processed."""

    def __init__(self, emit: Callable[[Item, Result | None], None]) -> None:
        self.slots: deque[list[Any]] = deque()
        self.emit = emit

    def ready(self, item: Item, result: Result | None) -> None:
        self.slots.append([True, item, result])
        self.flush()

    def pending(self, item: Item) -> list[Any]:
        slot = [False, item, None]
        self.slots.append(slot)
        return slot

    def flush(self) -> None:
        while self.slots and self.slots[0][0]:
            _, item, result = self.slots.popleft()
            self.emit(item, result)


def run_extraction(
    inputs: list[str],
    records_out: str | Path,
    entities_out: str | Path | None,
    errors_out: str | Path | None,
    options: Options,
) -> Summary:
    """Extract records from ``inputs``; write records, entities and errors as JSON Lines.

    Outputs are written to temporary files and renamed when complete, so an interrupted run
    leaves earlier outputs intact. Returns counts; rejected articles are in the errors output
    (and on stderr unless ``quiet``).
    """
    started = time.perf_counter()
    fp, model_name, model_version = pipeline_fingerprint(options.model, options.patterns_dir)
    summary = Summary(model=model_name, model_version=model_version, fingerprint=fp)
    cache = Cache(options.cache_path, fp) if options.cache_path else None
    error_lines: list[ErrorLine] = []
    with (
        atomic_writer(records_out) as rec_handle,
        _maybe_writer(entities_out) as ent_handle,
    ):

        def emit(item: Item, result: Result | None) -> None:
            progress.advance()
            if item.error is not None or item.article is None:
                _report(item.error, error_lines, summary, options)
                return
            summary.articles += 1
            summary.words += len(item.article.text.split())
            for warning in item.warnings:
                _report(warning, error_lines, summary, options)
            assert result is not None
            if result.error is not None:
                error = ErrorLine(
                    level="error",
                    source=item.source,
                    line=item.line,
                    article_id=item.article.id,
                    reason=result.error,
                )
                _report(error, error_lines, summary, options)
                return
            for note in result.notes:
                warning = ErrorLine(
                    level="warning",
                    source=item.source,
                    line=item.line,
                    article_id=item.article.id,
                    reason=note,
                )
                _report(warning, error_lines, summary, options)
            for line in result.records:
                rec_handle.write(line + "\n")
                _count(line, summary)
            if ent_handle is not None:
                ent_handle.write(result.entities + "\n")

        ordered = _Ordered(emit)
        slots: deque[list[Any]] = deque()
        progress = _Progress(inputs, options.progress)

        def feed() -> Iterator[Article]:
            for item in iter_items(inputs, options.metadata):
                if item.article is None:
                    ordered.ready(item, None)
                    continue
                hit = cache.get(item.article) if cache else None
                if hit is not None:
                    summary.cached += 1
                    ordered.ready(item, hit)
                    continue
                slots.append(ordered.pending(item))
                yield item.article

        results: Iterator[Result]
        stack = contextlib.ExitStack()
        if options.engine == "dask":
            from .dask_engine import dask_client, process_dask

            client = stack.enter_context(dask_client(options.scheduler, options.jobs))
            results = process_dask(
                feed(),
                client,
                options.model,
                options.patterns_dir,
                options.batch_size,
                options.piece_chars,
            )
        elif options.jobs > 1:
            results = process_parallel(
                feed(),
                options.jobs,
                options.model,
                options.patterns_dir,
                options.batch_size,
                options.piece_chars,
            )
        else:
            results = _lazy_process(feed(), options)
        try:
            for result in results:
                slot = slots.popleft()
                slot[0], slot[2] = True, result
                summary.processed += 1
                if cache is not None:
                    cache.put(slot[1].article, result)
                ordered.flush()
            ordered.flush()
        finally:
            progress.close()
            stack.close()
            if cache is not None:
                cache.close()
    if errors_out is not None:
        with atomic_writer(errors_out) as err_handle:
            for error in error_lines:
                err_handle.write(error.model_dump_json() + "\n")
    summary.seconds = time.perf_counter() - started
    return summary


def _lazy_process(articles: Iterator[Article], options: Options) -> Iterator[Result]:
    """Load the pipeline only when the first article needs it (cached rebuilds never do)."""
    first = next(articles, None)
    if first is None:
        return

    def chain() -> Iterator[Article]:
        yield first
        yield from articles

    processor = Processor(
        options.model, options.patterns_dir, options.batch_size, options.piece_chars
    )
    yield from processor.process(chain())


def _maybe_writer(target: str | Path | None) -> Any:
    return atomic_writer(target) if target is not None else contextlib.nullcontext(None)


def _report(
    error: ErrorLine | None, sink: list[ErrorLine], summary: Summary, options: Options
) -> None:
    if error is None:
        return
    sink.append(error)
    if error.level == "error":
        summary.rejected += 1
    else:
        summary.warnings += 1
    if not options.quiet:
        where = error.source + (f":{error.line}" if error.line else "")
        ident = f" [{error.article_id}]" if error.article_id else ""
        print(f"{error.level}: {where}{ident}: {error.reason}", file=sys.stderr)


def _count(line: str, summary: Summary) -> None:
    import json

    data = json.loads(line)
    summary.records += 1
    status = data["status"]
    summary.status_counts[status] = summary.status_counts.get(status, 0) + 1
    for partner in data["partners"]:
        kind = partner["kind"]
        summary.partner_kind_counts[kind] = summary.partner_kind_counts.get(kind, 0) + 1


class _Progress:
    """A rich progress bar on a terminal (articles/s, ETA); silent otherwise."""

    def __init__(self, inputs: list[str], enabled: bool) -> None:
        self._bar: Any = None
        if not enabled or not sys.stderr.isatty():
            return
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            ProgressColumn,
            TextColumn,
            TimeRemainingColumn,
        )
        from rich.text import Text

        class RateColumn(ProgressColumn):
            """Articles per second; blank until rich has measured a speed."""

            def render(self, task: Any) -> Text:
                speed = task.finished_speed or task.speed
                return Text(f"{speed:6.1f} articles/s" if speed else "   ... articles/s")

        total = _count_inputs(inputs)
        self._bar = Progress(
            TextColumn("extracting"),
            BarColumn(),
            MofNCompleteColumn(),
            RateColumn(),
            TimeRemainingColumn(),
            transient=True,
        )
        self._bar.start()
        self._task = self._bar.add_task("extract", total=total)

    def advance(self) -> None:
        if self._bar is not None:
            self._bar.advance(self._task)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.stop()


def _count_inputs(inputs: list[str]) -> int | None:
    total = 0
    for name in expand_inputs(inputs):
        if name == "-":
            return None
        path = Path(name)
        if path.suffix == ".jsonl" and path.exists():
            with path.open("rb") as handle:
                total += sum(1 for line in handle if line.strip())
        else:
            total += 1
    return total
