"""Known identifiers go through the whole path and none of their values is written anywhere.

Path: analyze -> decide -> event (including a hostile extension smuggling values into the
event's id, site and reason) -> incident log (+WAL) -> forwarding spool -> real rsyslog ->
CSV/JSON export -> HTML report -> Python logging and CLI output. Every byte written is
searched for every value in many encodings, including hashes (a NIR's hash is reversible).

`analyze` runs the detector in-process today; the daemon team can route it through the
WebSocket server without changing the rest of the test.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import logging
import subprocess
import sys
import time
import unicodedata
import urllib.parse
from pathlib import Path

from guard.detect.finding import Finding
from guard.incidents.service import IncidentService
from guard.policy.decide import decide
from guard.policy.model import Forwarding, Policy
from guard.protocol import Event, Health

from .conftest import Rsyslog, make_event

ROOT = Path(__file__).resolve().parents[3]

TEXT = ("Rédige un courrier pour Mme Le Gall Rose, née le 03/04/1951, NIR 2 51 04 29 019 088 01, "
        "tél 06 12 34 56 78, rose.legall@exemple.fr, IPP 8001234567, suivie à l'hôpital Bichat.")
VALUES = ["Le Gall", "Rose", "03/04/1951", "2 51 04 29 019 088 01", "06 12 34 56 78",
          "rose.legall@exemple.fr", "8001234567", "Bichat"]


def analyze(text: str) -> list[Finding]:
    from guard.detect.detector import Detector

    return Detector.default(use_model=False).analyze(text)


def _forms(value: str) -> set[str]:
    plain = "".join(c for c in unicodedata.normalize("NFKD", value) if not unicodedata.combining(c))
    forms = {value, plain}
    for sep in ("", "_", "-", "."):
        forms.add(sep.join(value.split()))
        forms.add(sep.join(plain.split()))
    digits = "".join(c for c in value if c.isdigit())
    if len(digits) >= 6:
        forms.add(digits)
    return {f for f in forms if len(f) >= 4}


def variants(value: str) -> set[bytes]:
    out: set[bytes] = set()
    for form in _forms(value):
        for f in (form, form.lower(), form.upper()):
            raw = f.encode("utf-8")
            out.update({
                raw, f.encode("utf-16-le"), f.encode("utf-16-be"), f.encode("latin-1", "ignore"),
                urllib.parse.quote(f).encode(), html.escape(f).encode(),
                json.dumps(f).strip('"').encode(), base64.b64encode(raw).rstrip(b"="),
                raw.hex().encode(),
                hashlib.sha256(raw).hexdigest().encode(), hashlib.sha1(raw).hexdigest().encode(),
                hashlib.md5(raw).hexdigest().encode(), hashlib.sha256(raw).digest(),
            })
    return {v for v in out if len(v) >= 4}


def leaks(blob: bytes) -> list[str]:
    low = blob.lower()
    found = []
    for value in VALUES:
        if any(v.lower() in low for v in variants(value)):
            found.append(value)
    return found


def test_scanner_finds_values_in_a_positive_control() -> None:
    assert set(leaks(TEXT.encode("utf-16-le"))) == set(VALUES)
    assert leaks(hashlib.sha256(b"251042901908801").hexdigest().encode()) == ["2 51 04 29 019 088 01"]
    assert leaks(b"nothing here") == []


def test_no_identifier_value_in_any_byte_written(tmp_path: Path, rsyslog: Rsyslog, caplog) -> None:
    caplog.set_level(logging.DEBUG)
    findings = analyze(TEXT)
    assert {f.label.value for f in findings} >= {"NOM", "SECU", "TEL", "MAIL", "DATE_NAISSANCE"}
    policy = Policy(forwarding=Forwarding(enabled=True, host="127.0.0.1", port=rsyslog.port))
    decision = decide(findings, "https://le-gall-rose.chatgpt.com/c/1", policy)
    assert decision.guarded and decision.counts

    data_dir = tmp_path / "data"
    service = IncidentService(policy, data_dir, forward_retry_max=0.5, forward_confirm_after=0.3)
    ids = []
    try:
        for outcome, reason, event_id in [
            ("blocked", None, "2 51 04 29 019 088 01"),
            ("overridden", "le_gall_rose", "rose.legall@exemple.fr"),
            ("pseudonymized", None, "0612345678-03/04/1951"),
        ]:
            event = Event(type="event", id=event_id, site="le-gall-rose.chatgpt.com", outcome=outcome,
                          proposed_action=decision.action, counts=decision.counts,
                          max_score=decision.max_score, reason=reason)
            result = service.record_event(event, extension_version="0.1.0", daemon_version="0.1.0")
            assert result.logged, result.error
            ids.append(result.incident_id)
        service.record_health(Health(type="health", site="bichat-8001234567.chatgpt.com", problem="no_input"))
        ids.append(service.record_event(make_event(), extension_version="1", daemon_version="1").incident_id)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and not set(ids) <= rsyslog.received_ids():
            time.sleep(0.1)
        assert set(ids) <= rsyslog.received_ids()
    finally:
        service.close()

    outputs = tmp_path / "out"
    outputs.mkdir()
    db = data_dir / "incidents.sqlite3"
    cli_output = []
    for args in (["export", "--format", "csv", "--out", str(outputs / "x.csv")],
                 ["export", "--format", "json", "--out", str(outputs / "x.json")],
                 ["export", "--format", "json"],
                 ["report", "--out", str(outputs / "r.html")],
                 ["verify"]):
        done = subprocess.run([sys.executable, "-m", "guard", "incidents", "--db", str(db), *args],
                              capture_output=True, timeout=60, cwd=ROOT)
        assert done.returncode == 0, done.stderr
        cli_output.append(done.stdout + done.stderr)
    assert b"chatgpt.com" in (outputs / "x.csv").read_bytes()
    assert b"<svg" in (outputs / "r.html").read_bytes()

    written = [p for p in tmp_path.rglob("*") if p.is_file()]
    assert {db.name, "received.log", "x.csv", "x.json", "r.html"} <= {p.name for p in written}
    problems = {str(p.relative_to(tmp_path)): leaks(p.read_bytes()) for p in written}
    problems["cli output"] = leaks(b"".join(cli_output))
    problems["python logging"] = leaks(caplog.text.encode())
    assert {k: v for k, v in problems.items() if v} == {}
