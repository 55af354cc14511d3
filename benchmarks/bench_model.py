"""Benchmark the shipped NER model: load time, one 512-token window (p50/p99, one thread),
`find` on 1,000 and 10,000 characters, and process RSS with the model loaded.

    .venv/bin/python benchmarks/bench_model.py [--model-dir models] [--runs 200]

Run in a fresh process (it reports its own RSS). Prints one JSON object.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import time
from pathlib import Path

import numpy as np


def _rss_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _pct(samples: list[float]) -> dict:
    return {"p50_ms": round(statistics.median(samples), 3),
            "p99_ms": round(float(np.percentile(samples, 99)), 3), "runs": len(samples)}


def _time(fn, runs: int) -> list[float]:
    for _ in range(5):
        fn()
    out = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        out.append((time.perf_counter() - t) * 1000)
    return out


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--model-dir", type=Path, default=None)
    ap.add_argument("--runs", type=int, default=200)
    args = ap.parse_args()
    rss_start = _rss_mb()
    t = time.perf_counter()
    from guard.detect.model import load_model

    model = load_model(args.model_dir)
    load_s = time.perf_counter() - t
    session = model._session  # the same session `find` uses
    rng = np.random.default_rng(0)
    vocab = model._tokenizer.get_vocab_size()
    ids = rng.integers(2, vocab, size=(1, 512), dtype=np.int64)
    feeds = {"input_ids": ids}
    if "attention_mask" in model._inputs:
        feeds["attention_mask"] = np.ones_like(ids)
    window = _time(lambda: session.run(None, feeds), args.runs)
    sentence = ("Rédige un courrier pour Mme Le Gall Rose, née le 03/04/1951, suivie à l'hôpital "
                "Bichat pour une maladie de Parkinson, sous Kardegic 75 mg. ")
    text_1k = (sentence * 10)[:1000]
    text_10k = (sentence * 100)[:10000]
    f1k = _time(lambda: model.find(text_1k), args.runs)
    f10k = _time(lambda: model.find(text_10k), max(20, args.runs // 5))
    files = model.files
    result = {
        "model": str(files.model),
        "model_bytes": files.model.stat().st_size,
        "load_s": round(load_s, 3),
        "window_512_tokens": _pct(window),
        "find_1000_chars": _pct(f1k),
        "find_10000_chars": _pct(f10k),
        "rss_mb_before_import": round(rss_start, 1),
        "rss_mb_with_model": round(_rss_mb(), 1),
    }
    print(json.dumps(result, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
