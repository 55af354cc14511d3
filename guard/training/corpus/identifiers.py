"""Dates and structured identifiers rendered the many ways people write them.

Structured ids (NIR, IBAN, RPPS...) are caught by checksum rules at runtime; they are in the
corpus so the model sees them in context and does not mistake them for something else.
"""

from __future__ import annotations

import random
import string
from datetime import date, timedelta

MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
          "octobre", "novembre", "décembre")
MONTHS_ABBR = ("janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.",
               "nov.", "déc.")
DAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")

_UNITS = ("zéro", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix",
          "onze", "douze", "treize", "quatorze", "quinze", "seize")
_TENS = {20: "vingt", 30: "trente", 40: "quarante", 50: "cinquante", 60: "soixante"}


def french_number(n: int) -> str:
    """0..2099 in French words (1990 -> "mille neuf cent quatre-vingt-dix")."""
    if n >= 1000:
        rest = n % 1000
        head = "mille" if n < 2000 else "deux mille"
        return head if rest == 0 else f"{head} {french_number(rest)}"
    if n >= 100:
        h, rest = divmod(n, 100)
        head = "cent" if h == 1 else f"{_UNITS[h]} cent"
        return head if rest == 0 else f"{head} {french_number(rest)}"
    if n <= 16:
        return _UNITS[n]
    if n < 20:
        return f"dix-{_UNITS[n - 10]}"
    if n < 70:
        t, u = divmod(n, 10)
        if u == 0:
            return _TENS[t * 10]
        return f"{_TENS[t * 10]}{' et un' if u == 1 else '-' + _UNITS[u]}"
    if n < 80:
        return "soixante et onze" if n == 71 else f"soixante-{french_number(n - 60)}"
    if n == 80:
        return "quatre-vingts"
    return f"quatre-vingt-{french_number(n - 80)}"


def birth_date(rng: random.Random) -> date:
    return date(1925, 1, 1) + timedelta(days=rng.randrange(365 * 98))


def recent_date(rng: random.Random) -> date:
    return date(2015, 1, 1) + timedelta(days=rng.randrange(365 * 12))


def render_date(rng: random.Random, d: date, allow_partial: bool = True) -> str:
    r = rng.random()
    dd, mm, yyyy = d.day, d.month, d.year
    if r < 0.42:
        sep = rng.choice("////..-")
        year = f"{yyyy % 100:02d}" if rng.random() < 0.15 else str(yyyy)
        day = f"{dd:02d}" if rng.random() < 0.85 else str(dd)
        month = f"{mm:02d}" if rng.random() < 0.85 else str(mm)
        return f"{day}{sep}{month}{sep}{year}"
    if r < 0.47:
        return f"{yyyy}-{mm:02d}-{dd:02d}"
    if r < 0.8:
        day = "1er" if dd == 1 and rng.random() < 0.7 else str(dd)
        month = MONTHS[mm - 1] if rng.random() < 0.85 else MONTHS_ABBR[mm - 1]
        year = f"{yyyy % 100:02d}" if rng.random() < 0.1 else str(yyyy)
        out = f"{day} {month} {year}"
        if rng.random() < 0.1:
            out = f"{DAYS[d.weekday()]} {out}"
        if rng.random() < 0.08:
            out = out.upper()
        return out
    if r < 0.84:
        first = "premier" if dd == 1 else french_number(dd)
        return f"{first} {MONTHS[mm - 1]} {french_number(yyyy)}"
    if allow_partial and r < 0.92:
        return f"{dd} {MONTHS[mm - 1]}" if rng.random() < 0.5 else f"{dd:02d}/{mm:02d}"
    if allow_partial:
        return f"{MONTHS[mm - 1]} {yyyy}"
    return f"{dd:02d}/{mm:02d}/{yyyy}"


def phone(rng: random.Random) -> str:
    first = rng.choice(["06", "07", "01", "02", "03", "04", "05", "09"])
    rest = [f"{rng.randrange(100):02d}" for _ in range(4)]
    sep = rng.choice([" ", " ", ".", "", "-"])
    if rng.random() < 0.2:
        return "+33 " + first[1] + " " + " ".join(rest)
    return first + sep + sep.join(rest)


def email(rng: random.Random, first: str, last: str) -> str:
    def ascii_part(s: str) -> str:
        import unicodedata

        s = unicodedata.normalize("NFD", s)
        return "".join(c for c in s if c.isalnum() and c.isascii()).lower() or "contact"

    user = rng.choice([f"{ascii_part(first)}.{ascii_part(last)}", f"{ascii_part(first)[0]}{ascii_part(last)}",
                       f"{ascii_part(last)}{rng.randint(1, 99)}", f"{ascii_part(first)}_{ascii_part(last)}"])
    domain = rng.choice(["gmail.com", "orange.fr", "wanadoo.fr", "free.fr", "laposte.net",
                         "hotmail.fr", "yahoo.fr", "sfr.fr", "chu-rennes.fr", "aphp.fr", "outlook.com"])
    return f"{user}@{domain}"


def nir(rng: random.Random, sex: int, born: date) -> str:
    dept = rng.choice(["75", "13", "69", "2A", "2B", "99", "59", "33", "29", "971", "974"])
    if len(dept) == 3:
        commune = f"{rng.randrange(1, 99):02d}"
    else:
        commune = f"{rng.randrange(1, 999):03d}"
    order = f"{rng.randrange(1, 999):03d}"
    body = f"{sex}{born.year % 100:02d}{born.month:02d}{dept}{commune}{order}"
    numeric = int(body.replace("2A", "19").replace("2B", "18"))
    key = 97 - numeric % 97
    if rng.random() < 0.05:
        key = (key + 7) % 97 or 1
    r = rng.random()
    if r < 0.4:
        return f"{body}{key:02d}"
    if r < 0.85:
        return f"{body[0]} {body[1:3]} {body[3:5]} {body[5:7]} {body[7:10]} {body[10:13]} {key:02d}"
    if r < 0.93:
        return f"{body[0]}.{body[1:3]}.{body[3:5]}.{body[5:7]}.{body[7:10]}.{body[10:13]}.{key:02d}"
    return " ".join(f"{body}{key:02d}")


def iban(rng: random.Random) -> str:
    bban = "".join(rng.choice(string.digits) for _ in range(23))
    rearranged = bban + "1527" + "00"  # F=15 R=27
    check = 98 - int(rearranged) % 97
    raw = f"FR{check:02d}{bban}"
    return " ".join(raw[i:i + 4] for i in range(0, len(raw), 4)) if rng.random() < 0.7 else raw


def luhn_complete(digits: str) -> str:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        v = int(ch)
        if i % 2 == 0:
            v *= 2
            if v > 9:
                v -= 9
        total += v
    return digits + str((10 - total % 10) % 10)


def rpps(rng: random.Random) -> str:
    return luhn_complete("10" + "".join(rng.choice(string.digits) for _ in range(8)))


def ipp(rng: random.Random) -> str:
    return rng.choice(["", "", "8", "40"]) + "".join(rng.choice(string.digits) for _ in range(rng.randint(7, 10)))


def nda(rng: random.Random) -> str:
    return "".join(rng.choice(string.digits) for _ in range(rng.randint(8, 10)))


def carte(rng: random.Random) -> str:
    if rng.random() < 0.5:
        return "".join(rng.choice(string.digits) for _ in range(rng.choice([8, 9, 10, 12])))
    return rng.choice(["MGEN", "AD", "HM"]) + "".join(rng.choice(string.digits) for _ in range(8))
