"""Benchmark the detector on French clinical text of 1,000 and 10,000 characters.

    .venv/bin/python benchmarks/bench_detector.py [--runs 300] [--per-rule] [--no-model]

Measures, single-threaded, the rules alone (`Detector(default_rules())`) and the full
detector (`Detector.default()`, only if the model loads), median and p99 in milliseconds.
`--per-rule` adds a per-rule breakdown on the 10,000-character text, to find what to
optimise. Target (issue 2): rules alone ≤ 1 ms per 1,000 characters, median.

The text is assembled from sentences written for this benchmark (a letter, prescriptions,
nursing notes, lab lines; about one sentence in three holds an identifier), cycled with a
fixed seed so runs compare.
"""

from __future__ import annotations

import os

os.environ.setdefault("OMP_NUM_THREADS", "1")  # before onnxruntime/numpy load

import argparse
import json
import random
import statistics
import time
from collections.abc import Callable

SENTENCES = [
    "Je vous adresse Mme Benhaddou Yamina, née le 14/02/1961, pour avis cardiologique.",
    "Patiente de 63 ans aux antécédents d'HTA et de diabète de type 2 sous metformine.",
    "Elle présente une dyspnée d'effort stade II NYHA depuis trois mois.",
    "TA 145/85, FC 88/min, SpO2 96 % en air ambiant, poids 82 kg.",
    "Kardegic 75 mg 1 sachet par jour, Tahor 40 mg le soir, Eliquis 5 mg matin et soir.",
    "Biologie : Hb 11,2 g/dl, créatinine 98 µmol/l, DFG 64 ml/min, INR 2,5.",
    "Tél. du domicile : 02 98 45 12 78, portable 06 71 22 45 90.",
    "NIR 2 61 02 29 019 088 45, IPP 80045127, NDA 2410087745.",
    "Signe de Murphy négatif, pas de syndrome de Guillain-Barré, Glasgow 15.",
    "Contrôle à J+10 puis à un mois, ECG et échographie cardiaque à prévoir.",
    "Adresse : 12 rue des Tanneurs, 29200 Brest.",
    "Le Dr Nguyen Van Duc (RPPS 10001234565) prendra le relais au CHU de Brest.",
    "Transmissions : nuit calme, douleur EVA 3/10, Doliprane 1 g à 22 h.",
    "Rendez-vous le mardi 14 mai 2024 à 10 h en consultation de cardiologie.",
    "Maladie de Parkinson évoluée, traitement par Modopar 125 mg quatre fois par jour.",
    "Écrire à secretariat.cardio@chu-brest.fr pour toute question.",
    "Pas d'allergie connue. Tabac sevré depuis 2010, 20 PA.",
    "Score CHA2DS2-VASc à 4, HAS-BLED à 2 : anticoagulation poursuivie.",
    "La fille, Mme Kowalska Anna, souhaite être la personne de confiance.",
    "Radiographie thoracique : pas de foyer, index cardiothoracique 0,52.",
    "Lovenox 4000 UI par jour pendant 10 jours après la chirurgie.",
    "Hospitalisée du 02/03/2024 au 09/03/2024 pour décompensation cardiaque.",
    "Bien confraternellement.",
    "mr diallo mamadou 72 ans chute hier, pas de perte de connaissance",
]


def clinical_text(n_chars: int, seed: int = 7) -> str:
    rng = random.Random(seed)
    parts: list[str] = []
    size = 0
    while size < n_chars:
        s = rng.choice(SENTENCES)
        parts.append(s)
        size += len(s) + 1
    return " ".join(parts)[:n_chars]


def measure(fn: Callable[[], object], runs: int) -> dict[str, float]:
    for _ in range(5):
        fn()
    samples = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - t) * 1000)
    samples.sort()
    p99 = samples[min(len(samples) - 1, int(round(0.99 * (len(samples) - 1))))]
    return {"p50_ms": round(statistics.median(samples), 3), "p99_ms": round(p99, 3), "runs": runs}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=300)
    parser.add_argument("--per-rule", action="store_true")
    parser.add_argument("--no-model", action="store_true")
    args = parser.parse_args()

    from guard.detect.detector import Detector
    from guard.detect.rules import default_rules

    texts = {n: clinical_text(n) for n in (1_000, 10_000)}
    rules_only = Detector(default_rules())
    report: dict[str, object] = {"rules": {}, "full": None}
    for n, text in texts.items():
        report["rules"][f"{n}_chars"] = measure(lambda: rules_only.analyze(text), args.runs if n == 1_000 else max(30, args.runs // 3))
        report["rules"][f"{n}_chars"]["findings"] = len(rules_only.analyze(text))
    if not args.no_model:
        full = Detector.default()
        if full.status.mode == "full":
            report["full"] = {}
            for n, text in texts.items():
                report["full"][f"{n}_chars"] = measure(lambda: full.analyze(text), max(20, args.runs // 5))
        else:
            report["full"] = f"model unavailable: {full.status.reason}"
    if args.per_rule:
        text = texts[10_000]
        report["per_rule_10k"] = {r.name: measure(lambda r=r: r.find(text), 50)["p50_ms"] for r in default_rules()}
    print(json.dumps(report, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
