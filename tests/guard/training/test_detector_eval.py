"""The model card's whole-detector section comes from a real detector run on a real gold set."""

import json
from pathlib import Path

from guard.training import detector_eval
from guard.training.model_card import _detector_section


def test_scores_a_gold_set_with_the_shipped_detector(tmp_path: Path, monkeypatch) -> None:
    gold = tmp_path / "gold.jsonl"
    text = "Mme Kowalczyk Irène, née le 03/04/1951, suivie pour une maladie de Crohn."
    start = text.index("Kowalczyk")
    spans = [{"start": start, "end": start + 9, "label": "NOM"},
             {"start": start + 10, "end": start + 15, "label": "PRENOM"},
             {"start": text.index("03/"), "end": text.index("03/") + 10, "label": "DATE_NAISSANCE"}]
    gold.write_text(json.dumps({"id": "1", "text": text, "spans": spans}) + "\n"
                    + json.dumps({"id": "2", "text": "Signe de Murphy négatif, Kardegic 75 mg.", "spans": []}) + "\n",
                    encoding="utf-8")
    monkeypatch.setattr(detector_eval, "SETS", {"tiny": gold})
    result = detector_eval.evaluate(detector_eval.REPO / "models")
    full = result["tiny"]["rules+model"]
    assert full["records"] == 2 and full["clean_docs"] == 1
    assert full["char_recall"] == 1.0 and full["clean_docs_flagged"] == 0
    lines = _detector_section(result)
    assert any(line.startswith("| tiny | rules+model | 1.0 |") for line in lines)
