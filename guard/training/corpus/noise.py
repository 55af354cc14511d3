"""Ways real typing differs from clean text: SMS style (no accents, no capitals), typos,
doubled spaces, shouting. Applied piece by piece so annotations stay exact.
"""

from __future__ import annotations

import random
import unicodedata

from guard.training.corpus.doc import Piece

_KEYBOARD_NEIGHBOURS = {
    "a": "zqs", "z": "aes", "e": "zrd", "r": "etf", "t": "ryg", "y": "tuh", "u": "yij", "i": "uok",
    "o": "ipl", "p": "olm", "q": "asw", "s": "qdz", "d": "sfe", "f": "dgr", "g": "fht", "h": "gjy",
    "j": "hku", "k": "jli", "l": "kmo", "m": "lp", "w": "xq", "x": "wc", "c": "xv", "v": "cb",
    "b": "vn", "n": "bm",
}


def strip_accents(text: str) -> str:
    """Drop combining marks character by character (œ/æ kept: they are letters)."""
    out = []
    for ch in text:
        base = unicodedata.normalize("NFD", ch)[0]
        out.append(base)
    return "".join(out)


def sms(pieces: list[Piece], rng: random.Random) -> list[Piece]:
    strip = rng.random() < 0.8
    out = []
    for text, label in pieces:
        t = text.lower()
        if strip:
            t = strip_accents(t)
        out.append((t, label))
    return out


def shout(pieces: list[Piece]) -> list[Piece]:
    return [(t.upper(), label) for t, label in pieces]


def typo_word(word: str, rng: random.Random) -> str:
    if len(word) < 4:
        return word
    i = rng.randrange(1, len(word) - 1)
    op = rng.random()
    if op < 0.3:
        return word[:i] + word[i + 1:]
    if op < 0.55:
        return word[:i] + word[i + 1] + word[i] + word[i + 2:]
    if op < 0.8:
        near = _KEYBOARD_NEIGHBOURS.get(word[i].lower())
        return word[:i] + (rng.choice(near) if near else word[i]) + word[i + 1:]
    return word[:i] + word[i] + word[i:]


def typos(pieces: list[Piece], rng: random.Random, rate: float, entity_rate: float) -> list[Piece]:
    out = []
    for text, label in pieces:
        p = entity_rate if label else rate
        if p > 0 and rng.random() < min(1.0, p * 3):
            words = text.split(" ")
            words = [typo_word(w, rng) if rng.random() < p else w for w in words]
            text = " ".join(words)
        out.append((text, label))
    return out


def spacing(pieces: list[Piece], rng: random.Random) -> list[Piece]:
    out = []
    for text, label in pieces:
        if label is None and rng.random() < 0.05:
            text = text.replace(" ", "  ", 1)
        out.append((text, label))
    return out
