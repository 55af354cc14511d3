"""Finding invariants: valid spans and scores only, labels coerced, no value carried."""

from dataclasses import FrozenInstanceError, fields

import pytest

from guard.detect.finding import Finding
from guard.detect.labels import Label, display_name


def test_finding_is_frozen_and_carries_no_value_field() -> None:
    f = Finding(0, 3, Label.NOM, 0.9, "rule:test", "nom après civilité")
    with pytest.raises(FrozenInstanceError):
        f.start = 1  # type: ignore[misc]
    assert {x.name for x in fields(Finding)} == {"start", "end", "label", "score", "source", "explanation"}


@pytest.mark.parametrize(
    ("start", "end", "score"),
    [(-1, 2, 0.5), (3, 3, 0.5), (4, 2, 0.5), (0, 2, 1.5), (0, 2, -0.1)],
)
def test_invalid_findings_are_rejected(start: int, end: int, score: float) -> None:
    with pytest.raises(ValueError):
        Finding(start, end, Label.DATE, score, "rule:test")


def test_label_given_as_string_is_coerced() -> None:
    f = Finding(0, 2, "SECU", 0.99, "rule:nir")  # type: ignore[arg-type]
    assert f.label is Label.SECU


def test_display_names_pluralise_in_both_locales() -> None:
    assert display_name(Label.NOM, 2) == "noms"
    assert display_name(Label.DATE_NAISSANCE, 1) == "date de naissance"
    assert display_name(Label.VILLE, 3, "en") == "cities"
    assert all(display_name(label, 1) for label in Label)


def test_moved_is_the_same_finding_further_on_and_stays_frozen() -> None:
    f = Finding(3, 10, Label.NOM, 0.9, "model", "modèle : nom probable")
    g = f.moved(100)
    assert g == Finding(103, 110, Label.NOM, 0.9, "model", "modèle : nom probable")
    assert hash(g) == hash(Finding(103, 110, Label.NOM, 0.9, "model", "modèle : nom probable"))
    assert f.moved(0) == f and f.moved(-3).start == 0
    with pytest.raises(ValueError):
        f.moved(-4)
    with pytest.raises(AttributeError):
        g.start = 0  # type: ignore[misc]
