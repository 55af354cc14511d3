"""The real menu on Linux: pystray's gtk backend (PyGObject, Debian's python3-gi).

The xorg backend has no menu, so this runs `vigie run` with the system Python (which has
`gi`) over the project's packages, inside a private D-Bus session, under Xvfb + trayer;
right-clicks the icon, checks the menu's rows on screen (one more with `quit_allowed`) and
clicks *Quitter*, which must stop the daemon and the process.
Skipped where python3-gi / dbus-run-session are missing or the system Python's version
differs from the virtualenv's (compiled wheels would not load).
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import sysconfig
import time
import urllib.request
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from guard.tray.icons import STATE_COLOURS
from guard.tray.state import TrayState

ROOT = Path(__file__).resolve().parents[3]
SYSTEM_PYTHON = "/usr/bin/python3"


def _gtk_python_or_skip() -> None:
    if shutil.which("dbus-run-session") is None or shutil.which("xdotool") is None:
        pytest.skip("dbus-run-session / xdotool absents")
    if not os.access(SYSTEM_PYTHON, os.X_OK):
        pytest.skip("pas de python3 système")
    probe = subprocess.run([SYSTEM_PYTHON, "-c", "import sys, gi; gi.require_version('Gtk', '3.0'); "
                            "from gi.repository import Gtk; print(sys.version_info[:2])"],
                           capture_output=True, text=True, timeout=30)
    if probe.returncode != 0:
        pytest.skip("python3-gi / Gtk 3 absents (apt-get install python3-gi gir1.2-gtk-3.0)")
    if probe.stdout.strip() != str(tuple(sys.version_info[:2])):
        pytest.skip(f"python3 système {probe.stdout.strip()} ≠ virtualenv {sys.version_info[:2]}")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _healthy(port: int) -> bool:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1) as r:  # noqa: S310
            return "protocol" in json.loads(r.read())
    except OSError:
        return False


def _start(xdisplay, tmp_path: Path, quit_allowed: bool) -> tuple[subprocess.Popen, int]:
    admin = tmp_path / "admin.json"
    admin.write_text(json.dumps({"quit_allowed": quit_allowed}))
    port = _free_port()
    env = {**os.environ, "DISPLAY": xdisplay.name, "PYSTRAY_BACKEND": "gtk",
           "PYTHONPATH": os.pathsep.join([str(ROOT), sysconfig.get_paths()["purelib"]]),
           "VIGIE_DATA_DIR": str(tmp_path / "data"), "VIGIE_ADMIN_POLICY": str(admin),
           "VIGIE_USER_SETTINGS": str(tmp_path / "user.json"), "NO_AT_BRIDGE": "1"}
    # Output to a file: helpers D-Bus starts would hold a pipe open after we exit.
    log = (tmp_path / "run.log").open("w")
    proc = subprocess.Popen(["dbus-run-session", "--", SYSTEM_PYTHON, "-m", "guard", "run", "--port", str(port),
                             "--no-model"], env=env, stdout=log, stderr=subprocess.STDOUT, text=True,
                            start_new_session=True)
    log.close()
    proc.log_path = tmp_path / "run.log"  # type: ignore[attr-defined]
    return proc, port


def _screen(xdisplay, path: Path) -> np.ndarray:
    return np.asarray(xdisplay.screenshot(path), dtype=np.int16)


def _open_menu(xdisplay, tmp_path: Path, proc: subprocess.Popen) -> tuple[int, int, int, int]:
    """Right-click the icon; return the menu's bounding box (x0, y0, x1, y1)."""
    orange = np.array(STATE_COLOURS[TrayState.DEGRADED], dtype=np.int16)
    deadline = time.monotonic() + 45
    while True:
        px = _screen(xdisplay, tmp_path / "icon.png")
        ys, xs = np.nonzero((np.abs(px - orange) <= 6).all(axis=-1))
        if len(xs) >= 40:
            break
        assert proc.poll() is None and time.monotonic() < deadline, "icon never appeared"
        time.sleep(0.3)
    cx, cy = int(xs.mean()), int(ys.mean())
    for _ in range(4):  # a click that lands while GTK is still settling is retried
        subprocess.run(["xdotool", "mousemove", str(cx), str(cy), "click", "3"],
                       env={**os.environ, "DISPLAY": xdisplay.name}, check=True, timeout=10)
        deadline = time.monotonic() + 3
        while time.monotonic() < deadline:
            px = _screen(xdisplay, tmp_path / "menu.png")
            light = (px >= 200).all(axis=-1)
            light[:40, :] = False  # the tray panel itself is light too
            ys, xs = np.nonzero(light)
            if len(xs) > 2000:
                time.sleep(0.3)  # let it finish drawing, then measure
                px = _screen(xdisplay, tmp_path / "menu.png")
                light = (px >= 200).all(axis=-1)
                light[:40, :] = False
                ys, xs = np.nonzero(light)
                return int(xs.min()), int(ys.min()), int(xs.max()), int(ys.max())
            time.sleep(0.3)
    raise AssertionError("menu never opened")


def _stop(proc: subprocess.Popen) -> str:
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(10)
    return proc.log_path.read_text()  # type: ignore[attr-defined]


@pytest.mark.timeout(120)
def test_menu_rows_follow_the_policy_and_quitter_stops_everything(xdisplay, tmp_path: Path) -> None:
    _gtk_python_or_skip()
    heights = {}
    for allowed in (False, True):
        run_dir = tmp_path / f"quit-{allowed}"
        run_dir.mkdir()
        proc, port = _start(xdisplay, run_dir, quit_allowed=allowed)
        try:
            box = _open_menu(xdisplay, run_dir, proc)
            heights[allowed] = box[3] - box[1]
            assert _healthy(port)
            if allowed:
                x0, _, x1, y1 = box
                # *Quitter* is the last row.
                subprocess.run(["xdotool", "mousemove", str((x0 + x1) // 2), str(y1 - 12), "click", "1"],
                               env={**os.environ, "DISPLAY": xdisplay.name}, check=True, timeout=10)
                assert proc.wait(30) == 0, _stop(proc)
                assert not _healthy(port)
            else:
                subprocess.run(["xdotool", "key", "Escape"], env={**os.environ, "DISPLAY": xdisplay.name},
                               check=True, timeout=10)
        finally:
            out = _stop(proc)
        assert "Traceback" not in out or allowed, out
    # One row more (Quitter) when the policy allows quitting: 5 rows against 4.
    ratio = heights[True] / heights[False]
    assert 1.15 < ratio < 1.35, heights
