"""Character-level metrics, the same way the project's scorer counts them: alphanumeric
characters covered, label-agnostic first, then per gold label; plus how many identifier-free
documents got flagged at all."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence

from guard.detect.finding import Finding


def _alnum(text: str, start: int, end: int) -> set[int]:
    return {i for i in range(max(0, start), min(len(text), end)) if text[i].isalnum()}


def char_metrics(docs: Sequence[dict], predict: Callable[[str], list[Finding]]) -> dict:
    tp = gold_n = pred_n = 0
    per_label = defaultdict(lambda: [0, 0, 0, 0])  # gold chars, gold covered, pred chars, pred correct
    clean = clean_flagged = 0
    for doc in docs:
        text = doc["text"]
        gold: dict[int, str] = {}
        for s in doc["spans"]:
            for i in _alnum(text, s["start"], s["end"]):
                gold[i] = s["label"]
        pred: dict[int, str] = {}
        for f in predict(text):
            for i in _alnum(text, f.start, f.end):
                pred[i] = str(f.label)
        g, p = set(gold), set(pred)
        tp += len(g & p)
        gold_n += len(g)
        pred_n += len(p)
        for i, lab in gold.items():
            per_label[lab][0] += 1
            per_label[lab][1] += i in p
        for i, lab in pred.items():
            per_label[lab][2] += 1
            per_label[lab][3] += i in g
        if not doc["spans"]:
            clean += 1
            clean_flagged += bool(p)

    def r(a: int, b: int) -> float | None:
        return round(a / b, 4) if b else None

    return {
        "docs": len(docs),
        "char_recall": r(tp, gold_n),
        "char_precision": r(tp, pred_n),
        "clean_docs": clean,
        "clean_docs_flagged": r(clean_flagged, clean),
        "per_label": {
            lab: {"recall": r(v[1], v[0]), "precision": r(v[3], v[2]), "gold_chars": v[0]}
            for lab, v in sorted(per_label.items())
        },
    }


def main(argv: list[str] | None = None) -> int:
    """Score the shipped model alone and the whole detector on freshly generated held-out text.

        python -m guard.training.evaluate [--model-dir models] [--n 1000] [--seed 777] [--heldout]
    """
    import argparse
    import json
    from pathlib import Path

    from guard.detect.detector import Detector
    from guard.detect.model import load_model
    from guard.training.corpus.generate import generate

    ap = argparse.ArgumentParser(description="Évalue le modèle et le détecteur sur un jeu synthétique réservé.")
    ap.add_argument("--model-dir", type=Path, default=None)
    ap.add_argument("--n", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=777)
    ap.add_argument("--heldout", action="store_true", help="noms jamais vus à l'entraînement")
    args = ap.parse_args(argv)
    docs = [d.to_json(str(i)) for i, d in enumerate(generate(args.n, args.seed, args.heldout))]
    model = load_model(args.model_dir)
    detector = Detector.default(model_dir=args.model_dir)
    report = {"model": char_metrics(docs, model.find), "detector": char_metrics(docs, detector.analyze),
              "detector_mode": detector.status.mode}
    print(json.dumps(report, indent=1, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
