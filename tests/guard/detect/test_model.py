"""The shipped NER model through the runtime: verification at load, degraded mode on a
broken model, offsets on long texts and emoji, thread safety."""

from __future__ import annotations

import json
import shutil
import threading
from pathlib import Path

import pytest

from guard.detect.detector import Detector
from guard.detect.labels import Label
from guard.detect.model import ENV_MODEL_DIR, ModelError, NerModel, default_model_dir, load_model
from guard.detect.recognizer import Recognizer

MODELS = Path(__file__).resolve().parents[3] / "models"
NAME_LABELS = {Label.NOM, Label.PRENOM}


@pytest.fixture(scope="module")
def model() -> NerModel:
    return load_model(MODELS)


def _covered(findings, start: int, end: int, labels=None) -> bool:
    return any(f.start <= start and end <= f.end and (labels is None or f.label in labels) for f in findings)


def test_default_directory_is_the_repository_models(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(ENV_MODEL_DIR, raising=False)
    assert default_model_dir() == MODELS


def test_shipped_model_loads_and_is_a_recognizer(model: NerModel) -> None:
    assert isinstance(model, Recognizer)
    assert model.name == "model"
    assert model.find("") == []
    assert model.find("   \n ") == []


def test_finds_patient_identifiers_in_a_prompt(model: NerModel) -> None:
    text = ("Rédige un courrier pour Mme Le Gall Rose, née le 03/04/1951, suivie à l'hôpital "
            "Bichat pour une maladie de Parkinson, sous Kardegic 75 mg.")
    found = model.find(text)
    assert _covered(found, text.index("Le Gall"), text.index("Le Gall") + 7, NAME_LABELS)
    assert _covered(found, text.index("03/04/1951"), text.index("03/04/1951") + 10)
    assert not _covered(found, text.index("Parkinson"), text.index("Parkinson") + 9)
    assert not _covered(found, text.index("Kardegic"), text.index("Kardegic") + 8)
    for f in found:
        assert f.source == "model" and f.explanation.startswith("modèle")
        assert text[f.start:f.end] not in f.explanation


def test_emoji_do_not_shift_offsets(model: NerModel) -> None:
    text = "😀👍🏽 Bonjour, courrier pour M. Jean DUPONT 🙏 né le 12 mars 1952 stp 🎉"
    found = model.find(text)
    start = text.index("DUPONT")
    assert _covered(found, start, start + 6, NAME_LABELS)
    for f in found:
        assert text[f.start:f.end] == text[f.start:f.end].strip()


def test_long_text_goes_through_windows_and_keeps_every_name(model: NerModel) -> None:
    sentence = "Patiente : Mme Martine DUBOIS, née le 14/02/1948, vue ce jour pour maladie de Crohn. "
    text = sentence * 60  # several 512-token windows
    found = model.find(text)
    assert all(0 <= f.start < f.end <= len(text) for f in found)
    assert all(a.end <= b.start for a, b in zip(found, found[1:]))
    positions = [i * len(sentence) + sentence.index("DUBOIS") for i in range(60)]
    missed = [p for p in positions if not _covered(found, p, p + 6, NAME_LABELS)]
    assert not missed


def test_missing_model_raises_model_error(tmp_path: Path) -> None:
    with pytest.raises(ModelError) as err:
        load_model(tmp_path / "absent")
    assert "modèle" in str(err.value)


def _copy(tmp_path: Path) -> Path:
    dst = tmp_path / "models"
    shutil.copytree(MODELS, dst)
    return dst


def test_corrupted_model_file_is_refused_and_detector_degrades(tmp_path: Path) -> None:
    broken = _copy(tmp_path)
    data = bytearray((broken / "model.onnx").read_bytes())
    data[len(data) // 2] ^= 0xFF
    (broken / "model.onnx").write_bytes(bytes(data))
    with pytest.raises(ModelError) as err:
        load_model(broken)
    assert "sha256" in str(err.value)
    detector = Detector.default(model_dir=broken)
    assert detector.status.mode == "rules-only"
    assert detector.status.degraded and "sha256" in detector.status.reason
    assert detector.analyze("Mme Le Gall Rose") is not None


def test_garbage_model_with_matching_hash_is_refused(tmp_path: Path) -> None:
    broken = _copy(tmp_path)
    (broken / "model.onnx").write_bytes(b"not an onnx file")
    manifest = json.loads((broken / "manifest.json").read_text())
    import hashlib

    manifest["files"]["model.onnx"] = hashlib.sha256(b"not an onnx file").hexdigest()
    (broken / "manifest.json").write_text(json.dumps(manifest))
    with pytest.raises(ModelError, match="illisible"):
        load_model(broken)


def test_broken_manifest_is_refused(tmp_path: Path) -> None:
    broken = _copy(tmp_path)
    (broken / "manifest.json").write_text("{not json")
    with pytest.raises(ModelError, match="manifeste"):
        load_model(broken)


def test_env_var_selects_the_model_directory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENV_MODEL_DIR, str(tmp_path / "nowhere"))
    with pytest.raises(ModelError):
        load_model()
    monkeypatch.setenv(ENV_MODEL_DIR, str(_copy(tmp_path)))
    assert load_model().name == "model"


def test_detector_default_runs_with_the_model() -> None:
    detector = Detector.default(model_dir=MODELS)
    assert detector.status.mode == "full"


def test_concurrent_calls_give_the_same_results(model: NerModel) -> None:
    texts = [f"Courrier pour M. Karim BENALI n°{i}, né le 0{i % 9 + 1}/05/1960 à Lyon. " * (i + 1)
             for i in range(8)]
    expected = [model.find(t) for t in texts]
    results: list[list] = [[] for _ in texts]

    def work(i: int) -> None:
        for _ in range(5):
            results[i] = model.find(texts[i])

    threads = [threading.Thread(target=work, args=(i,)) for i in range(len(texts))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == expected


from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_LOADED: list[NerModel] = []


def _shared() -> NerModel:
    if not _LOADED:
        _LOADED.append(load_model(MODELS))
    return _LOADED[0]


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=400))
def test_any_text_gives_valid_non_overlapping_spans(text: str) -> None:
    found = _shared().find(text)
    assert all(0 <= f.start < f.end <= len(text) for f in found)
    assert all(a.end <= b.start for a, b in zip(found, found[1:]))


def test_a_span_runs_along_a_hyphenated_name_the_model_cut_short() -> None:
    from guard.detect.model import _widen

    for text, part, whole in [
        ("lieu-dit La Combe, Saint-Julien-Molin-Molette : pansement", "Saint-Julien", "Saint-Julien-Molin-Molette"),
        ("vit à Montceau-les-Mines seul", "Montceau", "Montceau-les-Mines"),
        ("Dr Ricard-Mbaye valide", "Ricard", "Ricard-Mbaye"),
        ("Mme Durand-lente ?", "Durand", "Durand"),
    ]:
        start = text.index(part)
        s, e = _widen(text, start, start + len(part))
        assert text[s:e] == whole, text
