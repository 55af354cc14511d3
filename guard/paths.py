"""Where Vigie reads its policy and keeps its data, per operating system.

One module owns every path so the daemon, the tray, the installer and the CLI agree, and
so tests can redirect everything with environment variables instead of touching the real
machine: VIGIE_DATA_DIR, VIGIE_ADMIN_POLICY, VIGIE_USER_SETTINGS, VIGIE_MACHINE_DATA_DIR.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP_DIR_NAME = "Vigie"
ADMIN_POLICY_FILE = "policy.json"
USER_SETTINGS_FILE = "settings.json"
INCIDENT_DB_FILE = "incidents.sqlite3"


def _env_path(name: str) -> Path | None:
    value = os.environ.get(name, "").strip()
    return Path(value).expanduser() if value else None


def _platform() -> str:
    if sys.platform.startswith("win"):
        return "windows"
    if sys.platform == "darwin":
        return "macos"
    return "linux"


def admin_policy_path() -> Path:
    """The machine-wide policy file written by the administrator (root/Administrators only)."""
    override = _env_path("VIGIE_ADMIN_POLICY")
    if override is not None:
        return override
    platform = _platform()
    if platform == "windows":
        base = os.environ.get("ProgramData") or r"C:\ProgramData"
        return Path(base) / APP_DIR_NAME / ADMIN_POLICY_FILE
    if platform == "macos":
        return Path("/Library/Application Support") / APP_DIR_NAME / ADMIN_POLICY_FILE
    return Path("/etc/vigie") / ADMIN_POLICY_FILE


def user_config_dir() -> Path:
    """Per-user configuration folder (settings the user may change where not locked)."""
    platform = _platform()
    home = Path.home()
    if platform == "windows":
        base = os.environ.get("APPDATA")
        return (Path(base) if base else home / "AppData" / "Roaming") / APP_DIR_NAME
    if platform == "macos":
        return home / "Library" / "Application Support" / APP_DIR_NAME
    base = os.environ.get("XDG_CONFIG_HOME")
    return (Path(base) if base else home / ".config") / "vigie"


def user_settings_path() -> Path:
    """The user's own settings file (layered under the admin policy)."""
    override = _env_path("VIGIE_USER_SETTINGS")
    if override is not None:
        return override
    return user_config_dir() / USER_SETTINGS_FILE


def user_data_dir() -> Path:
    """Per-user data folder: the incident log and its forwarding spool live here."""
    override = _env_path("VIGIE_DATA_DIR")
    if override is not None:
        return override
    platform = _platform()
    home = Path.home()
    if platform == "windows":
        base = os.environ.get("LOCALAPPDATA")
        return (Path(base) if base else home / "AppData" / "Local") / APP_DIR_NAME
    if platform == "macos":
        return home / "Library" / "Application Support" / APP_DIR_NAME / "data"
    base = os.environ.get("XDG_DATA_HOME")
    return (Path(base) if base else home / ".local" / "share") / "vigie"


def machine_data_dir() -> Path:
    """Machine-wide data folder, used for the incident log when the admin policy asks for it
    (`incident_log: "machine"`), so one log covers every user of a shared PC."""
    override = _env_path("VIGIE_MACHINE_DATA_DIR")
    if override is not None:
        return override
    platform = _platform()
    if platform == "windows":
        base = os.environ.get("ProgramData") or r"C:\ProgramData"
        return Path(base) / APP_DIR_NAME / "data"
    if platform == "macos":
        return Path("/Library/Application Support") / APP_DIR_NAME / "data"
    return Path("/var/lib/vigie")
