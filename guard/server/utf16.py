"""Python str indices (code points) → UTF-16 code units, what JavaScript strings count.

Only characters outside the Basic Multilingual Plane (emoji, some CJK) take two code units;
combining accents are separate code points in both worlds, so they need no correction.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable

_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


def utf16_converter(text: str) -> Callable[[int], int]:
    """A function mapping a code-point index of `text` to its UTF-16 code-unit index."""
    # One C pass: the text is as long in UTF-16 as in code points exactly when nothing is
    # astral (`max(text)` took 0.37 ms on 10,000 characters, this 5 µs). "surrogatepass": a
    # lone surrogate sent by JavaScript is one code unit in both worlds.
    if text.isascii() or len(text.encode("utf-16-le", "surrogatepass")) == 2 * len(text):
        return _identity
    astral = [m.start() for m in _ASTRAL.finditer(text)]

    def convert(index: int) -> int:
        # Each astral character strictly before `index` adds one extra code unit.
        return index + bisect_left(astral, index)

    return convert


def _identity(index: int) -> int:
    return index


def utf16_length(text: str) -> int:
    return utf16_converter(text)(len(text))
