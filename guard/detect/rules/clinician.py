"""Clinician and facility identifiers: RPPS (11 digits, Luhn), ADELI (9 digits), FINESS
(9 characters, Luhn).

Why cues matter here: a nine-digit Luhn-valid number is one number in ten, so ADELI and
FINESS are only taken after their name. RPPS numbers start with "10" and carry a Luhn key,
which makes a bare one plausible enough to flag at a moderate score.
"""

from __future__ import annotations


from stdnum import luhn

from guard.detect.finding import Finding
from guard.detect.labels import Label
from guard.detect.rules._base import CUE_GAP, CaselessHint, compile_pattern, has_digit, iter_matches, iter_matches_at, make
from guard.detect.rules._words import cue_set, has_any

_S = r"[ .\u00a0]?"
_RPPS_CUED = compile_pattern(rf"(?i)(?<!\w)(?:rpps|n°\s*rpps){CUE_GAP}(\d(?:{_S}\d){{10}})(?![\w]|[.,]\d)")
# Stdlib pre-scans (see iter_matches_at), zero-width.
_RPPS_HINT = CaselessHint(r"(?<!\w)(?=rpps|n°\s*rpps)")
_ADELI_HINT = CaselessHint(r"(?<!\w)(?=adeli)")
# Each cued pattern needs its word (see _words): without it the scan is skipped.
_RPPS_CUES = cue_set("rpps")
_ADELI_CUES = cue_set("adeli")
_FINESS_CUES = cue_set("finess")
_RPPS_BARE = compile_pattern(r"(?<![\w.,/+-])10\d{9}(?![\w]|[.,/]\d)")
_ADELI = compile_pattern(rf"(?i)(?<!\w)adeli{CUE_GAP}(\d(?:{_S}\d){{8}})(?![\w]|[.,]\d)")
_FINESS = compile_pattern(rf"(?i)(?<!\w)finess(?:[ \t]+(?:g[ée]ographique|juridique|ej|et))?{CUE_GAP}((?:\d{_S}\d|2{_S}[AB])(?:{_S}\d){{7}})(?![\w]|[.,]\d)")


def _compact(s: str) -> str:
    return "".join(ch for ch in s if ch.isalnum()).upper()


class ClinicianIdRule:
    """RPPS-labelled findings (clinician or facility identifiers)."""

    name = "clinician"

    def find(self, text: str) -> list[Finding]:
        if not has_digit(text):
            return []
        out: list[Finding] = []
        cued_spans: set[tuple[int, int]] = set()
        rpps = iter_matches_at(_RPPS_CUED, _RPPS_HINT, text, "rpps") if has_any(text, _RPPS_CUES) else ()
        for m in rpps:
            valid = luhn.is_valid(_compact(m.group(1)))
            score, why = (0.99, "n° RPPS, clé valide") if valid else (0.6, "n° RPPS, clé invalide")
            out.append(make(m.start(1), m.end(1), Label.RPPS, score, self.name, why))
            cued_spans.add((m.start(1), m.end(1)))
        bare = iter_matches(_RPPS_BARE, text, "rpps-bare") if "10" in text else ()
        for m in bare:
            if (m.start(), m.end()) not in cued_spans and luhn.is_valid(m.group()):
                out.append(make(m.start(), m.end(), Label.RPPS, 0.75, self.name, "n° RPPS probable, clé valide"))
        adeli = iter_matches_at(_ADELI, _ADELI_HINT, text, "adeli") if has_any(text, _ADELI_CUES) else ()
        for m in adeli:
            out.append(make(m.start(1), m.end(1), Label.RPPS, 0.9, self.name, "n° ADELI (après la mention ADELI)"))
        finess = iter_matches(_FINESS, text, "finess") if has_any(text, _FINESS_CUES) else ()
        for m in finess:
            compact = _compact(m.group(1))
            if compact[:2] in ("2A", "2B"):
                score, why = 0.85, "n° FINESS (Corse)"
            elif luhn.is_valid(compact):
                score, why = 0.97, "n° FINESS, clé valide"
            else:
                score, why = 0.6, "n° FINESS, clé invalide"
            out.append(make(m.start(1), m.end(1), Label.RPPS, score, self.name, why))
        return out
