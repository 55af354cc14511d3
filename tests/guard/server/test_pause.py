"""Pausing protection (tray *Pause 15 min*): a real GuardServer on port 0, real websockets
clients, the real incident database."""

from __future__ import annotations

import asyncio
import json
import threading
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

import pytest

from guard import paths
from guard.incidents.store import IncidentStore
from guard.protocol import PauseUpdate, Result
from guard.server import PauseRefusedError

from .conftest import RunningServer, analyze_msg, open_client, recv_json, request

PAUSE_POLICY = {"version": "pause-ok", "pause_allowed": True}
TEXT = "Mme Zorglubien, née à Quimperlouve"


def _analyze(rs: RunningServer, text: str = TEXT, rid: str = "r1") -> dict:
    async def scenario() -> dict:
        ws = await open_client(rs.port)
        reply = await request(ws, analyze_msg(text, rid))
        await ws.close()
        return reply
    return asyncio.run(scenario())


def _pause_rows(tmp_path: Path) -> list:
    db = tmp_path / "data" / paths.INCIDENT_DB_FILE
    store = IncidentStore(db, read_only=True)
    try:
        return list(store.records(kinds=("pause",)))
    finally:
        store.close()


def _wait(pred: Callable[[], bool], timeout: float = 10.0) -> bool:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if pred():
            return True
        time.sleep(0.05)
    return pred()


def _healthz(rs: RunningServer) -> dict:
    with urllib.request.urlopen(f"http://127.0.0.1:{rs.port}/healthz", timeout=5) as resp:  # noqa: S310
        return json.loads(resp.read())


def test_allowed_pause_turns_every_action_into_allow_and_is_logged(make_server, tmp_path: Path) -> None:
    rs = make_server(policy=PAUSE_POLICY)
    before = Result.model_validate(_analyze(rs))
    assert before.action == "block" and not before.paused

    async def scenario() -> tuple[dict, dict]:
        ws = await open_client(rs.port)
        # From a thread that is not the event loop, as the tray does.
        threading.Thread(target=rs.server.set_paused, args=(time.time() + 900,)).start()
        pushed = await recv_json(ws, timeout=10)
        reply = await request(ws, analyze_msg(TEXT, "during"))
        await ws.close()
        return pushed, reply

    pushed, reply = asyncio.run(scenario())
    update = PauseUpdate.model_validate(pushed)
    assert update.paused and update.until is not None and update.until == pytest.approx(time.time() + 900, abs=30)
    result = Result.model_validate(reply)
    assert result.paused is True and result.action == "allow"
    # Findings are kept (the extension still knows what it saw), their actions are allow.
    assert [f.label.value for f in result.findings] == ["NOM", "VILLE"]
    assert {f.action for f in result.findings} == {"allow"}
    assert result.counts and result.guarded

    st = rs.call(lambda s: s.status())
    assert st.paused and st.paused_until == pytest.approx(time.time() + 900, abs=30)
    health = _healthz(rs)
    assert health["paused"] is True and health["paused_until"].endswith("+00:00")

    assert _wait(lambda: len(_pause_rows(tmp_path)) == 1)
    row = _pause_rows(tmp_path)[0]
    assert (row.kind, row.outcome, row.detail) == ("pause", "pause_started", {"minutes": 15})
    assert row.site == "" and row.counts == {} and row.policy_version.startswith("pause-ok/")
    stored = json.dumps(row.as_public_dict(), ensure_ascii=False) + json.dumps(row.detail)
    for word in ("Zorglubien", "Quimperlouve", "claude"):
        assert word not in stored

    # Reprendre: the pause ends at once, results block again, the end is logged.
    rs.call(lambda s: s.set_paused(None))
    assert Result.model_validate(_analyze(rs, rid="after")).action == "block"
    assert not rs.call(lambda s: s.status()).paused and _healthz(rs)["paused_until"] is None
    assert _wait(lambda: len(_pause_rows(tmp_path)) == 2)
    end = _pause_rows(tmp_path)[1]
    assert (end.outcome, end.detail) == ("pause_ended", {"ended_by": "resumed"})
    verify = IncidentStore(tmp_path / "data" / paths.INCIDENT_DB_FILE, read_only=True)
    try:
        assert verify.verify().ok
    finally:
        verify.close()


def test_pause_expires_by_itself_and_extensions_are_told(make_server, tmp_path: Path) -> None:
    rs = make_server(policy=PAUSE_POLICY)

    async def scenario() -> tuple[dict, dict, dict, dict]:
        ws = await open_client(rs.port)
        rs.call(lambda s: s.set_paused(time.time() + 1.0))
        started = await recv_json(ws, timeout=10)
        during = await request(ws, analyze_msg(TEXT, "during"))
        ended = await recv_json(ws, timeout=10)  # pushed when the pause runs out
        after = await request(ws, analyze_msg(TEXT, "after"))
        await ws.close()
        return started, during, ended, after

    started, during, ended, after = asyncio.run(scenario())
    assert started["type"] == "pause" and started["paused"] is True
    assert during["paused"] is True and during["action"] == "allow"
    assert ended == {"type": "pause", "paused": False, "until": None}
    assert after["paused"] is False and after["action"] == "block"
    assert _wait(lambda: [r.outcome for r in _pause_rows(tmp_path)] == ["pause_started", "pause_ended"])
    assert _pause_rows(tmp_path)[1].detail == {"ended_by": "expired"}


def test_pause_refused_when_policy_forbids_it(make_server, tmp_path: Path) -> None:
    rs = make_server()  # default policy: pause_allowed false
    with pytest.raises(PauseRefusedError, match="pause_allowed"):
        rs.server.set_paused(time.time() + 900)
    with pytest.raises(PauseRefusedError, match="pause_allowed"):
        rs.call(lambda s: s.set_paused(time.time() + 900))
    rs.call(lambda s: s.set_paused(None))  # ending a pause that does not exist: nothing happens
    result = Result.model_validate(_analyze(rs))
    assert result.action == "block" and result.paused is False
    assert not rs.call(lambda s: s.status()).paused and _healthz(rs)["paused"] is False
    time.sleep(0.2)
    assert _pause_rows(tmp_path) == []


def test_pause_length_is_bounded(make_server) -> None:
    rs = make_server(policy=PAUSE_POLICY)
    with pytest.raises(PauseRefusedError, match="60 minutes"):
        rs.server.set_paused(time.time() + 24 * 3600)
    with pytest.raises(PauseRefusedError):
        rs.server.set_paused(time.time() - 1)
    assert not rs.call(lambda s: s.status()).paused


def test_policy_withdrawing_pause_ends_it(make_server, tmp_path: Path) -> None:
    rs = make_server(policy=PAUSE_POLICY)
    rs.call(lambda s: s.set_paused(time.time() + 900))
    assert _analyze(rs)["paused"] is True
    (tmp_path / "admin-policy.json").write_text(json.dumps({"version": "v2", "pause_allowed": False}),
                                                encoding="utf-8")
    assert _wait(lambda: not rs.call(lambda s: s.status()).paused)
    assert _analyze(rs, rid="after")["action"] == "block"
    assert _wait(lambda: [r.detail.get("ended_by") for r in _pause_rows(tmp_path)] == [None, "policy"])


def test_shutdown_during_a_pause_logs_its_end(make_server, tmp_path: Path) -> None:
    rs = make_server(policy=PAUSE_POLICY)
    rs.call(lambda s: s.set_paused(time.time() + 900))
    rs.stop()
    assert [(r.outcome, r.detail) for r in _pause_rows(tmp_path)] == [
        ("pause_started", {"minutes": 15}), ("pause_ended", {"ended_by": "stopped"})]
