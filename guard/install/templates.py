"""Render the files kept in `installer/` with `{{NAME}}` placeholders.

`{{NAME}}` rather than `$NAME` because the templates are PowerShell, WiX and shell, which
all use `$` themselves. An unknown or missing placeholder is an error, never left blank.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from pathlib import Path

_PLACEHOLDER = re.compile(r"\{\{([A-Z][A-Z0-9_]*)\}\}")


class TemplateError(ValueError):
    """A template names a value nobody provided."""


def installer_dir() -> Path:
    """The `installer/` folder: VIGIE_INSTALLER_DIR, else next to the `guard` package."""
    env = os.environ.get("VIGIE_INSTALLER_DIR", "").strip()
    if env:
        return Path(env)
    return Path(__file__).resolve().parents[2] / "installer"


def render_text(text: str, values: Mapping[str, str]) -> str:
    missing = sorted({m.group(1) for m in _PLACEHOLDER.finditer(text)} - set(values))
    if missing:
        raise TemplateError(f"valeurs manquantes pour le modèle : {', '.join(missing)}")
    return _PLACEHOLDER.sub(lambda m: str(values[m.group(1)]), text)


def render(relative: str, values: Mapping[str, str]) -> str:
    path = installer_dir() / relative
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise TemplateError(f"modèle introuvable : {path} ({type(exc).__name__})") from exc
    return render_text(text, values)
