"""A real X display with a real tray host (Xvfb + trayer) for the tray tests.

Skipped (with the reason) where the binaries are missing; scripts/test.sh installs them.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pytest
from PIL import Image


@dataclass(frozen=True)
class XDisplay:
    name: str  # ":N"

    def screenshot(self, path: Path) -> Image.Image:
        subprocess.run(["import", "-display", self.name, "-window", "root", str(path)],
                       check=True, timeout=20, capture_output=True)
        return Image.open(path).convert("RGB")

    @staticmethod
    def count_colour(img: Image.Image, rgb: tuple[int, int, int], tol: int = 6) -> int:
        return count_colour(img, rgb, tol)

    def env(self) -> dict[str, str]:
        return {**os.environ, "DISPLAY": self.name, "PYSTRAY_BACKEND": "xorg"}


def count_colour(img: Image.Image, rgb: tuple[int, int, int], tol: int = 6) -> int:
    """Pixels within `tol` of `rgb` on every channel."""
    px = np.asarray(img.convert("RGB"), dtype=np.int16)
    return int((np.abs(px - np.array(rgb, dtype=np.int16)) <= tol).all(axis=-1).sum())


def _accepts(display: str) -> bool:
    from Xlib import display as xdisplay  # noqa: PLC0415

    try:
        xdisplay.Display(display).close()
        return True
    except Exception:  # noqa: BLE001 - not ready yet
        return False


def _tray_owned(display: str) -> bool:
    from Xlib import display as xdisplay  # noqa: PLC0415

    d = xdisplay.Display(display)
    try:
        atom = d.intern_atom(f"_NET_SYSTEM_TRAY_S{d.get_default_screen()}")
        return d.get_selection_owner(atom) != 0
    finally:
        d.close()


def _start_display() -> tuple[subprocess.Popen, subprocess.Popen, str] | None:
    """Xvfb on a free display plus trayer owning the tray selection, or None to retry."""
    read_fd, write_fd = os.pipe()
    xvfb = subprocess.Popen(["Xvfb", "-displayfd", str(write_fd), "-screen", "0", "320x240x24",
                             "-nolisten", "tcp"],
                            pass_fds=(write_fd,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(write_fd)
    with os.fdopen(read_fd) as f:
        number = f.readline().strip()
    if not number:
        xvfb.kill()
        xvfb.wait(10)
        return None
    name = f":{number}"
    # Xvfb can report its number a moment before it accepts connections: wait for it.
    deadline = time.monotonic() + 5
    while not _accepts(name):
        if time.monotonic() > deadline:
            xvfb.kill()
            xvfb.wait(10)
            return None
        time.sleep(0.05)
    trayer = None
    for _ in range(3):
        trayer = subprocess.Popen(
            ["trayer", "--edge", "top", "--align", "left", "--SetDockType", "true", "--widthtype", "pixel",
             "--width", "120", "--height", "32", "--transparent", "false", "--tint", "0xffffff"],
            env={**os.environ, "DISPLAY": name}, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline and trayer.poll() is None:
            try:
                if _tray_owned(name):
                    return xvfb, trayer, name
            except Exception:  # noqa: BLE001 - display not accepting connections yet
                pass
            time.sleep(0.1)
        trayer.kill()
        trayer.wait(10)
    xvfb.kill()
    xvfb.wait(10)
    return None


@pytest.fixture()
def xdisplay() -> Iterator[XDisplay]:
    """A fresh display per test: trayer keeps stale slots after abrupt icon exits."""
    for binary in ("Xvfb", "trayer", "import"):
        if shutil.which(binary) is None:
            pytest.skip(f"{binary} absent (apt-get install xvfb trayer imagemagick)")
    started = None
    for _ in range(3):
        started = _start_display()
        if started:
            break
    assert started, "Xvfb + trayer did not start in 3 attempts"
    xvfb, trayer, name = started
    try:
        yield XDisplay(name)
    finally:
        for proc in (trayer, xvfb):
            proc.terminate()
            try:
                proc.wait(10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(10)
