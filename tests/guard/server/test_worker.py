"""The analysis worker: earliest deadline first, failures reported to the request by exception
type only, the worker going on after one."""

from __future__ import annotations

import pytest

from guard.detect.finding import Finding
from guard.detect.labels import Label
from guard.server.worker import AnalysisFailed, AnalysisWorker


def _recording_worker(order: list[str]) -> AnalysisWorker:
    def analyze(texts: list[str]) -> list[list[Finding]]:
        order.extend(texts)
        return [[Finding(0, len(t), Label.NOM, 0.9, "test")] for t in texts]

    return AnalysisWorker(analyze)


def test_earliest_deadline_first() -> None:
    order: list[str] = []
    worker = _recording_worker(order)
    late = worker.submit(10.0, ["tard"])
    early = worker.submit(1.0, ["tôt"])
    worker.start()
    try:
        assert early.result(timeout=10)[0][0].end == len("tôt")
        assert late.result(timeout=10)[0][0].end == len("tard")
    finally:
        worker.stop()
    assert order == ["tôt", "tard"]


def test_failures_carry_the_type_only_and_the_worker_goes_on() -> None:
    secret = "Mme Exemple Test 06 00 00 00 00"
    calls: list[int] = []

    def analyze(texts: list[str]) -> list[list[Finding]]:
        calls.append(len(texts))
        if len(calls) == 1:
            raise ValueError(secret)
        return [[] for _ in texts]

    worker = AnalysisWorker(analyze)
    worker.start()
    try:
        with pytest.raises(AnalysisFailed) as info:
            worker.submit(0.0, [secret]).result(timeout=10)
        assert str(info.value) == "ValueError" and secret not in repr(info.value)
        assert worker.submit(0.0, ["suite"]).result(timeout=10) == [[]]
    finally:
        worker.stop()


def test_a_stopped_worker_refuses_work() -> None:
    worker = _recording_worker([])
    worker.start()
    worker.stop()
    with pytest.raises(RuntimeError):
        worker.submit(0.0, ["x"])
