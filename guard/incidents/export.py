"""`vigie incidents export`: the log as CSV or JSON for the DPO's own tools.

Only what the row holds is exported (counts, labels, codes, versions), so an export can be
mailed or archived without becoming a file of patient data.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from datetime import date, datetime, timezone

from guard.detect.labels import Label
from guard.incidents.record import IncidentRecord

CSV_FIELDS = (
    "incident_id", "time", "site", "outcome", "proposed_action", "reason", "max_score",
    "policy_version", "extension_version", "daemon_version",
) + tuple(f"count_{label.value}" for label in Label)


def parse_since(value: str | None) -> str | None:
    """`2026-11-01` or an ISO date-time -> the minute string used in the log (UTC)."""
    if not value:
        return None
    value = value.strip()
    try:
        if len(value) == 10:
            day = date.fromisoformat(value)
            return f"{day.isoformat()}T00:00Z"
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise ValueError(f"date invalide « {value[:40]} » (attendu : AAAA-MM-JJ)") from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%MZ")


def to_csv(records: Iterable[IncidentRecord]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_FIELDS, lineterminator="\n")
    writer.writeheader()
    for r in records:
        if r.kind != "incident":
            continue
        row = {
            "incident_id": r.incident_id, "time": r.minute, "site": r.site, "outcome": r.outcome,
            "proposed_action": r.proposed_action, "reason": r.reason,
            "max_score": f"{r.max_score:.4f}", "policy_version": r.policy_version,
            "extension_version": r.extension_version, "daemon_version": r.daemon_version,
        }
        for label in Label:
            row[f"count_{label.value}"] = r.counts.get(label.value, 0)
        writer.writerow(row)
    return out.getvalue()


def to_json(records: Iterable[IncidentRecord]) -> str:
    items = []
    for r in records:
        if r.kind != "incident":
            continue
        item = r.as_public_dict()
        item.pop("kind", None)
        items.append(item)
    return json.dumps({"format": "vigie-incidents", "version": 1, "incidents": items},
                      ensure_ascii=False, indent=2) + "\n"
