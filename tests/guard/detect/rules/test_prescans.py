"""Every stdlib pre-scan (`iter_matches_at`) finds exactly what a full `regex` scan finds."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from guard.detect.rules import cards, clinician, dates, iban, ids, names, places, zip as zip_rule
from guard.detect.rules._base import iter_matches, iter_matches_at

PAIRS = [
    ("names", names._TITLE, names._TITLE_HINT),
    ("ipp", ids._IPP, ids._IPP_HINT),
    ("mutuelle", cards._MUTUELLE, cards._MUTUELLE_HINT),
    ("bank", cards._BANK_CUED, cards._BANK_CUED_HINT),
    ("numeric-dates", dates._NUMERIC, dates._NUMERIC_HINT),
    ("zip", zip_rule._ZIP, zip_rule._ZIP_HINT),
    ("iban", iban._PATTERN, iban._HINT),
    ("rpps", clinician._RPPS_CUED, clinician._RPPS_HINT),
    ("adeli", clinician._ADELI, clinician._ADELI_HINT),
    ("town-cues", places._CITY_CUED, places._CITY_CUED_HINT),
]
_FRAGMENTS = ["M. ", "Mme ", "mme ", "Dr ", "Pr. ", "Nom : ", "née ", "patient ", "Martin", "DIALLO", "ép. ",
              "IPP ", "n° ", "dossier ", "patient n° ", "mutuelle ", "MGEN ", "adhérent ", "CB ", "carte ",
              "4532123487654328", "12", "/", "03", "-", ".", "2024", "75011", "FR76", "3000", " ", "\n", ",",
              "RPPS ", "10003456789", "ADELI ", "339876542", ": ", "A", "0", "s'appelle ", "dite « ",
              "habite ", "née ", "vacances ", "à ", "sur ", "vers ", "Thiès", "Saint-Malo", "évacue ", "domicile "]


@pytest.mark.parametrize(("name", "pattern", "hint"), PAIRS, ids=[p[0] for p in PAIRS])
@settings(max_examples=150, deadline=None)
@given(text=st.lists(st.sampled_from(_FRAGMENTS), max_size=25).map("".join))
def test_pre_scan_matches_a_full_scan(name: str, pattern, hint, text: str) -> None:
    assert [m.span() for m in iter_matches_at(pattern, hint, text, name)] == \
        [m.span() for m in iter_matches(pattern, text, name)]
