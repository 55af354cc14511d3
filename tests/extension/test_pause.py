"""End to end: a pause started from the tray (here: `GuardServer.set_paused`, what the tray
calls) lets a prompt with patient data through with a discreet "Vigie en pause" badge, and
protection is back as soon as the pause ends.

The daemon runs in this process (the tray's pause is an in-process call, not a protocol
message), with the shipped rules only and a policy that allows pausing.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.extension.conftest import Browser
from tests.guard.server.conftest import RunningServer, make_config, start_server

pytestmark = [pytest.mark.browser, pytest.mark.slow]

NAME, NIR = "Le Gall Rose", "2 51 04 29 019 088 01"
WITH_PATIENT = f"Rédige un courrier pour Mme {NAME}, NIR {NIR}, suivi diabète."
HOST, INPUT = "chatgpt.com", "#prompt-textarea"


@pytest.fixture(scope="module")
def daemon(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningServer]:
    """Overrides conftest's `vigie serve` subprocess: `browser` only needs `.port`."""
    tmp: Path = tmp_path_factory.mktemp("vigie-pause")
    rs = start_server(make_config(tmp, {"version": "pause-e2e", "pause_allowed": True},
                                  watch_policy=False))
    yield rs
    rs.stop()


def test_paused_guard_lets_the_prompt_through_with_a_badge(browser: Browser, daemon: RunningServer) -> None:
    daemon.call(lambda s: s.set_paused(time.time() + 900))
    page = browser.open(HOST)
    try:
        page.click(INPUT)
        page.keyboard.insert_text(WITH_PATIENT)
        page.wait_for_selector("[data-vigie=overlay][data-vigie-paused='1']", state="attached", timeout=5000)
        badge = page.locator("[data-vigie=overlay] .badge")
        assert badge.inner_text() == "Vigie en pause"
        assert int(page.get_attribute("[data-vigie=overlay]", "data-vigie-count")) == 0  # no underline
        page.keyboard.press("Enter")
        page.wait_for_function("window.__sent.length === 1", timeout=5000)
        assert page.evaluate("window.__sent") == [WITH_PATIENT]
        assert page.locator("[data-vigie-dialog]").count() == 0

        # Reprendre: the same kind of prompt is stopped again (paused verdicts were not cached).
        daemon.call(lambda s: s.set_paused(None))
        page.click(INPUT)
        page.keyboard.insert_text(WITH_PATIENT)
        page.keyboard.press("Enter")
        page.locator("[data-vigie-dialog='findings']").wait_for(timeout=5000)
        assert page.evaluate("window.__sent.length") == 1
        assert page.get_attribute("[data-vigie=overlay]", "data-vigie-paused") == "0"
    finally:
        page.close()
