"""Export (CSV/JSON), the DPO's offline HTML report and the `vigie incidents` commands."""

from __future__ import annotations

import csv
import io
import json
import re
import sqlite3
import subprocess
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from guard.incidents.export import parse_since, to_csv, to_json
from guard.incidents.record import IncidentRecord, minute_now
from guard.incidents.report import render_report
from guard.incidents.store import IncidentStore

ROOT = Path(__file__).resolve().parents[3]


def seed(path: Path) -> IncidentStore:
    store = IncidentStore(path)
    base = datetime(2026, 11, 2, 10, 0, tzinfo=timezone.utc)
    plan = [
        (0, "chatgpt.com", {"NOM": 2, "SECU": 1}, "blocked", ""),
        (1, "claude.ai", {"TEL": 1}, "pseudonymized", ""),
        (8, "chatgpt.com", {"NOM": 1}, "overridden", "false_positive"),
        (9, "chatgpt.com", {"MAIL": 1, "NOM": 1}, "overridden", "patient_consent"),
        (15, "gemini.google.com", {"IBAN": 1}, "cancelled", ""),
    ]
    for i, (days, site, counts, outcome, reason) in enumerate(plan):
        store.append(IncidentRecord(
            incident_id=f"00000000-0000-4000-8000-{i:012d}", minute=minute_now(base + timedelta(days=days)),
            site=site, counts=counts, max_score=0.9, proposed_action="block", outcome=outcome,
            reason=reason, policy_version="v1/abc", extension_version="0.1.0", daemon_version="0.1.0"))
    return store


def test_csv_and_json(tmp_path: Path) -> None:
    store = seed(tmp_path / "db.sqlite3")
    records = list(store.records())
    rows = list(csv.DictReader(io.StringIO(to_csv(records))))
    assert len(rows) == 5
    assert rows[0]["count_NOM"] == "2" and rows[0]["count_SECU"] == "1" and rows[0]["count_TEL"] == "0"
    assert rows[2]["reason"] == "false_positive"
    data = json.loads(to_json(records))
    assert data["format"] == "vigie-incidents" and len(data["incidents"]) == 5
    assert data["incidents"][1]["counts"] == {"TEL": 1}
    since = list(store.records(since=parse_since("2026-11-10")))
    assert [r.outcome for r in since] == ["overridden", "overridden", "cancelled"]
    store.close()


def test_parse_since() -> None:
    assert parse_since("2026-11-10") == "2026-11-10T00:00Z"
    assert parse_since("2026-11-10T12:30:00+01:00") == "2026-11-10T11:30Z"
    assert parse_since(None) is None
    with pytest.raises(ValueError, match="AAAA-MM-JJ"):
        parse_since("10/11/2026")


def test_report_is_self_contained_french_with_charts(tmp_path: Path) -> None:
    store = seed(tmp_path / "db.sqlite3")
    html = render_report(list(store.records()), verify=store.verify())
    store.close()
    assert html.startswith("<!DOCTYPE html>") and "lang='fr'" in html
    assert html.count("<svg") == 4
    for title in ("par semaine et par type", "Incidents par site", "Suite donnée", "Contournements par motif"):
        assert title in html
    assert ">S45<" in html and ">S47<" in html and ">2026<" in html
    assert "Intégrité du journal vérifiée" in html
    # offline: nothing to fetch, no script
    assert "<script" not in html.lower()
    assert not re.search(r"(src|href)\s*=", html, re.I)
    assert not re.search(r"url\(", html, re.I)
    assert re.findall(r"https?://[^'\" ]+", html) == ["http://www.w3.org/2000/svg"] * 4


def test_report_shows_tampering(tmp_path: Path) -> None:
    store = seed(tmp_path / "db.sqlite3")
    with sqlite3.connect(store.path, isolation_level=None) as db:
        db.execute("DELETE FROM incidents WHERE seq=2")
    html = render_report(list(store.records()), verify=store.verify())
    store.close()
    assert "a été modifié ou des lignes ont été supprimées" in html


def test_report_empty_log() -> None:
    html = render_report([])
    assert "aucun incident" in html and "Aucune donnée" in html


def vigie(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "guard", *args], capture_output=True, text=True,
                          timeout=60, cwd=ROOT)


def test_cli_verify_export_report_purge(tmp_path: Path) -> None:
    db = tmp_path / "db.sqlite3"
    seed(db).close()
    done = vigie("incidents", "--db", str(db), "verify")
    assert done.returncode == 0 and "journal intègre (5 ligne(s))" in done.stdout
    out = tmp_path / "x.json"
    done = vigie("incidents", "--db", str(db), "export", "--format", "json", "--since", "2026-11-09", "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert len(json.loads(out.read_text())["incidents"]) == 3
    done = vigie("incidents", "--db", str(db), "export", "--format", "csv")
    assert done.returncode == 0 and done.stdout.count("\n") == 6
    report = tmp_path / "r.html"
    done = vigie("incidents", "--db", str(db), "report", "--out", str(report))
    assert done.returncode == 0 and "<svg" in report.read_text()
    done = vigie("incidents", "--db", str(db), "purge")  # default retention 365 days: nothing that old
    assert done.returncode == 0
    with sqlite3.connect(db, isolation_level=None) as conn:
        conn.execute("UPDATE incidents SET site='claude.ai' WHERE seq=1")
    done = vigie("incidents", "--db", str(db), "verify")
    assert done.returncode == 1 and "Ligne 1 : contenu modifié" in done.stderr
    done = vigie("incidents", "--db", str(tmp_path / "missing.sqlite3"), "verify")
    assert done.returncode == 2 and "introuvable" in done.stderr
