"""Template filling: `{SLOT}` placeholders become labelled pieces drawn for one document.

One `Context` per document holds the patient (so the same person recurs consistently), the
random generator and the name pool (training or held-out).
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field
from datetime import date

from guard.training.corpus import hospitals, identifiers, medical, names, places
from guard.training.corpus.doc import Piece

_SLOT = re.compile(r"\{(\w+)\}")


@dataclass(slots=True)
class Person:
    sex: int  # 1 male, 2 female (NIR convention)
    first: str
    last: str
    maiden: str | None
    born: date


@dataclass(slots=True)
class Context:
    rng: random.Random
    pool: names.NamePool
    patient: Person = field(init=False)
    upper_last: bool = field(init=False)

    def __post_init__(self) -> None:
        self.patient = self.new_person()
        self.upper_last = self.rng.random() < 0.45

    def new_person(self) -> Person:
        rng = self.rng
        sex = rng.choice((1, 2))
        maiden = names.last_name(rng, self.pool) if sex == 2 and rng.random() < 0.15 else None
        return Person(sex, names.first_name(rng, self.pool), names.last_name(rng, self.pool),
                      maiden, identifiers.birth_date(rng))

    @property
    def fem(self) -> bool:
        return self.patient.sex == 2


def _case_last(ctx: Context, name: str) -> str:
    r = ctx.rng.random()
    if ctx.upper_last and r < 0.85:
        return name.upper()
    if r < 0.05:
        return name.lower()
    return name


def _title(ctx: Context, p: Person) -> str:
    rng = ctx.rng
    if p.sex == 2:
        return rng.choice(["Mme ", "Mme ", "Madame ", "Mme. ", "Mlle ", "Mrs ", ""])
    return rng.choice(["M. ", "M. ", "Monsieur ", "Mr ", "Mr. ", "M ", ""])


def person_pieces(ctx: Context, p: Person, title: bool = True, style: str | None = None) -> list[Piece]:
    """A person mention: title, first and last names in one of the orders people use."""
    rng = ctx.rng
    out: list[Piece] = []
    if title:
        t = _title(ctx, p)
        if t:
            out.append((t, None))
    last = _case_last(ctx, p.last)
    r = rng.random()
    first = p.first.upper() if r < 0.04 else p.first.lower() if r < 0.08 else p.first
    style = style or rng.choices(
        ["first_last", "last_first", "last", "initial_last", "first"], [40, 30, 20, 6, 4])[0]
    if style == "first_last":
        out += [(first, "PRENOM"), (" ", None), (last, "NOM")]
    elif style == "last_first":
        out += [(last, "NOM"), (" ", None), (first, "PRENOM")]
    elif style == "last":
        out += [(last, "NOM")]
    elif style == "initial_last":
        out += [(first[0] + ".", "PRENOM"), (" ", None), (last, "NOM")]
    else:
        out += [(first, "PRENOM")]
    if p.maiden and style != "first" and rng.random() < 0.5:
        out += [(rng.choice([" née ", " épouse ", " ép. ", " nom de naissance "]), None),
                (_case_last(ctx, p.maiden), "NOM")]
    return out


def doctor_pieces(ctx: Context) -> list[Piece]:
    rng = ctx.rng
    doc = ctx.new_person()
    title = rng.choice(["Dr ", "Dr ", "Dr. ", "Docteur ", "Pr ", "Pr. ", "Professeur ", "docteur ",
                        "le Dr ", "Dre ", "Mme le Dr ", "le Docteur "])
    style = rng.choices(["first_last", "last", "last_first", "initial_last"], [35, 45, 10, 10])[0]
    return [(title, None)] + person_pieces(ctx, doc, title=False, style=style)


def family_pieces(ctx: Context) -> list[Piece]:
    rng = ctx.rng
    rel = rng.choice(["sa fille", "son fils", "son épouse", "son mari", "sa sœur", "son frère",
                      "sa nièce", "son neveu", "sa compagne", "son tuteur", "sa mère", "son père",
                      "sa petite-fille", "son petit-fils", "sa belle-fille", "son gendre", "sa voisine",
                      "son ami", "sa tante", "son oncle", "sa curatrice", "son aidant"])
    if rng.random() < 0.15:  # relation without a name: not an identifier
        return [(rel + rng.choice([" (aidant principal)", ", très présente", " qui vit à proximité",
                                   " est décédée l'an dernier", ", joignable par l'EHPAD"]), None)]
    other = ctx.new_person()
    if rng.random() < 0.35:
        rel = rng.choice(MORE_RELATIONS)
    if rng.random() < 0.5:
        return [(rel + " ", None), (other.first, "PRENOM")]
    if rng.random() < 0.5:
        return [(rel + ", ", None), (_title(ctx, other), None), (_case_last(ctx, other.last), "NOM")]
    return [(rel + " ", None), (other.first, "PRENOM"), (" ", None), (_case_last(ctx, other.last), "NOM")]


MORE_RELATIONS = ("sa belle-sœur", "son beau-frère", "sa cousine", "son cousin", "son conjoint",
                  "sa conjointe", "son compagnon", "sa belle-mère", "son beau-père", "sa marraine",
                  "son parrain", "sa demi-sœur", "son demi-frère", "sa colocataire", "son auxiliaire de vie",
                  "sa fille aînée", "son fils cadet", "sa petite sœur", "son grand frère", "son ex-mari",
                  "sa meilleure amie", "son voisin", "sa nounou", "son employeur", "sa belle-fille")

# Other people named without a civility title: children, parents, colleagues. The name may
# come before or after the relation word, alone or with the family name.
NAMED_OTHER = (
    "{REL} {N}", "{REL} {N}", "{REL}, {N},", "{N}, {REL},", "{N} ({REL})",
    "la maman de {N}", "le papa de {N}", "la mère de {N}", "le père de {N}", "les parents de {N}",
    "la fille de {N}", "le fils de {N}", "l'épouse de {N}", "le mari de {N}", "la femme de {N}",
    "mon collègue {N}", "ma collègue {N}", "l'interne {N}", "l'infirmière {N}", "l'infirmier {N}",
    "l'aide-soignante {N}", "la kiné {N}", "notre externe {N}", "ma co-interne {N}", "la sage-femme {N}",
    "l'assistante sociale {N}", "la psychologue {N}", "la secrétaire {N}", "la cadre {N}",
    "l'infirmière de {N}", "la voisine de {N}", "le petit {N}", "la petite {N}", "le bébé {N}",
    "la jumelle de {N}", "le frère de {N}", "la sœur de {N}", "la tutrice de {N}", "{N}",
)


def other_name_pieces(ctx: Context) -> list[Piece]:
    """Someone other than the patient, named without a title: "sa sœur Leïla", "la maman de
    Lucas", "l'infirmière de Tran Thi ..."."""
    rng = ctx.rng
    other = ctx.new_person()
    if rng.random() < 0.45:
        who = [(other.first, "PRENOM")]
    else:
        who = person_pieces(ctx, other, title=False,
                            style=rng.choices(["first_last", "last_first"], [60, 40])[0])
    template = rng.choice(NAMED_OTHER)
    rel = rng.choice(MORE_RELATIONS + ("sa fille", "son fils", "sa sœur", "son frère", "sa mère",
                                       "son père", "sa femme", "son mari", "sa nièce", "son neveu"))
    out: list[Piece] = []
    for part in re.split(r"(\{REL\}|\{N\})", template):
        if part == "{REL}":
            out.append((rel, None))
        elif part == "{N}":
            out.extend(who)
        elif part:
            out.append((part, None))
    return out


def _slot(ctx: Context, slot: str) -> list[Piece]:
    rng, p = ctx.rng, ctx.patient
    if slot == "P":
        return person_pieces(ctx, p)
    if slot == "PN":
        return person_pieces(ctx, p, style="last")
    if slot == "PFL":
        return person_pieces(ctx, p, title=False, style=rng.choice(["first_last", "last_first"]))
    if slot == "PF":
        return [(p.first, "PRENOM")]
    if slot == "DR":
        return doctor_pieces(ctx)
    if slot == "FAM":
        return family_pieces(ctx) if rng.random() < 0.75 else other_name_pieces(ctx)
    if slot == "AUTRE":
        return other_name_pieces(ctx)
    if slot == "PFLO":  # someone else's full name, no title ("Claire Roux")
        return person_pieces(ctx, ctx.new_person(), title=False, style=rng.choice(["first_last", "last_first"]))
    if slot == "PRE":  # a first name alone, not the patient's
        return [(ctx.new_person().first, "PRENOM")]
    if slot == "DDN":
        return [(identifiers.render_date(rng, p.born, allow_partial=False), "DATE_NAISSANCE")]
    if slot == "AGE":
        age = 2026 - p.born.year
        return [(rng.choice([f"{age} ans", f"{age} ans", f"{age}a", f"{age} years old"]), None)]
    if slot == "DRANGE":  # "du 10 au 17/11/2026": the first day alone is a date too
        end = identifiers.recent_date(rng)
        first = rng.randint(1, end.day) if end.day > 1 else 1
        end_text = identifiers.render_date(rng, end)
        if not any(c.isdigit() for c in end_text[:3]):
            end_text = f"{end.day:02d}/{end.month:02d}/{end.year}"
        return [("du ", None), (str(first) if first > 1 else "1er", "DATE"), (" au ", None), (end_text, "DATE")]
    if slot == "DEN":  # an English date
        d = identifiers.recent_date(rng)
        month = d.strftime("%B") if rng.random() < 0.6 else d.strftime("%b")
        suffix = {1: "st", 2: "nd", 3: "rd"}.get(d.day if d.day < 20 else d.day % 10, "th")
        return [(rng.choice([f"{d.day} {month}", f"{month} {d.day}{suffix}", f"{month} {d.day}, {d.year}",
                             f"{d.day} {month} {d.year}"]), "DATE")]
    if slot in ("D", "D2"):
        return [(identifiers.render_date(rng, identifiers.recent_date(rng)), "DATE")]
    if slot == "ADR":
        return places.address(rng)
    if slot == "ADRML":
        return places.address(rng, multiline=True)
    if slot == "RUE":
        return [(places.street(rng), "ADRESSE")]
    if slot == "VILLE":
        return [(places.town(rng)[0], "VILLE")]
    if slot == "NAISS":  # birth date, sometimes with the birthplace
        pieces: list[Piece] = [(identifiers.render_date(rng, p.born, allow_partial=False), "DATE_NAISSANCE")]
        if rng.random() < 0.3:
            pieces += [(" à ", None), (places.town(rng)[0], "VILLE")]
        return pieces
    if slot == "CP":
        return [(places.town(rng)[1], "ZIP")]
    if slot in ("HOP", "HOP2"):
        return [(hospitals.hospital(rng), "HOPITAL")]
    if slot == "TEL":
        return [(identifiers.phone(rng), "TEL")]
    if slot == "MAIL":
        return [(identifiers.email(rng, p.first, p.last), "MAIL")]
    if slot == "NIR":
        return [(identifiers.nir(rng, p.sex, p.born), "SECU")]
    if slot == "IPP":
        return [(identifiers.ipp(rng), "IPP")]
    if slot == "NDA":
        return [(identifiers.nda(rng), "NDA")]
    if slot == "IBAN":
        return [(identifiers.iban(rng), "IBAN")]
    if slot == "CARTE":
        return [(identifiers.carte(rng), "CARTE")]
    if slot == "RPPS":
        return [(identifiers.rpps(rng), "RPPS")]
    if slot == "MED":
        return [(medical.drug(rng), None)]
    if slot == "EPO":
        return [(medical.eponym(rng), None)]
    if slot == "LAB":
        return [(medical.lab(rng), None)]
    if slot == "CIT":
        return [(medical.citation(rng), None)]
    if slot == "ANON":
        return [(rng.choice(medical.ANON_PEOPLE), None)]
    if slot == "ROLE":
        return [(rng.choice(medical.ROLES), None)]
    if slot == "SERV":
        return [(rng.choice(medical.SERVICES), None)]
    if slot == "COND":
        return [(rng.choice(medical.CONDITIONS), None)]
    if slot == "e":
        return [("e" if ctx.fem else "", None)]
    if slot == "il":
        return [("elle" if ctx.fem else "il", None)]
    if slot == "Il":
        return [("Elle" if ctx.fem else "Il", None)]
    if slot == "Mme":
        return [("Mme" if ctx.fem else "M.", None)]
    if slot == "patient":
        return [("patiente" if ctx.fem else "patient", None)]
    raise KeyError(f"unknown slot {slot}")


def fill(ctx: Context, template: str) -> list[Piece]:
    out: list[Piece] = []
    pos = 0
    for m in _SLOT.finditer(template):
        if m.start() > pos:
            out.append((template[pos:m.start()], None))
        out.extend(_slot(ctx, m.group(1)))
        pos = m.end()
    if pos < len(template):
        out.append((template[pos:], None))
    return out
