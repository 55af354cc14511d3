"""`vigie install` / `vigie uninstall` for Linux into a temporary root, validated for real."""

from __future__ import annotations

import configparser
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from guard.policy.model import EXTENSION_ID

UPDATE_URL = "http://127.0.0.1:8080/vigie/update.xml"
POLICY_DIRS = ("etc/opt/chrome/policies/managed", "etc/chromium/policies/managed",
               "etc/opt/edge/policies/managed")


def vigie(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "guard", *args], capture_output=True, text=True,
                          timeout=60, env=env)


def _verify_unit(unit: Path, tmp_path: Path) -> subprocess.CompletedProcess:
    runtime = tmp_path / "xdg-runtime"
    runtime.mkdir(mode=0o700, exist_ok=True)
    env = {**os.environ, "XDG_RUNTIME_DIR": str(runtime), "SYSTEMD_LOG_LEVEL": "warning"}
    return subprocess.run(["systemd-analyze", "--user", "verify", str(unit)], capture_output=True,
                          text=True, timeout=60, env=env)


def test_system_install_puts_every_file_in_place_and_uninstall_removes_them(tmp_path: Path) -> None:
    root = tmp_path / "root"
    # An administrator's own policy file in the same folder must survive uninstall.
    own = root / "etc/chromium/policies/managed/hospital.json"
    own.parent.mkdir(parents=True)
    own.write_text('{"HomepageLocation": "https://intranet.example"}')

    dry = vigie("install", "--system", "--dry-run", "--root", str(root), "--update-url", UPDATE_URL)
    assert dry.returncode == 0, dry.stderr
    assert not (root / "etc/systemd").exists()

    res = vigie("install", "--system", "--root", str(root), "--update-url", UPDATE_URL, "--port", "47400")
    assert res.returncode == 0, res.stderr
    unit = root / "etc/systemd/user/vigie.service"
    link = root / "etc/systemd/user/default.target.wants/vigie.service"
    desktop = root / "etc/xdg/autostart/vigie.desktop"
    for path in (unit, desktop):
        assert path.is_file()
    assert link.is_symlink() and link.resolve() == unit.resolve()

    for folder in POLICY_DIRS:
        policy = json.loads((root / folder / "vigie.json").read_text())
        assert policy["ExtensionInstallForcelist"] == [f"{EXTENSION_ID};{UPDATE_URL}"]
        settings = policy["3rdparty"]["extensions"][EXTENSION_ID]
        assert settings == {"port": 47400, "unreachable": "block"}
        # Only keys the extension declares in its managed schema.
        schema = json.loads((Path(__file__).parents[3] / "extension/managed_schema.json").read_text())
        assert set(settings) <= set(schema["properties"])

    ini = configparser.ConfigParser(interpolation=None)
    ini.optionxform = str  # type: ignore[assignment]
    ini.read_string(unit.read_text())
    assert ini["Service"]["ExecStart"].startswith(f"{sys.executable} -m guard run")
    assert ini["Install"]["WantedBy"] == "default.target"
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str  # type: ignore[assignment]
    entry.read_string(desktop.read_text())
    assert entry["Desktop Entry"]["Type"] == "Application"
    assert "systemctl --user restart vigie.service" in entry["Desktop Entry"]["Exec"]
    if shutil.which("desktop-file-validate"):
        out = subprocess.run(["desktop-file-validate", str(desktop)], capture_output=True, text=True)
        assert out.returncode == 0, out.stdout + out.stderr

    if shutil.which("systemd-analyze"):
        check = _verify_unit(unit, tmp_path)
        assert check.returncode == 0, check.stdout + check.stderr

    manifest = root / "var/lib/vigie/installed-files.json"
    assert manifest.is_file()

    out = vigie("uninstall", "--system", "--root", str(root))
    assert out.returncode == 0, out.stderr
    left = sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file() or p.is_symlink())
    assert left == ["etc/chromium/policies/managed/hospital.json"]
    assert root.is_dir()


def test_systemd_analyze_rejects_a_broken_unit(tmp_path: Path) -> None:
    """The verify step is a real check: a unit whose program is missing fails it."""
    if not shutil.which("systemd-analyze"):
        pytest.skip("systemd-analyze absent (apt-get install systemd)")
    root = tmp_path / "root"
    assert vigie("install", "--system", "--root", str(root), "--python", "/nonexistent/python3").returncode == 0
    check = _verify_unit(root / "etc/systemd/user/vigie.service", tmp_path)
    assert check.returncode != 0 and "nonexistent" in check.stdout + check.stderr


def test_user_install_goes_under_home_without_browser_policies(tmp_path: Path) -> None:
    root = tmp_path / "root"
    res = vigie("install", "--user", "--root", str(root), "--update-url", UPDATE_URL)
    assert res.returncode == 0, res.stderr
    home = Path.home().relative_to("/")
    assert (root / home / ".config/systemd/user/vigie.service").is_file()
    assert (root / home / ".config/systemd/user/default.target.wants/vigie.service").is_symlink()
    assert (root / home / ".config/autostart/vigie.desktop").is_file()
    assert not list(root.rglob("vigie.json"))
    assert "--system" in res.stdout  # says how to get the browser policies
    assert vigie("uninstall", "--user", "--root", str(root)).returncode == 0
    assert not [p for p in root.rglob("*") if p.is_file() or p.is_symlink()]


def test_missing_update_url_is_said_and_bad_admin_policy_refused(tmp_path: Path) -> None:
    root = tmp_path / "root"
    res = vigie("install", "--system", "--dry-run", "--root", str(root))
    assert res.returncode == 0 and "--update-url" in res.stdout
    bad = tmp_path / "policy.json"
    bad.write_text('{"port": 80}')
    res = vigie("install", "--system", "--root", str(root), "--policy", str(bad), "--update-url", UPDATE_URL)
    assert res.returncode == 1 and "port" in res.stderr
    assert not (root / "etc/vigie/policy.json").exists()
    good = tmp_path / "good.json"
    good.write_text('{"quit_allowed": false, "sites": ["chatgpt.com"]}')
    res = vigie("install", "--system", "--root", str(root), "--policy", str(good), "--update-url", UPDATE_URL)
    assert res.returncode == 0, res.stderr
    assert json.loads((root / "etc/vigie/policy.json").read_text())["sites"] == ["chatgpt.com"]
