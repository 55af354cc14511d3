"""A guarded page the adapter no longer recognises, and the popup's status view."""

from __future__ import annotations

import json
import re
import time

import pytest

from tests.extension.conftest import EXTENSION_ID, Browser, Daemon

pytestmark = [pytest.mark.browser, pytest.mark.slow]

CLEAN = "Quels examens demander devant une anémie ferriprive ?"


def _wait_rows(daemon: Daemon, predicate, timeout: float = 8.0) -> list[dict[str, object]]:  # noqa: ANN001
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        rows = [r for r in daemon.incidents() if predicate(r)]
        if rows:
            return rows
        time.sleep(0.1)
    return []


def test_unrecognised_guarded_page_blocks_and_reports_health(browser: Browser, daemon: Daemon) -> None:
    page = browser.open("gemini.google.com")
    try:
        rows = _wait_rows(daemon, lambda r: r["kind"] == "health")
        assert rows and rows[0]["outcome"] == "no_input" and rows[0]["site"] == "gemini.google.com"
        page.click("#new-input")
        page.keyboard.insert_text(CLEAN)
        page.keyboard.press("Enter")
        dialog = page.locator("[data-vigie-dialog='degraded']")
        dialog.wait_for(timeout=5000)
        assert "Vigie ne reconnaît pas cette page" in dialog.inner_text()
        page.locator("[data-vigie-action='edit']").click()
        page.click("#new-send")  # the unknown button next to the input is stopped too
        dialog.wait_for(timeout=5000)
        page.locator("[data-vigie-action='edit']").click()
        assert page.evaluate("window.__sent") == []
    finally:
        page.close()


def test_unrecognised_send_control_is_reported_and_enter_stays_guarded(browser: Browser, daemon: Daemon) -> None:
    page = browser.open("www.perplexity.ai")
    try:
        # The log stores the policy entry, normalised the daemon's way ("www." dropped).
        rows = _wait_rows(daemon, lambda r: r["kind"] == "health" and r["site"] == "perplexity.ai")
        assert rows and rows[0]["outcome"] == "no_send_button"
        page.click("#ask-input")
        page.keyboard.insert_text("Pour Mme Le Gall Rose, NIR 2 51 04 29 019 088 01.")
        page.keyboard.press("Enter")
        page.locator("[data-vigie-dialog='findings']").wait_for(timeout=5000)
        page.locator("[data-vigie-action='edit']").click()
        assert page.evaluate("window.__sent") == []
    finally:
        page.close()


def test_popup_shows_state_settings_and_todays_counts(browser: Browser, daemon: Daemon) -> None:
    # A near miss: stopped, the user removes the name by hand, then sends.
    page = browser.open("chat.deepseek.com")
    page.click("#chat-input")
    page.keyboard.insert_text("Pour Mme Le Gall Rose : " + CLEAN)
    page.keyboard.press("Enter")
    page.locator("[data-vigie-dialog='findings']").wait_for(timeout=5000)
    page.locator("[data-vigie-action='edit']").click()
    page.fill("#chat-input", CLEAN)
    page.keyboard.press("Enter")
    page.wait_for_function("window.__sent.length === 1", timeout=5000)
    page.close()
    rows = _wait_rows(daemon, lambda r: r["outcome"] == "sent_clean")
    assert rows and json.loads(str(rows[0]["counts"])) == {"NOM": 1, "PRENOM": 1}

    popup = browser.ctx.new_page()
    try:
        popup.goto(f"chrome-extension://{EXTENSION_ID}/pages/popup.html")
        popup.wait_for_function("document.querySelector('#today li[data-outcome]')", timeout=5000)
        assert popup.locator("#state").get_attribute("data-state") == "connected"
        today = popup.locator("#today").inner_text()
        # Counters are per browser profile and this module's other tests add to them.
        assert re.search(r"^Retours en modification : [1-9]\d*$", today, re.M)
        assert re.search(r"^Envoyés après retrait des données : 1$", today, re.M)
        settings = popup.locator("#settings").inner_text()
        assert str(daemon.port) in settings and "chatgpt.com" in settings
        assert "imposé" not in settings  # no managed policy in this module
        assert popup.locator("h1").inner_text() == "Vigie"
    finally:
        popup.close()
