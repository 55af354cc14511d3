"""Forced install for real: the administrator's path, end to end, with no user action.

`vigie pack-extension` signs the CRX with the dev key; CRX + update.xml are served on
loopback; the Chromium policy file written by `vigie install --system` is put in
/etc/chromium/policies/managed/ (unique name, removed as soon as the extension is in, and
always in teardown: it applies to every Chromium on the machine); Chromium starts with no
--load-extension at all, installs the extension from the policy, and the extension's
service worker connects to a real `vigie serve` on the port the managed policy gives it.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from guard.policy.model import EXTENSION_ID

ROOT = Path(__file__).resolve().parents[2]
MANAGED_DIR = Path("/etc/chromium/policies/managed")
CHROMIUM = "/usr/lib/chromium/chromium"

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _vigie(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "guard", *args], capture_output=True, text=True,
                          timeout=180, env=env)


def _healthz(port: int) -> dict | None:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as resp:  # noqa: S310
            return json.loads(resp.read())
    except OSError:
        return None


class _Handler(http.server.SimpleHTTPRequestHandler):
    requests: list[str]

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        self.requests.append(self.path)


@contextlib.contextmanager
def _serve(folder: Path) -> Iterator[tuple[int, list[str]]]:
    requests: list[str] = []
    handler = type("H", (_Handler,), {"requests": requests})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server.server_address[1], requests
    finally:
        server.shutdown()
        server.server_close()


@contextlib.contextmanager
def _daemon(tmp: Path, port: int) -> Iterator[subprocess.Popen]:
    env = {**os.environ, "VIGIE_DATA_DIR": str(tmp / "data"), "VIGIE_ADMIN_POLICY": str(tmp / "admin.json"),
           "VIGIE_USER_SETTINGS": str(tmp / "user.json")}
    proc = subprocess.Popen([sys.executable, "-m", "guard", "serve", "--port", str(port), "--no-model"],
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        deadline = time.monotonic() + 40
        while _healthz(port) is None:
            assert proc.poll() is None, proc.communicate()[0]
            assert time.monotonic() < deadline, "vigie serve never answered /healthz"
            time.sleep(0.2)
        yield proc
    finally:
        proc.terminate()
        try:
            proc.communicate(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.communicate(timeout=10)


@contextlib.contextmanager
def _machine_policy(source: Path) -> Iterator[Path]:
    """Install `source` as a managed policy under a unique name; always removed."""
    try:
        MANAGED_DIR.mkdir(parents=True, exist_ok=True)
    except PermissionError:
        pytest.skip("écriture impossible dans /etc/chromium/policies/managed (root requis)")
    target = MANAGED_DIR / f"vigie-forced-install-{os.getpid()}-{int(time.time() * 1000)}.json"
    fd, tmp_name = tempfile.mkstemp(dir=MANAGED_DIR.parent, suffix=".tmp")  # outside the read folder
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        shutil.copyfile(source, tmp)
        tmp.chmod(0o644)
        os.replace(tmp, target)
        yield target
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        with contextlib.suppress(FileNotFoundError):
            target.unlink()


def _skip_without_tools() -> None:
    if not os.access(CHROMIUM, os.X_OK):
        pytest.skip("chromium absent (apt-get install chromium)")
    if shutil.which("openssl") is None:
        pytest.skip("openssl absent")
    if not (ROOT / "extension/manifest.json").is_file():
        pytest.skip("extension/ absente")
    pytest.importorskip("playwright.sync_api")


@pytest.mark.timeout(240)
def test_policy_forces_the_extension_in_and_it_connects_to_the_daemon(tmp_path: Path) -> None:
    _skip_without_tools()
    from playwright.sync_api import sync_playwright

    site = tmp_path / "site"
    site.mkdir()
    with _serve(site) as (web_port, requests):
        update_url = f"http://127.0.0.1:{web_port}/update.xml"
        t0 = time.monotonic()
        packed = _vigie("pack-extension", "--out", str(site), "--update-url", update_url)
        pack_s = time.monotonic() - t0
        assert packed.returncode == 0, packed.stderr
        crx = next(site.glob("vigie-*.crx"))
        assert crx.read_bytes()[:8] == b"Cr24\x03\x00\x00\x00"  # CRX3 magic + version
        assert EXTENSION_ID in (site / "update.xml").read_text()

        daemon_port = _free_port()
        root = tmp_path / "root"
        res = _vigie("install", "--system", "--root", str(root), "--update-url", update_url,
                     "--port", str(daemon_port))
        assert res.returncode == 0, res.stderr
        policy_file = root / "etc/chromium/policies/managed/vigie.json"

        with _daemon(tmp_path, daemon_port), sync_playwright() as pw:
            assert _healthz(daemon_port)["connections"] == 0
            profile = tmp_path / "profile"
            with _machine_policy(policy_file) as installed_policy:
                t1 = time.monotonic()
                ctx = pw.chromium.launch_persistent_context(
                    str(profile), executable_path=CHROMIUM, headless=True,
                    ignore_default_args=["--disable-extensions", "--disable-background-networking",
                                         "--disable-component-update"],
                )
                try:
                    page = ctx.new_page()
                    # The daemon only accepts the extension's own origin: a connection is the
                    # force-installed extension's service worker saying hello.
                    deadline = time.monotonic() + 90
                    connected = None
                    while connected is None:
                        health = _healthz(daemon_port)
                        if health and health["connections"] >= 1:
                            connected = time.monotonic() - t1
                        else:
                            assert time.monotonic() < deadline, f"never connected: {health}; served: {requests}"
                            page.wait_for_timeout(200)
                    page.goto("chrome://extensions")
                    installed = json.loads(page.evaluate(
                        "() => new Promise(r => chrome.management.getAll("
                        "x => r(JSON.stringify(x.map(e => [e.id, e.enabled, e.installType, e.version])))))"))
                    # In and running: take the machine-wide file away right now (Chromium then
                    # uninstalls the policy extension, as it should when an admin withdraws it).
                    installed_policy.unlink()
                finally:
                    ctx.close()
            assert not installed_policy.exists()

    # It came from our update server (policy install), not from anything loaded by hand.
    assert "/update.xml" in " ".join(requests) and any(p.endswith(".crx") for p in requests)
    version = json.loads((ROOT / "extension/manifest.json").read_text())["version"]
    # installType "admin": installed by policy, cannot be removed or disabled by the user.
    assert [EXTENSION_ID, True, "admin", version] in installed, installed
    print(f"pack {pack_s:.2f} s; extension forced in and connected to the daemon "
          f"{connected:.2f} s after browser start")
