"""The shipped compiled patterns (`regex` and stdlib `re`): used only where they are exactly
right, complete for the detector, and never a change in what matches."""

from __future__ import annotations

import json
import marshal
import subprocess
import sys
from pathlib import Path

import re

import pytest
import regex

from guard.detect.rules import _precompiled as pre

DATA = Path(__file__).resolve().parents[3] / "data"


def _sample_texts() -> list[str]:
    texts: list[str] = []
    for name in ("dev.jsonl", "dev2/dev2.jsonl", "dev10/dev10.jsonl"):
        with (DATA / name).open(encoding="utf-8") as f:
            texts += [json.loads(line)["text"] for line in f if line.strip()]
    return texts + [t.upper() for t in texts[::5]] + [t.lower() for t in texts[::5]]


def _shipped_or_skip() -> dict:
    table = pre.load(pre.SHIPPED)
    if not table:
        pytest.skip(f"compiled patterns written for another setup than regex {regex.__version__} / "
                    "this Python (run python -m guard.detect.rules._precompiled)")
    return table


def test_every_startup_pattern_comes_from_the_shipped_file() -> None:
    """In a fresh process (this one also holds patterns that tests compile), loading the
    detector compiles nothing the slow way."""
    _shipped_or_skip()
    code = ("from guard.detect.rules import _precompiled as p; p.startup_patterns(); "
            "import json; print(json.dumps([k[0][:60] for k in p.misses]))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
                         cwd=Path(__file__).resolve().parents[4], check=True)
    missing = json.loads(out.stdout.strip().splitlines()[-1])
    assert not missing, ("patterns changed since the compiled file was written: "
                         f"run python -m guard.detect.rules._precompiled ({missing[:3]})")


@pytest.mark.parametrize("engine", ["regex", "re"])
def test_rebuilt_patterns_match_exactly_like_compiled_ones(engine: str) -> None:
    _shipped_or_skip()
    table = pre.load(pre.SHIPPED, engine)
    rebuild, compile_ = ((pre.from_table, regex.compile) if engine == "regex"
                         else (pre.re_from_table, re.compile))
    texts = _sample_texts()
    assert len(table) >= (50 if engine == "regex" else 150) and len(texts) > 400
    for key in table:
        rebuilt, fresh = rebuild(table, key), compile_(key[0], key[1])
        assert rebuilt is not None and rebuilt.pattern == fresh.pattern
        assert rebuilt.flags == fresh.flags and rebuilt.groupindex == fresh.groupindex
        for text in texts:
            got = [(m.span(), m.groups()) for m in rebuilt.finditer(text)]
            assert got == [(m.span(), m.groups()) for m in fresh.finditer(text)]


def test_the_stdlib_engine_refuses_tampered_code() -> None:
    """`_sre` validates the code it is handed: a corrupted entry is refused, never run."""
    _shipped_or_skip()
    table = pre.load(pre.SHIPPED, "re")
    key = next(iter(table))
    flags, code, groups, groupindex, indexgroup = marshal.loads(table[key])
    broken = {key: marshal.dumps((flags, [999_999] + code[1:], groups, groupindex, indexgroup))}
    assert pre.re_from_table(broken, key) is None


@pytest.mark.parametrize("content", [
    b"",
    b"\x00not marshal at all",
    marshal.dumps(["a", "list"]),
    marshal.dumps({"key": (1, "0.0", 2, 7), "patterns": {}}),  # another regex / Python
    marshal.dumps({"key": pre.file_key(), "patterns": "not a table"}),
])
def test_unusable_files_are_ignored(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "regex_compiled.bin"
    path.write_bytes(content)
    assert pre.load(path) == {}
    assert pre.load(tmp_path / "absent.bin") == {}


def test_a_bad_or_foreign_entry_falls_back_to_compiling(tmp_path: Path) -> None:
    pattern, flags = r"(?i)n[ée]e?\s+le", int(regex.UNICODE)
    good = marshal.dumps(regex._main._pickle(regex.compile(r"autre", flags))[1])
    table = {(pattern, flags): marshal.dumps(("broken",)), ("autre-clé", flags): good,
             (pattern + "x", flags): good,  # an entry whose pattern text differs from its key
             ("pas du marshal", flags): b"\x00\x01", ("pas un tuple", flags): marshal.dumps([1])}
    assert pre.from_table(table, (pattern, flags)) is None
    assert pre.from_table(table, (pattern + "x", flags)) is None
    assert pre.from_table(table, ("absent", flags)) is None
    assert pre.from_table(table, ("pas du marshal", flags)) is None
    assert pre.from_table(table, ("pas un tuple", flags)) is None
    assert pre.re_from_table({(pattern, 0): marshal.dumps(("broken",))}, (pattern, 0)) is None


def test_write_then_load_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "regex_compiled.bin"
    count = pre.write(path)
    table, stdlib = pre.load(path), pre.load(path, "re")
    assert count == len(table) + len(stdlib) and len(table) >= 50 and len(stdlib) >= 150
    assert path.stat().st_mode & 0o777 == 0o644
    for key in table:
        assert pre.from_table(table, key) is not None
    for key in stdlib:
        assert pre.re_from_table(stdlib, key) is not None
