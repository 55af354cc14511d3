"""The label set, aligned on AP-HP's eds-pseudo scheme so results compare with the reference work.

Vigie adds IBAN, CARTE (carte Vitale serial, mutuelle member number) and RPPS (clinician
identifiers: RPPS, ADELI, FINESS), which are usually of lower severity.
"""

from __future__ import annotations

from enum import StrEnum


class Label(StrEnum):
    NOM = "NOM"
    PRENOM = "PRENOM"
    DATE_NAISSANCE = "DATE_NAISSANCE"
    DATE = "DATE"
    ADRESSE = "ADRESSE"
    ZIP = "ZIP"
    VILLE = "VILLE"
    TEL = "TEL"
    MAIL = "MAIL"
    SECU = "SECU"
    IPP = "IPP"
    NDA = "NDA"
    HOPITAL = "HOPITAL"
    IBAN = "IBAN"
    CARTE = "CARTE"
    RPPS = "RPPS"


ALL_LABELS: tuple[Label, ...] = tuple(Label)

# Labels whose value is validated by a checksum or a strict format: when a rule with a valid
# checksum overlaps a model span, the rule wins.
STRUCTURED_LABELS: frozenset[Label] = frozenset(
    {Label.SECU, Label.TEL, Label.MAIL, Label.IBAN, Label.RPPS, Label.CARTE, Label.IPP, Label.NDA}
)

# Labels the model is better at than rules: on overlap, the model's span wins.
FREE_TEXT_LABELS: frozenset[Label] = frozenset(
    {Label.NOM, Label.PRENOM, Label.ADRESSE, Label.VILLE, Label.HOPITAL}
)

# French display names, singular and plural, used by the CLI, the extension dialog and reports.
LABEL_NAMES_FR: dict[Label, tuple[str, str]] = {
    Label.NOM: ("nom", "noms"),
    Label.PRENOM: ("prénom", "prénoms"),
    Label.DATE_NAISSANCE: ("date de naissance", "dates de naissance"),
    Label.DATE: ("date", "dates"),
    Label.ADRESSE: ("adresse", "adresses"),
    Label.ZIP: ("code postal", "codes postaux"),
    Label.VILLE: ("ville", "villes"),
    Label.TEL: ("téléphone", "téléphones"),
    Label.MAIL: ("e-mail", "e-mails"),
    Label.SECU: ("NIR", "NIR"),
    Label.IPP: ("IPP", "IPP"),
    Label.NDA: ("numéro de séjour", "numéros de séjour"),
    Label.HOPITAL: ("établissement", "établissements"),
    Label.IBAN: ("IBAN", "IBAN"),
    Label.CARTE: ("n° de carte", "n° de carte"),
    Label.RPPS: ("n° RPPS/ADELI", "n° RPPS/ADELI"),
}

LABEL_NAMES_EN: dict[Label, tuple[str, str]] = {
    Label.NOM: ("last name", "last names"),
    Label.PRENOM: ("first name", "first names"),
    Label.DATE_NAISSANCE: ("birth date", "birth dates"),
    Label.DATE: ("date", "dates"),
    Label.ADRESSE: ("address", "addresses"),
    Label.ZIP: ("postcode", "postcodes"),
    Label.VILLE: ("city", "cities"),
    Label.TEL: ("phone number", "phone numbers"),
    Label.MAIL: ("e-mail", "e-mails"),
    Label.SECU: ("social security number", "social security numbers"),
    Label.IPP: ("patient id", "patient ids"),
    Label.NDA: ("stay number", "stay numbers"),
    Label.HOPITAL: ("facility", "facilities"),
    Label.IBAN: ("IBAN", "IBANs"),
    Label.CARTE: ("card number", "card numbers"),
    Label.RPPS: ("clinician id", "clinician ids"),
}


def display_name(label: Label, count: int = 1, locale: str = "fr") -> str:
    """Human name of a label, pluralised for `count`, in French unless `locale` is "en"."""
    table = LABEL_NAMES_EN if locale.startswith("en") else LABEL_NAMES_FR
    singular, plural = table[label]
    return singular if count == 1 else plural
