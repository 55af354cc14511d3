"""Window planning: every token is predicted by exactly one window, away from its edges."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from guard.detect.windows import plan_windows


@given(n=st.integers(0, 5000), size=st.integers(8, 600), frac=st.floats(0, 0.45))
def test_keep_ranges_tile_the_tokens(n: int, size: int, frac: float) -> None:
    overlap = int(size * frac)
    windows = plan_windows(n, size, overlap)
    covered = 0
    for w in windows:
        assert 0 <= w.start <= w.keep_start < w.keep_end <= w.end <= n
        assert w.end - w.start <= size
        assert w.keep_start == covered
        covered = w.keep_end
    assert covered == n


def test_interior_tokens_get_context_on_both_sides() -> None:
    windows = plan_windows(2000, 512, 64)
    for prev, nxt in zip(windows, windows[1:]):
        assert prev.end - prev.keep_end >= 31  # at least half the overlap of right context
        assert nxt.keep_start - nxt.start >= 31


def test_bad_arguments_are_refused() -> None:
    with pytest.raises(ValueError):
        plan_windows(10, 0, 0)
    with pytest.raises(ValueError):
        plan_windows(10, 8, 8)
