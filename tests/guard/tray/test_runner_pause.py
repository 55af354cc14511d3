"""*Pause 15 min* / *Reprendre* through the runner, headless, with a real daemon in its thread."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

from guard.server import GuardServer, ServerConfig
from guard.tray.app import wait_until
from guard.tray.menu import MenuAction
from guard.tray.runner import GuardRunner, RunOptions
from guard.tray.state import PAUSE_SECONDS, TrayState


def _start(tmp_path: Path, policy: str) -> tuple[GuardRunner, threading.Thread, list[str], list[int]]:
    admin = tmp_path / "admin.json"
    admin.write_text(policy)
    config = ServerConfig(port=0, admin_policy_path=admin, user_settings_path=tmp_path / "user.json",
                          data_dir=tmp_path / "data", use_model=False, watch_policy=False)
    messages: list[str] = []
    runner = GuardRunner(lambda: GuardServer(config), RunOptions(headless=True), out=messages.append)
    result: list[int] = []
    thread = threading.Thread(target=lambda: result.append(runner.run()), daemon=True)
    thread.start()
    assert wait_until(lambda: any("sans icône" in m for m in messages), 30), messages
    return runner, thread, messages, result


@pytest.mark.timeout(60)
def test_pause_and_resume_reach_the_daemon(tmp_path: Path) -> None:
    runner, thread, messages, result = _start(tmp_path, '{"pause_allowed": true}')
    try:
        runner.controller.update(runner._view())
        assert runner.controller.pause_allowed
        handlers = runner._handlers()
        handlers[MenuAction.PAUSE]()
        assert runner.controller.snapshot().state is TrayState.PAUSED
        status = runner.server.status()
        assert status.paused and status.paused_until == pytest.approx(time.time() + PAUSE_SECONDS, abs=30)
        handlers[MenuAction.RESUME]()
        assert runner.controller.snapshot().state is not TrayState.PAUSED  # degraded: no model here
        assert wait_until(lambda: not runner.server.status().paused, 5)
    finally:
        runner.request_stop()
        thread.join(30)
    assert result == [0], messages


@pytest.mark.timeout(60)
def test_policy_without_pause_hides_it_and_the_daemon_refuses(tmp_path: Path) -> None:
    runner, thread, messages, result = _start(tmp_path, '{"pause_allowed": false}')
    try:
        runner.controller.update(runner._view())
        assert not runner.controller.pause_allowed
        # Even a stale menu cannot pause: the controller refuses and the user is told.
        runner._handlers()[MenuAction.PAUSE]()
        assert any("Pause impossible" in m for m in messages), messages
        # And the daemon itself refuses a direct request, with the reason.
        runner.controller.set_permissions(pause_allowed=True, quit_allowed=False)
        runner._handlers()[MenuAction.PAUSE]()
        assert any("pause_allowed" in m for m in messages), messages
        assert runner.controller.snapshot().state is not TrayState.PAUSED  # degraded: no model here
        assert not runner.server.status().paused
    finally:
        runner.request_stop()
        thread.join(30)
    assert result == [0], messages
