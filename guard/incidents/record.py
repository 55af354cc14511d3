"""One incident row: counts and labels, never text, values or hashes of values.

Everything stored is drawn from small closed sets (labels, actions, outcomes, the admin's
reason codes and guarded-site list) or is a number, so the row cannot carry patient data
even if a buggy or hostile extension puts some in an event: a site not in the policy is
stored as "autre", a reason code not offered by the policy as "autre".
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from typing import Any

from guard.detect.labels import Label

GENESIS_HASH = "0" * 64
OTHER = "autre"
KINDS = ("incident", "health", "purge", "pause")
# A protection pause (tray *Pause 15 min*) and its end: kind "pause", one of these outcomes.
PAUSE_OUTCOMES = ("pause_started", "pause_ended")
PAUSE_END_CAUSES = ("expired", "resumed", "policy", "stopped")
OUTCOMES = ("sent_clean", "blocked", "pseudonymized", "overridden", "cancelled", "warned_sent")
_VERSION_RE = re.compile(r"^[0-9A-Za-z][0-9A-Za-z.+_-]{0,31}$")


def minute_now(now: datetime | None = None) -> str:
    """UTC time truncated to the minute: finer times add nothing for the DPO."""
    now = now or datetime.now(timezone.utc)
    return now.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%MZ")


def clean_version(value: str | None) -> str:
    if value and _VERSION_RE.match(value):
        return value
    return "?"


def canonical_counts(counts: dict[Any, int]) -> dict[str, int]:
    valid = {label.value for label in Label}
    out: dict[str, int] = {}
    for key, n in counts.items():
        name = getattr(key, "value", str(key))
        if name in valid and isinstance(n, int) and n > 0:
            out[name] = min(n, 1_000_000)
    return dict(sorted(out.items()))


@dataclass(frozen=True)
class IncidentRecord:
    """A row of the chained log. `detail` is only used by purge anchors, health and pause
    rows (small dicts of numbers and codes)."""

    incident_id: str
    minute: str
    kind: str = "incident"
    site: str = ""
    counts: dict[str, int] = field(default_factory=dict)
    max_score: float = 0.0
    proposed_action: str = ""
    outcome: str = ""
    reason: str = ""
    policy_version: str = ""
    extension_version: str = ""
    daemon_version: str = ""
    detail: dict[str, Any] = field(default_factory=dict)
    seq: int = 0
    prev_hash: str = ""
    hash: str = ""

    def chain_payload(self) -> bytes:
        """Canonical bytes the row hash covers: every stored field plus the previous hash."""
        fields = [
            self.seq, self.incident_id, self.kind, self.minute, self.site,
            json.dumps(self.counts, sort_keys=True, separators=(",", ":")),
            f"{self.max_score:.4f}", self.proposed_action, self.outcome, self.reason,
            self.policy_version, self.extension_version, self.daemon_version,
            json.dumps(self.detail, sort_keys=True, separators=(",", ":")), self.prev_hash,
        ]
        return json.dumps(fields, ensure_ascii=False, separators=(",", ":")).encode("utf-8")

    def compute_hash(self) -> str:
        return hashlib.sha256(self.chain_payload()).hexdigest()

    def chained(self, seq: int, prev_hash: str) -> IncidentRecord:
        row = replace(self, seq=seq, prev_hash=prev_hash, hash="")
        return replace(row, hash=row.compute_hash())

    def as_public_dict(self) -> dict[str, Any]:
        """What export, report and syslog show (the chain fields are for verification)."""
        return {
            "incident_id": self.incident_id, "time": self.minute, "kind": self.kind,
            "site": self.site, "counts": dict(self.counts), "max_score": round(self.max_score, 4),
            "proposed_action": self.proposed_action, "outcome": self.outcome,
            "reason": self.reason, "policy_version": self.policy_version,
            "extension_version": self.extension_version, "daemon_version": self.daemon_version,
            "seq": self.seq, "hash": self.hash,
        }
