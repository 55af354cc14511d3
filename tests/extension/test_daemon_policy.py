"""The daemon's administrator policy drives the extension: shared token, guarded sites, overrides."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest

from tests.extension.conftest import (
    EXTENSION_ID, Browser, Daemon, free_port, launch, service_worker, wait_connected,
)

pytestmark = [pytest.mark.browser, pytest.mark.slow]

TOKEN = "jeton-de-test-0123456789"
WITH_PATIENT = "Courrier pour Mme Le Gall Rose, NIR 2 51 04 29 019 088 01."
CLEAN = "Quelle surveillance biologique sous lithium ?"
POLICY = {
    "token": TOKEN,
    "sites": ["claude.ai", "copilot.microsoft.com", "chat.deepseek.com"],  # not chatgpt.com
    "override_allowed": False,
}


@pytest.fixture(scope="module")
def policy_daemon(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Daemon]:
    d = Daemon(tmp_path_factory.mktemp("vigie-policy"), free_port(), policy=POLICY)
    d.start()
    yield d
    d.stop()


@pytest.fixture(scope="module")
def policy_browser(policy_daemon: Daemon, web_port: int, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Browser]:
    from playwright.sync_api import sync_playwright  # noqa: PLC0415

    with sync_playwright() as pw:
        ctx = launch(pw, web_port, tmp_path_factory.mktemp("profile-policy"))
        try:
            service_worker(ctx).evaluate(
                "port => chrome.storage.local.set({settings: {port, token: 'mauvais-jeton-0123456789'}})",
                policy_daemon.port,
            )
            yield Browser(ctx, web_port)
        finally:
            ctx.close()


def test_wrong_token_blocks_then_the_right_one_from_the_options_page_connects(policy_browser: Browser) -> None:
    page = policy_browser.open("claude.ai")
    try:
        page.click(".ProseMirror")
        page.keyboard.insert_text(CLEAN)
        page.keyboard.press("Enter")
        page.locator("[data-vigie-dialog='unreachable']").wait_for(timeout=8000)
        assert page.evaluate("window.__sent") == []
        page.locator("[data-vigie-action='edit']").click()

        options = policy_browser.ctx.new_page()
        options.goto(f"chrome-extension://{EXTENSION_ID}/pages/options.html")
        options.wait_for_function("document.querySelector('#settings').children.length > 0")
        assert options.locator("#state").get_attribute("data-state") != "connected"
        assert "a refusé le jeton" in options.locator("#problem").inner_text()
        options.fill("#token", TOKEN)
        options.click("#form button[type=submit]")
        options.wait_for_selector("#saved:has-text('Réglages enregistrés.')")
        wait_connected(policy_browser.ctx)
        options.close()

        page.keyboard.press("Enter")
        page.wait_for_function("window.__sent.length === 1", timeout=8000)
        assert page.evaluate("window.__sent") == [CLEAN]
    finally:
        page.close()


def test_site_left_out_by_the_administrator_is_not_guarded(policy_browser: Browser) -> None:
    wait_connected(policy_browser.ctx)
    page = policy_browser.ctx.new_page()
    try:
        page.goto(f"https://chatgpt.com:{policy_browser.web_port}/")
        page.wait_for_selector("[data-vigie-guarded='false']", state="attached", timeout=10_000)
        page.click("#prompt-textarea")
        page.keyboard.insert_text(WITH_PATIENT)
        page.keyboard.press("Enter")
        page.wait_for_function("window.__sent.length === 1", timeout=5000)
        assert page.locator("[data-vigie-dialog]").count() == 0
    finally:
        page.close()


def test_no_override_when_the_policy_forbids_it(policy_browser: Browser) -> None:
    wait_connected(policy_browser.ctx)
    page = policy_browser.open("copilot.microsoft.com")
    try:
        page.click("#userInput")
        page.keyboard.insert_text(WITH_PATIENT)
        time.sleep(0.3)
        page.keyboard.press("Enter")
        page.locator("[data-vigie-dialog='findings']").wait_for(timeout=5000)
        actions = [a.get_attribute("data-vigie-action") for a in page.locator("[data-vigie-action]").all()]
        assert actions == ["pseudonymize", "edit"]
        page.locator("[data-vigie-action='edit']").click()
        assert page.evaluate("window.__sent") == []
    finally:
        page.close()
