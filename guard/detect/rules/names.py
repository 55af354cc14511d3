"""Names after a title or a form label: the cheap, precise part of name detection.

"Mme Le Gall Rose", "M. DIALLO", "Dr Nguyen", "Monsieur le Docteur Kowalski", "la
patiente Fatou Ndiaye", "Nom : MOREIRA", and SMS style "mr petit martin". Everything else
(a name with no title in front) is the model's job; this rule keeps precision high by only
taking capitalised or ALL-CAPS words after a title, or one lowercase word after a lowercase
title. Token labels: ALL-CAPS → NOM; a known first name → PRENOM when another token can be
the last name; otherwise NOM.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources


from guard.detect.finding import Finding
from guard.detect.labels import Label
from guard.detect.rules._base import CaselessHint, compile_pattern, iter_matches_at, make
from guard.detect.rules.context import fold
from guard.detect.rules._precompiled import compiled


def is_medical_term(value: str) -> bool:
    """The shipped lexicon (imported late: the lexicon module imports this package)."""
    from guard.detect.lexicon import is_medical_term as check

    return check(value)

_TITLE = compile_pattern(
    r"(?<![\w.])(?P<title>"
    r"(?P<upper>M\.|M(?=\s+\p{Lu})|Mme\.?|Mmes\.?|Mlle\.?|Mr\.?|MR\.?|Mrs\.?|MRS\.?|Ms\.?|Miss|MME\.?|MLLE\.?|Dr\.?|DR\.?|Dre\.?|Pr\.?|PR\.?|Docteur|DOCTEUR|Professeure?|"
    r"PROFESSEUR|Madame|MADAME|Monsieur|MONSIEUR|Mademoiselle|[Pp]atiente?\s*:?|PATIENTE?\s*:?|[Pp]t|"
    r"s['’]appel(?:le|ait)|l['’]appel(?:le|ait)|surnomm[ée]e?|[Ss]oussign[ée]e?|dite?\s*[«\"“]|[Pp]r[ée]nomm[ée]e?|[Dd][ée]nomm[ée]e?|[Nn][ée]e|NÉE|[ÉéEe]pouse|[ÉéEe]p\.|[Vv]euve|[Vv]ve|"
    r"[Nn]om(?:\s+de\s+naissance|\s+d['’]usage|\s+marital|\s+de\s+famille)?\s*:|"
    r"NOM(?:\s+DE\s+NAISSANCE|\s+D['’]USAGE|\s+MARITAL|\s+DE\s+FAMILLE)?\s*:|[Pp]r[ée]noms?\s*:|PR[ÉE]NOMS?\s*:)"
    r"|(?P<lower>m\.|mr|mme\.?|mlle\.?|monsieur|madame|dr|docteur|pr)"
    r")(?:\s+(?:le|la)\s+(?:[Dd]octeur|[Pp]rofesseure?|[Dd]r|[Pp]r))?(?=[ \t\u00a0]+\S)"
)
# Stdlib pre-scan (see iter_matches_at): every place a title can start, case-insensitively (a
# superset of the pattern's starts), zero-width so that no start hides inside another.
_TITLE_HINT = CaselessHint(
    r"(?<![\w.])(?=m\.|m\s|mme|mlle|mr|mrs|ms|miss|dre?\b|pr\b|pr\.|docteur|professeur|madame|monsieur|"
    r"mademoiselle|patient|pt\b|s['’]appel|l['’]appel|surnomm|soussign|dite?\s*[«\"“]|pr[ée]nom|d[ée]nomm|"
    r"n[ée]e|[ée]p(?:ouse|\.)|veuve|vve|nom)"
)
# "…, Raynaud M. Étude", "cf. Hernández M.": a surname in an author list, then its initial.
_INITIAL_AFTER_NAME = compiled(r"(?:,|(?i:cf)\.|^\s*\d{1,3}[.)]|\n\s*\d{1,3}[.)])[ \t]*\p{Lu}[\p{Ll}'’\-]+[ \t]+$")
# Initials of a first name between a title and the surname: "J.", "J.-P.", "M.-C.", "J. P.".
_INITIALS = compiled(r"[ \t\u00a0]+(\p{Lu}\.(?:[ \t]?-?[ \t]?\p{Lu}\.){0,2})(?=[ \t\u00a0]*\p{Lu})")
_NUMBER_BEFORE = compiled(r"\d[ \t]*$")
_CAPS_ARTICLE = compiled(r"(?<!\w)(?:LE|LA|UN|UNE|CE|CETTE|DU|AU|DES|LES|A|AN|THE)[ \t]+$")
# Lowercase "pr" after a date or a number is SMS for "pour" ("depuis le 10/02/2025 pr asthme").
_SMS_POUR = compiled(r"(?:\d|\b(?:janv|f[ée]v|mars|avr|mai|juin|juil|ao[uû]t|sept?|oct|nov|d[ée]c)\p{L}*\.?)[ \t]+$")
_INFINITIVE = compiled(r"\p{Ll}{2,}(?:er|ir|re|oir)")
_TOKEN = compiled(r"[ \t\u00a0]+((?:\p{L}['’])?\p{L}+(?:[\-'’]\p{L}+)*)")
_PARTICLES = frozenset(
    "de du des d' le la van von der den da dos do das di del della ben bin ibn el al ter mac".split()
)
_CAP_STOP = frozenset(
    fold(w)
    for w in (
        "Madame Monsieur Mademoiselle Mme Mmes Mlle Mr Mrs Ms Miss Docteur Professeur Dr Dre Pr Cher Chère Confrère Consœur "
        "Cordialement Le La Les Un Une Et Ou Qui Que Est A Au Aux En Dans Pour Avec Sans Sur Son Sa Ses "
        "Patient Patiente Service Hôpital CHU Clinique EHPAD USLD SSR Urgences Née Né Nom Prénom IPP NIR NDA DDN Tél Tel Date "
        "Il Elle Ils Elles Je Nous Vous Votre Vos Mon Ma Mes Ce Cette Suite Merci Bonjour Objet "
        "Juge Président Présidente Procureur Procureure Préfet Préfète Maire Directeur Directrice Conseiller "
        "Conseillère Médecin-conseil Lundi Mardi Mercredi Jeudi Vendredi Samedi Dimanche "
        "Avant Après Depuis Entre Vers Dès Pendant Sous Sur Chez Plus Moins Environ Jusqu'à Durant"
    ).split()
)
# What a doctor does, in a sentence about them ("le docteur demandé", "LE DR PRÉVUE DEMAIN").
_DOCTOR_VERBS = frozenset(
    "demande demandé demandée prévu prévue prevu prevue passe passé passée vu vue dit pense conseille "
    "propose recommande souhaite veut note trouve explique".split()
)
_LOWER_STOP = frozenset(
    "a à au aux et est es ou où qui que quoi de du des le la les un une son sa ses mon ma mes ce cette "
    "il elle on en dans pour avec sans sur par vers chez se s ne n y x ans an a-t-elle a-t-il "
    "présente presente souffre souffrant tousse vient va doit a été était sera depuis hier demain "
    "aujourd'hui lui leur patient patiente docteur professeur dr pr mme mr monsieur madame bien "
    "ok oui non merci svp stp pb rdv tel tél né née nee ne cest jai ct ds bcp tjrs slt bjr jsuis chui "
    "ici".split()
) | _DOCTOR_VERBS


# "Médecin traitant : Dr Sylvie Carpentier, Paris 11e": a doctor's town at the end of the line.
_DOCTOR_TITLES = frozenset("dr docteur pr professeur professeure dre".split())
_TOWN_AFTER_NAME = compile_pattern(
    r"[ \t]*,[ \t]*((?:(?:Saint|Sainte|St|Ste|Le|La|Les|L['’])[\- ])?\p{Lu}[\p{Ll}'’]+"
    r"(?:-(?:(?:sur|sous|en|l[èe]s|de|du|des|la|le|aux?|et)-|l['’])?\p{Lu}[\p{Ll}'’]+)*)"
    r"(?:[ \t]+\d{1,2}(?:e|er|ème))?[ \t]*(?=\n|$|\))"
)


def _eponym_adjective(word: str) -> bool:
    """"Addisonien", "Parkinsonienne", "Cushingoïde": an adjective made from an eponym."""
    low = word.lower()
    for suffix in ("ienne", "ien", "oïde", "ique"):
        if low.endswith(suffix) and len(low) > len(suffix) + 3 and is_medical_term(word[: -len(suffix)]):
            return True
    return False


@lru_cache(maxsize=1)
def first_names() -> frozenset[str]:
    """Folded first names from the shipped list (guard/detect/data/prenoms.txt)."""
    raw = resources.files("guard.detect.data").joinpath("prenoms.txt").read_text(encoding="utf-8")
    return frozenset(fold(line.strip()) for line in raw.splitlines() if line.strip() and not line.startswith("#"))


def _particle_then_name(tokens: list[tuple[str, int, int]]) -> bool:
    """A particle then a plain capitalised word ("de Castelnau"), not "de l'EHPAD"."""
    if len(tokens) < 2 or fold(tokens[0][0]) not in _PARTICLES:
        return False
    nxt = tokens[1][0]
    if fold(nxt) in _PARTICLES and nxt[:1].isupper() and len(tokens) > 2:
        nxt = tokens[2][0]  # "de La Tour", "de Le Gall": two particles, then the name
    return nxt[:1].isupper() and "'" not in nxt and "’" not in nxt and fold(nxt) not in _CAP_STOP


def _is_cap(tok: str) -> bool:
    return tok[:1].isupper() or (len(tok) > 2 and tok[1] in "'’" and tok[2:3].isupper())


class TitledNameRule:
    """NOM/PRENOM after a title: 0.8 capitalised, 0.7 after "patient(e)", 0.6 lowercase."""

    name = "names"

    def find(self, text: str) -> list[Finding]:
        out: list[Finding] = []
        for m in iter_matches_at(_TITLE, _TITLE_HINT, text, self.name):
            title = m.group("title")
            lower_title = m.group("lower") is not None
            if title in ("M.", "P.") and _INITIAL_AFTER_NAME.search(text, max(0, m.start() - 40), m.start()):
                continue  # "Hernández M. Insuffisance…": an author's initial in a reference, not "Monsieur"
            if title.startswith("PATIENT") and ":" not in title and _CAPS_ARTICLE.search(text, max(0, m.start() - 12), m.start()):
                continue  # "LE PATIENT DÉCRIT DES DOULEURS": ALL-CAPS prose, not a form label
            # Initials only after a civility or doctor title: after "Patient :" an "M." is "Monsieur".
            civility = "atient" not in title.lower() and title.lower() != "pt" and title not in ("pr", "m.") \
                and not title.rstrip().endswith(":")
            initials = _INITIALS.match(text, m.end()) if civility else None
            tokens = self._tokens(text, initials.end(1) if initials else m.end())
            if not tokens:
                continue
            if initials is not None:
                # "Dr J.-P. Morel", "Mme M.-C. Leroy": the initials stand for the first name.
                picked = self._capitalised(tokens)
                if picked:
                    out.append(make(initials.start(1), initials.end(1), Label.PRENOM, 0.75, self.name,
                                    "initiales du prénom après un titre"))
                    out.extend(make(p[1], p[2], Label.NOM, 0.8, self.name, "nom après un titre") for p in picked[-1:])
                    if len(picked) > 1:
                        out.append(make(picked[0][1], picked[-2][2], Label.NOM, 0.8, self.name, "nom après un titre"))
                continue
            if lower_title and title.casefold() == "pr" and tokens[0][0][1:2] in ("'", "’"):
                continue  # "pr l'insuline", "pr d'autres": SMS "pour" before an elided article
            if title == "m." and _NUMBER_BEFORE.search(text, max(0, m.start() - 8), m.start()):
                continue  # "plus de 4 000 m. Qu'est-ce…": metres, not "Monsieur"
            if tokens[0][2] < len(text) and text[tokens[0][2]].isdigit():
                continue  # "patient DT2", "Mme G3P2": a code glued to digits, not a name
            if lower_title and title.casefold() == "pr" and _INFINITIVE.fullmatch(tokens[0][0]):
                continue  # "le seuil pr faire", "pr voir": SMS "pour" before a verb
            if title.casefold() == "pr" and _SMS_POUR.search(text, max(0, m.start() - 12), m.start()):
                continue  # "depuis le 10/02/2025 pr asthme", "18/03/2019 PR TROUBLE…": SMS "pour"
            patient_title = "atient" in title.lower() or title.lower() == "pt"
            if patient_title and ((fold(tokens[0][0]) in _PARTICLES and ":" not in title) or is_medical_term(tokens[0][0])):
                continue  # "Patient de Saint-Pierre" (where from), "patient NYHA II": no name
            if _is_cap(tokens[0][0]) or _particle_then_name(tokens):  # "Mme Martin", "Mrs de Castelnau"
                picked = self._capitalised(tokens)
                if picked and all(p[0].isupper() for p in picked) and len(picked) < len(tokens):
                    nxt = tokens[len(picked)]  # "mr DOS SANTOS joao": a lowercase first name after the capitals
                    if nxt[0].islower() and fold(nxt[0]) in first_names() and fold(nxt[0]) not in _LOWER_STOP:
                        picked = [*picked, nxt]
                score = 0.7 if title[:1] in "Pp" and "atient" in title.lower() or title.lower() == "pt" else 0.8
            elif lower_title:
                picked = self._lowercase(tokens)
                score = 0.6
            else:
                continue
            out.extend(self._label(picked, score, title))
            if picked and title.rstrip(".").casefold() in _DOCTOR_TITLES:
                town = _TOWN_AFTER_NAME.match(text, picked[-1][2])
                if town is not None and fold(town.group(1)) not in _CAP_STOP and not is_medical_term(town.group(1)):
                    out.append(make(town.start(1), town.end(1), Label.VILLE, 0.7, self.name,
                                    "ville du cabinet après le nom du médecin"))
        return out

    @staticmethod
    def _tokens(text: str, pos: int) -> list[tuple[str, int, int]]:
        toks: list[tuple[str, int, int]] = []
        for _ in range(5):
            t = _TOKEN.match(text, pos)
            if t is None:
                break
            if toks and ("\t" in text[pos:t.start(1)] or t.start(1) - pos >= 3):
                break  # "Dr Morvan   Prélevé le": a wide gap separates form fields
            if toks and is_medical_term(t.group(1)):
                break  # "Prénom : Fatoumata Sexe : F"
            toks.append((t.group(1), t.start(1), t.end(1)))
            pos = t.end(1)
        return toks

    @staticmethod
    def _capitalised(tokens: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
        """Leading run of capitalised/ALL-CAPS words; particles only when a capitalised word follows."""
        picked: list[tuple[str, int, int]] = []
        i = 0
        while i < len(tokens) and len(picked) < 4:
            tok = tokens[i]
            folded = fold(tok[0])
            if folded in _PARTICLES and i + 1 < len(tokens) and _is_cap(tokens[i + 1][0]):
                picked.append(tok)
                i += 1
                continue
            bare = folded[2:] if folded[1:2] in ("'", "’") else folded  # "L'EHPAD" -> "ehpad"
            if not _is_cap(tok[0]) or folded in _CAP_STOP or bare in _CAP_STOP or len(tok[0]) < 2 \
                    or folded.strip("xyz") == "" or _eponym_adjective(tok[0]):  # "XXX": a placeholder
                break  # "Mme X, 80 ans": a single letter is a placeholder, not a name
            if tok[0].isupper() and len(folded) > 4 and folded in _DOCTOR_VERBS:  # not "VU", a surname
                break  # "LE DR PRÉVUE DEMAIN": ALL-CAPS prose
            picked.append(tok)
            i += 1
        while picked and fold(picked[-1][0]) in _PARTICLES:
            picked.pop()
        return picked

    @staticmethod
    def _lowercase(tokens: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
        first = tokens[0]
        if fold(first[0]) in _LOWER_STOP or len(first[0]) < 2:
            return []
        picked = [first]
        rest = tokens[1:]
        if fold(first[0]) in _PARTICLES and rest and fold(rest[0][0]) not in _LOWER_STOP:
            picked.append(rest[0])  # "mme da costa fernanda": the particle's name comes with it
            rest = rest[1:]
        if len(rest) >= 2 and fold(rest[0][0]) in _PARTICLES and fold(rest[1][0]) not in _LOWER_STOP \
                and not is_medical_term(rest[1][0]):
            picked.extend(rest[:2])  # "mme ribeiro da silva ana": a particle inside the surname
            rest = rest[2:]
        if len(rest) >= 2 and fold(rest[0][0]) not in first_names() and fold(rest[1][0]) in first_names() \
                and fold(rest[0][0]) not in _LOWER_STOP and fold(rest[1][0]) not in _LOWER_STOP \
                and not is_medical_term(rest[0][0]) and rest[0][0].islower():
            picked.append(rest[0])  # "mme da silva ferreira lucia": a second surname, then the first name
            rest = rest[1:]
        if rest and fold(rest[0][0]) in first_names() and fold(rest[0][0]) not in _LOWER_STOP:
            picked.append(rest[0])
        return picked

    def _label(self, picked: list[tuple[str, int, int]], score: float, title: str) -> list[Finding]:
        if not picked:
            return []
        if title.lower().startswith(("prénom", "prenom")):
            s, e = picked[0][1], picked[-1][2]
            return [make(s, e, Label.PRENOM, score, self.name, "prénom après son intitulé")]
        names = first_names()
        kinds: list[Label] = []
        words = [p for p in picked if fold(p[0]) not in _PARTICLES]
        for tok, _, _ in picked:
            f = fold(tok)
            if f in _PARTICLES:
                kinds.append(Label.NOM)
            elif tok.isupper() and len(tok) > 1:
                kinds.append(Label.NOM)
            elif f in names:
                kinds.append(Label.PRENOM)
            else:
                kinds.append(Label.NOM)
        if len(words) <= 1 or Label.NOM not in kinds:
            # A lone word after a title is a last name; if every word is a known first name,
            # the last one is taken as the last name ("Mme Rose Martin").
            if len(words) <= 1:
                kinds = [Label.NOM] * len(picked)
            else:
                kinds[-1] = Label.NOM
        findings: list[Finding] = []
        run_start = 0
        for i in range(1, len(picked) + 1):
            if i == len(picked) or kinds[i] != kinds[run_start]:
                label = kinds[run_start]
                why = "nom après un titre" if label is Label.NOM else "prénom après un titre"
                findings.append(make(picked[run_start][1], picked[i - 1][2], label, score if label is Label.NOM else score - 0.05, self.name, why))
                run_start = i
        return findings
