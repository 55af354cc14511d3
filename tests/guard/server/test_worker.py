"""The analysis worker: earliest deadline first, a warm-up call ahead of the queue, failures
reported to the request by exception type only."""

from __future__ import annotations

import threading

import pytest

from guard.detect.finding import Finding
from guard.detect.labels import Label
from guard.server.worker import AnalysisFailed, AnalysisWorker


def _recording_worker(order: list[str]) -> AnalysisWorker:
    def analyze(texts: list[str]) -> list[list[Finding]]:
        order.extend(texts)
        return [[Finding(0, len(t), Label.NOM, 0.9, "test")] for t in texts]

    return AnalysisWorker(analyze)


def test_earliest_deadline_first_and_warm_up_before_everything() -> None:
    order: list[str] = []
    worker = _recording_worker(order)
    late = worker.submit(10.0, ["tard"])
    early = worker.submit(1.0, ["tôt"])
    warm = worker.submit_first(lambda: order.append("préchauffage") or "prêt")
    worker.start()
    try:
        assert warm.result(timeout=10) == "prêt"
        assert early.result(timeout=10)[0][0].end == len("tôt")
        assert late.result(timeout=10)[0][0].end == len("tard")
    finally:
        worker.stop()
    assert order == ["préchauffage", "tôt", "tard"]


def test_failures_carry_the_type_only_and_the_worker_goes_on() -> None:
    secret = "Mme Exemple Test 06 00 00 00 00"

    def failing() -> None:
        raise ValueError(secret)

    order: list[str] = []
    worker = _recording_worker(order)
    worker.start()
    try:
        fut = worker.submit_first(failing)
        with pytest.raises(AnalysisFailed) as info:
            fut.result(timeout=10)
        assert str(info.value) == "ValueError" and secret not in repr(info.value)
        assert worker.submit(0.0, ["suite"]).result(timeout=10)[0][0].end == len("suite")
    finally:
        worker.stop()


def test_a_request_arriving_during_warm_up_waits_for_it() -> None:
    release = threading.Event()
    order: list[str] = []
    worker = _recording_worker(order)
    worker.start()
    try:
        warm = worker.submit_first(lambda: release.wait(10) and order.append("préchauffage"))
        request = worker.submit(0.0, ["requête"])
        assert not request.done()
        release.set()
        request.result(timeout=10)
        assert warm.done() and order == ["préchauffage", "requête"]
    finally:
        worker.stop()


def test_a_stopped_worker_refuses_work() -> None:
    worker = _recording_worker([])
    worker.start()
    worker.stop()
    with pytest.raises(RuntimeError):
        worker.submit_first(lambda: None)
    with pytest.raises(RuntimeError):
        worker.submit(0.0, ["x"])
