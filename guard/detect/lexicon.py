"""The shipped lexicon of medical terms that are never identifiers.

Why a lexicon after every recogniser: "maladie de Parkinson", "signe de Murphy", "score de
Glasgow", "Kardegic 75 mg" look like names to a name rule and to a model trained on names.
A guard that flags them cries wolf and gets switched off, so any finding whose whole text
is a lexicon term is dropped — case- and accent-insensitively — whichever recogniser made
it. The list lives in guard/detect/data/medical_terms.txt.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

import regex

from guard.detect.finding import Finding
from guard.detect.labels import FREE_TEXT_LABELS
from guard.detect.rules.context import fold

_SPACES = regex.compile(r"[\s\-‐‑'’]+")


def normalise(term: str) -> str:
    """Folded, with spaces, hyphens and apostrophes collapsed to one space."""
    return _SPACES.sub(" ", fold(term)).strip()


@lru_cache(maxsize=1)
def medical_terms() -> frozenset[str]:
    """Normalised lexicon terms (whole terms only)."""
    raw = resources.files("guard.detect.data").joinpath("medical_terms.txt").read_text(encoding="utf-8")
    return frozenset(normalise(line) for line in raw.splitlines() if line.strip() and not line.startswith("#"))


def is_medical_term(value: str) -> bool:
    return normalise(value) in medical_terms()


def drop_medical_terms(text: str, findings: list[Finding]) -> list[Finding]:
    """`findings` minus those whose text is a lexicon term.

    For name-like labels, a finding made only of lexicon words ("Guillain Barré" split by
    a line break) is dropped too; a finding mixing a real name and a term is kept.
    """
    terms = medical_terms()
    kept: list[Finding] = []
    for f in findings:
        value = normalise(text[f.start : f.end])
        if value in terms:
            continue
        if f.label in FREE_TEXT_LABELS or f.label.value in ("NOM", "PRENOM"):
            words = value.split()
            if words and all(w in terms for w in words):
                continue
        kept.append(f)
    return kept
