"""Hospital patient ids (IPP) and stay/visit numbers (NDA) after their cue words.

They have no fixed format across hospitals (digits, sometimes a letter prefix), so the
cue is the evidence: "IPP", "NIP", "n° patient", "n° dossier" → IPP; "NDA", "n° séjour",
"n° de venue", "n° d'admission", and a lab's "n° demande" / "n° prélèvement" → NDA.
"""

from __future__ import annotations


from guard.detect.finding import Finding
from guard.detect.labels import Label
from guard.detect.rules._base import CUE_GAP, CaselessHint, compile_pattern, has_digit, iter_matches, iter_matches_at, make
from guard.detect.rules._words import cue_set, has_any

# Optional letter prefix, digits (grouped by "-", "/" or a space before more digits),
# letters after the first digit: "80012345", "A123456", "2024-123456", "800 123 45", "24A00781".
_VALUE = r"((?:[A-Za-z]{1,4}-?)?\d(?:[\-/]?[A-Za-z0-9]|[ \u00a0](?=\d)\d){3,19})(?![\w]|[.,/]\d)"
_NUM = r"(?:n°|no\.?|num[ée]ro|numero|num\.?|identifiant|id)"
_IPP = compile_pattern(
    rf"(?i)(?<!\w)(?:ipp|nip|mrn|hospital\s+number|{_NUM}\s*(?:de\s+|du\s+)?(?:patient|dossier)|(?:dossier|patient)\s+{_NUM}|dossier(?=\s*:)){CUE_GAP}" + _VALUE
)
_NDA = compile_pattern(
    rf"(?i)(?<!\w)(?:nda|{_NUM}\s*(?:de\s+|du\s+|d')?(?:s[ée]jour|venue|admission|passage|hospitalisation|demande|pr[ée]l[èe]vement|examen)|"
    rf"(?:s[ée]jour|venue|admission|demande|pr[ée]l[èe]vement|dossier\s+de\s+soins)\s+{_NUM}|"
    rf"s[ée]jour(?=[ \t]+\d{{6}})|"
    # "le séjour à rattacher est le 261104552": the stay, a few words, then a long number.
    rf"s[ée]jour(?:[ \t]+[\w'’]+){{1,5}}?[ \t]+(?:est|:)(?:[ \t]+le)?(?=[ \t]+\d{{6}})){CUE_GAP}" + _VALUE
)


# Stdlib pre-scan (see iter_matches_at): where an IPP cue can start, zero-width. (The NDA
# pattern's full scan measured as fast as a pre-scan, so it keeps the plain scan.)
_IPP_HINT = CaselessHint(r"(?<!\w)(?=ipp|nip|mrn|hospital|n°|no|num|identifiant|id|dossier|patient)")
# Each pattern needs one of these words (see _words): without them the scan is skipped.
_IPP_CUES = cue_set("ipp nip mrn hospital patient dossier")
_NDA_CUES = cue_set("nda séjour venue admission passage hospitalisation demande prélèvement examen dossier")


class HospitalIdRule:
    """IPP and NDA findings, score 0.9."""

    name = "ids"

    def find(self, text: str) -> list[Finding]:
        if not has_digit(text):
            return []
        out: list[Finding] = []
        for pattern, hint, cues, label, why in (
            (_IPP, _IPP_HINT, _IPP_CUES, Label.IPP, "identifiant patient (après « IPP », « n° dossier »…)"),
            (_NDA, None, _NDA_CUES, Label.NDA, "numéro de séjour (après « NDA », « n° séjour »…)"),
        ):
            if not has_any(text, cues):
                continue
            rule = f"ids-{label.value.lower()}"
            found = iter_matches(pattern, text, rule) if hint is None else iter_matches_at(pattern, hint, text, rule)
            for m in found:
                out.append(make(m.start(1), m.end(1), label, 0.9, self.name, why))
        return out
