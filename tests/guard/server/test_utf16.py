"""Offsets on the wire are UTF-16 code units: what `String.prototype.slice` expects."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from guard.server.utf16 import utf16_converter, utf16_length


def js_index(text: str, index: int) -> int:
    return len(text[:index].encode("utf-16-le")) // 2


def test_ascii_and_bmp_are_identity() -> None:
    text = "Mme Éléonore Dupré, née à Besançon"
    conv = utf16_converter(text)
    assert [conv(i) for i in range(len(text) + 1)] == list(range(len(text) + 1))


def test_emoji_count_two_code_units() -> None:
    text = "😀 Dupont 👩‍⚕️ Martin"
    conv = utf16_converter(text)
    start = text.index("Dupont")
    assert conv(start) == start + 1
    later = text.index("Martin")
    # 😀 and 👩 are astral (2 units each); ZWJ and ⚕ and VS16 are BMP.
    assert conv(later) == later + 2
    assert utf16_length(text) == len(text.encode("utf-16-le")) // 2


def test_combining_accents_are_separate_units_in_both_worlds() -> None:
    text = "Mme Me\u0301lanie Lefe\u0300vre"  # decomposed é and è
    conv = utf16_converter(text)
    start = text.index("Lefe")
    assert conv(start) == start == js_index(text, start)


@given(st.text(max_size=60))
def test_matches_utf16_encoding(text: str) -> None:
    conv = utf16_converter(text)
    for i in range(len(text) + 1):
        assert conv(i) == js_index(text, i)


def test_lone_surrogates_from_javascript_count_one_unit() -> None:
    text = "Mme \ud83d Dupont \udc00 fin"  # halves of a pair, alone: one code unit each in JavaScript
    conv = utf16_converter(text)
    assert [conv(i) for i in range(len(text) + 1)] == list(range(len(text) + 1))
    astral = "\ud83d 😀 Martin"
    conv = utf16_converter(astral)
    assert conv(astral.index("Martin")) == astral.index("Martin") + 1
