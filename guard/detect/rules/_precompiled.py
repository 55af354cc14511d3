"""The detector's patterns shipped in compiled form, so start-up skips the regex parsers.

Why: the rules and the gate compile about sixty `regex` patterns and two hundred stdlib `re`
ones when they load. Both parsers are written in Python; on the last sessions' machine that took
0.25–0.35 s of the daemon's start-up (and of every `vigie scan`), against a few milliseconds to
rebuild the same patterns from their compiled form: for `regex`, the form it pickles a pattern
in (`regex._main._pickle`); for `re`, the code `re._compiler` hands to `_sre.compile` (the same
call on Python 3.11 to 3.13; `_sre` validates the code it is given).

`python -m guard.detect.rules._precompiled` writes that form for every pattern the rules compile
into `guard/detect/data/regex_compiled.bin` (marshal: plain data, no code). The file ships inside
the package, read-only like the code, never in a user-writable cache: a pattern altered there
could silence a rule. It is used only when the `regex` version, Python's version and the `re`
engine's magic number are the ones it was written with, and an entry only for the exact pattern
text and flags it was compiled from; anything else — another pattern, a missing, unreadable or
foreign file, an entry that fails to load — is compiled the usual way. So the file changes start-up time, never matching;
tests check both (tests/guard/detect/rules/test_precompiled.py).
"""

from __future__ import annotations

import _sre
import marshal
import os
import re
import sys
import tempfile
from pathlib import Path
from re import _compiler as _re_compiler  # type: ignore[attr-defined]
from re import _parser as _re_parser  # type: ignore[attr-defined]
from typing import Any

import regex
from regex import _main as _regex_main
from regex import _regex as _engine

SHIPPED = Path(__file__).resolve().parents[1] / "data" / "regex_compiled.bin"
_FORMAT = 3

Key = tuple[str, int]

# Every pattern compiled through `compiled` / `compiled_re`, to write the file; and those that
# were not in the file.
_seen: dict[Key, regex.Pattern[str]] = {}
_seen_re: set[Key] = set()
misses: list[Key] = []
_tables: tuple[dict[Key, Any], dict[Key, Any]] | None = None


def file_key() -> tuple[int, str, int, int, int]:
    """What the file must have been written with to be used here."""
    return (_FORMAT, str(regex.__version__), sys.version_info[0], sys.version_info[1], _sre.MAGIC)


def load(path: Path, engine: str = "regex") -> dict[Key, Any]:
    """The file's entries for `engine` ("regex" or "re"), or {} when it is missing, unreadable
    or written for another setup."""
    return _read(path).get(engine, {})


def _read(path: Path) -> dict[str, dict[Key, Any]]:
    try:
        raw = marshal.loads(path.read_bytes())
    except (OSError, ValueError, EOFError, TypeError):
        return {}
    if not isinstance(raw, dict) or raw.get("key") != file_key():
        return {}
    out = {}
    for engine, field in (("regex", "patterns"), ("re", "re")):
        table = raw.get(field)
        out[engine] = table if isinstance(table, dict) else {}
    return out


def _shipped() -> dict[Key, Any]:
    return _both()[0]


def _shipped_re() -> dict[Key, Any]:
    return _both()[1]


def _both() -> tuple[dict[Key, Any], dict[Key, Any]]:
    global _tables
    if _tables is None:
        both = _read(SHIPPED)
        _tables = (both.get("regex", {}), both.get("re", {}))
    return _tables


def compiled(pattern: str, flags: int = 0) -> regex.Pattern[str]:
    """`regex.compile(pattern, flags)`, rebuilt from the shipped compiled form when it has it."""
    key = (pattern, int(flags))  # a RegexFlag is not plain data
    pat = from_table(_shipped(), key)
    if pat is None:
        pat = regex.compile(pattern, flags)
        misses.append(key)
    _seen[key] = pat
    return pat


def _entry(table: dict[Key, Any], key: Key) -> tuple[Any, ...] | None:
    """An entry is kept marshalled until used: the decoded code lists of two hundred patterns
    would hold several megabytes of Python ints for the life of the process."""
    blob = table.get(key)
    if not isinstance(blob, bytes):
        return None
    try:
        data = marshal.loads(blob)
    except (ValueError, EOFError, TypeError):
        return None
    return data if isinstance(data, tuple) else None


def from_table(table: dict[Key, Any], key: Key) -> regex.Pattern[str] | None:
    """The pattern rebuilt from `table`'s entry for `key`, or None (no entry, or a bad one)."""
    data = _entry(table, key)
    if data is None:
        return None
    try:
        pat = _engine.compile(*data)
    except Exception:  # noqa: BLE001 — a bad entry only costs the slow way
        return None
    return pat if pat.pattern == key[0] else None


def compiled_re(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """`re.compile(pattern, flags)`, rebuilt from the shipped compiled form when it has it."""
    key = (pattern, int(flags))
    pat = re_from_table(_shipped_re(), key)
    if pat is None:
        pat = re.compile(pattern, flags)
        misses.append(key)
    _seen_re.add(key)
    return pat


def re_from_table(table: dict[Key, Any], key: Key) -> re.Pattern[str] | None:
    """The stdlib pattern rebuilt from `table`'s entry for `key`, or None."""
    data = _entry(table, key)
    if data is None:
        return None
    try:
        pat = _sre.compile(key[0], *data)
    except Exception:  # noqa: BLE001 — `_sre` refused the code: the slow way
        return None
    return pat if pat.pattern == key[0] else None


def _re_data(pattern: str, flags: int) -> tuple[Any, ...]:
    """What `re._compiler.compile` hands to `_sre.compile` after the pattern text."""
    parsed = _re_parser.parse(pattern, flags)
    code = [int(op) for op in _re_compiler._code(parsed, flags)]  # opcodes are int subclasses
    groupindex = dict(parsed.state.groupdict)
    indexgroup: list[str | None] = [None] * parsed.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    return (int(flags | parsed.state.flags), code, parsed.state.groups - 1, groupindex,
            tuple(indexgroup))


def startup_patterns() -> None:
    """Import what the daemon and `vigie scan` load, so that every pattern they compile at
    start-up goes through `compiled` / `compiled_re`."""
    from guard.detect import detector, model  # noqa: F401 — the gate, lexicon, neighbours, model
    from guard.detect.rules import default_rules

    default_rules()


def write(path: Path = SHIPPED) -> int:
    """Compile every rule (and the detector's own patterns), then write their compiled form
    atomically; returns the number of patterns written."""
    startup_patterns()
    patterns = {key: marshal.dumps(_regex_main._pickle(pat)[1]) for key, pat in sorted(_seen.items())}
    stdlib = {key: marshal.dumps(_re_data(*key)) for key in sorted(_seen_re)}
    data = marshal.dumps({"key": file_key(), "patterns": patterns, "re": stdlib})
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".regex-")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.chmod(tmp, 0o644)  # read by every user of a machine-wide install
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return len(patterns) + len(stdlib)


if __name__ == "__main__":
    # Run as a script this file is `__main__`, not the module the rules import and register in.
    from guard.detect.rules import _precompiled

    count = _precompiled.write()
    print(f"{count} motifs compilés écrits dans {SHIPPED} (regex {regex.__version__}, "
          f"Python {sys.version_info[0]}.{sys.version_info[1]})")
