"""`CaselessHint`: a hint run on the lowercased text finds what IGNORECASE finds on the text."""

import re
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from guard.detect.rules import cards, clinician, ids, names, places, relatives
from guard.detect.rules._base import CaselessHint
from guard.detect.rules._words import _CASE_EXTRAS, lowered

HINTS = {
    "relatives": relatives._PATTERN_HINT,
    "names": names._TITLE_HINT,
    "streets": places._STREET_HINT,
    "town-cues": places._CITY_CUED_HINT,
    "mutuelle": cards._MUTUELLE_HINT,
    "bank-cued": cards._BANK_CUED_HINT,
    "rpps": clinician._RPPS_HINT,
    "adeli": clinician._ADELI_HINT,
    "ipp": ids._IPP_HINT,
}
# Cue words in several cases, and the characters where lowering and IGNORECASE part ways:
# "İ" lowers to two characters, "ı" and "ſ" match "i" and "s" but do not lower to them,
# "K" (Kelvin) and "Σ" (final sigma) lower differently in context.
_FRAGMENTS = ["sa ", "SA ", "Sa ", "fille ", "FILLE ", "mère ", "MÈRE ", "l'", "L’", "IDE ", "ide ", "his ", "HER ",
              "son ", "SON ", "ſon ", "Mme ", "MME ", "mme ", "M. ", "m ", "Dr ", "DR ", "Pr. ", "nom", "NOM ", "NÉE ",
              "née ", "ép. ", "ÉPOUSE ", "rue ", "RUE ", "Allée ", "ALLÉE ", "av. ", "Pl. ", "lieu-dit ", "habite ",
              "HABITE ", "résidant ", "RÉSID", "vit ", "VIT ", "né ", "mutuelle ", "MUTUELLE ", "n° ", "N° ",
              "adhérent ", "ADHÉRENT ", "carte ", "CB ", "Visa ", "rpps ", "RPPS ", "adeli ", "ADELI ", "ipp ",
              "IPP ", "dossier ", "Patient ", "PATIENT ", "İ", "ı", "ſ", "K", "Σ", "ΑΣ ", "µ", "x", "É", "é", "œ",
              "Œ", " ", "\n", ",", ".", "-", "'", "12", "_", "à la ", "À LA "]


def _starts(hint: CaselessHint, text: str) -> list[tuple[int, int]]:
    return [m.span() for m in hint.finditer(text)]


@pytest.mark.parametrize("name", list(HINTS))
@settings(max_examples=300, deadline=None)
@given(text=st.lists(st.sampled_from(_FRAGMENTS), max_size=30).map("".join))
def test_caseless_hint_matches_ignorecase(name: str, text: str) -> None:
    hint = HINTS[name]
    exact = re.compile(hint.pattern, re.IGNORECASE)
    assert _starts(hint, text) == [m.span() for m in exact.finditer(text)]
    for pos in (0, len(text) // 2):
        got, want = hint.search(text, pos), exact.search(text, pos)
        assert (got and got.span()) == (want and want.span())


@pytest.mark.parametrize("name", list(HINTS))
@settings(max_examples=200, deadline=None)
@given(text=st.text(st.characters(codec="utf-8"), max_size=60))
def test_caseless_hint_on_any_text(name: str, text: str) -> None:
    hint = HINTS[name]
    assert _starts(hint, text) == [m.span() for m in re.compile(hint.pattern, re.IGNORECASE).finditer(text)]


def test_lowered_refuses_texts_where_lowering_is_not_caseless() -> None:
    assert lowered("Mme DIALLO") == "mme diallo"
    for text in ("İpp", "ıpp", "ſon fils"):
        assert lowered(text) is None


def test_only_i_and_s_have_extra_caseless_matches_among_hint_letters() -> None:
    """Every character IGNORECASE equates with a letter of a shipped hint either lowers to that
    letter, lowers to more than one character, or is in `_CASE_EXTRAS` (brute force)."""
    every = "".join(map(chr, range(sys.maxunicode + 1)))
    letters = {c for hint in HINTS.values() for c in hint.pattern if c.isalpha()}
    for c in letters:
        for x in re.findall(re.escape(c), every, re.IGNORECASE):
            assert x.lower() == c.lower() or len(x.lower()) != 1 or x in _CASE_EXTRAS, (c, x)


def test_a_hint_must_be_lowercase_latin() -> None:
    with pytest.raises(ValueError):
        CaselessHint(r"(?<!\w)(?=IPP)")
    with pytest.raises(ValueError):
        CaselessHint(r"(?=µg)")
    CaselessHint(r"(?<![\w.])(?=n[ée]e\s|\S)")
