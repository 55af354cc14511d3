"""Forwarding to a real rsyslog: RFC 5424 + octet counting, spool survives a collector outage."""

from __future__ import annotations

import re
import signal
import subprocess
import threading
import time
from pathlib import Path

import pytest

from guard.incidents.service import IncidentService
from guard.incidents.syslog import format_message, frame
from guard.policy.model import Forwarding, Policy

from .conftest import Rsyslog, free_port, make_event

PAYLOAD = {
    "incident_id": "76940128-7472-42b9-a06a-d6e5b4e799c8", "time": "2026-11-28T13:21Z",
    "kind": "incident", "site": "chatgpt.com", "counts": {"SECU": 1, "NOM": 2},
    "max_score": 0.97, "proposed_action": "block", "outcome": "overridden", "reason": 'a"b]c\\',
    "policy_version": "v1/abc", "extension_version": "0.1.0", "daemon_version": "0.1.0", "seq": 7,
}


def test_rfc5424_format_and_octet_counting() -> None:
    msg = format_message(PAYLOAD, app_name="vigie", hostname="poste-12")
    text = msg.decode("ascii")
    assert re.match(r"^<108>1 2026-11-28T13:21:00Z poste-12 vigie - 76940128747242b9a06ad6e5b4e799c8 "
                    r"\[vigie@32473 id=\"76940128-7472-42b9-a06a-d6e5b4e799c8\" ", text), text
    assert 'reason="a\\"b\\]c\\\\"' in text
    assert 'counts="NOM:2,SECU:1"' in text
    framed = frame(msg)
    length, rest = framed.split(b" ", 1)
    assert int(length) == len(rest) == len(msg)


def test_notice_severity_for_blocked() -> None:
    assert format_message({**PAYLOAD, "outcome": "blocked"}, hostname="h").startswith(b"<109>1 ")


def wait_for(predicate, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.1)
    return predicate()


def forwarding_service(data_dir: Path, port: int, **fw) -> IncidentService:
    policy = Policy(forwarding=Forwarding(enabled=True, host="127.0.0.1", port=port, **fw))
    return IncidentService(policy, data_dir, forward_retry_max=0.5, forward_confirm_after=0.5)


@pytest.mark.parametrize("stop_signal", [signal.SIGTERM, signal.SIGKILL], ids=["sigterm", "sigkill"])
def test_collector_stopped_mid_run_and_restarted_loses_nothing(tmp_path: Path, rsyslog: Rsyslog,
                                                               stop_signal: int) -> None:
    service = forwarding_service(tmp_path / "data", rsyslog.port)
    ids: list[str] = []
    failures: list[str] = []

    def writer() -> None:
        for _ in range(150):
            result = service.record_event(make_event(), extension_version="0.1.0", daemon_version="0.1.0")
            if result.logged:
                ids.append(result.incident_id)
            else:
                failures.append(result.error or "")
            time.sleep(0.02)

    try:
        thread = threading.Thread(target=writer)
        thread.start()
        assert wait_for(lambda: len(ids) >= 40, 30)
        rsyslog.stop(stop_signal)  # collector goes away while incidents keep coming
        assert wait_for(lambda: "syslog" in service.status(), 10), service.status()
        assert wait_for(lambda: len(ids) >= 100, 30)
        rsyslog.start()
        thread.join(timeout=60)
        assert not failures and len(ids) == 150
        assert wait_for(lambda: set(ids) <= rsyslog.received_ids(), 30), (
            f"missing {len(set(ids) - rsyslog.received_ids())} incident(s) at the collector")
        assert wait_for(lambda: service.spool_size() == 0, 10)
        assert wait_for(lambda: service.status() == "", 5), service.status()
    finally:
        service.close()
    lines = rsyslog.received_lines()
    assert all("[vigie@32473 id=" in line for line in lines)
    assert len(lines) >= 150  # duplicates allowed (at-least-once), none missing


def test_spool_survives_daemon_restart(tmp_path: Path) -> None:
    """Collector down while the daemon logs and then stops: a later daemon sends it all."""
    port = free_port()
    service = forwarding_service(tmp_path / "data", port)
    ids = [service.record_event(make_event(), extension_version="1", daemon_version="1").incident_id
           for _ in range(20)]
    assert wait_for(lambda: "injoignable" in service.status(), 10)
    service.close()
    workdir = tmp_path / "rs"
    workdir.mkdir()
    server = Rsyslog(workdir, port)
    server.start()
    try:
        service = forwarding_service(tmp_path / "data", port)
        try:
            assert wait_for(lambda: set(ids) <= server.received_ids(), 30)
            assert wait_for(lambda: service.spool_size() == 0, 10)
        finally:
            service.close()
    finally:
        server.stop()


def _make_cert(workdir: Path) -> dict[str, str] | None:
    key, cert = workdir / "key.pem", workdir / "cert.pem"
    done = subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(key), "-out", str(cert),
         "-days", "2", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"],
        capture_output=True, timeout=60)
    if done.returncode != 0:
        return None
    return {"ca": str(cert), "cert": str(cert), "key": str(key)}


def test_tls_forwarding(tmp_path: Path) -> None:
    workdir = tmp_path / "rs"
    workdir.mkdir()
    tls = _make_cert(workdir)
    if tls is None:
        pytest.skip("openssl unavailable")
    if not Path("/usr/lib/x86_64-linux-gnu/rsyslog/lmnsd_gtls.so").exists() and not list(
            Path("/usr/lib").glob("**/rsyslog/lmnsd_gtls.so")):
        pytest.skip("rsyslog-gnutls not installed")
    server = Rsyslog(workdir, free_port(), tls=tls)
    server.start()
    service = forwarding_service(tmp_path / "data", server.port, tls=True, ca_file=tls["ca"])
    try:
        ids = [service.record_event(make_event(), extension_version="1", daemon_version="1").incident_id
               for _ in range(5)]
        assert wait_for(lambda: set(ids) <= server.received_ids(), 30), service.status()
    finally:
        service.close()
        server.stop()
