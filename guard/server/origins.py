"""Which browser origins may open the guard's WebSocket.

Any web page can try `new WebSocket("ws://127.0.0.1:47321")`; the browser then sends the
page's own Origin, which a page cannot forge. So the allow-list is exact: only
`chrome-extension://<32 letters a-p>` for Vigie's pinned id and ids the administrator adds.
No normalisation on purpose (no lower-casing, no trailing-slash stripping): Chromium always
sends the canonical form, and anything else is someone trying something.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from guard.policy.model import EXTENSION_ID

_ID = re.compile(r"[a-p]{32}")
SCHEME = "chrome-extension://"


def valid_extension_id(ext_id: str) -> bool:
    return bool(_ID.fullmatch(ext_id))


def allowed_origins(extension_ids: Iterable[str], extra: Iterable[str] = ()) -> frozenset[str]:
    """The exact Origin values accepted: Vigie's id plus well-formed administrator ids."""
    ids = {EXTENSION_ID, *(i for i in extension_ids if valid_extension_id(i))}
    return frozenset({SCHEME + i for i in ids} | set(extra))


def origin_allowed(values: list[str], allowed: frozenset[str]) -> bool:
    """True only for exactly one Origin header whose value is in `allowed`."""
    return len(values) == 1 and values[0] in allowed


def describe_refused(values: list[str]) -> str:
    """A log-safe description of a refused Origin: its scheme only, never the full value."""
    if not values:
        return "absente"
    if len(values) > 1:
        return f"{len(values)} en-têtes"
    value = values[0]
    scheme = value.split(":", 1)[0] if ":" in value else "?"
    scheme = scheme if re.fullmatch(r"[a-zA-Z][a-zA-Z0-9+.-]{0,20}", scheme) else "?"
    return f"schéma {scheme}" if value != "null" else "null"
