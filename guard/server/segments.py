"""Cut a prompt into independently analysed segments, and remember their findings.

While a clinician types in a 10,000-character prompt, the extension re-sends the whole text
after each pause. Analysing only the paragraphs that changed — and shifting the remembered
findings of the others — turns a full detector pass into a dictionary lookup plus one small
pass. Segmentation is applied on every request, cached or not, so a result never depends on
what happened to be in the cache.

Cuts: blank lines first (identifiers do not span paragraphs); a paragraph longer than
`max_len` is grouped by lines; a single line longer than that is cut at whitespace and each
piece is analysed with `margin` characters of context on both sides, keeping only findings
that start inside the piece it owns.

Short paragraphs are then grouped, because every detector call has a fixed cost. Group
boundaries are content-defined (a group ends after a paragraph whose checksum is 0 modulo
`GROUP_EVERY`, or before it would exceed `GROUP_MAX`), like rsync's rolling chunks: editing one
paragraph changes at most its own group and the next, never the grouping of the whole text.

The cache holds paragraph text in this process's memory only; it is never written anywhere.
"""

from __future__ import annotations

import re
import zlib
from collections import OrderedDict
from dataclasses import dataclass

from guard.detect.finding import Finding

MAX_SEGMENT = 2000
MARGIN = 64
GROUP_EVERY = 3
GROUP_MAX = 600  # a one-word edit re-analyses at most about this much (twice at worst)

_BLANK_LINE = re.compile(r"\n[ \t\r\f\v]*\n")


@dataclass(frozen=True, slots=True)
class Segment:
    """A window of the text to analyse; findings are kept when they start in [own_start, own_end)."""

    win_start: int
    win_end: int
    own_start: int
    own_end: int

    @property
    def hard_cut(self) -> bool:
        return self.own_start != self.win_start or self.own_end != self.win_end

    def key(self, text: str) -> tuple[str, int, int]:
        """Cache key: the window's text and the owned range relative to it."""
        return (text[self.win_start:self.win_end], self.own_start - self.win_start,
                self.own_end - self.win_start)


def split_segments(text: str, max_len: int = MAX_SEGMENT, margin: int = MARGIN,
                   group_every: int = GROUP_EVERY) -> list[Segment]:
    """Segments covering every non-blank character of `text`, in order."""
    units: list[Segment] = []
    pos = 0
    for sep in _BLANK_LINE.finditer(text):
        _add_paragraph(text, pos, sep.start(), max_len, margin, units)
        pos = sep.end()
    _add_paragraph(text, pos, len(text), max_len, margin, units)
    return _group(text, units, min(max_len, GROUP_MAX), group_every)


def _group(text: str, units: list[Segment], max_len: int, every: int) -> list[Segment]:
    """Merge runs of whole short paragraphs into one segment (content-defined boundaries)."""
    if every <= 1 or len(units) < 2:
        return units
    out: list[Segment] = []
    first: Segment | None = None
    last: Segment | None = None
    for unit in units:
        if unit.hard_cut:
            if first is not None and last is not None:
                out.append(Segment(first.win_start, last.win_end, first.own_start, last.own_end))
                first = last = None
            out.append(unit)
            continue
        if first is not None and unit.own_end - first.own_start > max_len:
            out.append(Segment(first.win_start, last.win_end, first.own_start, last.own_end))  # type: ignore[union-attr]
            first = None
        if first is None:
            first = unit
        last = unit
        para = text[unit.own_start:unit.own_end]
        if zlib.crc32(para.encode("utf-8", "surrogatepass")) % every == 0:
            out.append(Segment(first.win_start, unit.win_end, first.own_start, unit.own_end))
            first = last = None
    if first is not None and last is not None:
        out.append(Segment(first.win_start, last.win_end, first.own_start, last.own_end))
    return out


def _add_paragraph(text: str, start: int, end: int, max_len: int, margin: int,
                   out: list[Segment]) -> None:
    start, end = _strip(text, start, end)
    if start >= end:
        return
    if end - start <= max_len:
        out.append(Segment(start, end, start, end))
        return
    # Group whole lines greedily up to max_len.
    group_start = start
    group_end = start
    line_start = start
    while line_start < end:
        nl = text.find("\n", line_start, end)
        line_end = end if nl < 0 else nl
        if line_end - group_start > max_len and group_end > group_start:
            _add_group(text, group_start, group_end, max_len, margin, out)
            group_start = line_start
        group_end = line_end
        line_start = line_end + 1
    _add_group(text, group_start, group_end, max_len, margin, out)


def _add_group(text: str, start: int, end: int, max_len: int, margin: int,
               out: list[Segment]) -> None:
    start, end = _strip(text, start, end)
    if start >= end:
        return
    if end - start <= max_len:
        out.append(Segment(start, end, start, end))
        return
    # One very long line: hard cuts at whitespace, with context margins.
    cuts = [start]
    while end - cuts[-1] > max_len:
        limit = cuts[-1] + max_len
        space = max(text.rfind(" ", cuts[-1] + max_len // 2, limit),
                    text.rfind("\n", cuts[-1] + max_len // 2, limit))
        cuts.append(space + 1 if space > 0 else limit)
    cuts.append(end)
    for a, b in zip(cuts, cuts[1:]):
        out.append(Segment(max(start, a - margin), min(end, b + margin), a, b))


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def owned(findings: list[Finding], own_lo: int, own_hi: int) -> tuple[Finding, ...]:
    """Findings (window offsets) that start inside the owned range."""
    return tuple(f for f in findings if own_lo <= f.start < own_hi)


def shift(findings: tuple[Finding, ...], offset: int) -> list[Finding]:
    if offset == 0:
        return list(findings)
    return [f.moved(offset) for f in findings]


class SegmentCache:
    """LRU of segment findings, bounded by entry count and by total characters held."""

    def __init__(self, max_entries: int, max_chars: int) -> None:
        self._max_entries = max_entries
        self._max_chars = max_chars
        self._data: OrderedDict[tuple[str, int, int], tuple[Finding, ...]] = OrderedDict()
        self._chars = 0
        self.hits = 0
        self.misses = 0

    @property
    def enabled(self) -> bool:
        return self._max_entries > 0

    def __len__(self) -> int:
        return len(self._data)

    def get(self, key: tuple[str, int, int]) -> tuple[Finding, ...] | None:
        value = self._data.get(key)
        if value is None:
            self.misses += 1
            return None
        self._data.move_to_end(key)
        self.hits += 1
        return value

    def put(self, key: tuple[str, int, int], value: tuple[Finding, ...]) -> None:
        if not self.enabled or len(key[0]) > self._max_chars:
            return
        if key in self._data:
            self._data.move_to_end(key)
            return
        self._data[key] = value
        self._chars += len(key[0])
        while len(self._data) > self._max_entries or self._chars > self._max_chars:
            old, _ = self._data.popitem(last=False)
            self._chars -= len(old[0])

    def clear(self) -> None:
        self._data.clear()
        self._chars = 0
