"""Segmentation covers every character once, hard cuts keep context, the cache stays bounded."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from guard.detect.finding import Finding
from guard.detect.labels import Label
from guard.server.segments import SegmentCache, split_segments


def owned_chars(text: str, max_len: int = 50, margin: int = 8) -> list[int]:
    out: list[int] = []
    for seg in split_segments(text, max_len, margin):
        assert seg.win_start <= seg.own_start < seg.own_end <= seg.win_end <= len(text)
        assert seg.own_end - seg.own_start <= max_len
        out.extend(range(seg.own_start, seg.own_end))
    return out


def test_paragraphs_are_separate_segments() -> None:
    text = "Premier paragraphe.\n\n  \nDeuxième paragraphe.\n\nTroisième."
    segs = split_segments(text, group_every=1)
    assert [text[s.own_start:s.own_end] for s in segs] == [
        "Premier paragraphe.", "Deuxième paragraphe.", "Troisième."]
    assert not any(s.hard_cut for s in segs)


def test_long_paragraph_is_grouped_by_lines() -> None:
    lines = [f"ligne {i} du compte rendu" for i in range(20)]
    text = "\n".join(lines)
    segs = split_segments(text, max_len=100)
    assert len(segs) > 1
    for s in segs:
        chunk = text[s.own_start:s.own_end]
        assert all(line in lines for line in chunk.split("\n"))


def test_long_line_is_cut_with_margins() -> None:
    text = " ".join(f"mot{i}" for i in range(200))
    segs = split_segments(text, max_len=100, margin=10)
    assert len(segs) > 5
    assert all(s.hard_cut for s in segs[1:-1])
    for a, b in zip(segs, segs[1:]):
        assert a.own_end == b.own_start
        assert b.win_start == b.own_start - 10


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.sampled_from("ab \n\t\u00e9"), max_size=400))
def test_every_non_space_character_is_owned_once(text: str) -> None:
    chars = owned_chars(text)
    assert len(chars) == len(set(chars))
    non_space = {i for i, c in enumerate(text) if not c.isspace()}
    assert non_space <= set(chars)


def test_cache_is_bounded_by_entries_and_chars() -> None:
    f = (Finding(0, 3, Label.NOM, 0.9, "t"),)
    cache = SegmentCache(max_entries=3, max_chars=25)
    for i in range(5):
        cache.put((f"paragraphe {i}", 0, 12), f)
    assert len(cache) <= 3
    cache.put(("x" * 20, 0, 20), f)
    assert len(cache) <= 2  # 20 + 12 > 25: older entries evicted
    assert cache.get(("x" * 20, 0, 20)) == f
    assert cache.get(("paragraphe 0", 0, 12)) is None


def test_disabled_cache_stores_nothing() -> None:
    cache = SegmentCache(0, 0)
    cache.put(("abc", 0, 3), ())
    assert len(cache) == 0 and not cache.enabled


def test_short_paragraphs_are_grouped_and_an_edit_stays_local() -> None:
    paras = [f"Paragraphe numéro {i} : consultation de suivi, rien à signaler." for i in range(60)]
    text = "\n\n".join(paras)
    segs = split_segments(text)
    assert len(segs) < len(paras) / 2  # fewer detector calls than paragraphs
    chars = [i for s in segs for i in range(s.own_start, s.own_end)]
    assert len(chars) == len(set(chars))
    before = {s.key(text) for s in segs}
    for k in (0, 17, 59):
        edited_paras = list(paras)
        edited_paras[k] = edited_paras[k].replace("suivi", "contrôle annuel")
        edited = "\n\n".join(edited_paras)
        changed = [s for s in split_segments(edited) if s.key(edited) not in before]
        assert 1 <= len(changed) <= 2
        assert sum(s.own_end - s.own_start for s in changed) <= 2 * 600
