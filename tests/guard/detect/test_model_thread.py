"""The model on its own thread: same findings as the sequential detector, per-text results,
failures handed back to the pass, and a thread that can be stopped and restarted."""

from __future__ import annotations

import json
import sys
import threading
from pathlib import Path

import pytest

from guard.detect.detector import Detector
from guard.detect.model import NerModel, load_model
from guard.detect.model_thread import SWITCH_INTERVAL_S, ModelThread
from guard.detect.rules import default_rules

REPO = Path(__file__).resolve().parents[3]
MODELS = REPO / "models"


@pytest.fixture(scope="module")
def model() -> NerModel:
    return load_model(MODELS)


def _texts() -> list[str]:
    rows = (REPO / "tests" / "data" / "dev2" / "dev2.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(row)["text"] for row in rows[:60]]


def test_the_parallel_detector_finds_exactly_what_the_sequential_one_finds(model: NerModel) -> None:
    sequential = Detector(default_rules(), model)
    parallel = Detector(default_rules(), model, parallel=True)
    texts = _texts()
    assert parallel.analyze_many(texts) == [sequential.analyze(t) for t in texts]
    assert [parallel.analyze(t) for t in texts[:10]] == [sequential.analyze(t) for t in texts[:10]]
    assert parallel.analyze_many(["", texts[0], ""]) == [[], sequential.analyze(texts[0]), []]
    parallel.close()


def test_each_text_gets_its_own_tokens_and_one_logits_array_per_window(model: NerModel) -> None:
    thread = ModelThread(model)
    long_text = "Mme Le Gall Rose, née le 03/04/1951, vue à Brest. " * 120
    futures = thread.submit(["", "Dr Martin", long_text])
    assert sys.getswitchinterval() <= SWITCH_INTERVAL_S
    empty, short, long_ = (f.result(timeout=30) for f in futures)
    assert empty == (None, [])
    assert short[0] is not None and len(short[1]) == len(short[0].windows) == 1
    assert long_[0] is not None and len(long_[1]) == len(long_[0].windows) > 1
    thread.stop()


def test_a_stopped_thread_restarts_on_the_next_submission(model: NerModel) -> None:
    import time

    def ours() -> set[threading.Thread]:
        return {t for t in threading.enumerate() if t.name == "vigie-model"}

    before = ours()
    thread = ModelThread(model)
    first = thread.submit(["Dr Martin"])[0].result(timeout=30)
    (started,) = ours() - before
    thread.stop()
    thread.stop()  # idempotent
    started.join(timeout=10)
    assert not started.is_alive()
    again = thread.submit(["Dr Martin"])[0].result(timeout=30)
    assert again[0] is not None and first[0] is not None
    assert (again[1][0] == first[1][0]).all()
    assert len(ours() - before) == 1
    thread.stop()
    deadline = time.monotonic() + 10
    while ours() - before and time.monotonic() < deadline:
        time.sleep(0.01)
    assert not ours() - before


class _BrokenSession:
    def run(self, *_: object) -> list[object]:
        raise RuntimeError("onnxruntime failed")


def test_a_failing_inference_leaves_the_rules_findings_and_is_logged_by_type_only(
        model: NerModel, caplog: pytest.LogCaptureFixture) -> None:
    broken = load_model(MODELS)
    broken._session = _BrokenSession()  # the real model object, its runtime call failing
    detector = Detector(default_rules(), broken, parallel=True)
    text = "Mme Ferreira, tél. 06 12 34 56 78, secret"
    found = detector.analyze(text)
    assert any(f.label.value == "TEL" for f in found)
    assert all(f.source.startswith("rule") for f in found)
    assert "inference failed: RuntimeError" in caplog.text
    assert "Ferreira" not in caplog.text and "secret" not in caplog.text
    detector.close()


def test_a_failing_rule_still_raises_in_parallel_mode(model: NerModel) -> None:
    class Exploding:
        name = "exploding"

        def find(self, text: str) -> list[object]:
            raise ValueError("boom")

    detector = Detector([Exploding()], model, parallel=True)
    with pytest.raises(ValueError):
        detector.analyze("Mme Ferreira")
    detector.close()


def test_the_production_detector_uses_the_thread_only_with_two_cores_or_more() -> None:
    import os

    detector = Detector.default(model_dir=MODELS)
    assert (detector._thread is not None) == ((os.cpu_count() or 1) > 1)
    detector.close()


def test_the_model_thread_can_be_turned_off_by_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VIGIE_MODEL_THREAD", "0")
    detector = Detector.default(model_dir=MODELS)
    assert detector._thread is None and detector.status.mode == "full"
    assert any(f.label.value == "TEL" for f in detector.analyze("Mme Ferreira, tél. 06 12 34 56 78"))
