"""A first name joined by "et" / "ou" to a first name already found is a first name too.

Why: "accompagné de ses deux parents, Fahardine et Nasra", "les jumeaux Lucas et Noé": the
detector finds one of the pair (a rule or the model) and the other, alone, looks like any
capitalised word. The pair is the evidence, in both directions. Lexicon words and stop words
are never taken ("Crohn et Behçet" are in the lexicon; "Parkinson et Alzheimer" too).
"""

from __future__ import annotations

import bisect

from guard.detect.finding import Finding
from guard.detect.labels import Label
from guard.detect.lexicon import is_medical_term
from guard.detect.rules.context import fold
from guard.detect.rules.names import _CAP_STOP
from guard.detect.rules._precompiled import compiled_re

_UP = "A-ZÀ-ÖØ-ÞĀ-ſ"
_LOW = "a-zß-öø-ÿœ"
_AFTER = compiled_re(rf"[ \t]+(?:et|ou|&)[ \t]+([{_UP}][{_LOW}]+(?:-[{_UP}][{_LOW}]+)*)(?![\w'’])")
_BEFORE = compiled_re(rf"(?<![\w'’\-])([{_UP}][{_LOW}]+(?:-[{_UP}][{_LOW}]+)*)[ \t]+(?:et|ou|&)[ \t]+$")
_WHY = "prénom coordonné à un prénom trouvé"


def _name_word(word: str) -> bool:
    return len(word) >= 3 and fold(word) not in _CAP_STOP and not is_medical_term(word)


def extend_coordinated(text: str, findings: list[Finding]) -> list[Finding]:
    """`findings` plus the first names coordinated with a found first name (sorted, no overlap)."""
    # `findings` do not overlap and are sorted (resolve_overlaps): a candidate is free when the
    # finding starting just before it ends before it and the next one starts after it.
    starts = [f.start for f in findings]
    ends = [f.end for f in findings]
    added: set[tuple[int, int]] = set()

    def free(start: int, end: int) -> bool:
        i = bisect.bisect_right(starts, start) - 1
        if i >= 0 and ends[i] > start:
            return False
        if i + 1 < len(starts) and starts[i + 1] < end:
            return False
        return (start, end) not in added

    extra: list[Finding] = []
    for f in findings:
        if f.label is not Label.PRENOM:
            continue
        after = _AFTER.match(text, f.end)
        if after is not None and _name_word(after.group(1)) and free(after.start(1), after.end(1)):
            extra.append(Finding(after.start(1), after.end(1), Label.PRENOM, min(f.score, 0.7), "rule:coordination", _WHY))
            added.add((after.start(1), after.end(1)))
        before = _BEFORE.search(text, max(0, f.start - 40), f.start)
        if before is not None and _name_word(before.group(1)) and free(before.start(1), before.end(1)):
            extra.append(Finding(before.start(1), before.end(1), Label.PRENOM, min(f.score, 0.7), "rule:coordination", _WHY))
            added.add((before.start(1), before.end(1)))
    if not extra:
        return findings
    return sorted(findings + extra, key=lambda x: (x.start, x.end))
