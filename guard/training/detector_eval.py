"""Whole-detector quality (rules + a model directory) on the project's hand-written sets.

Why: the generator's own held-out numbers are an upper bound (same templates). The card must
also carry what the shipped detector does on French text written by people: the dev sets
(looked at while developing) and the held-out set (never tuned on). The numbers go into
`metrics.json` under "detector" and the model card is re-rendered from it.

    python -m guard.training.detector_eval --model-dir models/
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
SETS = {
    "dev": REPO / "tests" / "data" / "dev.jsonl",
    "dev2": REPO / "tests" / "data" / "dev2" / "dev2.jsonl",
    "dev3": REPO / "tests" / "data" / "dev3" / "dev3.jsonl",
    "dev6": REPO / "tests" / "data" / "dev6" / "dev6.jsonl",
    "dev7": REPO / "tests" / "data" / "dev7" / "dev7.jsonl",
    "dev8": REPO / "tests" / "data" / "dev8" / "dev8.jsonl",
    "dev9": REPO / "tests" / "data" / "dev9" / "dev9.jsonl",
    "dev10": REPO / "tests" / "data" / "dev10" / "dev10.jsonl",
    "dev11": REPO / "tests" / "data" / "dev11" / "dev11.jsonl",
    "dev12": REPO / "tests" / "data" / "dev12" / "dev12.jsonl",
    "dev13": REPO / "tests" / "data" / "dev13" / "dev13.jsonl",
    "dev14": REPO / "tests" / "data" / "dev14" / "dev14.jsonl",
    "dev15": REPO / "tests" / "data" / "dev15" / "dev15.jsonl",
    "dev17": REPO / "tests" / "data" / "dev17" / "dev17.jsonl",
    "holdout": REPO / "tests" / "data" / "holdout" / "holdout.jsonl",
}
MIN_SCORE = 0.5


def _score(path: Path, analyze: Any) -> dict[str, Any]:
    from guard.eval.score import Span, parse_gold_line, score

    gold = [parse_gold_line(json.loads(line)) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    preds = {g.id: [Span(f.start, f.end, f.label.value) for f in analyze(g.text) if f.score >= MIN_SCORE] for g in gold}
    r = score(gold, preds)
    return {k: r[k] for k in ("records", "char_recall", "char_precision", "clean_docs", "clean_docs_flagged",
                              "leaked_entities", "gold_entities")}


def evaluate(model_dir: Path) -> dict[str, Any]:
    from guard.detect.detector import Detector

    full = Detector.default(model_dir=model_dir)
    if full.status.mode != "full":
        raise SystemExit(f"model not usable: {full.status.reason}")
    rules = Detector.default(use_model=False)
    out: dict[str, Any] = {}
    for name, path in SETS.items():
        if path.is_file():
            out[name] = {"rules+model": _score(path, full.analyze), "rules": _score(path, rules.analyze)}
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--model-dir", type=Path, default=REPO / "models")
    args = ap.parse_args(argv)
    metrics_path = args.model_dir / "metrics.json"
    metrics = json.loads(metrics_path.read_text(encoding="utf-8"))
    metrics["detector"] = evaluate(args.model_dir)
    metrics_path.write_text(json.dumps(metrics, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    from guard.training.model_card import write_model_card

    write_model_card(args.model_dir, metrics)
    for name, v in metrics["detector"].items():
        m = v["rules+model"]
        print(f"{name}: recall {m['char_recall']} precision {m['char_precision']} "
              f"clean flagged {m['clean_docs_flagged']}/{m['clean_docs']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
