"""`vigie run` end to end: real daemon + real tray icon in a subprocess, stopped by signal."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import pytest

from guard.tray.icons import STATE_COLOURS
from guard.tray.state import TrayState


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _healthz(port: int) -> dict | None:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as resp:  # noqa: S310
            return json.loads(resp.read())
    except OSError:
        return None


def _env(tmp_path: Path, display: str | None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env.update(VIGIE_DATA_DIR=str(tmp_path / "data"), VIGIE_ADMIN_POLICY=str(tmp_path / "admin.json"),
               VIGIE_USER_SETTINGS=str(tmp_path / "user.json"), PYSTRAY_BACKEND="xorg")
    if display:
        env["DISPLAY"] = display
    return env


def _start(tmp_path: Path, display: str | None) -> tuple[subprocess.Popen, int]:
    port = _free_port()
    proc = subprocess.Popen([sys.executable, "-m", "guard", "run", "--port", str(port), "--no-model"],
                            env=_env(tmp_path, display), stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            text=True)
    return proc, port


def _stop(proc: subprocess.Popen) -> tuple[int, str]:
    proc.send_signal(signal.SIGTERM)
    out, _ = proc.communicate(timeout=20)
    return proc.returncode, out


@pytest.mark.timeout(90)
def test_vigie_run_shows_the_icon_and_stops_both_on_sigterm(xdisplay, tmp_path: Path) -> None:
    t0 = time.monotonic()
    proc, port = _start(tmp_path, xdisplay.name)
    try:
        orange = STATE_COLOURS[TrayState.DEGRADED]  # --no-model: rules only, said out loud
        shot = tmp_path / "run.png"
        deadline = time.monotonic() + 45
        while xdisplay.count_colour(xdisplay.screenshot(shot), orange) < 40:
            assert proc.poll() is None, proc.communicate()[0]
            assert time.monotonic() < deadline, "icon never appeared"
            time.sleep(0.2)
        icon_s = time.monotonic() - t0
        health = _healthz(port)
        assert health is not None and health["detector"] == "rules-only"
        print(f"vigie run: icon on screen {icon_s:.2f} s after spawn")
    finally:
        code, out = _stop(proc)
    assert code == 0, out
    assert "icône prête" in out
    assert _healthz(port) is None
    # The icon left the tray with the process.
    assert xdisplay.count_colour(xdisplay.screenshot(tmp_path / "after.png"), orange) < 10


@pytest.mark.timeout(60)
def test_vigie_run_without_display_is_headless_and_says_so(tmp_path: Path) -> None:
    proc, port = _start(tmp_path, None)
    lines: list[str] = []
    reader = threading.Thread(target=lambda: lines.extend(iter(proc.stdout.readline, "")), daemon=True)
    reader.start()
    try:
        deadline = time.monotonic() + 40
        while _healthz(port) is None or not any("sans icône" in line for line in lines):
            assert proc.poll() is None, "".join(lines)
            assert time.monotonic() < deadline, "".join(lines)
            time.sleep(0.2)
    finally:
        proc.send_signal(signal.SIGTERM)
        code = proc.wait(timeout=20)
        reader.join(10)
    out = "".join(lines)
    assert code == 0, out
    assert "aucun affichage" in out


@pytest.mark.timeout(60)
def test_vigie_run_port_taken_fails_with_french_reason(tmp_path: Path) -> None:
    with socket.socket() as blocker:
        blocker.bind(("127.0.0.1", 0))
        blocker.listen()
        port = blocker.getsockname()[1]
        proc = subprocess.run([sys.executable, "-m", "guard", "run", "--port", str(port), "--no-model"],
                              env=_env(tmp_path, None), capture_output=True, text=True, timeout=40)
    assert proc.returncode == 1
    assert "déjà utilisé" in proc.stderr
