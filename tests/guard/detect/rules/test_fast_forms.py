"""Faster forms of rule scans find exactly what the forms they replaced found."""

import re
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from guard.detect.rules import dates, firstnames, places, zip as zip_rule
from guard.detect.rules._base import CaselessHint, iter_matches, iter_matches_at

_DIGITY = ["1", "12", "03", "2024", "75011", "29200", " ", "/", ".", "-", ",", ":", "+", "a", "x", "_", "é", "²", "\n",
           "ans", " ans", "a ", "mois", "\t", "(", "1er", "lundi ", "Mardi ", "DIMANCHE ", "samedi", "vendredi\u00a0",
           "ſamedi ", "İ", "ı", "K", "CHU ", "CH", "GHT ", "CeGIDD ", "EHPAD ", "ehpad ", "Hôpital ", "HÔPITAL ",
           "clinique ", "Clinique ", "pôle ", "xCHU", "_CHU", "de ", "Saint-", "Brest", "patient ", "Mme ", "mr ",
           "m. ", "kevin ", "lemaire ", "Kevin ", "jean-", "d'", "’", "œ", "Œ", "ß", "ÿ", "Ÿ"]
texts = st.lists(st.sampled_from(_DIGITY), max_size=30).map("".join)
any_texts = st.text(st.characters(codec="utf-8"), max_size=40)

# The forms they replaced (as they were before the change).
OLD_ZIP_HINT = re.compile(r"(?<![\w.,/+\-])(?=\d{5})")
OLD_NUMERIC_HINT = re.compile(r"(?<![\w/.,:+\-])(?=\d{1,4} ?[/.\-] ?\d)")
OLD_AGE_START = re.compile(r"(?<!\d)\d{1,3}[ \t]*(?:ans|a)(?!\w)")
OLD_FACILITY_HINT = re.compile(
    r"(?<!\w)(?:(?i:h[ôo]pital|maternit[ée]|centre|cabinet|clinique|polyclinique|groupe|maison|institut|"
    r"fondation|ehpad|résidence|pharmacie|laboratoire|p[ôo]le)|CHU|CHRU|CHR|CHIC|CHIR|CHI|CHS|CHT|CHG|CH|GHU|GHT|GH|SSR|USLD|EHPAD|HIA|CMP|HAD|"
    r"SSIAD|SAAD|SPASAD|CMPP|CAMSP|CRA|CSAPA|CeGIDD|PMI|MSP|CPTS|ESA|LBM|SMR)"
)
OLD_LOWER_AGED = re.compile(firstnames._LOWER_AGED.pattern, re.IGNORECASE)

STARTS = [("zip", zip_rule._ZIP_HINT, OLD_ZIP_HINT), ("numeric", dates._NUMERIC_HINT, OLD_NUMERIC_HINT),
          ("facility", places._FACILITY_HINT, OLD_FACILITY_HINT)]


def _starts(hint, text: str) -> list[int]:
    return [m.start() for m in hint.finditer(text)]


@pytest.mark.parametrize(("name", "new", "old"), STARTS, ids=[s[0] for s in STARTS])
@settings(max_examples=300, deadline=None)
@given(text=texts, other=any_texts)
def test_hints_start_where_the_old_ones_did(name: str, new, old, text: str, other: str) -> None:
    for t in (text, other, text + other):
        assert sorted(set(_starts(new, t))) == sorted(set(_starts(old, t)))


@settings(max_examples=300, deadline=None)
@given(text=texts, other=any_texts)
def test_age_start_and_lowercase_aged_match_their_old_forms(text: str, other: str) -> None:
    for t in (text, other, text + other, text.upper()):
        assert [m.span() for m in firstnames._AGE_START.finditer(t)] == [m.span() for m in OLD_AGE_START.finditer(t)]
        assert [m.span(1) for m in firstnames._LOWER_AGED.finditer(t)] == [m.span(1) for m in OLD_LOWER_AGED.finditer(t)]


PRESCANS = [("weekday", dates._WEEKDAY_DAY, dates._WEEKDAY_HINT), ("facility", places._FACILITY, places._FACILITY_HINT)]


@pytest.mark.parametrize(("name", "pattern", "hint"), PRESCANS, ids=[p[0] for p in PRESCANS])
@settings(max_examples=300, deadline=None)
@given(text=texts, other=any_texts)
def test_pre_scans_match_a_full_scan(name: str, pattern, hint, text: str, other: str) -> None:
    for t in (text, text + other, text.upper()):
        assert [m.span() for m in iter_matches_at(pattern, hint, t, name)] == [m.span() for m in iter_matches(pattern, t, name)]


def test_english_dates_need_a_month_stem() -> None:
    for alternative in re.findall(r"\(\?:([^()]*)\)", dates._EN_HINT.pattern):
        for month in alternative.split("|"):
            if month[:1].isupper():
                assert month.startswith(dates._EN_STEMS), month


def _classes(pattern: str) -> list[str]:
    return re.findall(r"(?<!\\)\[(?:\\.|[^\]\\])+\]", pattern)


CASELESS = [firstnames._LOWER_AGED, dates._WEEKDAY_HINT, *places._FACILITY_HINT.hints[:1]]


def test_character_classes_of_caseless_patterns_agree_on_every_character() -> None:
    """IGNORECASE on a character == the case-sensitive class on its lowercase (brute force)."""
    every = [chr(c) for c in range(sys.maxunicode + 1)]
    every = [x for x in every if len(x.lower()) == 1 and x not in "\u0131\u017f"]
    from guard.detect.rules import cards, clinician, ids, names, relatives

    hints = [*CASELESS, relatives._PATTERN_HINT, names._TITLE_HINT, places._STREET_HINT, places._CITY_CUED_HINT,
             cards._MUTUELLE_HINT, cards._BANK_CUED_HINT, clinician._RPPS_HINT, clinician._ADELI_HINT, ids._IPP_HINT]
    classes = {c for h in hints for c in _classes(h.pattern)}
    assert classes
    for cls in classes:
        caseless, exact = re.compile(cls, re.IGNORECASE), re.compile(cls)
        assert all(bool(caseless.fullmatch(x)) == bool(exact.fullmatch(x.lower())) for x in every), cls
    assert all(isinstance(h, CaselessHint) for h in hints)


OLD_INTERNATIONAL_ANY = re.compile(r"(?:\+|(?<![\w+/.,])00[ .\-]?)(?!33(?!\d))[1-9]")
_PHONEY = ["+", "00", "0", "33", "353", " ", ".", "-", ",", "/", "a", "1", "J+10", "+33 6", "0033", "x00 44", "\n"]


@settings(max_examples=400, deadline=None)
@given(text=st.lists(st.sampled_from(_PHONEY), max_size=20).map("".join), other=any_texts)
def test_international_phone_pre_check_matches_its_old_form(text: str, other: str) -> None:
    from guard.detect.rules import phone

    for t in (text, other + text):
        assert [m.span() for m in phone._INTERNATIONAL_ANY.finditer(t)] == \
            [m.span() for m in OLD_INTERNATIONAL_ANY.finditer(t)]
