"""The browser policies that force the extension in, as data shared by every OS format.

One dictionary (`browser_policy`) becomes the Linux managed JSON, the Windows `.reg`
file and the macOS configuration profile, so the three never disagree.
"""

from __future__ import annotations

import plistlib
import uuid
from dataclasses import dataclass
from typing import Any

from guard.policy.model import DEFAULT_PORT, EXTENSION_ID

# Where Chromium-family browsers read machine policies on Linux.
LINUX_POLICY_DIRS: dict[str, str] = {
    "chrome": "/etc/opt/chrome/policies/managed",
    "chromium": "/etc/chromium/policies/managed",
    "edge": "/etc/opt/edge/policies/managed",
}
POLICY_FILE_NAME = "vigie.json"

WINDOWS_POLICY_KEYS: dict[str, str] = {
    "chrome": r"SOFTWARE\Policies\Google\Chrome",
    "edge": r"SOFTWARE\Policies\Microsoft\Edge",
}
MACOS_DOMAINS: dict[str, str] = {
    "chrome": "com.google.Chrome",
    "edge": "com.microsoft.Edge",
}
# Stable namespace so regenerating a profile keeps the same payload UUIDs.
_UUID_NS = uuid.UUID("5b0f8f5e-2d55-4c1e-9b57-8a0c0b6f7a11")


@dataclass(frozen=True, slots=True)
class ExtensionDeployment:
    """What the browsers must be told: which extension, from where, with which settings."""

    update_url: str
    extension_id: str = EXTENSION_ID
    port: int = DEFAULT_PORT
    unreachable: str = "block"
    token: str | None = None

    @property
    def forcelist_entry(self) -> str:
        return f"{self.extension_id};{self.update_url}"

    def extension_settings(self) -> dict[str, Any]:
        """Keys of the extension's `storage.managed_schema` (extension/managed_schema.json)."""
        settings: dict[str, Any] = {"port": self.port, "unreachable": self.unreachable}
        if self.token:
            settings["token"] = self.token
        return settings


def browser_policy(dep: ExtensionDeployment) -> dict[str, Any]:
    """Chrome/Chromium/Edge managed policy (Linux JSON layout)."""
    return {
        "ExtensionInstallForcelist": [dep.forcelist_entry],
        "3rdparty": {"extensions": {dep.extension_id: dep.extension_settings()}},
    }


def _reg_string(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def windows_reg(dep: ExtensionDeployment) -> str:
    """A `.reg` file (UTF-16 is what regedit writes, but it also reads this ASCII-safe form)."""
    lines = ["Windows Registry Editor Version 5.00", ""]
    for base in WINDOWS_POLICY_KEYS.values():
        lines += [f"[HKEY_LOCAL_MACHINE\\{base}\\ExtensionInstallForcelist]",
                  f'"1"={_reg_string(dep.forcelist_entry)}', ""]
        lines.append(f"[HKEY_LOCAL_MACHINE\\{base}\\3rdparty\\extensions\\{dep.extension_id}\\policy]")
        for key, value in dep.extension_settings().items():
            if isinstance(value, int):
                lines.append(f'"{key}"=dword:{value:08x}')
            else:
                lines.append(f'"{key}"={_reg_string(str(value))}')
        lines.append("")
    return "\r\n".join(lines)


def windows_reg_uninstall(dep: ExtensionDeployment) -> str:
    lines = ["Windows Registry Editor Version 5.00", ""]
    for base in WINDOWS_POLICY_KEYS.values():
        lines += [f"[HKEY_LOCAL_MACHINE\\{base}\\ExtensionInstallForcelist]", '"1"=-', "",
                  f"[-HKEY_LOCAL_MACHINE\\{base}\\3rdparty\\extensions\\{dep.extension_id}]", ""]
    return "\r\n".join(lines)


def _payload(ptype: str, ident: str, name: str, content: dict[str, Any]) -> dict[str, Any]:
    return {
        "PayloadType": ptype,
        "PayloadIdentifier": ident,
        "PayloadUUID": str(uuid.uuid5(_UUID_NS, ident)).upper(),
        "PayloadVersion": 1,
        "PayloadDisplayName": name,
        **content,
    }


def macos_mobileconfig(dep: ExtensionDeployment, organization: str = "Vigie") -> bytes:
    """A configuration profile with Chrome and Edge policies (for MDM or manual install).

    Extension settings go to the `<browser domain>.extensions.<id>` preference domain,
    which is where Chrome and Edge on macOS read `chrome.storage.managed`.
    """
    content = []
    for browser, domain in MACOS_DOMAINS.items():
        content.append(_payload(domain, f"fr.vigie.profile.{browser}", f"Vigie — {browser}",
                                {"ExtensionInstallForcelist": [dep.forcelist_entry]}))
        ext_domain = f"{domain}.extensions.{dep.extension_id}"
        content.append(_payload(ext_domain, f"fr.vigie.profile.{browser}.extension",
                                f"Vigie — réglages de l'extension ({browser})",
                                dict(dep.extension_settings())))
    profile = _payload("Configuration", "fr.vigie.profile", "Vigie — navigateurs", {
        "PayloadContent": content,
        "PayloadOrganization": organization,
        "PayloadDescription": "Force l'extension Vigie dans Chrome et Edge et règle son port.",
        "PayloadScope": "System",
        "PayloadRemovalDisallowed": True,
    })
    return plistlib.dumps(profile, fmt=plistlib.FMT_XML, sort_keys=True)
