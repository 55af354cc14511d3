"""What the tray's menu entries do outside the tray: open folders, files and the report.

Each function returns a French error string ("" on success) rather than raising, because a
failed "open folder" must never take the guard down.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

from guard import __version__


def open_path(path: Path) -> str:
    """Open a file or folder with the desktop's default application."""
    try:
        if sys.platform == "win32":
            os.startfile(str(path))  # type: ignore[attr-defined]  # noqa: S606
            return ""
        opener = "open" if sys.platform == "darwin" else "xdg-open"
        subprocess.Popen(  # noqa: S603 - fixed program, path argument
            [opener, str(path)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        return ""
    except (OSError, AttributeError) as exc:
        return f"impossible d'ouvrir {path} ({type(exc).__name__})"


def logs_folder() -> Path:
    from guard.paths import user_data_dir  # noqa: PLC0415

    folder = user_data_dir()
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def build_report(out_dir: Path | None = None, timeout_s: float = 60.0) -> tuple[Path | None, str]:
    """Run `vigie incidents report` (engineer P's command) and return the HTML file written.

    A subprocess keeps the report's imports and memory out of the long-running tray.
    """
    out_dir = out_dir or Path(tempfile.mkdtemp(prefix="vigie-rapport-"))
    out_dir.mkdir(parents=True, exist_ok=True)
    out = out_dir / "rapport-incidents.html"
    cmd = [sys.executable, "-m", "guard", "incidents", "report", "--out", str(out)]
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout_s, check=False)  # noqa: S603
    except (OSError, subprocess.TimeoutExpired) as exc:
        return None, f"rapport impossible ({type(exc).__name__})"
    if proc.returncode != 0 or not out.exists():
        tail = (proc.stderr or proc.stdout).strip().splitlines()[-1:] or [""]
        return None, f"rapport impossible (code {proc.returncode}) {tail[0]}".strip()
    return out, ""


def about_text(locale: str = "fr") -> str:
    if locale == "en":
        return (f"Vigie {__version__} — local guard that keeps patient data out of public chatbots. "
                "Nothing you type leaves this computer.")
    return (f"Vigie {__version__} — garde locale qui empêche les données patient de partir vers les "
            "chatbots publics. Rien de ce que vous tapez ne quitte cet ordinateur.")
