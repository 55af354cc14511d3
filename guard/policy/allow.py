"""The practice's allow-list: its own doctors' names, its address, never flagged.

A finding is dropped when every word of it lies inside a whole-word occurrence of an
allow-list term in the text, ignoring case, accents, apostrophe/hyphen variants and
courtesy titles (Dr, Pr, Mme...). "Martin" allowed does not excuse "Jean Martin": the
practice must list the full name, because a patient may share a doctor's surname.
"""

from __future__ import annotations

import bisect
import functools
import re
import unicodedata
from collections.abc import Iterable, Sequence

from guard.detect.finding import Finding

_APOSTROPHES = "\u2019\u2018\u02bc\u00b4`"
_HYPHENS = "\u2010\u2011\u2012\u2013\u2014\u2212"
_LIGATURES = {"œ": "oe", "Œ": "oe", "æ": "ae", "Æ": "ae"}
_TITLES = frozenset({
    "dr", "docteur", "pr", "professeur", "m", "mr", "monsieur", "mme", "madame", "mlle",
    "mademoiselle", "me", "maitre",
})
_WORD_RE = re.compile(r"\w+")


def _fold_char(ch: str) -> str:
    if ch in _APOSTROPHES:
        return "'"
    if ch in _HYPHENS:
        return "-"
    if ch in _LIGATURES:
        return _LIGATURES[ch]
    decomposed = unicodedata.normalize("NFKD", ch)
    base = "".join(c for c in decomposed if not unicodedata.combining(c))
    return base.casefold()


_FOLD_CACHE: dict[str, str] = {}


def _fold_cached(ch: str) -> str:
    folded = _FOLD_CACHE.get(ch)
    if folded is None:
        folded = ch.casefold() if ch.isascii() else _fold_char(ch)
        if len(_FOLD_CACHE) < 100_000:
            _FOLD_CACHE[ch] = folded
    return folded


def fold_with_map(text: str) -> tuple[str, list[int] | None]:
    """Case/accent-folded text and, for each folded char, the index of its source char
    (None when the mapping is the identity, the common case, to save building it)."""
    if text.isascii():
        return text.lower(), None
    parts = [_fold_cached(ch) for ch in text]
    folded = "".join(parts)
    if len(folded) == len(text) and all(len(p) == 1 for p in parts):
        return folded, None
    index: list[int] = []
    for i, part in enumerate(parts):
        index.extend([i] * len(part))
    return folded, index


def fold(text: str) -> str:
    return fold_with_map(text)[0]


@functools.lru_cache(maxsize=32)
def _term_pattern(terms: tuple[str, ...]) -> re.Pattern[str] | None:
    parts: list[str] = []
    for term in terms:
        words = fold(term).split()
        if not words or not any(_WORD_RE.search(w) for w in words):
            continue
        parts.append(r"\s+".join(re.escape(w) for w in words))
    if not parts:
        return None
    parts.sort(key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(parts) + r")(?!\w)")


def allowed_spans(text: str, terms: Sequence[str]) -> list[tuple[int, int]]:
    """Spans (str indices into `text`) of whole-word allow-list occurrences."""
    pattern = _term_pattern(tuple(terms))
    if pattern is None:
        return []
    folded, index = fold_with_map(text)
    spans: list[tuple[int, int]] = []
    pos = 0
    while True:
        m = pattern.search(folded, pos)
        if m is None:
            break
        if m.end() > m.start():
            if index is None:
                spans.append((m.start(), m.end()))
            else:
                spans.append((index[m.start()], index[m.end() - 1] + 1))
        pos = max(m.end(), pos + 1)
    return spans


def _covered(text: str, finding: Finding, spans: Sequence[tuple[int, int]], starts: Sequence[int]) -> bool:
    words = [m for m in _WORD_RE.finditer(text, finding.start, finding.end)]
    significant = [m for m in words if fold(m.group()) not in _TITLES]
    if not significant:
        return False
    for m in significant:
        i = bisect.bisect_right(starts, m.start()) - 1
        if i < 0 or spans[i][1] < m.end():
            return False
    return True


def drop_allowed_terms(text: str, findings: Iterable[Finding], terms: Sequence[str]) -> list[Finding]:
    """Findings minus those entirely made of allow-listed terms (plus titles)."""
    findings = list(findings)
    if not terms or not findings:
        return findings
    spans = allowed_spans(text, terms)
    if not spans:
        return findings
    starts = [s for s, _ in spans]  # spans are sorted and disjoint (regex scan order)
    return [f for f in findings if not _covered(text, f, spans, starts)]
