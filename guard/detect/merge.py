"""Overlap resolution between findings from rules and from the model.

Why a separate module: the daemon, the CLI and the evaluation must all see the same
resolved spans, and the precedence (a checksum-valid structured identifier beats the
model; the model beats rules on names and places) is a product decision worth testing on
its own.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable

from guard.detect.finding import Finding
from guard.detect.labels import FREE_TEXT_LABELS, STRUCTURED_LABELS

# Scores at or above this from a rule mean "format and checksum verified".
VERIFIED_SCORE = 0.95


def _priority(f: Finding) -> tuple[int, float, int]:
    """Higher sorts first. Tiers: verified structured rule > model on free-text labels >
    other rules > other model findings; then score, then length."""
    is_rule = f.source.startswith("rule")
    if is_rule and f.label in STRUCTURED_LABELS and f.score >= VERIFIED_SCORE:
        tier = 3
    elif not is_rule and f.label in FREE_TEXT_LABELS:
        tier = 2
    elif is_rule:
        tier = 1
    else:
        tier = 0
    return (tier, f.score, f.length)


def resolve_overlaps(findings: Iterable[Finding], text_length: int, text: str | None = None) -> list[Finding]:
    """Keep a non-overlapping subset, preferring higher-priority findings, sorted by start.

    Offsets are clipped to the text; empty spans after clipping are dropped. With `text`,
    the whole words of a partly overlapped finding that no winner covers are kept as well.
    """
    clipped: list[Finding] = []
    for f in findings:
        start, end = max(0, f.start), min(text_length, f.end)
        if end <= start:
            continue
        if (start, end) != (f.start, f.end):
            f = Finding(start, end, f.label, f.score, f.source, f.explanation)
        clipped.append(f)
    # Kept spans never overlap, so sorted by start their ends are sorted too: one bisection
    # finds the only neighbours a candidate can overlap (O(n log n) on 200,000-char inputs).
    starts: list[int] = []
    kept: list[Finding] = []

    def overlaps(f: Finding) -> int | None:
        """Insertion index if `f` overlaps nothing kept, else None."""
        i = bisect.bisect_left(starts, f.start)
        if i < len(kept) and kept[i].start < f.end:
            return None
        if i > 0 and kept[i - 1].end > f.start:
            return None
        return i

    for f in sorted(clipped, key=_priority, reverse=True):
        i = overlaps(f)
        if i is not None:
            starts.insert(i, f.start)
            kept.insert(i, f)
            continue
        if text is None:
            continue
        # Partly covered: what the winner left uncovered is still flagged by this finding
        # ("M. KEMAL Yusuf" read as one name by a rule, "KEMAL" alone by the model: "Yusuf"
        # must not leak). Only whole words are kept, never a fragment of one.
        for piece in _uncovered(f, kept, starts, text):
            j = overlaps(piece)
            if j is not None:
                starts.insert(j, piece.start)
                kept.insert(j, piece)
    return kept


def _uncovered(f: Finding, kept: list[Finding], starts: list[int], text: str) -> list[Finding]:
    pieces: list[Finding] = []
    pos = f.start
    i = max(0, bisect.bisect_right(starts, f.start) - 1)
    bounds: list[tuple[int, int]] = []
    while i < len(kept) and kept[i].start < f.end:
        k = kept[i]
        if k.end > pos:
            if k.start > pos:
                bounds.append((pos, k.start))
            pos = max(pos, k.end)
        i += 1
    if pos < f.end:
        bounds.append((pos, f.end))
    for a, b in bounds:
        while a < b and not text[a].isalnum():
            a += 1
        while b > a and not text[b - 1].isalnum():
            b -= 1
        # A lone letter is dropped, a lone digit stays: the street number "8" of "8 ter rue…";
        # so does a capital followed by a dot, an initial.
        initial = b - a == 1 and text[a].isupper() and text.startswith(".", b)  # the "M" of "J.-M."
        if (b - a < 2 and not text[a:b].isdigit() and not initial) or (a > 0 and text[a - 1].isalnum()) \
                or (b < len(text) and text[b].isalnum()):
            continue
        pieces.append(Finding(a, b, f.label, f.score, f.source, f.explanation))
    return pieces
