"""Phone numbers written out in words, as dictated on a voice mail.

Why: clinicians paste voice-mail transcripts and ask for a summary ("rappelez-moi au zéro six,
vingt-huit, soixante-quatorze, zéro trois, quatre-vingt-onze"). The digits never appear, so the
phone rule cannot see the number, yet it identifies the caller as surely as "06 28 74 03 91".

Shape: a French number is read in five pairs; the first pair is "zéro" and a digit (0X), the
four others are any number from zero to ninety-nine, in words, joined by hyphens or spaces and
separated by commas or spaces. A run that starts like that but has fewer than four more pairs
is not taken.
"""

from __future__ import annotations

import re

from guard.detect.finding import Finding
from guard.detect.labels import Label
from guard.detect.rules._base import make
from guard.detect.rules._precompiled import compiled_re

_J = r"[- ]"  # inside one number: "vingt-huit", "vingt huit"
_UNIT = r"(?:un|deux|trois|quatre|cinq|six|sept|huit|neuf)"
_TEEN = r"(?:dix-sept|dix-huit|dix-neuf|dix[ ]sept|dix[ ]huit|dix[ ]neuf|dix|onze|douze|treize|quatorze|quinze|seize)"
_PAIR = (
    rf"(?:z[ée]ro{_J}z[ée]ro|z[ée]ro(?:{_J}{_UNIT})?"
    rf"|(?:vingt|trente|quarante|cinquante){_J}et{_J}(?:un|onze)"
    rf"|soixante{_J}et{_J}(?:un|onze)|soixante{_J}{_TEEN}|quatre{_J}vingts?{_J}{_TEEN}"
    rf"|quatre{_J}vingts?{_J}{_UNIT}|quatre{_J}vingts?"
    rf"|(?:vingt|trente|quarante|cinquante|soixante){_J}{_UNIT}|vingt|trente|quarante|cinquante|soixante"
    rf"|{_TEEN}|{_UNIT})"
)
_SEP = r"(?:[ \t]*[,;][ \t]*|[ \t]+|[ \t]*[-–][ \t]*)"
_SPOKEN_PHONE = compiled_re(
    rf"(?<![\w-])z[ée]ro{_J}{_UNIT}(?:{_SEP}{_PAIR}(?![\w])){{4}}", re.IGNORECASE)


class SpokenPhoneRule:
    """TEL for a phone number read out in words."""

    name = "spoken-phone"

    def find(self, text: str) -> list[Finding]:
        lowered = text.lower()
        if "zéro" not in lowered and "zero" not in lowered:
            return []
        return [make(m.start(), m.end(), Label.TEL, 0.85, self.name, "numéro de téléphone en toutes lettres")
                for m in _SPOKEN_PHONE.finditer(text)]
