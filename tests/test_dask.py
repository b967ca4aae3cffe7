"""The Dask engine: a real LocalCluster on loopback, identical outputs, a worker killed mid-build."""

from __future__ import annotations

import os
import signal
import threading
import time
from pathlib import Path

import pytest

from spacecoop.build import build_outputs
from spacecoop.corpus import Corpus
from spacecoop.extract import Options

from .conftest import CORPUS

distributed = pytest.importorskip("distributed", reason="the optional Dask extra is not installed")

OUTPUTS = ("records.jsonl", "entities.jsonl", "errors.jsonl", "manifest.json")


def _read(out: Path) -> dict[str, bytes]:
    return {name: (out / name).read_bytes() for name in OUTPUTS}


@pytest.fixture(scope="module")
def local_outputs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    out = tmp_path_factory.mktemp("local")
    build_outputs(Corpus(CORPUS), out, Options(quiet=True, batch_size=8))
    return _read(out)


@pytest.fixture(scope="module")
def cluster() -> object:
    cluster = distributed.LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=True,
        host="127.0.0.1",
        dashboard_address=None,
        memory_limit=0,
    )
    yield cluster
    cluster.close()


def test_dask_engine_matches_local_engine(
    tmp_path: Path, local_outputs: dict[str, bytes], cluster: object
) -> None:
    out = tmp_path / "dask"
    options = Options(quiet=True, batch_size=8, engine="dask", scheduler=cluster.scheduler_address)  # type: ignore[attr-defined]
    build_outputs(Corpus(CORPUS), out, options)
    assert _read(out) == local_outputs


def test_dask_engine_survives_a_killed_worker(
    tmp_path: Path, local_outputs: dict[str, bytes], cluster: object
) -> None:
    client = distributed.Client(cluster)
    pids = client.run(os.getpid)
    victim = sorted(pids.values())[0]
    client.close()

    killed_at: list[float] = []

    def kill_soon() -> None:
        time.sleep(4.0)  # once the build is under way and the workers hold partitions
        os.kill(victim, signal.SIGKILL)
        killed_at.append(time.monotonic())

    killer = threading.Thread(target=kill_soon)
    killer.start()
    out = tmp_path / "dask-killed"
    options = Options(quiet=True, batch_size=4, engine="dask", scheduler=cluster.scheduler_address)  # type: ignore[attr-defined]
    build_outputs(Corpus(CORPUS), out, options)
    finished_at = time.monotonic()
    killer.join()
    assert killed_at and killed_at[0] < finished_at, "the build ended before the worker was killed"
    with distributed.Client(cluster) as check:
        assert victim not in check.run(os.getpid).values(), (
            "the worker was not killed during the build"
        )
    assert _read(out) == local_outputs
