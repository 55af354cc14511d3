"""The tray menu as plain data, built from a snapshot and the policy's permissions.

Kept free of pystray so tests can check that *Pause* and *Quitter* appear only when the
policy allows them; `guard.tray.app` turns the entries into `pystray.MenuItem`s.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from guard.tray.state import TraySnapshot, TrayState


class MenuAction(StrEnum):
    STATE = "state"
    PAUSE = "pause"
    RESUME = "resume"
    REPORT = "report"
    LOGS = "logs"
    ABOUT = "about"
    QUIT = "quit"


_TEXT: dict[str, dict[MenuAction, str]] = {
    "fr": {
        MenuAction.PAUSE: "Pause 15 min",
        MenuAction.RESUME: "Reprendre la protection",
        MenuAction.REPORT: "Rapport des incidents",
        MenuAction.LOGS: "Dossier des journaux",
        MenuAction.ABOUT: "À propos",
        MenuAction.QUIT: "Quitter",
    },
    "en": {
        MenuAction.PAUSE: "Pause 15 min",
        MenuAction.RESUME: "Resume protection",
        MenuAction.REPORT: "Incident report",
        MenuAction.LOGS: "Log folder",
        MenuAction.ABOUT: "About",
        MenuAction.QUIT: "Quit",
    },
}


@dataclass(frozen=True, slots=True)
class MenuEntry:
    action: MenuAction
    text: str
    enabled: bool = True


def build_menu(snapshot: TraySnapshot, *, pause_allowed: bool, quit_allowed: bool) -> tuple[MenuEntry, ...]:
    """Menu entries in display order. The first one is the (disabled) state line."""
    texts = _TEXT.get(snapshot.locale, _TEXT["fr"])
    entries = [MenuEntry(MenuAction.STATE, snapshot.state_text, enabled=False)]
    if pause_allowed:
        if snapshot.state is TrayState.PAUSED:
            entries.append(MenuEntry(MenuAction.RESUME, texts[MenuAction.RESUME]))
        else:
            entries.append(MenuEntry(MenuAction.PAUSE, texts[MenuAction.PAUSE],
                                     enabled=snapshot.state is not TrayState.STOPPED))
    entries.append(MenuEntry(MenuAction.REPORT, texts[MenuAction.REPORT]))
    entries.append(MenuEntry(MenuAction.LOGS, texts[MenuAction.LOGS]))
    entries.append(MenuEntry(MenuAction.ABOUT, texts[MenuAction.ABOUT]))
    if quit_allowed:
        entries.append(MenuEntry(MenuAction.QUIT, texts[MenuAction.QUIT]))
    return tuple(entries)
