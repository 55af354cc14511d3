"""Benchmark the policy and incident-log hot paths the daemon calls on every message.

    .venv/bin/python benchmarks/bench_policy_incidents.py [--runs 500]

`decide` + `drop_allowed_terms` run on every analysis; `record_event` on every submit
(forwarding on: the spool insert is in the same transaction, sending is on another thread).
Prints one JSON object with p50/p99 in milliseconds.
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
from pathlib import Path

from guard.detect.finding import Finding
from guard.detect.labels import Label
from guard.incidents.service import IncidentService
from guard.policy.allow import drop_allowed_terms
from guard.policy.decide import decide
from guard.policy.model import Forwarding, Policy
from guard.protocol import Event


def _pct(samples: list[float]) -> dict:
    ordered = sorted(samples)
    p99 = ordered[min(len(ordered) - 1, int(round(0.99 * (len(ordered) - 1))))]
    return {"p50_ms": round(statistics.median(samples) * 1000, 4), "p99_ms": round(p99 * 1000, 4),
            "runs": len(samples)}


def _time(fn, runs: int) -> list[float]:
    for _ in range(5):
        fn()
    out = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t)
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=500)
    args = parser.parse_args()

    sentence = "Mme Le Gall Rose, née le 03/04/1951, vue par le Dr Élodie Martin au 3 rue des Lilas. "
    text = (sentence * (10_000 // len(sentence) + 1))[:10_000]
    labels = list(Label)
    findings = [Finding(i * 50, i * 50 + 8, labels[i % len(labels)], 0.5 + (i % 50) / 100, "bench")
                for i in range(190)]
    terms = [f"Dr Praticien{i}" for i in range(19)] + ["Élodie Martin"]
    policy = Policy(allow_terms=terms)
    results = {
        "decide_190_findings": _pct(_time(lambda: decide(findings, "chatgpt.com", policy), args.runs)),
        "drop_allowed_terms_10k_chars_20_terms": _pct(
            _time(lambda: drop_allowed_terms(text, findings, terms), args.runs)),
    }
    with tempfile.TemporaryDirectory() as tmp:
        for name, fw in (("record_event", Forwarding()),
                         ("record_event_with_spool", Forwarding(enabled=True, port=9))):
            service = IncidentService(Policy(forwarding=fw), Path(tmp) / name, forward_retry_max=60)
            counter = iter(range(10**9))

            def record() -> None:
                event = Event(type="event", id=f"b{next(counter)}", site="chatgpt.com", outcome="blocked",
                              proposed_action="block", counts={"NOM": 2, "SECU": 1}, max_score=0.97)
                assert service.record_event(event, extension_version="0.1.0", daemon_version="0.1.0").logged

            results[name] = _pct(_time(record, args.runs))
            service.close()
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
