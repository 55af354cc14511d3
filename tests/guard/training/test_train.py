"""Training smoke test: a tiny corpus and a few steps still give a valid, verified ONNX
model that the runtime loads and runs (the full pipeline, end to end, in seconds)."""

from __future__ import annotations

import json
from pathlib import Path

from guard.detect.finding import Finding
from guard.detect.model import load_model
from guard.training.train import parse_args, run


def test_tiny_training_run_exports_a_model_the_runtime_loads(tmp_path: Path) -> None:
    out = tmp_path / "models"
    metrics = run(parse_args([
        "--out", str(out), "--n-train", "300", "--n-test", "30", "--steps", "15", "--vocab", "1500",
        "--dim", "32", "--layers", "1", "--heads", "2", "--ff", "64", "--threads", "1",
        "--batch-tokens", "1024", "--log-every", "5",
    ]), log=lambda _msg: None)
    for name in ("model.onnx", "tokenizer.json", "labels.json", "manifest.json", "MODEL_CARD.md", "metrics.json"):
        assert (out / name).is_file(), name
    manifest = json.loads((out / "manifest.json").read_text())
    assert set(manifest["files"]) == {"model.onnx", "tokenizer.json", "labels.json"}
    assert metrics["metrics"][metrics["chosen"]]["heldout_names"]["docs"] == 30

    model = load_model(out)
    text = "Rédige un courrier pour Mme Le Gall Rose, née le 03/04/1951. " * 40
    findings = model.find(text)
    assert all(isinstance(f, Finding) and 0 <= f.start < f.end <= len(text) for f in findings)
    assert all(f.source == "model" for f in findings)
