"""The re-implemented metric agrees with the project's reference scorer."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from guard.eval.score import GoldRecord, Span, score

REPO = Path(__file__).resolve().parents[3]
DEV = REPO / "tests" / "data" / "dev.jsonl"
REFERENCE = Path(os.environ.get("VIGIE_REFERENCE_SCORER", REPO.parent / "shared" / "eval" / "score.py"))


def test_hand_computed_case() -> None:
    gold = [
        GoldRecord("1", "Mme Ba, tél 06 12", (Span(4, 6, "NOM"), Span(12, 17, "TEL"))),
        GoldRecord("2", "rien ici", ()),
        GoldRecord("3", "Parkinson", ()),
    ]
    preds = {"1": [Span(4, 6, "NOM"), Span(12, 14, "TEL")], "3": [Span(0, 9, "NOM")]}
    r = score(gold, preds)
    assert r["char_recall"] == round(4 / 6, 4)  # B,a,0,6 of B,a,0,6,1,2
    assert r["char_precision"] == round(4 / 13, 4)  # 9 Parkinson chars are false
    assert r["entity_recall_full"] == 0.5 and r["leaked_entities"] == 1
    assert r["false_positive_entities"] == 1 and r["pred_entities"] == 3
    assert r["clean_docs"] == 2 and r["clean_docs_flagged"] == 1
    assert r["by_label_recall_full"] == {"NOM": "1/1", "TEL": "0/1"}


@pytest.mark.skipif(not REFERENCE.exists(), reason="reference scorer (../shared/eval/score.py) not in this checkout")
def test_vigie_eval_matches_reference_scorer_on_dev_set() -> None:
    vigie = shutil.which("vigie", path=str(Path(sys.executable).parent)) or "vigie"
    ref = subprocess.run(
        [sys.executable, str(REFERENCE), str(DEV), "--", vigie, "scan", "--jsonl", "--no-model"],
        capture_output=True, text=True, timeout=300,
    )
    assert ref.returncode == 0, ref.stderr[-500:]
    ref_json = json.loads(ref.stdout[: ref.stdout.rindex("}") + 1])
    ours = subprocess.run(
        [sys.executable, "-m", "guard", "eval", str(DEV), "--no-model", "--json"],
        capture_output=True, text=True, timeout=300,
    )
    assert ours.returncode == 0, ours.stderr[-500:]
    ours_json = json.loads(ours.stdout)
    for key in (
        "records", "char_recall", "char_precision", "entity_recall_full", "entity_recall_any",
        "leaked_entities", "gold_entities", "pred_entities", "false_positive_entities",
        "entity_precision_any", "clean_docs", "clean_docs_flagged", "by_label_recall_full",
    ):
        assert ours_json[key] == ref_json[key], key
    assert ref_json["missing_records"] == 0


def test_dev_set_is_in_sync_with_its_annotated_source() -> None:
    """dev.jsonl must be regenerated from dev_annotated.md after every edit."""
    records = [json.loads(l) for l in DEV.read_text(encoding="utf-8").splitlines() if l.strip()]
    source = (REPO / "tests" / "data" / "dev_annotated.md").read_text(encoding="utf-8")
    assert len(records) >= 150
    clean = sum(1 for r in records if not r["spans"])
    assert clean * 3 >= len(records)
    for r in records:
        for s in r["spans"]:
            assert f"[{r['text'][s['start']:s['end']]}]({s['label']})" in source


@pytest.mark.parametrize("name", ["dev2", "dev3"])
def test_dev_sets_are_in_sync_with_their_annotated_source(name: str) -> None:
    """devN.jsonl must be regenerated from devN_annotated.md after every edit."""
    folder = REPO / "tests" / "data" / name
    records = [json.loads(l) for l in (folder / f"{name}.jsonl").read_text(encoding="utf-8").splitlines() if l.strip()]
    source = (folder / f"{name}_annotated.md").read_text(encoding="utf-8")
    assert len(records) >= 150
    assert sum(1 for r in records if not r["spans"]) * 3 >= len(records)
    for r in records:
        for s in r["spans"]:
            assert f"[{r['text'][s['start']:s['end']]}]({s['label']})" in source
