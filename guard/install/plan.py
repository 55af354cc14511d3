"""Every file `vigie install` writes, per OS and scope, computed without touching disk.

A plan lists absolute target paths (as on the real machine); `guard.install.apply` maps
them under `--root` for tests and packaging. Generating the Windows and macOS plans on
Linux is what lets CI validate those artefacts structurally.
"""

from __future__ import annotations

import json
import sys
import uuid
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import Literal

from guard import __version__
from guard.install.policies import (
    LINUX_POLICY_DIRS,
    POLICY_FILE_NAME,
    ExtensionDeployment,
    browser_policy,
    macos_mobileconfig,
    windows_reg,
    windows_reg_uninstall,
)
from guard.install.templates import render

OsName = Literal["linux", "windows", "macos"]
Scope = Literal["user", "system"]

# Placeholder used when the administrator did not say where the CRX is served.
UNSET_UPDATE_URL = "https://vigie.invalid/extension/update.xml"
_UPGRADE_NS = uuid.UUID("0d3c3f5a-93a8-4c58-9a7b-52d1f0f5e8c2")


def current_os() -> OsName:
    if sys.platform.startswith("win"):
        return "windows"
    if sys.platform == "darwin":
        return "macos"
    return "linux"


@dataclass(frozen=True, slots=True)
class PlannedFile:
    path: PurePosixPath | PureWindowsPath  # absolute, as on the target machine
    content: bytes
    mode: int = 0o644
    kind: str = "file"  # "file" or "symlink" (content = link target, UTF-8)


@dataclass(frozen=True, slots=True)
class InstallPlan:
    os: OsName
    scope: Scope
    files: tuple[PlannedFile, ...]
    manifest_path: PurePosixPath | PureWindowsPath
    notes: tuple[str, ...] = ()
    post_commands: tuple[tuple[str, ...], ...] = field(default_factory=tuple)
    # Run by `vigie uninstall` (real machine only) before the files are removed.
    pre_uninstall_commands: tuple[tuple[str, ...], ...] = field(default_factory=tuple)


@dataclass(frozen=True, slots=True)
class InstallRequest:
    os: OsName
    scope: Scope
    deployment: ExtensionDeployment
    python: str = sys.executable
    home: PurePosixPath | PureWindowsPath | None = None
    admin_policy: bytes | None = None  # contents of --policy FILE, already validated
    windows_exe: str = r"C:\Program Files\Vigie\vigie.exe"


def build_plan(req: InstallRequest) -> InstallPlan:
    if req.os == "linux":
        return _linux(req)
    if req.os == "windows":
        return _windows(req)
    return _macos(req)


def _values(req: InstallRequest) -> dict[str, str]:
    dep = req.deployment
    return {
        "PYTHON": req.python,
        "VERSION": __version__,
        "EXTENSION_ID": dep.extension_id,
        "UPDATE_URL": dep.update_url,
        "PORT": str(dep.port),
        "UNREACHABLE": dep.unreachable,
        "FORCELIST_ENTRY": dep.forcelist_entry,
        "FORCELIST_INDEX": "1",
        "UPGRADE_CODE": str(uuid.uuid5(_UPGRADE_NS, "vigie")).upper(),
        "WINDOWS_EXE": req.windows_exe,
    }


def _notes(req: InstallRequest) -> list[str]:
    notes = []
    if req.deployment.update_url == UNSET_UPDATE_URL:
        notes.append("--update-url non fourni : les navigateurs ne trouveront pas l'extension "
                     "(voir docs/deployment.md, « Héberger l'extension »).")
    return notes


def _linux(req: InstallRequest) -> InstallPlan:
    v = _values(req)
    unit = render("linux/vigie.service", v).encode()
    desktop = render("linux/vigie.desktop", v).encode()
    files: list[PlannedFile] = []
    notes = _notes(req)
    post: list[tuple[str, ...]] = []
    if req.scope == "system":
        unit_dir = PurePosixPath("/etc/systemd/user")
        files.append(PlannedFile(unit_dir / "vigie.service", unit))
        files.append(PlannedFile(unit_dir / "default.target.wants" / "vigie.service",
                                 b"../vigie.service", kind="symlink"))
        files.append(PlannedFile(PurePosixPath("/etc/xdg/autostart/vigie.desktop"), desktop))
        policy = (json.dumps(browser_policy(req.deployment), indent=2, ensure_ascii=False) + "\n").encode()
        for folder in LINUX_POLICY_DIRS.values():
            files.append(PlannedFile(PurePosixPath(folder) / POLICY_FILE_NAME, policy))
        if req.admin_policy is not None:
            files.append(PlannedFile(PurePosixPath("/etc/vigie/policy.json"), req.admin_policy))
        manifest = PurePosixPath("/var/lib/vigie/installed-files.json")
    else:
        home = PurePosixPath(req.home or Path.home())
        unit_dir = home / ".config/systemd/user"
        files.append(PlannedFile(unit_dir / "vigie.service", unit))
        files.append(PlannedFile(unit_dir / "default.target.wants" / "vigie.service",
                                 b"../vigie.service", kind="symlink"))
        files.append(PlannedFile(home / ".config/autostart/vigie.desktop", desktop))
        notes.append("installation utilisateur : les politiques des navigateurs (extension forcée) "
                     "demandent --system (droits administrateur).")
        manifest = home / ".local/share/vigie/installed-files.json"
        post += [("systemctl", "--user", "daemon-reload"), ("systemctl", "--user", "start", "vigie.service")]
    pre_uninstall = (("systemctl", "--user", "stop", "vigie.service"),) if req.scope == "user" else ()
    return InstallPlan("linux", req.scope, tuple(files), manifest, tuple(notes), tuple(post), pre_uninstall)


def _windows(req: InstallRequest) -> InstallPlan:
    v = _values(req)
    base = PureWindowsPath(r"C:\ProgramData\Vigie\installer")
    files = [
        PlannedFile(base / "Install-Vigie.ps1", render("windows/Install-Vigie.ps1", v).encode("utf-8-sig")),
        PlannedFile(base / "Vigie.wxs", render("windows/Vigie.wxs", v).encode("utf-8")),
        PlannedFile(base / "vigie-policies.reg", windows_reg(req.deployment).encode("utf-8")),
        PlannedFile(base / "vigie-policies-remove.reg", windows_reg_uninstall(req.deployment).encode("utf-8")),
    ]
    if req.admin_policy is not None:
        files.append(PlannedFile(PureWindowsPath(r"C:\ProgramData\Vigie\policy.json"), req.admin_policy))
    args = ["powershell", "-NoProfile", "-ExecutionPolicy", "Bypass", "-File", str(base / "Install-Vigie.ps1")]
    if req.scope == "user":
        args.append("-PerUser")
    return InstallPlan("windows", req.scope, tuple(files), base / "installed-files.json",
                       tuple(_notes(req)), (tuple(args),), ((*args, "-Uninstall"),))


def _macos(req: InstallRequest) -> InstallPlan:
    v = _values(req)
    agent = render("macos/fr.vigie.guard.plist", v).encode()
    files: list[PlannedFile] = []
    notes = _notes(req)
    if req.scope == "system":
        files.append(PlannedFile(PurePosixPath("/Library/LaunchAgents/fr.vigie.guard.plist"), agent))
        support = PurePosixPath("/Library/Application Support/Vigie")
        files.append(PlannedFile(support / "vigie.mobileconfig", macos_mobileconfig(req.deployment)))
        if req.admin_policy is not None:
            files.append(PlannedFile(support / "policy.json", req.admin_policy))
        notes.append("profil de configuration écrit ; à distribuer par MDM (Intune, Jamf…) ou à "
                     "installer depuis Réglages Système > Profils.")
        manifest = support / "installed-files.json"
    else:
        home = PurePosixPath(req.home or Path.home())
        files.append(PlannedFile(home / "Library/LaunchAgents/fr.vigie.guard.plist", agent))
        manifest = home / "Library/Application Support/Vigie/installed-files.json"
    return InstallPlan("macos", req.scope, tuple(files), manifest, tuple(notes),
                       (("launchctl", "load", "-w", str(files[0].path)),),
                       (("launchctl", "unload", "-w", str(files[0].path)),))
