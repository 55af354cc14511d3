"""`vigie scan` through a real subprocess: argument, file, stdin, --json and the --jsonl
batch contract (order, bad lines reported by number without content, exit 2)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

TEXT = "Mme KOWALSKA née le 3 mars 1950, tél 06 12 34 56 78, sous Kardegic."


def vigie(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "guard", "scan", *args],
        input=stdin,
        capture_output=True,
        timeout=120,
    )


def test_argument_human_output_marks_and_summarises() -> None:
    out = vigie("--no-model", "--color", "never", TEXT)
    assert out.returncode == 0
    stdout = out.stdout.decode()
    assert "[KOWALSKA](NOM)" in stdout and "[06 12 34 56 78](TEL)" in stdout
    assert "Kardegic" in stdout and "[Kardegic]" not in stdout
    assert "3 identifiants repérés" in stdout and "1 nom" in stdout and "1 téléphone" in stdout
    assert "règles seules" in out.stderr.decode()  # degraded mode is said, on stderr


def test_colour_output_uses_ansi() -> None:
    out = vigie("--no-model", "--color", "always", TEXT)
    assert b"\x1b[" in out.stdout


def test_file_and_stdin_give_the_same_json(tmp_path: Path) -> None:
    f = tmp_path / "note.txt"
    f.write_text(TEXT, encoding="utf-8")
    by_file = json.loads(vigie("--no-model", "--json", "--file", str(f)).stdout)
    by_stdin = json.loads(vigie("--no-model", "--json", stdin=TEXT.encode()).stdout)
    by_arg = json.loads(vigie("--no-model", "--json", TEXT).stdout)
    assert by_file == by_stdin == by_arg
    labels = [e["label"] for e in by_arg["entities"]]
    assert labels == ["NOM", "DATE_NAISSANCE", "TEL"]
    assert by_arg["mode"] == "rules-only"
    for e in by_arg["entities"]:
        assert TEXT[e["start"] : e["end"]] not in e["explanation"]


def test_not_utf8_file_is_a_clear_error(tmp_path: Path) -> None:
    f = tmp_path / "latin1.txt"
    f.write_bytes("née le 12/03/1952".encode("latin-1"))
    out = vigie("--no-model", "--file", str(f))
    assert out.returncode == 2
    assert "UTF-8" in out.stderr.decode()


def test_jsonl_contract_with_bad_lines() -> None:
    lines = [
        json.dumps({"id": "a", "text": "Dr Nguyen, tél 06 12 34 56 78"}).encode(),
        b"this is not json SECRET-PATIENT",
        json.dumps({"id": "b"}).encode(),
        "née le 12/03/1952 \xff".encode("latin-1"),
        json.dumps({"id": "c", "text": "Maladie de Crohn, INR 2,5."}, ensure_ascii=False).encode(),
        b"",
        json.dumps({"id": "d", "text": "😀 NIR 1 82 07 13 055 009 48"}, ensure_ascii=False).encode(),
        json.dumps({"id": 5, "text": "x"}).encode(),
    ]
    out = vigie("--no-model", "--jsonl", stdin=b"\n".join(lines) + b"\n")
    assert out.returncode == 2
    records = [json.loads(l) for l in out.stdout.decode().splitlines()]
    assert [r["id"] for r in records] == ["a", "c", "d"]
    assert set(records[0]) == {"id", "entities"}
    a = records[0]["entities"]
    assert [(e["label"], set(e)) for e in a] == [
        ("NOM", {"start", "end", "label", "score"}),
        ("TEL", {"start", "end", "label", "score"}),
    ]
    assert records[1]["entities"] == []
    text_d = "😀 NIR 1 82 07 13 055 009 48"
    (nir,) = records[2]["entities"]
    assert text_d[nir["start"] : nir["end"]] == "1 82 07 13 055 009 48"  # Python str offsets
    err = out.stderr.decode()
    for n in (2, 3, 4, 8):
        assert f"ligne {n} " in err
    assert "SECRET-PATIENT" not in err and "12/03/1952" not in err


def test_jsonl_all_good_exits_zero() -> None:
    out = vigie("--no-model", "--jsonl", stdin=b'{"id": "x", "text": "rien"}\n')
    assert out.returncode == 0
    assert json.loads(out.stdout) == {"id": "x", "entities": []}


@pytest.mark.parametrize("args", [("--jsonl", "texte"), ("texte", "--file", "x.txt")])
def test_conflicting_inputs_rejected(args: tuple[str, ...]) -> None:
    out = vigie("--no-model", *args)
    assert out.returncode == 2
