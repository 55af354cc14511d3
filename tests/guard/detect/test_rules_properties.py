"""Properties every rule and the rules-only detector keep on any input: never raise,
offsets inside the text, sorted and non-overlapping after resolution, no value in the
explanation; and pathological inputs finish (bounded by regex timeouts and linear
patterns — these tests assert results, not timings)."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from guard.detect.detector import Detector
from guard.detect.rules import default_rules
from guard.detect.rules._base import iter_matches, compile_pattern

DETECTOR = Detector(default_rules())

# Text that looks like clinical French: digits, separators, titles, months, accents.
_PIECES = st.sampled_from(
    [
        "Mme ", "M. ", "Dr ", "né le ", "DDN ", "IPP ", "NIR ", "tél ", "poste ", "rue ", "CHU de ",
        "12/03/1952", "06 12 34 56 78", "1 82 07 13 055 009 48", "29200 Brest", "mars", "1er",
        "DIALLO", "Nguyen", "é", "\u0301", "😀", "\x00", "\n", " ", ".", "-", "/", "@", "+33",
        "FR76", "2A", "0", "7", "9", "a", "Z", "DU ", "du ", " AU ", " au ", "1ER", "LUNDI ", "mercredi ",
        "Mamadou ", "Coulibaly", ", 16 ans", " et ", "Fatou", "4532 1234 8765 4328", "CB ", "Necker",
        "bip ", "mutuelle ", "carte ", "Cordialement,\n", "Kévin Lambert, MK", "sa fille ", "l'",
    ]
)
clinical_text = st.lists(_PIECES, max_size=40).map("".join)
any_text = st.one_of(st.text(max_size=300), clinical_text)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(any_text)
def test_rules_never_raise_and_stay_inside(text: str) -> None:
    for rule in default_rules():
        for f in rule.find(text):
            assert 0 <= f.start < f.end <= len(text)
            assert 0.0 <= f.score <= 1.0
            assert f.source.startswith("rule:")
            value = text[f.start : f.end]
            if len(value.strip()) >= 4:
                assert value not in f.explanation


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(any_text)
def test_detector_output_sorted_non_overlapping(text: str) -> None:
    found = DETECTOR.analyze(text)
    for a, b in zip(found, found[1:]):
        assert a.end <= b.start
    assert all(0 <= f.start < f.end <= len(text) for f in found)


@pytest.mark.parametrize(
    "text",
    [
        "1" * 1_000_000,
        "1 " * 200_000,
        "a" * 200_000,
        "a@" * 100_000,
        "a." * 100_000 + "@",
        "😀é\u0301\x00" * 50_000,
        "Mme " + "A " * 100_000,
        "12 rue " * 30_000,
        ("Mme Diallo 06 12 34 56 78 né le 12/03/1952 IPP 123456 " * 4000)[:200_000],
        "\x00" * 200_000,
        "-" * 200_000,
        "1-" * 100_000,
        "FR76 " * 40_000,
        "le 1/" * 40_000,
    ],
    ids=[
        "million-digits", "spaced-digits", "letters", "at-signs", "dotted-email", "emoji-combining-nul",
        "titles", "streets", "dense-identifiers", "nul-bytes", "dashes", "dashed-digits", "iban-prefixes",
        "date-fragments",
    ],
)
def test_pathological_inputs_finish(text: str) -> None:
    found = DETECTOR.analyze(text)
    assert all(0 <= f.start < f.end <= len(text) for f in found)


def test_timeout_stops_a_runaway_pattern_without_raising(caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch) -> None:
    # A deliberately catastrophic pattern: iter_matches must stop, log (rule name, length,
    # never text) and return instead of hanging or raising.
    import guard.detect.rules._base as base

    monkeypatch.setattr(base, "BASE_TIMEOUT_S", 0.01)
    monkeypatch.setattr(base, "PER_CHAR_TIMEOUT_S", 0.0)
    evil = compile_pattern(r"(?:(?:a|aa|aaa)+\d?)+b")
    text = "a" * 5000 + "!"
    with caplog.at_level("WARNING"):
        out = list(iter_matches(evil, text, "test-evil"))
    assert out == []
    assert any("test-evil" in r.getMessage() and "timeout" in r.getMessage() for r in caplog.records)
    assert all(text[:20] not in r.getMessage() for r in caplog.records)
