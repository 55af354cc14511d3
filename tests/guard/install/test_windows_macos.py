"""Windows and macOS artefacts, generated here and validated structurally (XML, plist, .reg)."""

from __future__ import annotations

import plistlib
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from guard.policy.model import EXTENSION_ID

UPDATE_URL = "https://deploiement.cabinet.example/vigie/update.xml"
ENTRY = f"{EXTENSION_ID};{UPDATE_URL}"
WIX = "{http://wixtoolset.org/schemas/v4/wxs}"


def vigie(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "guard", *args], capture_output=True, text=True, timeout=60)


def test_windows_msi_source_powershell_and_reg(tmp_path: Path) -> None:
    root = tmp_path / "win"
    res = vigie("install", "--os", "windows", "--system", "--root", str(root), "--update-url", UPDATE_URL,
                "--port", "47500")
    assert res.returncode == 0, res.stderr
    base = root / "C/ProgramData/Vigie/installer"

    wxs = ET.parse(base / "Vigie.wxs").getroot()
    assert wxs.tag == f"{WIX}Wix"
    package = wxs.find(f"{WIX}Package")
    assert package is not None
    for attr in ("Name", "Manufacturer", "Version", "UpgradeCode"):
        assert package.get(attr)
    assert re.fullmatch(r"[0-9A-F-]{36}", package.get("UpgradeCode", ""))
    assert package.get("Scope") == "perMachine"
    values = {(v.get("Key"), v.get("Name")): v.get("Value") for v in wxs.iter(f"{WIX}RegistryValue")}
    for vendor in (r"Google\Chrome", r"Microsoft\Edge"):
        assert values[(rf"SOFTWARE\Policies\{vendor}\ExtensionInstallForcelist", "1")] == ENTRY
        ext = rf"SOFTWARE\Policies\{vendor}\3rdparty\extensions\{EXTENSION_ID}\policy"
        assert values[(ext, "port")] == "47500"
        assert values[(ext, "unreachable")] == "block"
    assert values[(r"SOFTWARE\Microsoft\Windows\CurrentVersion\Run", "Vigie")].endswith(" run")
    # Every component referenced by a feature exists.
    groups = {g.get("Id") for g in wxs.iter(f"{WIX}ComponentGroup")}
    refs = {r.get("Id") for r in wxs.iter(f"{WIX}ComponentGroupRef")}
    assert refs <= groups

    ps1 = (base / "Install-Vigie.ps1").read_text(encoding="utf-8-sig")
    assert "{{" not in ps1
    assert f'$UpdateUrl = "{UPDATE_URL}"' in ps1 and f'$ExtensionId = "{EXTENSION_ID}"' in ps1
    assert "[int]$Port = 47500" in ps1
    for key in (r"HKLM:\SOFTWARE\Policies\Google\Chrome", r"HKLM:\SOFTWARE\Policies\Microsoft\Edge",
                r"HKCU:\Software\Microsoft\Windows\CurrentVersion\Run"):
        assert key in ps1
    assert ps1.count("{") == ps1.count("}") and ps1.count("(") == ps1.count(")")

    reg = (base / "vigie-policies.reg").read_bytes().decode("utf-8")
    assert "\n" not in reg.replace("\r\n", "")  # regedit wants CRLF line ends
    lines = reg.split("\r\n")
    assert lines[0] == "Windows Registry Editor Version 5.00"
    sections: dict[str, dict[str, str]] = {}
    current = None
    for line in lines[1:]:
        if line.startswith("["):
            assert line.endswith("]")
            current = line[1:-1]
            sections[current] = {}
        elif line:
            name, _, value = line.partition("=")
            assert current and name.startswith('"') and name.endswith('"')
            sections[current][name.strip('"')] = value
    for vendor in (r"Google\Chrome", r"Microsoft\Edge"):
        forced = sections[rf"HKEY_LOCAL_MACHINE\SOFTWARE\Policies\{vendor}\ExtensionInstallForcelist"]
        assert forced["1"] == f'"{ENTRY}"'
        ext = sections[rf"HKEY_LOCAL_MACHINE\SOFTWARE\Policies\{vendor}\3rdparty\extensions\{EXTENSION_ID}\policy"]
        assert ext["port"] == f"dword:{47500:08x}" and ext["unreachable"] == '"block"'
    remove = (base / "vigie-policies-remove.reg").read_bytes().decode("utf-8")
    assert f"[-HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Google\\Chrome\\3rdparty\\extensions\\{EXTENSION_ID}]" in remove

    assert vigie("uninstall", "--os", "windows", "--system", "--root", str(root)).returncode == 0
    assert not [p for p in root.rglob("*") if p.is_file()]


def test_macos_launch_agent_and_configuration_profile(tmp_path: Path) -> None:
    root = tmp_path / "mac"
    res = vigie("install", "--os", "macos", "--system", "--root", str(root), "--update-url", UPDATE_URL,
                "--token", "0123456789abcdef0123")
    assert res.returncode == 0, res.stderr

    agent = plistlib.loads((root / "Library/LaunchAgents/fr.vigie.guard.plist").read_bytes())
    assert agent["Label"] == "fr.vigie.guard"
    assert agent["ProgramArguments"] == [sys.executable, "-m", "guard", "run"]
    assert agent["RunAtLoad"] is True and agent["KeepAlive"] == {"SuccessfulExit": False}
    assert agent["LimitLoadToSessionType"] == "Aqua"

    profile = plistlib.loads((root / "Library/Application Support/Vigie/vigie.mobileconfig").read_bytes())
    assert profile["PayloadType"] == "Configuration" and profile["PayloadVersion"] == 1
    for key in ("PayloadIdentifier", "PayloadUUID", "PayloadDisplayName", "PayloadContent"):
        assert profile[key]
    payloads = {p["PayloadType"]: p for p in profile["PayloadContent"]}
    uuids = [p["PayloadUUID"] for p in profile["PayloadContent"]] + [profile["PayloadUUID"]]
    assert len(set(uuids)) == len(uuids)
    for domain in ("com.google.Chrome", "com.microsoft.Edge"):
        assert payloads[domain]["ExtensionInstallForcelist"] == [ENTRY]
        ext = payloads[f"{domain}.extensions.{EXTENSION_ID}"]
        assert ext["port"] == 47321 and ext["unreachable"] == "block" and ext["token"] == "0123456789abcdef0123"
        for p in (payloads[domain], ext):
            assert {"PayloadIdentifier", "PayloadUUID", "PayloadVersion", "PayloadDisplayName"} <= set(p)

    user = tmp_path / "mac-user"
    assert vigie("install", "--os", "macos", "--user", "--root", str(user)).returncode == 0
    assert list(user.rglob("fr.vigie.guard.plist"))
    assert not list(user.rglob("*.mobileconfig"))


def test_other_os_without_root_is_refused() -> None:
    res = vigie("install", "--os", "windows" if sys.platform != "win32" else "linux", "--dry-run")
    assert res.returncode == 1 and "--root" in res.stderr


def test_install_and_uninstall_commands_match_the_generated_script() -> None:
    from guard.install.plan import InstallRequest, build_plan
    from guard.install.policies import ExtensionDeployment

    dep = ExtensionDeployment(update_url=UPDATE_URL)
    win = build_plan(InstallRequest(os="windows", scope="user", deployment=dep))
    script = str(next(f.path for f in win.files if f.path.name == "Install-Vigie.ps1"))
    assert win.post_commands[0][-2:] == (script, "-PerUser")
    assert win.pre_uninstall_commands[0][-3:] == (script, "-PerUser", "-Uninstall")
    mac = build_plan(InstallRequest(os="macos", scope="user", deployment=dep))
    assert mac.post_commands[0][:3] == ("launchctl", "load", "-w")
    assert mac.pre_uninstall_commands[0][:3] == ("launchctl", "unload", "-w")
