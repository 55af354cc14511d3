"""The administrator's managed policy (/etc/chromium/policies/managed/) changes behaviour.

The policy file applies to every Chromium on the machine, so it exists only while this
module's own browser starts and runs, and is removed in teardown whatever happens.
"""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest

from tests.extension.conftest import (
    EXTENSION_ID, Browser, Daemon, launch, managed_policy, service_worker, wait_connected, write_managed_policy,
)

pytestmark = [pytest.mark.browser, pytest.mark.slow]

CLEAN = "Quelle est la posologie usuelle du paracétamol chez l'adulte ?"


def managed_settings(daemon: Daemon, **changes: object) -> dict[str, object]:
    return {"port": daemon.port, "unreachable": "warn", "show_underline": False,
            "extra_sites": ["chat.exemple.fr"], **changes}


@pytest.fixture(scope="module")
def managed_browser(daemon: Daemon, web_port: int, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Browser]:
    from playwright.sync_api import sync_playwright  # noqa: PLC0415

    with managed_policy(managed_settings(daemon)), sync_playwright() as pw:
        ctx = launch(pw, web_port, tmp_path_factory.mktemp("profile-managed"))
        try:
            # No local port is set here: only the managed policy tells the extension where to go.
            wait_connected(ctx, timeout=15)
            yield Browser(ctx, web_port)
        finally:
            ctx.close()


def test_managed_settings_are_shown_locked(managed_browser: Browser, daemon: Daemon) -> None:
    page = managed_browser.ctx.new_page()
    try:
        page.goto(f"chrome-extension://{EXTENSION_ID}/pages/options.html")
        page.wait_for_function("document.querySelector('#settings').children.length > 0")
        state = page.locator("#state")
        assert state.get_attribute("data-state") == "connected"
        assert state.inner_text() == "Protection active"
        text = page.locator("#settings").inner_text()
        assert str(daemon.port) in text
        assert text.count("imposé par l'administrateur") >= 3  # port, unreachable, underline
        assert page.locator("#port").is_disabled()
        assert page.locator("#show_underline").is_disabled()
        assert not page.locator("#restore_answers").is_disabled()
        # An extra site without host access yet: listed, with the button that asks for it.
        assert page.locator("#extra").is_visible()
        assert page.locator("#extra-list").inner_text() == "chat.exemple.fr"
        assert page.locator("#grant").inner_text() == "Autoriser Vigie sur ces sites"
        assert "chat.exemple.fr" in text
    finally:
        page.close()


def test_managed_warn_lets_the_user_send_when_the_guard_is_down(managed_browser: Browser, daemon: Daemon) -> None:
    page = managed_browser.open("chatgpt.com")
    try:
        daemon.stop()
        page.click("#prompt-textarea")
        page.keyboard.insert_text(CLEAN)
        page.keyboard.press("Enter")
        dialog = page.locator("[data-vigie-dialog='unreachable']")
        dialog.wait_for(timeout=5000)
        assert "Vérifiez qu'il ne contient aucune donnée patient" in dialog.inner_text()
        assert page.evaluate("window.__sent") == []
        page.locator("[data-vigie-action='send']").click()  # allowed only because policy says warn
        page.wait_for_function("window.__sent.length === 1", timeout=5000)
        assert page.evaluate("window.__sent") == [CLEAN]
    finally:
        daemon.start()
        page.close()


def test_managed_policy_turns_underline_off(managed_browser: Browser) -> None:
    page = managed_browser.open("chatgpt.com")
    try:
        wait_connected(managed_browser.ctx)
        page.click("#prompt-textarea")
        page.keyboard.insert_text("Courrier pour Mme Le Gall Rose, NIR 2 51 04 29 019 088 01.")
        page.wait_for_selector("[data-vigie-generation]", state="attached", timeout=5000)
        time.sleep(0.3)
        assert page.get_attribute("[data-vigie=overlay]", "data-vigie-count") == "0"
        # Guarding itself is not something the administrator switched off: Enter still stops.
        page.keyboard.press("Enter")
        page.locator("[data-vigie-dialog='findings']").wait_for(timeout=5000)
        assert page.evaluate("window.__sent") == []
    finally:
        page.close()


def test_an_edited_managed_policy_applies_without_restart(managed_browser: Browser, daemon: Daemon) -> None:
    write_managed_policy(managed_settings(daemon, unreachable="block"))
    deadline = time.monotonic() + 30
    seen = None
    while time.monotonic() < deadline:
        seen = service_worker(managed_browser.ctx).evaluate(
            "globalThis.vigie.settings().then(s => s.values.unreachable)")
        if seen == "block":
            break
        time.sleep(0.5)
    assert seen == "block", "Chromium did not reload the edited policy"
    page = managed_browser.open("chatgpt.com")
    try:
        daemon.stop()
        page.click("#prompt-textarea")
        page.keyboard.insert_text(CLEAN)
        page.keyboard.press("Enter")
        page.locator("[data-vigie-dialog='unreachable']").wait_for(timeout=5000)
        assert page.locator("[data-vigie-action='send']").count() == 0  # now blocked
        assert page.evaluate("window.__sent") == []
    finally:
        daemon.start()
        write_managed_policy(managed_settings(daemon))
        page.close()
