"""From a text to the `result` message: segments, cache, detector thread, policy, UTF-16.

The event loop only slices the text and looks segments up in the cache; every detector pass
runs on the analysis worker. Cached findings are policy-independent (raw detector output),
so a policy change never serves stale actions: allow-terms and thresholds are applied to
every request afresh.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

from guard.detect.finding import Finding
from guard.detect.labels import Label
from guard.detect.merge import resolve_overlaps
from guard.policy.model import Action, Policy
from guard.server.segments import (
    MARGIN,
    MAX_SEGMENT,
    SegmentCache,
    owned,
    shift,
    split_segments,
)
from guard.server.utf16 import utf16_converter
from guard.server.worker import AnalysisWorker

Key = tuple[str, int, int]
# A segment being analysed: the work item's future and the segment's index in it.
Pending = tuple["asyncio.Future[list[list[Finding]]]", int]

# An enum member's `.value` is a property lookup; a dict is faster for the hundreds of findings
# of a long text.
_LABEL_VALUES = {label: label.value for label in Label}
_ACTION_VALUES = {action: action.value for action in Action}

# Characters of segments handed to the analysis thread in one work item.
BATCH_CHARS = 3000


class TextAnalyzer:
    """Detector findings for a whole text, using the segment cache and the analysis worker."""

    def __init__(self, worker: AnalysisWorker, cache: SegmentCache,
                 max_segment: int = MAX_SEGMENT, margin: int = MARGIN) -> None:
        self._worker = worker
        self._cache = cache
        self._max_segment = max_segment
        self._margin = margin
        # One detector pass per distinct segment even when several requests need it at once.
        self._pending: dict[Key, Pending] = {}

    @property
    def cache(self) -> SegmentCache:
        return self._cache

    async def analyze(self, text: str) -> list[Finding]:
        """Non-overlapping findings with Python str offsets into `text`, sorted by start."""
        segments = split_segments(text, self._max_segment, self._margin)
        keys = [seg.key(text) for seg in segments]
        found: dict[Key, tuple[Finding, ...]] = {}
        missing: list[Key] = []
        seen: set[Key] = set()
        for key in keys:
            if key in seen:
                continue
            seen.add(key)
            hit = self._cache.get(key) if self._cache.enabled else None
            if hit is None:
                missing.append(key)
            else:
                found[key] = hit
        if missing:
            await self._fetch(missing, found)
        findings: list[Finding] = []
        for seg, key in zip(segments, keys):
            findings.extend(shift(found[key], seg.win_start))
        if any(seg.hard_cut for seg in segments):
            findings = resolve_overlaps(findings, len(text))
        return findings

    async def _fetch(self, missing: list[Key], found: dict[Key, tuple[Finding, ...]]) -> None:
        deadline = self._worker.deadline(sum(len(k[0]) for k in missing))
        waits: list[tuple[Key, Pending]] = []
        new: list[Key] = []
        for key in missing:
            entry = self._pending.get(key)
            if entry is None:
                new.append(key)
            else:
                waits.append((key, entry))
        for batch in _batches(new, BATCH_CHARS):
            fut = asyncio.wrap_future(self._worker.submit(deadline, [k[0] for k in batch]))
            for i, key in enumerate(batch):
                entry = (fut, i)
                self._pending[key] = entry
                waits.append((key, entry))
            fut.add_done_callback(_forget(self._pending, batch, fut))
        futures = {id(f): f for _, (f, _) in waits}
        # shield: a client that disconnects must not cancel a pass another request awaits.
        await asyncio.gather(*(asyncio.shield(f) for f in futures.values()))
        for key, (fut, index) in waits:
            kept = owned(fut.result()[index], key[1], key[2])
            found[key] = kept
            self._cache.put(key, kept)


def _batches(keys: list[Key], max_chars: int) -> list[list[Key]]:
    """Consecutive segments packed into work items of about `max_chars` characters: one
    thread hop per item, yet items small enough for another request to slip between."""
    out: list[list[Key]] = []
    size = 0
    for key in keys:
        if out and size + len(key[0]) <= max_chars:
            out[-1].append(key)
            size += len(key[0])
        else:
            out.append([key])
            size = len(key[0])
    return out


def _forget(pending: dict[Key, Pending], batch: list[Key],
            fut: asyncio.Future[Any]) -> Callable[[Any], None]:
    def done(_: Any) -> None:
        for key in batch:
            entry = pending.get(key)
            if entry is not None and entry[0] is fut:
                del pending[key]
    return done


def result_payload(request_id: str, text: str, findings: list[Finding], site: str,
                   policy: Policy, *, paused: bool = False) -> dict[str, Any]:
    """The `result` message as a dict ready for orjson (validated against `protocol.Result` in tests).

    `paused` (a pause the policy allows, started from the tray): the findings and counts are
    still reported, so the extension can tell the user what it saw, but every action is
    allow and the message says why.
    """
    from guard.policy.allow import drop_allowed_terms
    from guard.policy.decide import decide

    kept = drop_allowed_terms(text, findings, policy.allow_terms)
    decision = decide(kept, site, policy)
    to16 = utf16_converter(text)
    wire = [
        {
            "start": to16(f.start),
            "end": to16(f.end),
            "label": _LABEL_VALUES[f.label],
            "score": round(float(f.score), 4),
            "action": "allow" if paused else _ACTION_VALUES[action],
        }
        for f, action in decision.items
    ]
    return {
        "type": "result",
        "id": request_id,
        "findings": wire,
        "action": "allow" if paused else decision.action.value,
        "counts": {str(label): int(n) for label, n in decision.counts.items()},
        "max_score": round(float(decision.max_score), 4),
        "guarded": bool(decision.guarded),
        "paused": paused,
    }
