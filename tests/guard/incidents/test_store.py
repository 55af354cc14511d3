"""The chained SQLite log: tamper evidence, purge anchors, migrations, crash safety."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from guard.incidents.record import IncidentRecord, minute_now
from guard.incidents.store import MIGRATIONS, SCHEMA_VERSION, IncidentStore, StoreError


def rec(i: int, when: datetime | None = None) -> IncidentRecord:
    return IncidentRecord(incident_id=f"00000000-0000-4000-8000-{i:012d}", minute=minute_now(when),
                          site="chatgpt.com", counts={"NOM": 1 + i % 3}, max_score=0.9,
                          proposed_action="block", outcome="blocked", policy_version="v/abc",
                          extension_version="0.1.0", daemon_version="0.1.0")


@pytest.fixture
def store(tmp_path: Path):
    s = IncidentStore(tmp_path / "incidents.sqlite3")
    yield s
    s.close()


def raw(store: IncidentStore) -> sqlite3.Connection:
    return sqlite3.connect(store.path, isolation_level=None)


def test_wal_schema_version_and_chain(store: IncidentStore) -> None:
    rows = [store.append(rec(i)) for i in range(5)]
    assert [r.seq for r in rows] == [1, 2, 3, 4, 5]
    assert rows[1].prev_hash == rows[0].hash
    assert store.schema_version == SCHEMA_VERSION
    with raw(store) as db:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    report = store.verify()
    assert report.ok and report.rows == 5


def test_same_incident_id_is_not_duplicated(store: IncidentStore) -> None:
    first = store.append(rec(1))
    again = store.append(rec(1))
    assert again.hash == first.hash and len(list(store.records())) == 1


@pytest.mark.parametrize("sql", [
    "UPDATE incidents SET counts='{\"NOM\":9}' WHERE seq=3",
    "UPDATE incidents SET outcome='cancelled' WHERE seq=1",
    "UPDATE incidents SET max_score=0.1 WHERE seq=5",
])
def test_edited_row_is_found(store: IncidentStore, sql: str) -> None:
    for i in range(5):
        store.append(rec(i))
    with raw(store) as db:
        db.execute(sql)
    report = store.verify()
    assert not report.ok
    assert any("contenu modifié" in p for p in report.problems)


def test_edit_with_recomputed_hash_breaks_the_next_link(store: IncidentStore) -> None:
    for i in range(5):
        store.append(rec(i))
    row = next(r for r in store.records() if r.seq == 2)
    forged = IncidentRecord(**{**row.__dict__, "outcome": "cancelled"}).chained(2, row.prev_hash)
    with raw(store) as db:
        db.execute("UPDATE incidents SET outcome=?, hash=? WHERE seq=2", (forged.outcome, forged.hash))
    report = store.verify()
    assert not report.ok and any("Ligne 3 : chaînage rompu" in p for p in report.problems)


def test_deleted_rows_are_found(store: IncidentStore) -> None:
    for i in range(6):
        store.append(rec(i))
    with raw(store) as db:
        db.execute("DELETE FROM incidents WHERE seq=3")
    assert any("Ligne(s) 3 à 3 supprimée(s)" in p for p in store.verify().problems)
    with raw(store) as db:
        db.execute("DELETE FROM incidents WHERE seq=6")
    assert any("Dernière(s) ligne(s) 6 à 6" in p for p in store.verify().problems)


def test_purge_keeps_chain_verifiable(store: IncidentStore) -> None:
    old = datetime.now(timezone.utc) - timedelta(days=400)
    for i in range(4):
        store.append(rec(i, old))
    for i in range(4, 7):
        store.append(rec(i))
    assert store.purge_older_than(365) == 4
    records = list(store.records())
    assert [r.kind for r in records] == ["incident"] * 3 + ["purge"]
    assert records[-1].detail["purged_through"] == 4
    report = store.verify()
    assert report.ok, report.problems
    assert report.purged_through == 4
    store.append(rec(99))
    assert store.verify().ok
    # a second purge (everything old) still verifies
    assert store.purge_older_than(1, now=datetime.now(timezone.utc) + timedelta(days=3)) == 5
    assert store.verify().ok
    # deleting beyond the anchor is still caught
    with raw(store) as db:
        db.execute("DELETE FROM incidents WHERE kind='purge'")
    assert not store.verify().ok


def test_migration_from_v1(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    db = sqlite3.connect(path, isolation_level=None)
    MIGRATIONS[0](db)
    db.execute("PRAGMA user_version=1")
    db.close()
    store = IncidentStore(path)
    try:
        assert store.schema_version == SCHEMA_VERSION
        store.append(rec(1), spool=True)
        assert store.spool_size() == 1
    finally:
        store.close()


def test_newer_schema_is_refused_clearly(tmp_path: Path) -> None:
    path = tmp_path / "new.sqlite3"
    db = sqlite3.connect(path)
    db.execute(f"PRAGMA user_version={SCHEMA_VERSION + 1}")
    db.close()
    with pytest.raises(StoreError, match="version plus récente"):
        IncidentStore(path)


def test_not_a_database_is_refused_clearly(tmp_path: Path) -> None:
    path = tmp_path / "junk.sqlite3"
    path.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError, match="endommagé"):
        IncidentStore(path)


WRITER = textwrap.dedent("""
    import sys
    from pathlib import Path
    from guard.incidents.service import IncidentService
    from guard.policy.model import Policy
    from guard.protocol import Event
    service = IncidentService(Policy(), Path(sys.argv[1]))
    for i in range(1000):
        event = Event(type="event", id=f"w{i}", site="claude.ai", outcome="pseudonymized",
                      proposed_action="redact", counts={"TEL": 1, "NOM": 2}, max_score=0.8)
        result = service.record_event(event, extension_version="0.1.0", daemon_version="0.1.0")
        if not result.logged:
            print("ERROR", result.error, flush=True)
            raise SystemExit(1)
        print(result.incident_id, flush=True)
""")


def test_kill_9_during_1000_writes(tmp_path: Path) -> None:
    proc = subprocess.Popen([sys.executable, "-c", WRITER, str(tmp_path)], stdout=subprocess.PIPE,
                            text=True, cwd=Path(__file__).resolve().parents[3])
    committed: list[str] = []
    assert proc.stdout is not None
    deadline = time.monotonic() + 120
    while len(committed) < 250 and time.monotonic() < deadline:
        line = proc.stdout.readline()
        if not line:
            break
        assert not line.startswith("ERROR"), line
        committed.append(line.strip())
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=10)
    committed.extend(l.strip() for l in proc.stdout.read().splitlines() if l.strip())
    assert proc.returncode == -signal.SIGKILL, "the writer finished before it could be killed"
    assert 250 <= len(committed) < 1000

    store = IncidentStore(tmp_path / "incidents.sqlite3", create=False)
    try:
        assert store.integrity_ok()
        stored = {r.incident_id for r in store.records()}
        assert set(committed) <= stored
        report = store.verify()
        assert report.ok, report.problems
        store.append(rec(5000))
        assert store.verify().ok
    finally:
        store.close()
