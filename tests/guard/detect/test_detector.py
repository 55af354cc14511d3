"""Detector composition: rules always run, model findings pass the shape gate, and a
missing model degrades visibly to rules-only instead of crashing or allowing."""

from pathlib import Path

from guard.detect.detector import Detector
from guard.detect.finding import Finding
from guard.detect.labels import Label
from guard.detect.rules import default_rules


class _FixedSpans:
    """A recognizer that returns given spans: stands in for the model's output, so the
    detector's own merging and gating are what is tested."""

    name = "model"

    def __init__(self, spans: list[tuple[str, Label, float]]) -> None:
        self._spans = spans

    def find(self, text: str) -> list[Finding]:
        out = []
        for part, label, score in self._spans:
            start = text.index(part)
            out.append(Finding(start, start + len(part), label, score, "model"))
        return out


def test_model_spans_are_gated_and_merged_with_rules() -> None:
    text = "Mme Ferreira Lucie, NIR 2 61 02 75 114 052 47, pneumopathie lobaire."
    model = _FixedSpans([
        ("Ferreira", Label.NOM, 0.99),
        ("Lucie", Label.PRENOM, 0.97),
        ("lobaire", Label.NOM, 0.99),  # ordinary word: dropped by the gate
    ])
    detector = Detector(default_rules(), model)
    found = {(text[f.start:f.end], f.label) for f in detector.analyze(text)}
    assert ("Ferreira", Label.NOM) in found
    assert ("Lucie", Label.PRENOM) in found
    assert not any(part == "lobaire" for part, _ in found)
    assert any(label is Label.SECU for _, label in found)
    assert detector.status.mode == "full"


def test_missing_model_directory_degrades_to_rules_only(tmp_path: Path) -> None:
    detector = Detector.default(model_dir=tmp_path / "absent")
    assert detector.status.degraded
    assert "règles" in detector.status.reason
    text = "Mme Ferreira, tél. 06 12 34 56 78"
    assert any(f.label is Label.TEL for f in detector.analyze(text))


def test_empty_text_has_no_findings() -> None:
    assert Detector(default_rules()).analyze("") == []


def test_warm_up_loads_the_lists_without_error_and_finds_its_own_sentence() -> None:
    from guard.detect.detector import _WARM_UP_TEXT, Detector

    det = Detector.default(use_model=False)
    det.warm_up()
    labels = {f.label.value for f in det.analyze(_WARM_UP_TEXT)}
    assert {"DATE_NAISSANCE", "VILLE", "TEL"} <= labels
