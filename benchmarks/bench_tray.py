"""How fast `vigie run` is up (daemon answering, icon on screen) and down (SIGTERM to exit).

Runs under Xvfb + trayer (apt-get install xvfb trayer imagemagick), the pystray xorg
backend, rules only (--no-model) so the model's load time does not hide the tray's.
Usage: .venv/bin/python benchmarks/bench_tray.py [--runs 5]
Prints median and worst (p99 is the worst for so few runs) in milliseconds.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import numpy as np
from PIL import Image

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from guard.tray.icons import STATE_COLOURS  # noqa: E402
from guard.tray.state import TrayState  # noqa: E402


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


def _icon_visible(display: str, shot: Path) -> bool:
    subprocess.run(["import", "-display", display, "-window", "root", str(shot)], check=True,
                   capture_output=True, timeout=20)
    px = np.asarray(Image.open(shot).convert("RGB"), dtype=np.int16)
    rgb = np.array(STATE_COLOURS[TrayState.DEGRADED], dtype=np.int16)
    return int((np.abs(px - rgb) <= 6).all(axis=-1).sum()) >= 40


def _start_x() -> tuple[subprocess.Popen, subprocess.Popen, str]:
    r, w = os.pipe()
    xvfb = subprocess.Popen(["Xvfb", "-displayfd", str(w), "-screen", "0", "320x120x24", "-nolisten", "tcp"],
                            pass_fds=(w,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(w)
    with os.fdopen(r) as f:
        display = ":" + f.readline().strip()
    time.sleep(0.5)
    trayer = subprocess.Popen(["trayer", "--edge", "top", "--align", "left", "--SetDockType", "true",
                               "--widthtype", "pixel", "--width", "120", "--height", "32",
                               "--transparent", "false", "--tint", "0xffffff"],
                              env={**os.environ, "DISPLAY": display},
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(1.0)
    return xvfb, trayer, display


def one_run(display: str, tmp: Path) -> tuple[float, float, float]:
    port = _free_port()
    env = {**os.environ, "DISPLAY": display, "PYSTRAY_BACKEND": "xorg", "VIGIE_DATA_DIR": str(tmp / "data"),
           "VIGIE_ADMIN_POLICY": str(tmp / "a.json"), "VIGIE_USER_SETTINGS": str(tmp / "u.json")}
    t0 = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "guard", "run", "--port", str(port), "--no-model"],
                            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    up = icon = None
    while up is None or icon is None:
        if up is None and _healthy(port):
            up = time.perf_counter() - t0
        if icon is None and _icon_visible(display, tmp / "shot.png"):
            icon = time.perf_counter() - t0
        if time.perf_counter() - t0 > 60:
            proc.kill()
            raise RuntimeError("vigie run not up in 60 s")
    t1 = time.perf_counter()
    proc.send_signal(signal.SIGTERM)
    proc.wait(30)
    return up, icon, time.perf_counter() - t1


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    xvfb, trayer, display = _start_x()
    try:
        results = []
        with tempfile.TemporaryDirectory() as tmp:
            for _ in range(args.runs):
                results.append(one_run(display, Path(tmp)))
    finally:
        trayer.terminate()
        xvfb.terminate()
    for name, values in zip(("daemon answering /healthz", "icon on screen", "SIGTERM to exit"), zip(*results)):
        ms = [v * 1000 for v in values]
        print(f"{name:28s} median {statistics.median(ms):7.0f} ms   worst {max(ms):7.0f} ms   (n={len(ms)})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
