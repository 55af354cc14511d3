"""The rules' `regex` patterns shipped in compiled form, so start-up skips regex's parser.

Why: the rules compile about sixty `regex` patterns when they load. The `regex` module parses a
pattern in Python; on the last sessions' machine that took 0.17–0.25 s of the daemon's start-up
(and of every `vigie scan`), against about 4 ms to rebuild the same patterns from their compiled
form — the form `regex` itself pickles a pattern in (`regex._main._pickle`).

`python -m guard.detect.rules._precompiled` writes that form for every pattern the rules compile
into `guard/detect/data/regex_compiled.bin` (marshal: plain data, no code). The file ships inside
the package, read-only like the code, never in a user-writable cache: a pattern altered there
could silence a rule. It is used only when the `regex` version and Python's version are the
ones it was written with, and an entry only for the exact pattern text and flags it was compiled
from; anything else — another pattern, a missing, unreadable or foreign file, an entry that
fails to load — is compiled the usual way. So the file changes start-up time, never matching;
tests check both (tests/guard/detect/rules/test_precompiled.py).
"""

from __future__ import annotations

import marshal
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

import regex
from regex import _main as _regex_main
from regex import _regex as _engine

SHIPPED = Path(__file__).resolve().parents[1] / "data" / "regex_compiled.bin"
_FORMAT = 1

Key = tuple[str, int]

# Every pattern compiled through `compiled`, to write the file; patterns that missed the file.
_seen: dict[Key, regex.Pattern[str]] = {}
misses: list[Key] = []
_table: dict[Key, Any] | None = None


def file_key() -> tuple[int, str, int, int]:
    """What the file must have been written with to be used here."""
    return (_FORMAT, str(regex.__version__), sys.version_info[0], sys.version_info[1])


def load(path: Path) -> dict[Key, Any]:
    """The file's entries, or {} when it is missing, unreadable or written for another setup."""
    try:
        raw = marshal.loads(path.read_bytes())
    except (OSError, ValueError, EOFError, TypeError):
        return {}
    if not isinstance(raw, dict) or raw.get("key") != file_key():
        return {}
    patterns = raw.get("patterns")
    return patterns if isinstance(patterns, dict) else {}


def _shipped() -> dict[Key, Any]:
    global _table
    if _table is None:
        _table = load(SHIPPED)
    return _table


def compiled(pattern: str, flags: int = 0) -> regex.Pattern[str]:
    """`regex.compile(pattern, flags)`, rebuilt from the shipped compiled form when it has it."""
    key = (pattern, int(flags))  # a RegexFlag is not plain data
    pat = from_table(_shipped(), key)
    if pat is None:
        pat = regex.compile(pattern, flags)
        misses.append(key)
    _seen[key] = pat
    return pat


def from_table(table: dict[Key, Any], key: Key) -> regex.Pattern[str] | None:
    """The pattern rebuilt from `table`'s entry for `key`, or None (no entry, or a bad one)."""
    data = table.get(key)
    if not isinstance(data, tuple):
        return None
    try:
        pat = _engine.compile(*data)
    except Exception:  # noqa: BLE001 — a bad entry only costs the slow way
        return None
    return pat if pat.pattern == key[0] else None


def write(path: Path = SHIPPED) -> int:
    """Compile every rule (and the detector's own patterns), then write their compiled form
    atomically; returns the number of patterns written."""
    from guard.detect import detector  # noqa: F401 — imports the gate, lexicon, neighbours...
    from guard.detect.rules import default_rules

    default_rules()
    patterns = {key: _regex_main._pickle(pat)[1] for key, pat in sorted(_seen.items())}
    data = marshal.dumps({"key": file_key(), "patterns": patterns})
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".regex-")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.chmod(tmp, 0o644)  # read by every user of a machine-wide install
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return len(patterns)


if __name__ == "__main__":
    # Run as a script this file is `__main__`, not the module the rules import and register in.
    from guard.detect.rules import _precompiled

    count = _precompiled.write()
    print(f"{count} motifs compilés écrits dans {SHIPPED} (regex {regex.__version__}, "
          f"Python {sys.version_info[0]}.{sys.version_info[1]})")
