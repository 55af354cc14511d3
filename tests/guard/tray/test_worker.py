"""The daemon in a worker thread: real GuardServer on a free port, real HTTP /healthz."""

from __future__ import annotations

import json
import socket
import urllib.request
from pathlib import Path

import pytest

from guard.server import GuardServer, ServerConfig
from guard.tray.runner import view_from_status
from guard.tray.state import TrayState, derive_state
from guard.tray.worker import ServerStartError, ServerThread


@pytest.fixture()
def config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> ServerConfig:
    monkeypatch.setenv("VIGIE_DATA_DIR", str(tmp_path / "data"))
    return ServerConfig(port=0, admin_policy_path=tmp_path / "absent-admin.json",
                        user_settings_path=tmp_path / "absent-user.json", data_dir=tmp_path / "data",
                        use_model=False, watch_policy=False)


def _healthz(port: int) -> dict:
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=5) as resp:  # noqa: S310
        return json.loads(resp.read())


@pytest.mark.timeout(60)
def test_server_thread_serves_then_stops_cleanly(config: ServerConfig) -> None:
    exits: list[BaseException | None] = []
    thread = ServerThread(lambda: GuardServer(config), on_exit=exits.append)
    thread.start(timeout=30)
    status = thread.status()
    assert status.running and status.port
    assert _healthz(status.port)["detector"] == "rules-only"
    # The tray sees a rules-only daemon as degraded, with the detector's reason.
    state, reasons = derive_state(view_from_status(status), None, 0)
    assert state is TrayState.DEGRADED and reasons
    assert thread.stop(timeout=15)
    assert exits == [None] and thread.exit_error is None
    with pytest.raises(OSError):
        _healthz(status.port)
    assert thread.stop(timeout=1)  # idempotent


@pytest.mark.timeout(60)
def test_port_in_use_is_a_clear_start_error(config: ServerConfig, tmp_path: Path) -> None:
    blocker = socket.socket()
    blocker.bind(("127.0.0.1", 0))
    blocker.listen()
    port = blocker.getsockname()[1]
    try:
        taken = ServerConfig(port=port, hosts=("127.0.0.1",), admin_policy_path=config.admin_policy_path,
                             user_settings_path=config.user_settings_path, data_dir=config.data_dir,
                             use_model=False, watch_policy=False)
        thread = ServerThread(lambda: GuardServer(taken))
        with pytest.raises(ServerStartError) as err:
            thread.start(timeout=30)
        assert str(port) in str(err.value)
        thread.join(10)
        assert not thread.alive
    finally:
        blocker.close()
