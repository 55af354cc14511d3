"""`vigie serve` as a real process: ready line, SIGTERM/SIGINT graceful stop, port in use."""

from __future__ import annotations

import asyncio
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import orjson
import pytest

from .conftest import analyze_msg, open_client, recv_json, request

READY = re.compile(r"ws://127\.0\.0\.1:(\d+)/")
SECRET = "Ploumanachovitch 1 85 07 75 056 045 72 ploum.anach@exemple.fr"


def spawn(tmp: Path, *extra: str) -> subprocess.Popen[str]:
    env = dict(os.environ, VIGIE_DATA_DIR=str(tmp / "data"),
               VIGIE_ADMIN_POLICY=str(tmp / "admin.json"),
               VIGIE_USER_SETTINGS=str(tmp / "user.json"), PYTHONUNBUFFERED="1")
    return subprocess.Popen(
        [sys.executable, "-m", "guard", "serve", "--no-model", "--log-level", "DEBUG",
         "--data-dir", str(tmp / "data"), *extra],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)


def wait_ready(proc: subprocess.Popen[str], timeout: float = 30.0) -> int:
    assert proc.stdout is not None
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        line = proc.stdout.readline()
        if not line:
            break
        m = READY.search(line)
        if m:
            return int(m.group(1))
    proc.kill()
    raise AssertionError(f"daemon not ready: {proc.communicate()[1][-2000:]}")


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
def test_signal_stops_gracefully(tmp_path: Path, sig: signal.Signals) -> None:
    proc = spawn(tmp_path, "--port", "0")
    try:
        port = wait_ready(proc)

        async def scenario() -> tuple[dict, dict, int | None, str]:
            ws = await open_client(port)
            result = await request(ws, analyze_msg(SECRET, "avant"))
            ack = await request(ws, {"type": "event", "id": "ev", "site": "claude.ai",
                                     "outcome": "blocked", "proposed_action": "block",
                                     "counts": {"NOM": 1, "SECU": 1}, "max_score": 0.97})
            proc.send_signal(sig)
            await ws.wait_closed()
            return result, ack, ws.close_code, ws.close_reason or ""

        result, ack, code, reason = asyncio.run(scenario())
        out, err = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert result["type"] == "result" and ack["type"] == "ack"
    assert code == 1001 and reason
    assert proc.returncode == 0, err[-2000:]
    assert "Vigie arrêté" in err
    for fragment in ("Ploumanachovitch", "056 045", "ploum.anach"):
        assert fragment not in err and fragment not in out


def test_inflight_request_is_answered_before_exit(tmp_path: Path) -> None:
    proc = spawn(tmp_path, "--port", "0")
    try:
        port = wait_ready(proc)

        async def scenario() -> tuple[list[dict], int | None]:
            ws = await open_client(port)
            text = ("Patient suivi pour diabète de type 2, revu en consultation. " * 40 + "\n\n") * 60
            for i in range(3):
                await ws.send(orjson.dumps(analyze_msg(text + str(i), f"r{i}")).decode())
            await asyncio.sleep(0.05)  # the frames are read before the signal
            proc.send_signal(signal.SIGTERM)
            replies = []
            try:
                while True:
                    replies.append(await recv_json(ws, timeout=30))
            except Exception:
                pass
            return replies, ws.close_code

        replies, code = asyncio.run(scenario())
        proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert sorted(r["id"] for r in replies if r["type"] == "result") == ["r0", "r1", "r2"]
    assert code == 1001 and proc.returncode == 0


def test_port_in_use_exits_with_clear_message(tmp_path: Path) -> None:
    first = spawn(tmp_path, "--port", "0")
    try:
        port = wait_ready(first)
        second = spawn(tmp_path / "b", "--port", str(port))
        _, err = second.communicate(timeout=30)
    finally:
        first.send_signal(signal.SIGTERM)
        first.communicate(timeout=30)
    assert second.returncode == 3
    assert f"Le port {port} est déjà utilisé" in err
    assert "--port" in err and "serveur de terminaux" in err
