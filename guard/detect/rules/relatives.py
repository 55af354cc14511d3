"""First names that context gives away without a civility title: after a relation or a role
word ("son mari Olivier", "le fils de la patiente, Kevin", "l'IDE Sabrina", "her son Minh"), in
a greeting ("Salut Thomas,") or as a message's signature ("Cordialement,\nAnahit Hakobyan").

Why a rule: relatives and carers are named by first name alone, without the civility title the
titled-name rule needs, and a capitalised word right after "son mari" or "sa fille" is a name
in practice. Only a capitalised word that is not a clinical term nor a function word is taken,
so "sa fille Aînée" or "son père Diabétique" stay unflagged.
"""

from __future__ import annotations


from guard.detect.finding import Finding
from guard.detect.labels import Label
from guard.detect.lexicon import is_medical_term
from guard.detect.rules._base import CaselessHint, compile_pattern, iter_matches, iter_matches_at, make
from guard.detect.rules._words import cue_set, has_any
from guard.detect.rules.context import fold
from guard.detect.rules.names import _CAP_STOP, first_names

_RELATION = (
    r"fils|fille|mari|[ée]poux|[ée]pouse|femme|compagnon|compagne|conjointe?|fr[èe]re|s(?:œ|oe)ur|p[èe]re|m[èe]re|"
    r"neveu|ni[èe]ce|petit-fils|petite-fille|oncle|tante|cousine?|beau-fils|belle-fille|gendre|belle-m[èe]re|"
    r"beau-p[èe]re|belle-s(?:œ|oe)ur|beau-fr[èe]re|tut(?:eur|rice)|curat(?:eur|rice)|aidante?|voisine?|amie?|"
    r"enfant|b[ée]b[ée]|petite?|maman|papa|infirmi[èe]re?|IDE|IDEL|kin[ée]|interne|externe|coll[èe]gue|"
    r"aide-soignante?|auxiliaire\s+de\s+vie|patiente?|r[ée]sidente?|grand-m[èe]re|grand-p[èe]re|arri[èe]re-grand-m[èe]re|"
    r"beaux-parents|demi-s(?:œ|oe)ur|demi-fr[èe]re|marraine|parrain|nounou|"
    r"sage-femme|secr[ée]taire|assistante?\s+sociale?|pharmacien(?:ne)?|psychologue|orthophoniste|"
    r"ergoth[ée]rapeute|di[ée]t[ée]ticien(?:ne)?|ambulanci(?:er|[èe]re)|[ée]ducat(?:eur|rice)|"
    r"psychomotricien(?:ne)?|cadre\s+de\s+sant[ée]|aide\s+[àa]\s+domicile|auxiliaire\s+de\s+pu[ée]riculture"
)
_ENGLISH = r"son|daughter|husband|wife|brother|sister|mother|father|partner|grandson|granddaughter|nurse"
_PATTERN = compile_pattern(
    r"(?<!\w)(?:"
    r"(?i:(?:son|sa|ses|votre|vos|ton|ta|mon|ma|mes|leur|notre|le|la|du|de\s+la|au|à\s+la)\s+|l['’]\s*)"
    rf"(?i:{_RELATION})(?:\s+(?i:a[îi]n[ée]e?|cadette?|unique|de\s+(?:la\s+patiente|du\s+patient|madame|monsieur)|"
    r"de\s+\d{1,3}\s+ans|de\s+garde|de\s+nuit|de\s+jour))?"
    r"|(?i:(?:(?:la|le|les)\s+)?(?:maman|papa|m[èe]re|p[èe]re|parents|fille|fils|s(?:œ|oe)ur|fr[èe]re|femme|mari|"
    r"[ée]pouse|grand-m[èe]re|grand-p[èe]re|nounou)\s+(?:de|d['’]))"
    r"|(?i:his|her|their|my|your)\s+" + rf"(?i:{_ENGLISH})"
    r")(?:[ \t]*,?[ \t]+|(?<=['’]))(?P<first>\p{Lu}\p{Ll}+(?:-\p{Lu}\p{Ll}+)?|\p{Lu}{3,}(?:-\p{Lu}{3,})?)(?![\w'’])"
    r"(?:[ \t]+(?P<last>\p{Lu}\p{Lu}+(?:[- ]\p{Lu}\p{Lu}+)?)(?!\w))?"
)
# Stdlib pre-scans (see iter_matches_at): where each pattern can start. The relation hint is
# the pattern's own prefix up to the relation word, which is rare in text: the `regex`
# engine then only runs at those few places.
_PATTERN_HINT = CaselessHint(  # zero-width: one phrase can hold several starts ("de la sœur de")
    r"(?<!\w)(?=(?:"
    r"(?:(?:son|sa|ses|votre|vos|ton|ta|mon|ma|mes|leur|notre|le|la|du|de\s+la|au|à\s+la)\s+|l['’]\s*)"
    rf"(?:{_RELATION.lower()})"  # "IDE" -> "ide": the hint is matched caselessly
    r"|(?:(?:la|le|les)\s+)?(?:maman|papa|m[èe]re|p[èe]re|parents|fille|fils|s(?:œ|oe)ur|fr[èe]re|femme|mari|"
    r"[ée]pouse|grand-m[èe]re|grand-p[èe]re|nounou)\s+(?:de|d['’])"
    rf"|(?:his|her|their|my|your)\s+(?:{_ENGLISH})))"
)
# Words that qualify the relative rather than name them ("sa fille Aînée", "son père Décédé").
_QUALIFIERS = frozenset(fold(w) for w in (
    "aîné aînée ainé ainée cadet cadette unique décédé décédée handicapé handicapée malade diabétique "
    "hospitalisé hospitalisée présent présente absent absente inquiet inquiète majeur majeure mineur "
    "mineure adoptif adoptive biologique légal légale actuel actuelle ancien ancienne défunt défunte "
    "joignable également aussi venu venue seul seule âgé âgée référent référente principal principale "
    "habituel habituelle libéral libérale référente coordinatrice coordinateur beaucoup encore infiniment "
    "tous toutes team équipe famille médical médicale social sociale hospitalier hospitalière territorial "
    "territoriale scolaire".split()))



# Greetings and sign-offs in messages: "Salut Thomas,", "Cordialement,\nAnahit Hakobyan".
_GREETING = compile_pattern(
    r"(?<!\w)(?i:salut|bonjour|bonsoir|coucou|hello|hi|dear|cher|ch[èe]re)[ \t]+"
    r"(?P<first>\p{Lu}\p{Ll}+(?:-\p{Lu}\p{Ll}+)?)(?=[ \t]*[,!])"
)
_SIGN_OFF = compile_pattern(
    r"(?<!\w)(?i:cordialement|bien\s+[àa]\s+(?:vous|toi)|bien\s+cordialement|amicalement|bises|"
    r"bonne\s+(?:journ[ée]e|soir[ée]e|garde)|merci(?:\s+d['’]avance|\s+beaucoup)?|best\s+regards|regards|"
    r"kind\s+regards|sinc[èe]rement|confraternellement|bien\s+confraternellement|[àa]\s+plus|a\+|"
    r"[àa]\s+bient[ôo]t|belle\s+journ[ée]e|bon\s+courage|bonne\s+continuation|salutations|respectueusement|"
    r"cheers|thanks|thank\s+you)[ \t]*[,.!]?[ \t]*\n?[ \t]*"
    r"(?P<first>\p{Lu}\p{Ll}+(?:-\p{Lu}\p{Ll}+)?)(?:[ \t]+(?P<last>\p{Lu}[\p{L}'’]+(?:-\p{Lu}[\p{L}'’]+)?))?"
    r"(?=[ \t]*(?:$|\n|,|\(|\.|\u2014|-))"
)


# A signature line: a name, then the writer's profession ("Kévin Lambert, MK",
# "Marion Leclerc, masseur-kinésithérapeute DE", "DIALLO Awa – IDE").
_PROFESSION = (
    r"MK|IDE|IDEL|IPA|IBODE|IADE|PUER|AS|ASH|AMP|AES|SF|kin[ée]|masseur-kin[ée]sith[ée]rapeute|kin[ée]sith[ée]rapeute|"
    r"infirmi(?:er|[èe]re)|sage-femme|psychologue|orthophoniste|ergoth[ée]rapeute|psychomotricien(?:ne)?|"
    r"di[ée]t[ée]ticien(?:ne)?|podologue|p[ée]dicure|pharmacien(?:ne)?|pr[ée]parat(?:eur|rice)|secr[ée]taire|"
    r"assistante?\s+sociale?|cadre|interne|externe|m[ée]decin|docteur|chirurgien(?:ne)?|ost[ée]opathe|"
    r"orthoptiste|dentiste|aide-soignante?|auxiliaire|[ée]ducat(?:eur|rice)|nurse|physiotherapist|midwife"
)
_SIGNATURE = compile_pattern(
    r"(?:^|(?<=\n))[ \t]*(?:(?P<first>\p{Lu}\p{Ll}+(?:-\p{Lu}\p{Ll}+)?)[ \t]+(?P<last>\p{Lu}[\p{L}'’]+(?:[- ]\p{Lu}[\p{L}'’]+)?)"
    r"|(?P<last2>\p{Lu}\p{Lu}+(?:[- ]\p{Lu}\p{Lu}+)?)[ \t]+(?P<first2>\p{Lu}\p{Ll}+(?:-\p{Lu}\p{Ll}+)?))"
    rf"[ \t]*(?:,|[–—\-])[ \t]*(?i:{_PROFESSION})(?![\w])"
)


# The relation pattern needs one of these words, the greeting pattern one of those (see _words).
_RELATION_CUES = cue_set(
    "fils fille mari époux épouse femme compagnon compagne conjoint conjointe frère sœur père mère neveu "
    "nièce petit petite oncle tante cousin cousine beau belle gendre tuteur tutrice curateur curatrice "
    "aidant aidante voisin voisine ami amie enfant bébé maman papa infirmier infirmière infirmièr ide idel "
    "kiné interne externe collègue aide soignant soignante auxiliaire patient patiente résident résidente "
    "parents grand arriere demi marraine parrain nounou son daughter husband wife brother sister mother father partner grandson "
    "granddaughter nurse sage secrétaire assistante assistant pharmacien pharmacienne psychologue orthophoniste "
    "ergothérapeute diététicien diététicienne ambulancier ambulancière éducateur éducatrice psychomotricien "
    "psychomotricienne cadre aide"
)
_GREETING_CUES = cue_set("salut bonjour bonsoir coucou hello hi dear cher chère")
# Cheap stdlib pre-checks: the `regex` scans below only run when their keyword occurs at all.
_SIGN_OFF_CUES = cue_set(
    "cordialement bien amicalement bises bonne merci best regards kind sincèrement confraternellement plus "
    "bientôt belle courage salutations respectueusement cheers thank thanks"
)
_SIGNATURE_CUES = cue_set(
    "mk ide idel ipa ibode iade puer as ash amp aes sf kiné masseur kinésithérapeute infirmier infirmière "
    "sage psychologue orthophoniste ergothérapeute psychomotricien psychomotricienne diététicien "
    "diététicienne podologue pédicure pharmacien pharmacienne préparateur préparatrice secrétaire assistant "
    "assistante cadre interne externe médecin docteur chirurgien chirurgienne ostéopathe orthoptiste dentiste "
    "aide soignant soignante auxiliaire éducateur éducatrice nurse physiotherapist midwife"
)


class RelativeNameRule:
    """PRENOM (0.75) after a relation or role word; an ALL-CAPS word right after is the NOM."""

    name = "relatives"

    def find(self, text: str) -> list[Finding]:
        out: list[Finding] = []
        relations = iter_matches_at(_PATTERN, _PATTERN_HINT, text, self.name) if has_any(text, _RELATION_CUES) else ()
        for m in relations:
            first = m.group("first")
            if first.isupper() and fold(first) not in first_names():
                continue  # "SON EPOUSE MONIQUE": in capitals, only a known first name
            if fold(first) in _CAP_STOP or fold(first) in _QUALIFIERS or is_medical_term(first) or len(first) < 3:
                continue
            out.append(make(m.start("first"), m.end("first"), Label.PRENOM, 0.75, self.name,
                            "prénom après un lien de parenté ou une fonction"))
            last = m.group("last")
            if last and not is_medical_term(last) and fold(last) not in _CAP_STOP:
                out.append(make(m.start("last"), m.end("last"), Label.NOM, 0.75, self.name,
                                "nom après un prénom de proche"))
        for pattern, present, why in (
            (_GREETING, has_any(text, _GREETING_CUES), "prénom après une salutation"),
            (_SIGN_OFF, has_any(text, _SIGN_OFF_CUES) or "a+" in text or "A+" in text, "signature d'un message"),
        ):
            if not present:
                continue
            for m in iter_matches(pattern, text, self.name):
                first = m.group("first")
                if fold(first) in _CAP_STOP or fold(first) in _QUALIFIERS or is_medical_term(first) or len(first) < 3:
                    continue
                out.append(make(m.start("first"), m.end("first"), Label.PRENOM, 0.7, self.name, why))
                last = m.groupdict().get("last")
                if last and fold(last) not in _CAP_STOP and not is_medical_term(last):
                    out.append(make(m.start("last"), m.end("last"), Label.NOM, 0.7, self.name, why))
        signatures = iter_matches(_SIGNATURE, text, "signature") if has_any(text, _SIGNATURE_CUES) else ()
        for m in signatures:
            f, l = ("first", "last") if m.group("first") else ("first2", "last2")
            words = (m.group(f), m.group(l))
            if any(fold(w) in _CAP_STOP or is_medical_term(w) for w in words):
                continue
            why = "nom signant une note, suivi de la profession"
            out.append(make(m.start(f), m.end(f), Label.PRENOM, 0.75, self.name, why))
            out.append(make(m.start(l), m.end(l), Label.NOM, 0.75, self.name, why))
        return out
