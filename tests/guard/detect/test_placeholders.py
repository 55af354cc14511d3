"""Pseudonymized text is clean: Vigie's own placeholders never trigger a second stop."""

from guard.detect.detector import Detector
from guard.detect.finding import Finding
from guard.detect.labels import Label
from guard.detect.placeholders import drop_placeholders


def test_findings_touching_a_placeholder_are_dropped() -> None:
    text = "Mme [PATIENT_1] [PATIENT_2] vue par Mme Ferreira"
    on_placeholder = Finding(4, 15, Label.NOM, 0.95, "model")
    real = Finding(text.index("Ferreira"), len(text), Label.NOM, 0.95, "model")
    assert drop_placeholders(text, [on_placeholder, real]) == [real]


def test_brackets_that_are_not_placeholders_keep_their_findings() -> None:
    text = "Mme [Ferreira] et [dossier_1]"
    inside = Finding(5, 13, Label.NOM, 0.95, "model")
    assert drop_placeholders(text, [inside]) == [inside]


def test_shipped_detector_leaves_a_pseudonymized_prompt_clean() -> None:
    text = (
        "Compte rendu d'hospitalisation\n"
        "Nous avons pris en charge Mme [PATIENT_1] [PATIENT_2], NIR [NIR_1], née le "
        "[DATE_NAISSANCE_1], domiciliée [ADRESSE_1] [CODE_POSTAL_1] [VILLE_1].\n"
        "Merci de résumer ce courrier."
    )
    assert Detector.default().analyze(text) == []
