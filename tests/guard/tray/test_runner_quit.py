"""*Quitter* from the menu stops the server and the icon (in-process, real server + tray)."""

from __future__ import annotations

import json
import threading
import urllib.request
from pathlib import Path

import pytest

from guard.server import GuardServer, ServerConfig
from guard.tray.app import wait_until
from guard.tray.menu import MenuAction
from guard.tray.runner import GuardRunner, RunOptions


def _health(port: int) -> dict | None:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as resp:  # noqa: S310
            return json.loads(resp.read())
    except OSError:
        return None


@pytest.mark.timeout(60)
def test_quit_from_the_menu_stops_both(xdisplay, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DISPLAY", xdisplay.name)
    monkeypatch.setenv("PYSTRAY_BACKEND", "xorg")
    admin = tmp_path / "admin.json"
    admin.write_text('{"quit_allowed": true, "pause_allowed": true}')
    config = ServerConfig(port=0, admin_policy_path=admin, user_settings_path=tmp_path / "user.json",
                          data_dir=tmp_path / "data", use_model=False, watch_policy=False)
    messages: list[str] = []
    runner = GuardRunner(lambda: GuardServer(config), RunOptions(refresh_s=0.2), out=messages.append)
    result: list[int] = []
    thread = threading.Thread(target=lambda: result.append(runner.run()), daemon=True)
    thread.start()
    assert wait_until(lambda: runner.tray is not None and runner.tray.wait_ready(0.1), 30)
    port = runner.server.status().port
    assert _health(port) is not None
    assert runner.controller.quit_allowed
    # The policy allows a pause and the daemon implements it: the tray offers it.
    assert runner.controller.pause_allowed
    runner._handlers()[MenuAction.QUIT]()
    thread.join(30)
    assert not thread.is_alive() and result == [0], messages
    assert _health(port) is None
    assert runner.tray_started_s is not None and runner.tray_started_s < 10


@pytest.mark.timeout(60)
def test_a_tray_backend_that_fails_leaves_the_guard_running_headless(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Seen with pystray's gtk backend when no D-Bus session exists: Icon() raises."""
    import types

    import guard.tray.runner as runner_mod

    def broken_icon(*args: object, **kwargs: object) -> None:
        raise RuntimeError("no session bus")

    backend = types.SimpleNamespace(Icon=broken_icon, Menu=lambda *a: None, MenuItem=lambda *a, **k: None)
    monkeypatch.setattr(runner_mod, "load_pystray", lambda: (backend, ""))
    config = ServerConfig(port=0, admin_policy_path=tmp_path / "admin.json", user_settings_path=tmp_path / "user.json",
                          data_dir=tmp_path / "data", use_model=False, watch_policy=False)
    messages: list[str] = []
    runner = GuardRunner(lambda: GuardServer(config), out=messages.append)
    result: list[int] = []
    thread = threading.Thread(target=lambda: result.append(runner.run()), daemon=True)
    thread.start()
    assert wait_until(lambda: any("sans icône" in m for m in messages), 30), messages
    port = runner.server.status().port
    assert _health(port) is not None
    assert "icône impossible (RuntimeError)" in messages[-1]
    runner.request_stop()
    thread.join(30)
    assert result == [0] and _health(port) is None
