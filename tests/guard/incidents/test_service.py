"""IncidentService: what a row keeps, never raising, read-only and full databases."""

from __future__ import annotations

import os
import sqlite3
import stat
from pathlib import Path

import pytest

from guard.incidents.service import IncidentService
from guard.incidents.store import IncidentStore
from guard.policy.model import Forwarding, Policy
from guard.protocol import Health
from .conftest import free_port, make_event, remount, small_tmpfs


def log(service: IncidentService, **kw):
    return service.record_event(make_event(**kw), extension_version="0.3.1", daemon_version="0.1.0")


def test_row_holds_only_closed_set_values(tmp_path: Path) -> None:
    service = IncidentService(Policy(version="2026-11"), tmp_path)
    try:
        ok = log(service, site="https://www.ChatGPT.com/c/123?q=dupont", outcome="overridden",
                 proposed_action="warn", reason="false_positive", counts={"NOM": 2, "TEL": 0}, max_score=0.912345)
        other = log(service, site="dupont-jean.example", outcome="overridden", reason="jean_dupont_1951")
        assert ok.logged and other.logged and ok.error is None
        first, second = list(service.store.records())
        assert first.site == "chatgpt.com" and first.reason == "false_positive"
        assert first.counts == {"NOM": 2} and first.max_score == pytest.approx(0.9123)
        assert first.minute.endswith("Z") and len(first.minute) == 17  # to the minute
        assert first.policy_version.startswith("2026-11/")
        assert first.extension_version == "0.3.1" and first.daemon_version == "0.1.0"
        assert second.site == "autre" and second.reason == "autre"
        assert service.status() == ""
    finally:
        service.close()


def test_resent_event_is_logged_once(tmp_path: Path) -> None:
    service = IncidentService(Policy(), tmp_path)
    try:
        event = make_event()
        a = service.record_event(event, extension_version="1", daemon_version="1")
        b = service.record_event(event, extension_version="1", daemon_version="1")
        assert a.incident_id == b.incident_id
        assert len(list(service.store.records())) == 1
    finally:
        service.close()


def test_today_counts_and_health(tmp_path: Path) -> None:
    service = IncidentService(Policy(), tmp_path)
    try:
        log(service, outcome="blocked")
        log(service, outcome="blocked")
        log(service, outcome="pseudonymized")
        health = Health(type="health", site="claude.ai", problem="no_input")
        assert service.record_health(health, extension_version="1", daemon_version="1").logged
        assert service.today_counts() == {"blocked": 2, "pseudonymized": 1, "total": 3}
        assert service.store.verify().ok
    finally:
        service.close()


def test_forwarding_off_means_no_spool(tmp_path: Path) -> None:
    service = IncidentService(Policy(), tmp_path)
    try:
        log(service)
        assert service.spool_size() == 0
    finally:
        service.close()


def test_read_only_filesystem(tmp_path: Path) -> None:
    with small_tmpfs(2048) as mnt:
        service = IncidentService(Policy(), mnt)
        assert log(service).logged
        service.close()
        remount(mnt, "ro")
        service = IncidentService(Policy(), mnt)
        try:
            result = log(service)
            assert not result.logged and result.incident_id is None
            assert "lecture seule" in result.error
            assert "lecture seule" in service.status()
        finally:
            service.close()
        reader = IncidentStore(mnt / "incidents.sqlite3", create=False, read_only=True)
        try:  # the DPO can still verify and export a log they cannot write
            assert reader.verify().ok and len(list(reader.records())) == 1
        finally:
            reader.close()
        remount(mnt, "rw")
        service = IncidentService(Policy(), mnt)
        try:
            assert log(service).logged and service.status() == ""
            assert service.store.verify().ok
        finally:
            service.close()


def _file_modes_enforced(tmp_path: Path) -> bool:
    probe = tmp_path / "probe"
    probe.write_text("x")
    probe.chmod(stat.S_IRUSR)
    try:
        with open(probe, "a"):
            return False  # root with CAP_DAC_OVERRIDE: modes do not bind
    except PermissionError:
        return True
    finally:
        probe.chmod(stat.S_IRWXU)
        probe.unlink()


def test_read_only_file_modes(tmp_path: Path) -> None:
    if not _file_modes_enforced(tmp_path):
        pytest.skip("file modes not enforced for this user (root)")
    service = IncidentService(Policy(), tmp_path)
    assert log(service).logged
    service.close()
    for p in tmp_path.iterdir():
        p.chmod(stat.S_IRUSR)
    tmp_path.chmod(stat.S_IRUSR | stat.S_IXUSR)
    try:
        service = IncidentService(Policy(), tmp_path)
        result = log(service)
        assert not result.logged and "lecture seule" in (result.error or "")
        service.close()
    finally:
        tmp_path.chmod(stat.S_IRWXU)


def test_full_filesystem_then_recovery() -> None:
    with small_tmpfs(256) as mnt:
        service = IncidentService(Policy(), mnt)
        try:
            assert log(service).logged
            fd = os.open(mnt / "ballast", os.O_WRONLY | os.O_CREAT)
            try:
                while True:
                    os.write(fd, b"\0" * 65536)
            except OSError:
                pass
            finally:
                os.close(fd)
            results = [log(service) for _ in range(30)]
            failed = [r for r in results if not r.logged]
            assert failed, "the filesystem never filled up"
            assert "Disque plein" in failed[-1].error
            assert "Disque plein" in service.status()
            (mnt / "ballast").unlink()
            assert log(service).logged
            assert service.status() == ""
            assert service.store.verify().ok
        finally:
            service.close()


def test_full_database_page_limit(tmp_path: Path) -> None:
    """Portable variant (no root): SQLite's own size cap gives the same SQLITE_FULL path."""
    service = IncidentService(Policy(), tmp_path, max_db_pages=12)
    try:
        results = [log(service) for _ in range(400)]
        failed = [r for r in results if not r.logged]
        assert failed and "Disque plein" in failed[0].error
        assert service.store.verify().ok
        assert sqlite3.connect(service.path).execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        service.close()


def test_unwritable_data_dir_never_raises(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    service = IncidentService(Policy(forwarding=Forwarding(enabled=True)), blocker / "sub")
    try:
        result = log(service)
        assert not result.logged and result.error
        assert service.status()
        assert service.today_counts() == {"total": 0}
    finally:
        service.close()
        service.close()


def test_pause_rows_hold_no_site_counts_or_text(tmp_path: Path) -> None:
    service = IncidentService(Policy(version="2026-11", pause_allowed=True), tmp_path)
    try:
        log(service, outcome="blocked")
        start = service.record_pause(15, daemon_version="0.1.0")
        end = service.record_pause(None, ended_by="expired", daemon_version="0.1.0")
        odd = service.record_pause(None, ended_by="Mme Dupont a fermé", daemon_version="0.1.0")
        assert start.logged and end.logged and odd.logged
        rows = [r for r in service.store.records() if r.kind == "pause"]
        assert [(r.outcome, r.detail) for r in rows] == [
            ("pause_started", {"minutes": 15}), ("pause_ended", {"ended_by": "expired"}),
            ("pause_ended", {"ended_by": "autre"})]
        assert all(r.site == "" and r.counts == {} and r.reason == "" for r in rows)
        assert "Dupont" not in repr(list(service.store.records()))
        # Pauses are not incidents: today's counts are unchanged, the chain still verifies.
        assert service.today_counts() == {"blocked": 1, "total": 1}
        assert service.store.verify().ok
    finally:
        service.close()


def test_pause_is_forwarded_when_forwarding_is_on(tmp_path: Path) -> None:
    # Nothing listens on the port: the row stays in the spool, waiting for the collector.
    policy = Policy(pause_allowed=True, forwarding=Forwarding(enabled=True, host="127.0.0.1", port=free_port()))
    service = IncidentService(policy, tmp_path, forward_retry_max=0.2)
    try:
        assert service.record_pause(15).logged
        assert service.spool_size() >= 1
    finally:
        service.close()
