"""End to end: real Chromium, the unpacked extension, the real daemon, real editors.

Every case asserts what the page's own send handler received (window.__sent).
"""

from __future__ import annotations

import json
import time

import pytest

from tests.extension.conftest import EXTENSION_ID, Browser, Daemon

pytestmark = [pytest.mark.browser, pytest.mark.slow]

# "Mme" + a compound name and a NIR with a valid key: the rules alone catch both.
NAME, NIR = "Le Gall Rose", "2 51 04 29 019 088 01"
WITH_PATIENT = f"Rédige un courrier pour Mme {NAME}, NIR {NIR}, suivie pour un diabète."
CLEAN = "Quels sont les effets indésirables fréquents de la metformine chez le sujet âgé ?"
VALUES = ("Le Gall", "Rose", NIR, NIR.replace(" ", ""))

INPUT = {
    "chatgpt.com": "#prompt-textarea",
    "claude.ai": ".ProseMirror",
    "copilot.microsoft.com": "#userInput",
    "chat.deepseek.com": "#chat-input",
}
SEND = {
    "chatgpt.com": "#send",
    "claude.ai": "#send",
    "copilot.microsoft.com": "[data-testid=submit-button]",
    "chat.deepseek.com": "#chat-send-button",
}
EDITORS = ["chatgpt.com", "copilot.microsoft.com", "chat.deepseek.com"]


def type_text(page, host: str, text: str) -> None:  # noqa: ANN001
    page.click(INPUT[host])
    page.keyboard.insert_text(text)


def sent(page) -> list[str]:  # noqa: ANN001
    return page.evaluate("window.__sent")


def editor_text(page) -> str:  # noqa: ANN001
    return page.evaluate("window.__editorText()")


def dialog(page, kind: str = "findings"):  # noqa: ANN001, ANN201
    return page.locator(f"[data-vigie-dialog='{kind}']")


def settle(page, ms: int = 300) -> None:  # noqa: ANN001
    page.wait_for_timeout(ms)


@pytest.mark.parametrize("host", EDITORS)
def test_clean_prompt_is_sent_unchanged(browser: Browser, host: str) -> None:
    page = browser.open(host)
    try:
        # Enter right away: the analysis is still in flight, so the guard stops, asks, re-sends.
        type_text(page, host, CLEAN)
        page.keyboard.press("Enter")
        page.wait_for_function("window.__sent.length === 1", timeout=5000)
        assert sent(page) == [CLEAN]
        # Typed, analysed while typing, then sent: the page's handler runs untouched.
        type_text(page, host, CLEAN + " Merci.")
        page.wait_for_selector("[data-vigie-generation]", state="attached")
        settle(page, 400)
        page.keyboard.press("Enter")
        page.wait_for_function("window.__sent.length === 2", timeout=5000)
        assert sent(page)[1] == CLEAN + " Merci."
        assert dialog(page).count() == 0
    finally:
        page.close()


@pytest.mark.parametrize("host", EDITORS)
def test_name_and_nir_are_stopped_on_enter_and_on_click(browser: Browser, host: str) -> None:
    page = browser.open(host)
    try:
        type_text(page, host, WITH_PATIENT)
        page.keyboard.press("Enter")
        dialog(page).wait_for(timeout=5000)
        found = page.locator("[data-vigie-found]").inner_text()
        assert found == "Vigie a trouvé dans votre message : 1 nom, 1 prénom, 1 NIR."
        labels = page.locator("[data-vigie-action]").all_inner_texts()
        assert labels == ["Pseudonymiser et envoyer", "Modifier", "Envoyer quand même"]
        for value in VALUES:
            assert value not in found
        settle(page, 200)
        assert sent(page) == []
        page.locator("[data-vigie-action='edit']").click()
        assert dialog(page).count() == 0
        assert editor_text(page) == WITH_PATIENT  # nothing lost

        page.click(SEND[host])
        dialog(page).wait_for(timeout=5000)
        settle(page, 200)
        assert sent(page) == []
        page.locator("[data-vigie-action='edit']").click()
        # The count badge and underlines are there (drawn from the same analysis).
        assert int(page.get_attribute("[data-vigie=overlay]", "data-vigie-count")) >= 2
    finally:
        page.close()


@pytest.mark.parametrize("host", EDITORS)
def test_pseudonymize_and_send_then_answer_is_restored(browser: Browser, host: str) -> None:
    page = browser.open(host)
    try:
        type_text(page, host, WITH_PATIENT)
        page.keyboard.press("Enter")
        dialog(page).wait_for(timeout=5000)
        page.locator("[data-vigie-action='pseudonymize']").click()
        page.wait_for_function("window.__sent.length === 1", timeout=5000)
        (received,) = sent(page)
        assert "[PATIENT_1]" in received and "[NIR_1]" in received
        for value in VALUES:
            assert value not in received
        assert received.startswith("Rédige un courrier pour Mme [PATIENT_1]")

        page.evaluate(
            "t => { document.getElementById('answer').textContent = t; }",
            "Voici le courrier pour [PATIENT_1] (NIR [NIR_1]). [AUTRE_9] reste tel quel.",
        )
        page.wait_for_selector("[data-vigie-restored-count]", state="attached", timeout=5000)
        # The page's own scripts still read placeholders only...
        page_view = page.evaluate("document.getElementById('answer').textContent")
        assert "[PATIENT_1]" in page_view and NAME not in page_view and NIR not in page_view
        # ...while the screen shows the values (closed shadow roots, seen through DevTools).
        cdp = page.context.new_cdp_session(page)
        tree = json.dumps(cdp.send("DOM.getDocument", {"depth": -1, "pierce": True}))
        assert NAME in tree and NIR in tree
        assert "[AUTRE_9]" in page_view
    finally:
        page.close()


def test_override_with_reason_is_sent_and_logged_without_values(browser: Browser, daemon: Daemon) -> None:
    host = "chatgpt.com"
    page = browser.open(host)
    try:
        before = len(daemon.incidents())
        type_text(page, host, WITH_PATIENT)
        page.keyboard.press("Enter")
        dialog(page).wait_for(timeout=5000)
        send_anyway = page.locator("[data-vigie-action='send']")
        assert send_anyway.is_disabled()  # a reason is required first
        page.locator("[data-vigie-reason]").select_option("patient_consent")
        send_anyway.click()
        page.wait_for_function("window.__sent.length === 1", timeout=5000)
        assert sent(page) == [WITH_PATIENT]

        deadline = time.monotonic() + 5
        rows: list[dict[str, object]] = []
        while time.monotonic() < deadline:
            rows = [r for r in daemon.incidents()[before:] if r["outcome"] == "overridden"]
            if rows:
                break
            time.sleep(0.1)
        assert len(rows) == 1
        row = rows[0]
        assert row["reason"] == "patient_consent"
        assert row["site"] == host
        assert json.loads(str(row["counts"]))["SECU"] == 1
        dump = json.dumps(daemon.incidents(), ensure_ascii=False)
        for value in VALUES:
            assert value not in dump
    finally:
        page.close()


@pytest.mark.parametrize("host", ["chatgpt.com", "chat.deepseek.com"])
def test_paste_of_a_discharge_letter_is_stopped_before_it_lands(browser: Browser, host: str) -> None:
    letter = (
        "Compte rendu d'hospitalisation\n"
        f"Nous avons pris en charge Mme {NAME}, NIR {NIR}, du 2 au 9 mars pour décompensation cardiaque.\n"
        "Traitement de sortie : furosémide 40 mg, bisoprolol 2,5 mg.\n"
        "Merci de résumer ce courrier pour la patiente."
    )
    page = browser.open(host)
    try:
        browser.ctx.grant_permissions(["clipboard-read", "clipboard-write"], origin=page.url.rstrip("/"))
        page.evaluate("t => navigator.clipboard.writeText(t)", letter)
        page.click(INPUT[host])
        page.keyboard.press("Control+V")
        dialog(page).wait_for(timeout=5000)
        assert "collé" in page.locator("[data-vigie-found]").inner_text()
        assert editor_text(page) == ""  # the text has not landed
        assert sent(page) == []
        page.locator("[data-vigie-action='pseudonymize']").click()
        page.wait_for_function("window.__editorText().includes('[PATIENT_1]')", timeout=5000)
        landed = editor_text(page)
        for value in VALUES:
            assert value not in landed
        assert "furosémide 40 mg" in landed
        page.keyboard.press("Enter")
        page.wait_for_function("window.__sent.length === 1", timeout=5000)
        assert "[NIR_1]" in sent(page)[0]
    finally:
        page.close()


def test_daemon_stopped_blocks_then_recovers_without_reload(browser: Browser, daemon: Daemon) -> None:
    host = "chatgpt.com"
    page = browser.open(host)
    try:
        daemon.stop()
        type_text(page, host, CLEAN)
        page.keyboard.press("Enter")
        blocked = dialog(page, "unreachable")
        blocked.wait_for(timeout=5000)
        assert "Vigie n'est pas démarré sur ce poste" in blocked.inner_text()
        assert page.locator("[data-vigie-action='send']").count() == 0  # default policy: block
        settle(page, 200)
        assert sent(page) == []
        page.locator("[data-vigie-action='edit']").click()

        daemon.start()
        page.keyboard.press("Enter")
        page.wait_for_function("window.__sent.length === 1", timeout=8000)
        assert sent(page) == [CLEAN]
        # The "blocked" outcome, queued while the daemon was down, reached the log afterwards.
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline and not any(r["outcome"] == "blocked" for r in daemon.incidents()):
            time.sleep(0.1)
        assert any(r["outcome"] == "blocked" and r["site"] == host for r in daemon.incidents())
    finally:
        if daemon.proc is None:
            daemon.start()
        page.close()


def _worker_starts(browser: Browser) -> int:
    page = browser.ctx.new_page()
    try:
        page.goto(f"chrome-extension://{EXTENSION_ID}/pages/popup.html")
        return int(page.evaluate("chrome.storage.session.get('worker_starts').then(r => r.worker_starts || 0)"))
    finally:
        page.close()


def test_stopped_service_worker_still_guards_next_submit(browser: Browser) -> None:
    host = "claude.ai"
    page = browser.open(host)
    try:
        starts = _worker_starts(browser)
        cdp = page.context.new_cdp_session(page)
        cdp.send("ServiceWorker.enable")
        cdp.send("ServiceWorker.stopAllWorkers")
        time.sleep(0.5)
        type_text(page, host, WITH_PATIENT)
        page.keyboard.press("Enter")
        dialog(page).wait_for(timeout=8000)
        settle(page, 200)
        assert sent(page) == []
        # A new worker instance was started for this submit.
        assert _worker_starts(browser) == starts + 1
        page.locator("[data-vigie-action='pseudonymize']").click()
        page.wait_for_function("window.__sent.length === 1", timeout=5000)
        assert "[PATIENT_1]" in sent(page)[0]
    finally:
        page.close()


def test_placeholders_are_consistent_across_the_conversation(browser: Browser) -> None:
    host = "chatgpt.com"
    page = browser.open(host)
    try:
        for count, text in enumerate((WITH_PATIENT, f"Et pour Mme {NAME}, née le 03/04/1951, quel suivi ?"), 1):
            type_text(page, host, text)
            page.keyboard.press("Enter")
            dialog(page).wait_for(timeout=5000)
            page.locator("[data-vigie-action='pseudonymize']").click()
            page.wait_for_function(f"window.__sent.length === {count}", timeout=5000)
        first, second = sent(page)
        assert "[PATIENT_1]" in first and "[PATIENT_1]" in second  # same patient, same placeholder
        assert "[PATIENT_2]" not in second
        assert "[DATE_NAISSANCE_1]" in second
        # Restored values carry a visible "restored" marker with an explanation.
        page.evaluate("t => { document.getElementById('answer').textContent = t; }", "Suivi de [PATIENT_1].")
        page.wait_for_selector("[data-vigie-restored-count]", state="attached", timeout=5000)
        cdp = page.context.new_cdp_session(page)
        tree = json.dumps(cdp.send("DOM.getDocument", {"depth": -1, "pierce": True}), ensure_ascii=False)
        assert "Valeur restaurée localement par Vigie (le chatbot n'a reçu que [PATIENT_1])" in tree
    finally:
        page.close()


def test_shift_enter_is_a_newline_not_a_submission(browser: Browser) -> None:
    host = "chatgpt.com"
    page = browser.open(host)
    try:
        type_text(page, host, f"Mme {NAME}")
        page.keyboard.press("Shift+Enter")
        page.keyboard.insert_text("suite")
        settle(page, 300)
        assert dialog(page).count() == 0
        assert sent(page) == []
        assert editor_text(page).endswith("suite")
    finally:
        page.close()


@pytest.mark.parametrize("host", EDITORS)  # deepseek: a <form> whose submit button sends
def test_pseudonymize_after_a_click_on_send(browser: Browser, host: str) -> None:
    page = browser.open(host)
    try:
        type_text(page, host, WITH_PATIENT)
        page.click(SEND[host])
        dialog(page).wait_for(timeout=5000)
        settle(page, 200)
        assert sent(page) == []
        page.locator("[data-vigie-action='pseudonymize']").click()
        page.wait_for_function("window.__sent.length === 1", timeout=5000)
        (received,) = sent(page)
        assert "[PATIENT_1]" in received and "[NIR_1]" in received
        for value in VALUES:
            assert value not in received
    finally:
        page.close()


def test_text_too_long_to_check_is_not_pasted_silently(browser: Browser) -> None:
    host = "chat.deepseek.com"
    page = browser.open(host)
    try:
        browser.ctx.grant_permissions(["clipboard-read", "clipboard-write"], origin=page.url.rstrip("/"))
        page.evaluate("n => navigator.clipboard.writeText('Observation clinique. '.repeat(n))", 10_000)
        page.click(INPUT[host])
        page.keyboard.press("Control+V")
        too_large = dialog(page, "too-large")
        too_large.wait_for(timeout=8000)
        assert "200 000 caractères" in too_large.inner_text()
        assert page.locator("[data-vigie-action='send']").count() == 0  # default policy: block
        page.locator("[data-vigie-action='edit']").click()
        assert editor_text(page) == ""
    finally:
        page.close()


@pytest.mark.parametrize("host", ["chatgpt.com", "copilot.microsoft.com"])
def test_offsets_hold_across_emoji_accents_and_paragraphs(browser: Browser, host: str) -> None:
    # Emoji (two UTF-16 units), a combining accent and several paragraphs before the values.
    text = (
        "🙂 Bonjour,\n"
        "Synthe\u0300se pour l'équipe de nuit 🚑 (patiente cardiaque).\n"
        f"Mme {NAME}, NIR {NIR}, revue ce matin."
    )
    page = browser.open(host)
    try:
        browser.ctx.grant_permissions(["clipboard-read", "clipboard-write"], origin=page.url.rstrip("/"))
        page.evaluate("t => navigator.clipboard.writeText(t)", text)
        page.click(INPUT[host])
        page.keyboard.press("Control+V")
        dialog(page).wait_for(timeout=5000)
        page.locator("[data-vigie-reason]").select_option("fictional")
        page.locator("[data-vigie-action='send']").click()  # paste as is, check at submit
        page.wait_for_function("window.__editorText().includes('revue ce matin')", timeout=5000)
        page.keyboard.press("Enter")
        dialog(page).wait_for(timeout=5000)
        page.locator("[data-vigie-action='pseudonymize']").click()
        page.wait_for_function("window.__sent.length === 1", timeout=5000)
        (received,) = sent(page)
        assert received == (
            "🙂 Bonjour,\n"
            "Synthe\u0300se pour l'équipe de nuit 🚑 (patiente cardiaque).\n"
            "Mme [PATIENT_1], NIR [NIR_1], revue ce matin."
        )
    finally:
        page.close()


def test_enter_during_ime_composition_is_left_to_the_page_and_a_form_submit_is_still_guarded(
    browser: Browser,
) -> None:
    host = "chat.deepseek.com"
    page = browser.open(host)
    try:
        page.evaluate(
            "() => { window.__keys = []; document.getElementById('chat-input').addEventListener("
            "'keydown', e => window.__keys.push([e.key, e.isComposing])); }"
        )
        type_text(page, host, f"Mme {NAME} ")
        cdp = page.context.new_cdp_session(page)
        cdp.send("Input.imeSetComposition", {"text": "にほん", "selectionStart": 3, "selectionEnd": 3})
        page.keyboard.press("Enter")
        # Vigie did not swallow the composing Enter: the page saw it...
        page.wait_for_function("window.__keys.length === 1", timeout=5000)
        assert page.evaluate("window.__keys") == [["Enter", True]]
        # ...and this page submits its form anyway: the submit itself is guarded.
        dialog(page).wait_for(timeout=5000)
        settle(page, 200)
        assert sent(page) == []
        page.locator("[data-vigie-action='edit']").click()
    finally:
        page.close()
