"""Shared plumbing for rules: bounded regex matching and finding construction.

Why: every rule must return in bounded time on any input (issue 2, item 6). Patterns are
written to be linear (anchored by look-behind boundaries, bounded quantifiers), and every
scan also runs under a `regex` timeout as a safety net. A timeout is logged (pattern name
only, never text) and the rule returns what it found so far instead of hanging.
"""

from __future__ import annotations

import heapq
import logging
import re
import sys
from collections.abc import Iterator

import regex

from guard.detect.finding import Finding
from guard.detect.labels import Label
from guard.detect.rules._precompiled import compiled, compiled_re
from guard.detect.rules._words import lowered

log = logging.getLogger(__name__)

# Seconds allowed for one pattern over one text: generous for normal text, a hard stop for
# pathological input. Scales with length so 200,000 characters still get a full scan.
BASE_TIMEOUT_S = 0.2
PER_CHAR_TIMEOUT_S = 2e-6

# Separators people put inside numbers: space, no-break spaces, dot, dash.
SEP = r"[ .\-\u00a0\u202f]"

# Letters, including accented ones, for name-like tokens.
UPPER = r"\p{Lu}"
LOWER = r"\p{Ll}"


def compile_pattern(pattern: str, flags: int = 0) -> regex.Pattern[str]:
    """All rule patterns use VERSION1 semantics off and full Unicode case folding (rebuilt
    from the package's compiled form when it has it: see `_precompiled`)."""
    return compiled(pattern, flags | regex.UNICODE)


def timeout_for(text: str) -> float:
    return BASE_TIMEOUT_S + PER_CHAR_TIMEOUT_S * len(text)


def iter_matches(pattern: regex.Pattern[str], text: str, rule: str) -> Iterator[regex.Match[str]]:
    """`pattern.finditer(text)` that stops (and logs the rule name) instead of hanging."""
    try:
        yield from pattern.finditer(text, timeout=timeout_for(text))
    except TimeoutError:
        log.warning("rule %s stopped: regex timeout on a %d-character text", rule, len(text))


def iter_matches_at(pattern: regex.Pattern[str], hint: re.Pattern[str], text: str,
                    rule: str) -> Iterator[regex.Match[str]]:
    """`pattern.finditer(text)`, trying `pattern` only where the stdlib `hint` matches.

    Why: `regex` tries a keyword alternation at every position, the stdlib engine scans for it
    several times faster. `hint` must match at every position where `pattern` can start (a
    superset is fine); matches are then the same, leftmost first and non-overlapping.
    """
    end = 0
    timeout = timeout_for(text)
    try:
        for h in hint.finditer(text):
            pos = h.start()
            if pos < end:
                continue
            m = pattern.match(text, pos, timeout=timeout)
            if m is not None:
                yield m
                end = m.end() if m.end() > m.start() else m.end() + 1
    except TimeoutError:
        log.warning("rule %s stopped: regex timeout on a %d-character text", rule, len(text))


class CaselessHint:
    """A stdlib pattern matched case-insensitively, run on the lowercased text when it can be.

    Why: IGNORECASE makes the stdlib engine compare every alternative case-folded at every
    position; the same pattern compiled case-sensitively and run on `text.lower()` (cached,
    shared by all rules) finds the same offsets about three times faster. When lowering cannot
    stand in for case-insensitive matching (see `_words.lowered`), the IGNORECASE pattern runs
    on the text itself. The pattern must be written in lowercase (escapes such as \\s and \\W
    aside) and in Latin letters, so that both ways match the same characters.
    """

    def __init__(self, pattern: str) -> None:
        bare = re.sub(r"\\[A-Za-z]", "", pattern)
        latin = all(c.isascii() or ("\u00c0" <= c <= "\u024f" and c not in "\u0131\u017f")
                    or (not c.isalpha() and c.lower() == c.upper() == c) for c in bare)
        if bare != bare.lower() or not latin:
            raise ValueError("a caseless hint is written in lowercase Latin letters")
        self.pattern = pattern
        self._exact = compiled_re(pattern, re.IGNORECASE)
        self._lower = compiled_re(pattern)

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        """Matches (offsets only: their text is lowercased when the fast way was taken)."""
        low = lowered(text)
        return self._exact.finditer(text) if low is None else self._lower.finditer(low)

    def search(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        low = lowered(text)
        return self._exact.search(text, pos, endpos) if low is None else self._lower.search(low, pos, endpos)


class AnyHint:
    """The starts of several hints, in order: where any of them matches (see iter_matches_at)."""

    def __init__(self, *hints: re.Pattern[str] | CaselessHint) -> None:
        self.hints = hints

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        return heapq.merge(*(h.finditer(text) for h in self.hints), key=_start)


def _start(m: re.Match[str]) -> int:
    return m.start()


def word_start_hint(words: list[str]) -> re.Pattern[str]:
    """Case-sensitive hint: where one of `words` starts a word, zero-width in effect.

    Written as "[first letters](?<!\\w[first letters])(?<=(?=word|word…).)" so that the stdlib
    engine skips ahead to the first letters (a leading look-behind would make it try every
    position). Each match is the word's first character only, so no start can hide in another.
    """
    first = "".join(sorted({re.escape(w[0]) for w in words}))
    alternation = "|".join(re.escape(w) for w in words)
    return compiled_re(rf"[{first}](?<!\w[{first}])(?<=(?={alternation})[\s\S])")


def make(start: int, end: int, label: Label, score: float, rule: str, why: str) -> Finding:
    """A finding with its score clamped to [0, 1] and the source tagged "rule:<name>"."""
    return Finding(start, end, label, round(min(1.0, max(0.0, score)), 4), f"rule:{rule}", why)


def has_digit(text: str) -> bool:
    """Cheap pre-check: digit rules skip texts without any ASCII digit (most prose)."""
    return any(c in text for c in "0123456789")


def digits_only(s: str) -> str:
    return "".join(c for c in s if c.isascii() and c.isalnum()).upper()


# What people put between a cue word and the value: "IPP : 123", "n° RPPS 123", "IPP n°123".
CUE_GAP = r"[ \t\u00a0]*(?i:(?:n°|n\.|no\.?|num(?:[ée]ro)?\.?|#|:)[ \t\u00a0]*){0,3}"


def keyword_starts(text: str, keywords: tuple[str, ...]) -> list[int]:
    """Sorted offsets where one of `keywords` (lowercase) starts a word, case-insensitively.

    Why: `str.find` on a lowercased copy is a fast C scan, much cheaper than letting a
    regex try an alternation of words at every position; patterns then run only around
    these anchors. Falls back to every position (0) when lowercasing changes the length
    (rare characters such as "İ"), so offsets can never drift.
    """
    low = text.lower()
    if len(low) != len(text):
        return [0]
    hits: set[int] = set()
    for word in keywords:
        i = low.find(word)
        while i != -1:
            if i == 0 or not low[i - 1].isalnum():
                hits.add(i)
            i = low.find(word, i + 1)
    return sorted(hits)
