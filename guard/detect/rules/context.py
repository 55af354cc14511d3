"""Bounded context scoring: words near a match raise or lower its score.

Why: the same digits are a phone number after "tél" and a lab value after "plaquettes".
Rules look at a short window on the same side of the match, match whole words (not
substrings, "lic" must not fire in "duplicate"), and move the score by at most a fixed step
so context never turns noise into certainty nor erases a checksum-verified identifier.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from functools import lru_cache

from guard.detect.rules._precompiled import compiled

WINDOW = 40  # characters looked at on each side
MAX_STEP = 0.3  # largest change context may make to a score

_WORD = compiled(r"[\p{L}\p{N}°]+")


def fold(s: str) -> str:
    """Lowercase and strip accents, so "Tél" and "tel", "né" and "ne" compare equal."""
    if s.isascii():
        return s.casefold()  # NFKD leaves ASCII alone: the common case, no per-char work
    if len(s) <= 40:
        return _fold_short(s)  # words and short spans repeat a lot: cached
    return _fold(s)


def _fold(s: str) -> str:
    decomposed = unicodedata.normalize("NFKD", s.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


_fold_short = lru_cache(maxsize=8192)(_fold)


def words_before(text: str, start: int, window: int = WINDOW) -> list[str]:
    return [fold(w) for w in _WORD.findall(text, max(0, start - window), start)]


def words_after(text: str, end: int, window: int = WINDOW) -> list[str]:
    return [fold(w) for w in _WORD.findall(text, end, min(len(text), end + window))]


def near(text: str, start: int, end: int, cues: Iterable[str], window: int = WINDOW) -> bool:
    """True when one of `cues` (folded single words) appears as a whole word in the window."""
    cue_set = frozenset(cues)
    return any(w in cue_set for w in words_before(text, start, window)) or any(
        w in cue_set for w in words_after(text, end, window // 2)
    )


def adjust(
    score: float,
    text: str,
    start: int,
    end: int,
    boosts: Iterable[str] = (),
    penalties: Iterable[str] = (),
    step: float = 0.15,
    window: int = WINDOW,
) -> float:
    """Score moved up by `step` if a boost word is near, down if a penalty word is near.

    The step is capped at MAX_STEP and the result stays in [0, 1].
    """
    step = min(step, MAX_STEP)
    before = words_before(text, start, window)
    after = words_after(text, end, window // 2)
    near_words = set(before) | set(after)
    if near_words & frozenset(boosts):
        score += step
    if near_words & frozenset(penalties):
        score -= step
    return min(1.0, max(0.0, score))
