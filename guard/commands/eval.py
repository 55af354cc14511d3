"""`vigie eval GOLD.jsonl`: the project metric on a gold set, overall and per label.

Runs the detector in this process (same settings as `vigie scan --jsonl`), or scores a
saved prediction file with `--pred`. Definitions: guard/eval/score.py.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

from guard.commands.scan import DEFAULT_MIN_SCORE


def register(subparsers: Any) -> None:
    p = subparsers.add_parser(
        "eval",
        help="mesure la détection sur un jeu annoté",
        description="Mesure la détection sur un jeu annoté JSONL ({id, text, spans}).",
    )
    p.add_argument("gold", type=Path, help="jeu annoté JSONL")
    p.add_argument("--pred", type=Path, default=None, help="prédictions JSONL déjà calculées")
    p.add_argument("--no-model", action="store_true", help="règles seules, sans le modèle")
    p.add_argument("--model-dir", type=Path, default=None)
    p.add_argument("--min-score", type=float, default=DEFAULT_MIN_SCORE)
    p.add_argument("--json", action="store_true", help="résumé JSON (mêmes clés que le script de référence)")
    p.set_defaults(func=run)


def _load_jsonl(path: Path) -> list[Any]:
    out = []
    with path.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, start=1):
            if line.strip():
                try:
                    out.append(json.loads(line))
                except json.JSONDecodeError as exc:
                    raise ValueError(f"{path.name}, ligne {n} : JSON invalide") from exc
    return out


def run(args: argparse.Namespace) -> int:
    from guard.eval.score import Span, parse_gold_line, score

    try:
        gold = [parse_gold_line(o) for o in _load_jsonl(args.gold)]
    except (OSError, ValueError, UnicodeDecodeError) as exc:
        print(f"jeu annoté illisible : {exc}", file=sys.stderr)
        return 2
    preds: dict[str, list[Span]] = {}
    mode = "prédictions fournies"
    t0 = time.perf_counter()
    if args.pred is not None:
        try:
            for o in _load_jsonl(args.pred):
                preds[str(o["id"])] = [Span(int(e["start"]), int(e["end"]), str(e.get("label", ""))) for e in o.get("entities", [])]
        except (OSError, ValueError, KeyError, TypeError) as exc:
            print(f"prédictions illisibles : {type(exc).__name__}", file=sys.stderr)
            return 2
    else:
        from guard.detect.detector import Detector

        detector = Detector.default(model_dir=args.model_dir, use_model=not args.no_model)
        mode = "règles + modèle" if detector.status.mode == "full" else f"règles seules ({detector.status.reason})"
        for rec in gold:
            preds[rec.id] = [
                Span(f.start, f.end, f.label.value) for f in detector.analyze(rec.text) if f.score >= args.min_score
            ]
    elapsed = time.perf_counter() - t0
    result = score(gold, preds)
    result["missing_records"] = sum(1 for g in gold if g.id not in preds)
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=1))
        return 0
    print(f"Jeu : {args.gold.name} — {result['records']} documents — détecteur : {mode} — {elapsed:.2f} s")
    print(f"  rappel (caractères)      {_fmt(result['char_recall'])}")
    print(f"  précision (caractères)   {_fmt(result['char_precision'])}")
    print(f"  entités entièrement vues {_fmt(result['entity_recall_full'])}  ({result['leaked_entities']} fuites sur {result['gold_entities']})")
    print(f"  entités touchées         {_fmt(result['entity_recall_any'])}")
    print(f"  faux positifs (entités)  {result['false_positive_entities']} sur {result['pred_entities']}")
    print(f"  documents sans identifiant signalés : {result['clean_docs_flagged']} sur {result['clean_docs']}")
    print("  par étiquette (entièrement vues) :")
    for label, frac in result["by_label_recall_full"].items():
        print(f"    {label:<15} {frac}")
    return 0


def _fmt(x: float | None) -> str:
    return "—" if x is None else f"{x:.4f}"
