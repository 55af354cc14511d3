"""Dates in a text about the running of a service, with nobody in it, are not a patient's.

Why: notes to the team ("Du 20 juillet au 17 août, la salle 3 est fermée", "à compter du
4 janvier, les transmissions se font à 14 h"), guidance for establishments and leaflets carry
dates that identify no one; flagging them makes the guard cry wolf on texts clinicians paste
every day. A date alone is the weakest identifier we report, and it is one only when it belongs
to someone.

A text is read as organisational when the detector found nothing but dates in it (no name, no
number, no place), no word in it points at a person (a title, "patient", an age, a birth, a
relative, an appointment) and at least one word speaks of the organisation (teams, units,
rotas, leave, rooms, visits, establishments). Its dates are then kept but scored under the flag
threshold (`ORGANISATIONAL_SCORE`), so the extension can still show them if the policy asks for
everything. Birth dates and dates verified by a rule at 0.95 or more are never lowered.
"""

from __future__ import annotations

from guard.detect.finding import Finding
from guard.detect.labels import Label
from guard.detect.rules._precompiled import compiled_re

ORGANISATIONAL_SCORE = 0.45

# Anything that says a particular person is meant (a generic "patients", "votre bébé" or "de 11
# à 14 ans" does not). Matched case-insensitively on the raw text, accents in the classes.
_PERSON = compiled_re(
    r"(?i)(?<![\w'’])(?:m\.|mr|mme|mlle|monsieur|madame|mademoiselle|dr|docteur|pr|professeur|"
    r"patiente?|pt|malade|r[ée]sidente?|usag[eè]re?|fils|fille|mari|"
    r"[ée]pou(?:x|se)|femme|m[èe]re|p[èe]re|maman|papa|s(?:œ|oe)ur|fr[èe]re|n[ée]e?[ \t]+(?:le|en|à|a)|née|[âa]g[ée]e?|"
    r"rdv|rendez-vous|consultation|vue?|revue?|hospitalis[ée]e?|admise?|op[ée]r[ée]e?|"
    r"il|elle|lui|son|sa|ses|mon|ma|mes)(?![\w'’])"
    # an age said of someone ("Mme X, 67 ans", "(4 mois)"), not an age range ("de 11 à 14 ans")
    r"|(?<=[,(:])[ \t]*\d{1,3}[ \t]*(?:ans|a|mois)\b"
)
# Words of the organisation of care: teams, units, rotas, rooms, visits, establishments.
_ORGANISATION = compiled_re(
    r"(?i)(?<!\w)(?:[ée]quipes?|unit[ée]s|services|organisation|urgences|personnels?|agents|cong[ée]s|gardes?|astreintes?|"
    r"bloc|salles?|planning|cadre|note|consignes?|information|fermeture|ferm[ée]e?s?|ouverte?s?|"
    r"permanences?|accueil|visites|internes|[ée]tablissements|ehpad|transmissions|r[ée]union|"
    r"commission|instance|pharmacie|d[ée]pistage|vaccination|rembours[ée]e?s?|campagne)(?![\w'’])"
)


def lower_organisational_dates(text: str, findings: list[Finding]) -> list[Finding]:
    """`findings` with the dates of an organisational text scored under the flag threshold."""
    dates = [f for f in findings if f.label is Label.DATE and f.score < 0.95]
    if not dates or len(dates) != len(findings):
        return findings
    if _PERSON.search(text) or not _ORGANISATION.search(text):
        return findings
    return [Finding(f.start, f.end, f.label, min(f.score, ORGANISATIONAL_SCORE), f.source,
                    "date d'organisation du service (aucune personne dans le texte)") for f in findings]
