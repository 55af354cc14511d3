"""The project metric, re-implemented: character-level coverage of identifying characters.

Same definitions as the project's reference scorer (../shared/eval/score.py), so numbers
printed by `vigie eval` and by that script agree (a test checks it):

- only alphanumeric characters count (spaces and punctuation inside a span are free);
- char_recall = identifying characters flagged / identifying characters (any label);
- char_precision = flagged characters that are identifying / flagged characters;
- a gold entity is "caught fully" when all its characters are flagged, by any label;
- a predicted entity is a false positive when none of its characters is identifying;
- a gold record with no span is "clean"; it is "flagged" when any character is flagged.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int
    label: str = ""


@dataclass(frozen=True, slots=True)
class GoldRecord:
    id: str
    text: str
    spans: tuple[Span, ...]


@dataclass
class _Counts:
    tp_chars: int = 0
    gold_chars: int = 0
    pred_chars: int = 0
    gold_entities: int = 0
    caught_full: int = 0
    caught_any: int = 0
    pred_entities: int = 0
    fp_entities: int = 0
    clean_docs: int = 0
    clean_flagged: int = 0
    by_label: dict[str, list[int]] = field(default_factory=dict)  # label -> [full, total]


def _identifying(text: str, start: int, end: int) -> set[int]:
    """Positions of alphanumeric characters in [start, end), clipped to the text."""
    lo, hi = max(0, start), min(len(text), end)
    return {i for i in range(lo, hi) if text[i].isalnum()}


def _ratio(num: int, den: int) -> float | None:
    return round(num / den, 4) if den else None


def score(gold: Sequence[GoldRecord], predictions: Mapping[str, Iterable[Span]]) -> dict[str, Any]:
    """Metric summary for `predictions` (record id -> predicted spans) against `gold`.

    A record missing from `predictions` counts as nothing flagged.
    """
    c = _Counts()
    for rec in gold:
        preds = list(predictions.get(rec.id, ()))
        flagged: set[int] = set()
        for p in preds:
            flagged |= _identifying(rec.text, p.start, p.end)
        gold_pos: set[int] = set()
        for s in rec.spans:
            gold_pos |= _identifying(rec.text, s.start, s.end)
        c.tp_chars += len(gold_pos & flagged)
        c.gold_chars += len(gold_pos)
        c.pred_chars += len(flagged)
        for s in rec.spans:
            pos = _identifying(rec.text, s.start, s.end)
            if not pos:
                continue
            full = pos <= flagged
            c.gold_entities += 1
            c.caught_full += full
            c.caught_any += bool(pos & flagged)
            counts = c.by_label.setdefault(s.label, [0, 0])
            counts[0] += full
            counts[1] += 1
        for p in preds:
            pos = _identifying(rec.text, p.start, p.end)
            if pos:
                c.pred_entities += 1
                c.fp_entities += not (pos & gold_pos)
        if not rec.spans:
            c.clean_docs += 1
            c.clean_flagged += bool(flagged)
    return {
        "records": len(gold),
        "char_recall": _ratio(c.tp_chars, c.gold_chars),
        "char_precision": _ratio(c.tp_chars, c.pred_chars),
        "entity_recall_full": _ratio(c.caught_full, c.gold_entities),
        "entity_recall_any": _ratio(c.caught_any, c.gold_entities),
        "leaked_entities": c.gold_entities - c.caught_full,
        "gold_entities": c.gold_entities,
        "pred_entities": c.pred_entities,
        "false_positive_entities": c.fp_entities,
        "entity_precision_any": _ratio(c.pred_entities - c.fp_entities, c.pred_entities),
        "clean_docs": c.clean_docs,
        "clean_docs_flagged": c.clean_flagged,
        "by_label_recall_full": {k: f"{v[0]}/{v[1]}" for k, v in sorted(c.by_label.items())},
    }


def parse_gold_line(obj: Any) -> GoldRecord:
    """A gold record from one decoded JSON line; ValueError naming the missing field."""
    if not isinstance(obj, dict):
        raise ValueError("objet JSON attendu")
    if not isinstance(obj.get("id"), str):
        raise ValueError("champ « id » manquant ou pas une chaîne")
    if not isinstance(obj.get("text"), str):
        raise ValueError("champ « text » manquant ou pas une chaîne")
    spans = obj.get("spans", [])
    if not isinstance(spans, list):
        raise ValueError("champ « spans » pas une liste")
    try:
        parsed = tuple(Span(int(s["start"]), int(s["end"]), str(s.get("label", ""))) for s in spans)
    except (KeyError, TypeError, ValueError) as exc:
        raise ValueError("span mal formé (start/end entiers attendus)") from exc
    return GoldRecord(obj["id"], obj["text"], parsed)
