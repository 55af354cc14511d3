"""Static checks of the extension folder, including Chromium's own manifest validation."""

from __future__ import annotations

import base64
import hashlib
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from guard.policy.model import DEFAULT_SITES, EXTENSION_ID
from tests.extension.conftest import EXTENSION, chromium_path

MANIFEST = json.loads((EXTENSION / "manifest.json").read_text())
LOCALES = {loc: json.loads((EXTENSION / "_locales" / loc / "messages.json").read_text()) for loc in ("fr", "en")}


def test_pinned_key_gives_the_project_extension_id() -> None:
    digest = hashlib.sha256(base64.b64decode(MANIFEST["key"])).hexdigest()[:32]
    assert "".join(chr(ord("a") + int(c, 16)) for c in digest) == EXTENSION_ID


def test_permissions_are_storage_scripting_and_the_guarded_hosts_only() -> None:
    assert MANIFEST["manifest_version"] == 3
    assert MANIFEST["background"] == {"service_worker": "background/service_worker.js", "type": "module"}
    assert set(MANIFEST["permissions"]) == {"storage", "scripting"}
    assert MANIFEST["host_permissions"] == [f"https://{h}/*" for h in DEFAULT_SITES]
    assert MANIFEST["content_scripts"][0]["matches"] == MANIFEST["host_permissions"]
    assert int(MANIFEST["minimum_chrome_version"]) >= 116  # WebSocket keeps the worker alive


def test_content_scripts_load_registry_first_and_guard_last() -> None:
    js = MANIFEST["content_scripts"][0]["js"]
    assert js[0] == "content/registry.js" and js[-1] == "content/guard.js"
    for path in js:
        assert (EXTENSION / path).is_file(), path
    adapters = [p for p in js if p.startswith("content/adapters/")]
    assert {Path(p).stem for p in adapters} == {
        "generic", "chatgpt", "claude", "gemini", "copilot", "lechat", "perplexity", "deepseek"}
    assert max(js.index(p) for p in adapters) < js.index("content/guard.js")


def test_locales_match_and_every_used_key_exists() -> None:
    fr, en = LOCALES["fr"], LOCALES["en"]
    assert fr.keys() == en.keys()
    for key, entry in fr.items():
        assert entry["description"], key
    used: set[str] = set()
    for file in EXTENSION.rglob("*"):
        if file.suffix in (".js", ".html", ".json"):
            text = file.read_text()
            used |= set(re.findall(r"""(?:\bmsg|\bt)\(\s*'([A-Za-z_]+)'""", text))
            used |= set(re.findall(r'data-i18n="([A-Za-z_]+)"', text))
            used |= set(re.findall(r"__MSG_([A-Za-z_]+)__", text))
    missing = {k for k in used if k not in fr}
    assert not missing
    assert fr["btnPseudonymize"]["message"] == "Pseudonymiser et envoyer"
    assert fr["unreachableTitle"]["message"] == "Vigie n'est pas démarré sur ce poste"


def test_managed_schema_lists_the_settings_the_worker_accepts() -> None:
    schema = json.loads((EXTENSION / MANIFEST["storage"]["managed_schema"]).read_text())
    settings_js = (EXTENSION / "background" / "settings.js").read_text()
    validators = re.search(r"const VALIDATORS = \{(.*?)\n\};", settings_js, re.S).group(1)
    accepted = set(re.findall(r"^  ([a-z_]+):", validators, re.M))
    assert set(schema["properties"]) == accepted
    assert {"port", "token", "unreachable", "extra_sites"} <= accepted


@pytest.mark.browser
def test_chromium_accepts_the_manifest(tmp_path: Path) -> None:
    chromium = chromium_path()
    if chromium is None:
        pytest.skip("Chromium absent")
    copy = tmp_path / "ext"
    shutil.copytree(EXTENSION, copy)
    proc = subprocess.run(
        [chromium, "--headless", "--no-sandbox", f"--user-data-dir={tmp_path / 'profile'}", f"--pack-extension={copy}"],
        capture_output=True, text=True, timeout=120,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert (tmp_path / "ext.crx").is_file()
