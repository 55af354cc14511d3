"""Rules for structured identifiers (placeholder until the rule set lands)."""

from __future__ import annotations

from guard.detect.recognizer import Recognizer


def default_rules() -> list[Recognizer]:
    return []
