"""Overlapping token windows over long texts, and stitching their predictions back.

Why: the model reads at most `size` tokens at a time. Each token is predicted by the window
in which it sits farthest from an edge (it then has context on both sides), so an entity cut
by one window boundary is read whole by the neighbouring window.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Window:
    start: int  # first token fed to the model
    end: int  # one past the last token fed
    keep_start: int  # tokens in [keep_start, keep_end) take their prediction from this window
    keep_end: int


def plan_windows(n_tokens: int, size: int, overlap: int) -> list[Window]:
    """Windows covering `n_tokens` tokens; consecutive windows share `overlap` tokens."""
    if size <= 0 or not 0 <= overlap < size:
        raise ValueError("need size > 0 and 0 <= overlap < size")
    if n_tokens <= 0:
        return []
    if n_tokens <= size:
        return [Window(0, n_tokens, 0, n_tokens)]
    step = size - overlap
    starts = list(range(0, n_tokens - size, step)) + [n_tokens - size]
    windows: list[Window] = []
    for i, s in enumerate(starts):
        e = s + size
        keep_start = 0 if i == 0 else (windows[-1].keep_end)
        if i == len(starts) - 1:
            keep_end = n_tokens
        else:
            nxt = starts[i + 1]
            keep_end = (nxt + e) // 2  # middle of the shared region
        windows.append(Window(s, e, keep_start, keep_end))
    return windows
