"""What each rule costs and what it catches: CPU per 1,000 characters, and the whole detector's
quality with that one rule left out, on the hand-written dev sets (never the held-out set).

    .venv/bin/python benchmarks/bench_rule_value.py [--no-model] [--json FILE]

Why: the daemon's latency is bound by the rules (pure Python) rather than the model (see the
README, "Speed"). Deciding which rules a better model could replace, or which to port to native
code first, needs both numbers side by side: a rule that costs much and catches little on text
the detector was not tuned on is the first candidate. The model's findings are computed once per
text and reused for every ablation (they do not depend on the rules); the rules' CPU is timed on
the same texts, each rule alone, one thread.

Output: one row per rule — ms per 1,000 characters, and recall / precision / identifier-free
texts flagged (pooled over every dev set) without it, beside the full detector's.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import sys
import time
from pathlib import Path
from typing import Any

os.environ.setdefault("VIGIE_MODEL_THREAD", "0")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def _dev_sets() -> list[Path]:
    data = ROOT / "tests" / "data"
    return sorted(p for p in data.rglob("*.jsonl") if "holdout" not in p.parts)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--no-model", action="store_true", help="rules alone (no model findings)")
    ap.add_argument("--json", type=Path, default=None)
    args = ap.parse_args()

    from guard.detect.detector import Detector
    from guard.detect.plausibility import keep_plausible
    from guard.eval.score import Span, parse_gold_line, score
    from guard.training.detector_eval import MIN_SCORE

    gold = []
    for path in _dev_sets():
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                g = parse_gold_line(json.loads(line))
                gold.append(dataclasses.replace(g, id=f"{path.stem}:{g.id}"))  # ids repeat across sets
    texts = [g.text for g in gold]
    chars = sum(map(len, texts))

    detector = Detector.default(use_model=not args.no_model)
    rules = list(detector._rules)
    model = detector._model
    by_model = [keep_plausible(t, model.find(t)) if model is not None else [] for t in texts]
    by_rule: dict[str, list[list[Any]]] = {}
    cost_ms: dict[str, float] = {}
    for rule in rules:
        t0 = time.perf_counter()
        by_rule[rule.name] = [list(rule.find(t)) for t in texts]
        cost_ms[rule.name] = (time.perf_counter() - t0) * 1000 / chars * 1000

    def measure(skip: str | None) -> dict[str, float]:
        preds: dict[str, list[Any]] = {}
        for i, g in enumerate(gold):
            found = [f for name, lists in by_rule.items() if name != skip for f in lists[i]] + by_model[i]
            kept = Detector._resolve(texts[i], found)
            preds[g.id] = [Span(f.start, f.end, f.label.value) for f in kept if f.score >= MIN_SCORE]
        r = score(gold, preds)
        return {"recall": r["char_recall"], "precision": r["char_precision"],
                "flagged": r["clean_docs_flagged"], "clean": r["clean_docs"]}

    ids = [g.id for g in gold]
    if len(set(ids)) != len(ids):
        raise SystemExit("duplicate record ids across dev sets: cannot pool them")
    full = measure(None)
    rows = {name: {"ms_per_1000_chars": round(cost_ms[name], 3), **measure(name)} for name in by_rule}
    print(f"{len(gold)} textes de développement, {chars} caractères ; détecteur complet : rappel "
          f"{full['recall']}, précision {full['precision']}, {full['flagged']}/{full['clean']} textes "
          "sans identifiant signalés")
    print(f"{'règle':<18}{'ms/1000 car.':>14}{'rappel sans':>14}{'précision sans':>16}{'signalés sans':>15}")
    for name, row in sorted(rows.items(), key=lambda kv: -kv[1]["ms_per_1000_chars"]):
        print(f"{name:<18}{row['ms_per_1000_chars']:>14.3f}{row['recall']:>14.4f}{row['precision']:>16.4f}"
              f"{row['flagged']:>11}/{row['clean']}")
    if args.json:
        args.json.write_text(json.dumps({"full": full, "rules": rows}, indent=1, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
