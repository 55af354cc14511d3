"""A real GuardServer on port 0 in a background thread, and real websockets clients.

The detector used by most tests is the real `Detector` with one small word-list recogniser
(`WordRecognizer`) so that expected offsets are known exactly whatever the state of the
shipped rules; tests of the shipped detector use `Detector.default`.
"""

from __future__ import annotations

import asyncio
import json
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson
import pytest
from websockets.asyncio.client import ClientConnection, connect

from guard.detect.detector import Detector
from guard.detect.finding import Finding
from guard.detect.labels import Label
from guard.policy.model import EXTENSION_ID
from guard.server import GuardServer, ServerConfig

ORIGIN = f"chrome-extension://{EXTENSION_ID}"

# Words the test recogniser flags, with their label. Made-up identifiers.
WORDS: dict[str, Label] = {
    "Zorglubien": Label.NOM,
    "Barnabette": Label.PRENOM,
    "Quimperlouve": Label.VILLE,
    "ZX9Q7W3K": Label.IPP,
}


class WordRecognizer:
    """Flags whole occurrences of `WORDS`: a predictable recogniser for protocol tests."""

    name = "test:words"

    def find(self, text: str) -> list[Finding]:
        out: list[Finding] = []
        for word, label in WORDS.items():
            start = text.find(word)
            while start >= 0:
                out.append(Finding(start, start + len(word), label, 0.99, self.name))
                start = text.find(word, start + len(word))
        return out


def word_detector() -> Detector:
    return Detector([WordRecognizer()], None, "test : reconnaisseur de mots")


@dataclass
class RunningServer:
    server: GuardServer
    loop: asyncio.AbstractEventLoop
    thread: threading.Thread
    port: int

    def call(self, fn: Callable[[GuardServer], Any], timeout: float = 5.0) -> Any:
        """Run fn(server) on the server's loop and return its result."""
        async def run() -> Any:
            return fn(self.server)
        return asyncio.run_coroutine_threadsafe(run(), self.loop).result(timeout)

    def stop(self, timeout: float = 20.0) -> None:
        if self.loop.is_closed():
            return
        fut = asyncio.run_coroutine_threadsafe(self.server.shutdown(), self.loop)
        fut.result(timeout)
        self.thread.join(timeout)


def start_server(config: ServerConfig, detector: Detector | None = None) -> RunningServer:
    ready = threading.Event()
    box: dict[str, Any] = {}

    def body() -> None:
        async def main() -> None:
            server = GuardServer(config, detector=detector)
            try:
                await server.start()
            except BaseException as exc:
                box["error"] = exc
                ready.set()
                return
            box["server"] = server
            box["loop"] = asyncio.get_running_loop()
            ready.set()
            await server.serve_forever()
        asyncio.run(main())

    thread = threading.Thread(target=body, name="test-guard-server", daemon=True)
    thread.start()
    assert ready.wait(30), "server did not start"
    if "error" in box:
        raise box["error"]
    server: GuardServer = box["server"]
    assert server.port is not None
    return RunningServer(server, box["loop"], thread, server.port)


def make_config(tmp: Path, policy: dict[str, Any] | None = None, **kw: Any) -> ServerConfig:
    admin = tmp / "admin-policy.json"
    if policy is not None:
        admin.write_text(json.dumps(policy), encoding="utf-8")
    defaults: dict[str, Any] = dict(
        port=0, admin_policy_path=admin, user_settings_path=tmp / "user-settings.json",
        data_dir=tmp / "data", use_model=False,
    )
    defaults.update(kw)
    return ServerConfig(**defaults)


@pytest.fixture
def make_server(tmp_path: Path) -> Iterator[Callable[..., RunningServer]]:
    """Factory: make_server(policy=None, detector=word_detector(), **config) → RunningServer."""
    started: list[RunningServer] = []

    def factory(policy: dict[str, Any] | None = None, detector: Detector | None = None,
                use_words: bool = True, **kw: Any) -> RunningServer:
        det = detector if detector is not None else (word_detector() if use_words else None)
        rs = start_server(make_config(tmp_path, policy, **kw), det)
        started.append(rs)
        return rs

    yield factory
    for rs in started:
        rs.stop()


@pytest.fixture
def server(make_server: Callable[..., RunningServer]) -> RunningServer:
    return make_server()


# -- client helpers ---------------------------------------------------------------------

def url(port: int) -> str:
    return f"ws://127.0.0.1:{port}/"


async def open_client(port: int, *, origin: str | None = ORIGIN, hello: bool = True,
                      token: str | None = None, **kw: Any) -> ClientConnection:
    kw.setdefault("max_size", None)
    ws = await connect(url(port), origin=origin, compression=None, open_timeout=10, **kw)  # type: ignore[arg-type]
    if hello:
        msg: dict[str, Any] = {"type": "hello", "protocol": 1, "extension_version": "0.1.0"}
        if token is not None:
            msg["token"] = token
        await ws.send(orjson.dumps(msg).decode())
        welcome = await recv_json(ws)
        assert welcome["type"] == "welcome", welcome
    return ws


async def recv_json(ws: ClientConnection, timeout: float = 20.0, skip_keepalive: bool = True) -> dict[str, Any]:
    while True:
        raw = await asyncio.wait_for(ws.recv(), timeout)
        msg = orjson.loads(raw)
        if skip_keepalive and msg.get("type") == "keepalive":
            continue
        return msg


async def request(ws: ClientConnection, msg: dict[str, Any] | str) -> dict[str, Any]:
    """Send a message (a dict is JSON-encoded, a str is sent as is) and return the reply."""
    await ws.send(msg if isinstance(msg, str) else orjson.dumps(msg).decode())
    return await recv_json(ws)


def analyze_msg(text: str, rid: str = "r1", site: str = "claude.ai") -> dict[str, Any]:
    return {"type": "analyze", "id": rid, "text": text, "site": site}
