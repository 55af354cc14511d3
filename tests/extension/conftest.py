"""Real Chromium + the unpacked extension + the real daemon + fixture chatbot pages.

The fixture pages are served over HTTPS (self-signed certificate, made here with openssl)
on loopback, under the real sites' hostnames mapped with --host-resolver-rules, so the
manifest keeps matching only the real https:// sites. Content-script match patterns ignore
ports, so pages live at https://chatgpt.com:<port>/. The daemon's port reaches the
extension through chrome.storage.local (set from the service worker), never through the
machine-wide managed policy, except in the test that is about the managed policy.
"""

from __future__ import annotations

import contextlib
import http.server
import json
import os
import socket
import ssl
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
EXTENSION = ROOT / "extension"
WEB = ROOT / "tests" / "fixtures" / "web"
EXTENSION_ID = "ojdmkiacdcicbcpcinjiaokjieddflep"
PAGES = {
    "chatgpt.com": "chatgpt.html",
    "claude.ai": "claude.html",
    "copilot.microsoft.com": "copilot.html",
    "chat.deepseek.com": "deepseek.html",
    # A chatbot after a redesign: its adapter no longer finds the input.
    "gemini.google.com": "redesigned.html",
    # The input is found, the send control is not.
    "www.perplexity.ai": "perplexity.html",
}
MANAGED_DIR = Path("/etc/chromium/policies/managed")
CHROMIUM_CANDIDATES = ("/usr/lib/chromium/chromium", "/usr/bin/chromium", "/usr/bin/chromium-browser")

pytestmark = pytest.mark.browser


def chromium_path() -> str | None:
    for candidate in CHROMIUM_CANDIDATES:
        if os.access(candidate, os.X_OK):
            return candidate
    return None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Skip (with the reason) when the browser, Playwright or the built fixtures are missing."""
    reasons = []
    if chromium_path() is None:
        reasons.append("Chromium absent (apt-get install chromium)")
    try:
        import playwright.sync_api  # noqa: F401, PLC0415
    except ImportError:
        reasons.append("playwright absent (pip install playwright)")
    if not (WEB / "dist" / "prosemirror.js").exists():
        reasons.append("pages de test non construites (cd tests/fixtures/web && npm ci && npm run build)")
    if not reasons:
        return
    skip = pytest.mark.skip(reason="; ".join(reasons))
    for item in items:
        if Path(str(item.fspath)).is_relative_to(Path(__file__).parent):
            item.add_marker(skip)


# ---------------------------------------------------------------------------- web pages


class _Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802 — http.server API
        host = (self.headers.get("Host") or "").split(":")[0]
        path = self.path.split("?")[0]
        if path.startswith("/dist/"):
            file = WEB / "dist" / Path(path).name
        elif host in PAGES:
            file = WEB / "pages" / PAGES[host]
        else:
            self.send_error(404)
            return
        if not file.is_file():
            self.send_error(404)
            return
        body = file.read_bytes()
        self.send_response(200)
        self.send_header("Content-Type", "text/javascript" if file.suffix == ".js" else "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


def start_web_server(tmp: Path) -> http.server.ThreadingHTTPServer:
    """HTTPS server for every fixture host (self-signed; the browser ignores cert errors)."""
    cert, key = tmp / "cert.pem", tmp / "key.pem"
    san = ",".join(f"DNS:{h}" for h in PAGES)
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=vigie-test",
         "-addext", f"subjectAltName={san}", "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True,
    )
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(cert, key)
    server.socket = ctx.wrap_socket(server.socket, server_side=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


@pytest.fixture(scope="session")
def web_port(tmp_path_factory: pytest.TempPathFactory) -> Iterator[int]:
    server = start_web_server(tmp_path_factory.mktemp("tls"))
    yield server.server_address[1]
    server.shutdown()
    server.server_close()


# ---------------------------------------------------------------------------- daemon


class Daemon:
    """`vigie serve` as a subprocess, restartable on the same port."""

    def __init__(self, data_dir: Path, port: int, policy: dict[str, object] | None = None,
                 use_model: bool = True) -> None:
        self.data_dir = data_dir
        self.port = port
        self.use_model = use_model  # the shipped detector (rules + model), as on a practice PC
        self.proc: subprocess.Popen[str] | None = None
        self.policy_path = data_dir / "admin-policy.json"
        if policy is not None:
            self.policy_path.write_text(json.dumps(policy))

    def start(self) -> None:
        env = dict(os.environ)
        env["VIGIE_ADMIN_POLICY"] = str(self.policy_path)  # absent unless a policy was given
        env["VIGIE_USER_SETTINGS"] = str(self.data_dir / "absent-user-settings.json")
        env["VIGIE_DATA_DIR"] = str(self.data_dir)
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "guard", "serve", "--port", str(self.port), "--data-dir", str(self.data_dir),
             *([] if self.use_model else ["--no-model"]), "--log-level", "WARNING"],
            cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", self.port), timeout=0.2):
                return
            if self.proc.poll() is not None:
                raise RuntimeError(f"vigie serve exited: {self.proc.stderr.read()[-2000:]}")
            time.sleep(0.05)
        raise RuntimeError("vigie serve did not start")

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.proc = None

    def incidents(self) -> list[dict[str, object]]:
        import sqlite3  # noqa: PLC0415

        db = sqlite3.connect(str(self.data_dir / "incidents.sqlite3"))
        db.row_factory = sqlite3.Row
        try:
            return [dict(r) for r in db.execute("SELECT * FROM incidents ORDER BY seq")]
        finally:
            db.close()


@pytest.fixture(scope="module")
def daemon(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Daemon]:
    d = Daemon(tmp_path_factory.mktemp("vigie-data"), free_port())
    d.start()
    yield d
    d.stop()


# ---------------------------------------------------------------------------- browser


def wait_for_foreign_policies(timeout: float = 180.0) -> None:
    """Machine-wide policies are shared by every Chromium here: another test's policy that
    force-installs or configures Vigie would replace the unpacked extension under test, so
    wait for it to go away (tests of other parts may run at the same time on a dev box)."""
    deadline = time.monotonic() + timeout
    while True:
        foreign = []
        with contextlib.suppress(OSError):
            for f in MANAGED_DIR.glob("*.json"):
                if f.name != "vigie-test.json" and EXTENSION_ID in f.read_text(errors="replace"):
                    foreign.append(f.name)
        if not foreign:
            return
        if time.monotonic() > deadline:
            raise RuntimeError(f"politique Chromium étrangère pour Vigie toujours présente : {foreign}")
        time.sleep(1)


def launch(pw, web_port: int, user_data: Path):  # noqa: ANN001, ANN201 — Playwright types
    wait_for_foreign_policies()
    rules = ", ".join(f"MAP {h} 127.0.0.1" for h in PAGES)
    return pw.chromium.launch_persistent_context(
        str(user_data),
        executable_path=chromium_path(),
        headless=True,
        ignore_https_errors=True,
        args=[
            f"--disable-extensions-except={EXTENSION}",
            f"--load-extension={EXTENSION}",
            f"--host-resolver-rules={rules}",
            "--ignore-certificate-errors",
            "--lang=fr-FR",
        ],
        locale="fr-FR",
        # chrome.i18n follows the UI language, which headless Linux takes from the environment.
        env={**os.environ, "LANGUAGE": "fr", "LANG": "fr_FR.UTF-8"},
    )


def service_worker(ctx, timeout: float = 10.0):  # noqa: ANN001, ANN201
    """The extension's newest worker (Playwright keeps a stopped one listed)."""
    for sw in reversed(ctx.service_workers):
        if EXTENSION_ID in sw.url:
            return sw
    return ctx.wait_for_event("serviceworker", timeout=timeout * 1000)


def wait_connected(ctx, timeout: float = 10.0) -> None:  # noqa: ANN001
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        sw = service_worker(ctx)
        if sw.evaluate("globalThis.vigie && globalThis.vigie.connection.isReady"):
            return
        time.sleep(0.05)
    raise AssertionError("the extension did not connect to the daemon")


class Browser:
    def __init__(self, ctx, web_port: int) -> None:  # noqa: ANN001
        self.ctx = ctx
        self.web_port = web_port

    def open(self, host: str):  # noqa: ANN201
        page = self.ctx.new_page()
        page.goto(f"https://{host}:{self.web_port}/")
        page.wait_for_selector("[data-vigie-guarded='true']", state="attached", timeout=10_000)
        return page


@pytest.fixture(scope="module")
def browser(daemon: Daemon, web_port: int, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Browser]:
    from playwright.sync_api import sync_playwright  # noqa: PLC0415

    with sync_playwright() as pw:
        ctx = launch(pw, web_port, tmp_path_factory.mktemp("profile"))
        try:
            sw = service_worker(ctx)
            sw.evaluate("port => chrome.storage.local.set({settings: {port}})", daemon.port)
            wait_connected(ctx)
            yield Browser(ctx, web_port)
        finally:
            ctx.close()


# ---------------------------------------------------------------------------- managed policy


def write_managed_policy(settings: dict[str, object]) -> Path:
    """Atomically (re)write vigie-test.json: Chromium never reads a half-written file."""
    path = MANAGED_DIR / "vigie-test.json"
    fd, name = tempfile.mkstemp(dir=MANAGED_DIR.parent, suffix=".tmp")  # outside the read folder
    tmp = Path(name)
    try:
        with os.fdopen(fd, "w") as f:
            json.dump({"3rdparty": {"extensions": {EXTENSION_ID: settings}}}, f)
        tmp.chmod(0o644)
        os.replace(tmp, path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
    return path


@contextlib.contextmanager
def managed_policy(settings: dict[str, object]) -> Iterator[Path]:
    """Write a machine-wide managed policy for Vigie's id; always removed afterwards."""
    try:
        MANAGED_DIR.mkdir(parents=True, exist_ok=True)
    except PermissionError:
        pytest.skip("écriture impossible dans /etc/chromium/policies/managed (root requis)")
    path = MANAGED_DIR / "vigie-test.json"
    try:
        yield write_managed_policy(settings)
    finally:
        with contextlib.suppress(FileNotFoundError):
            path.unlink()


