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

from guard.detect.finding import Finding
from guard.detect.labels import FREE_TEXT_LABELS
from guard.detect.rules.context import fold
from guard.detect.rules._precompiled import compiled_re

_SPACES = compiled_re(r"[\s\-‐‑'’]+")


def normalise(term: str) -> str:
    """Folded, with spaces, hyphens and apostrophes collapsed to one space."""
    return _SPACES.sub(" ", fold(term)).strip()


@lru_cache(maxsize=1)
def _lexicon() -> tuple[frozenset[str], frozenset[str]]:
    """(terms matched in any case, acronyms matched only when written in capitals).

    Why two sets: an entry written in capitals is an acronym ("GRACE", "EVA", "ESA"); folded
    to lowercase it would also swallow the first names Grâce and Eva."""
    raw = resources.files("guard.detect.data").joinpath("medical_terms.txt").read_text(encoding="utf-8")
    lines = [line.strip() for line in raw.splitlines() if line.strip() and not line.startswith("#")]
    caps = {normalise(t) for t in lines if t.isupper() and len(t) > 1}
    words = {normalise(t) for t in lines if not (t.isupper() and len(t) > 1)}
    return frozenset(words), frozenset(caps - words)


def medical_terms() -> frozenset[str]:
    """Normalised lexicon terms matched in any case (whole terms only)."""
    return _lexicon()[0]


def _is_term(value: str, normalised: str) -> bool:
    words, caps = _lexicon()
    return normalised in words or (normalised in caps and value.isupper())


def is_medical_term(value: str) -> bool:
    return _is_term(value, normalise(value))


def drop_medical_terms(text: str, findings: list[Finding]) -> list[Finding]:
    """`findings` minus those whose text is a lexicon term.

    For name-like labels, a finding made only of lexicon words ("Guillain Barré" split by
    a line break) is dropped too; a finding mixing a real name and a term is kept.
    """
    kept: list[Finding] = []
    for f in findings:
        raw = text[f.start : f.end]
        value = normalise(raw)
        if _is_term(raw, value):
            continue
        if f.label in FREE_TEXT_LABELS or f.label.value in ("NOM", "PRENOM"):
            words = value.split()
            raw_words = _SPACES.sub(" ", raw).split()
            if words and len(words) == len(raw_words) and all(_is_term(r, w) for r, w in zip(raw_words, words)):
                continue
        kept.append(f)
    return kept
