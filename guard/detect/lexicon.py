"""Medical terms that are never identifiers (placeholder until the lexicon lands)."""

from __future__ import annotations

from guard.detect.finding import Finding


def drop_medical_terms(text: str, findings: list[Finding]) -> list[Finding]:
    return findings
