"""The committed JSON Schema for administrators matches the model."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from guard.policy.schema import DEFAULT_SCHEMA_PATH, policy_schema, schema_text


def test_committed_schema_is_current() -> None:
    assert DEFAULT_SCHEMA_PATH.read_text(encoding="utf-8") == schema_text(), (
        "docs/policy.schema.json is stale: run `vigie policy schema`")


def test_schema_forbids_unknown_fields_and_lists_labels() -> None:
    schema = policy_schema()
    assert schema["additionalProperties"] is False
    assert "labels" in schema["properties"] and "unlocked" in schema["properties"]


def test_cli_check_and_show(tmp_path: Path) -> None:
    bad = tmp_path / "policy.json"
    bad.write_text(json.dumps({"labels": {"NOM": {"action": "bloque"}}}))
    run = subprocess.run([sys.executable, "-m", "guard", "policy", "check", str(bad)],
                         capture_output=True, text=True, timeout=60)
    assert run.returncode == 1
    assert "labels.NOM.action" in run.stderr and "bloque" in run.stderr
    good = tmp_path / "good.json"
    good.write_text(json.dumps({"unreachable": "warn"}))
    run = subprocess.run([sys.executable, "-m", "guard", "policy", "show", "--admin", str(good),
                          "--user-settings", str(tmp_path / "none.json"), "--json"],
                         capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr
    shown = json.loads(run.stdout)
    assert shown["policy"]["unreachable"] == "warn"
    assert shown["sources"]["unreachable"] == "administrateur"
    assert shown["sources"]["sites"] == "défaut"
