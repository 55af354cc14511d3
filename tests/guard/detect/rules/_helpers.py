"""Table-test helper: what a recognizer flags in a text, as (value, label) pairs."""

from __future__ import annotations

from guard.detect.merge import resolve_overlaps
from guard.detect.recognizer import Recognizer


def flagged(rule: Recognizer, text: str, min_score: float = 0.5) -> list[tuple[str, str]]:
    found = resolve_overlaps(rule.find(text), len(text))
    return [(text[f.start : f.end], f.label.value) for f in found if f.score >= min_score]


def scores(rule: Recognizer, text: str) -> list[float]:
    return [f.score for f in resolve_overlaps(rule.find(text), len(text))]
