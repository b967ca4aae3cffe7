"""The Dask engine: the same batch on a Dask cluster (``--engine dask``).

Articles are read and validated by the driver, cut into partitions of ``batch_size`` articles and
submitted as tasks; each worker process loads the pipeline once and runs ``nlp.pipe`` over its
partitions. Results are gathered in submission order, so outputs are byte-identical to the local
engine. At most ``4 * workers`` partitions are in flight, so memory stays flat on long inputs. A
worker that dies loses only its running tasks: the scheduler runs them again elsewhere.

Dask is an optional extra: ``pip install 'spacecoop[dask]'``.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from .batch import Processor, Result, in_order
from .schema import Article

_PROCESSORS: dict[tuple[Any, ...], Processor] = {}


class DaskMissingError(RuntimeError):
    """The optional Dask dependencies are not installed."""


def _require_dask() -> Any:
    try:
        import distributed
    except ImportError:
        raise DaskMissingError(
            "the Dask engine needs the optional extra: pip install 'spacecoop[dask]'"
        ) from None
    return distributed


def _work(articles: list[Article], config: tuple[Any, ...]) -> list[Result]:
    """Runs on a worker: one pipeline per worker process and configuration."""
    processor = _PROCESSORS.get(config)
    if processor is None:
        model, patterns_dir, batch_size, piece_chars = config
        processor = Processor(
            model, Path(patterns_dir) if patterns_dir else None, batch_size, piece_chars
        )
        _PROCESSORS[config] = processor
    return list(processor.process(articles))


@contextlib.contextmanager
def dask_client(scheduler: str | None, workers: int) -> Iterator[Any]:
    """A client for ``scheduler``, or for a ``LocalCluster`` on loopback started and stopped here."""
    distributed = _require_dask()
    if scheduler:
        client = distributed.Client(scheduler)
        try:
            yield client
        finally:
            client.close()
        return
    cluster = distributed.LocalCluster(
        n_workers=workers,
        threads_per_worker=1,
        processes=True,
        host="127.0.0.1",
        dashboard_address=None,
        memory_limit=0,
    )
    client = distributed.Client(cluster)
    try:
        yield client
    finally:
        client.close()
        cluster.close()


def process_dask(
    articles: Iterable[Article],
    client: Any,
    model: str | None = None,
    patterns_dir: Path | None = None,
    batch_size: int = 16,
    piece_chars: int = 100_000,
) -> Iterator[Result]:
    """Process articles on the cluster behind ``client``; results come back in input order."""
    config = (model, str(patterns_dir) if patterns_dir else None, batch_size, piece_chars)
    workers = max(1, len(client.scheduler_info().get("workers", {})))

    def submit(chunk: list[Article]) -> Any:
        return client.submit(_work, chunk, config, pure=False, retries=2)

    yield from in_order(articles, batch_size, 4 * workers, submit)
