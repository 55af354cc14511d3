"""French error replies that never quote what the client sent.

pydantic's own messages include the offending input — possibly patient text — so replies
are built from the field name and the error kind only.
"""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

MESSAGES = {
    "bad_json": "Message illisible : ce n'est pas du JSON valide.",
    "not_object": "Message invalide : un objet JSON est attendu.",
    "binary": "Message invalide : les messages binaires ne sont pas acceptés.",
    "unknown_type": "Type de message inconnu.",
    "unauthorized": "Connexion non identifiée : envoyez d'abord « hello ».",
    "bad_token": "Jeton d'accès invalide.",
    "rate_limited": "Trop de messages sur cette connexion : réessayez dans un instant.",
    "busy": "Trop d'analyses en cours sur cette connexion : réessayez dans un instant.",
    "stopping": "Vigie est en cours d'arrêt.",
    "internal": "Erreur interne du service d'analyse : le texte n'a pas été analysé.",
    "protocol_version": "Version de protocole non prise en charge (version attendue : 1).",
    "too_long": "Texte trop long : {limit} caractères au plus par analyse.",
}

_KIND = {
    "missing": "champ « {f} » manquant",
    "extra_forbidden": "champ « {f} » inconnu",
    "string_too_long": "champ « {f} » trop long",
    "string_too_short": "champ « {f} » vide ou trop court",
    "string_pattern_mismatch": "champ « {f} » au format incorrect",
    "literal_error": "valeur non reconnue pour « {f} »",
    "enum": "valeur non reconnue pour « {f} »",
    "greater_than_equal": "valeur trop petite pour « {f} »",
    "less_than_equal": "valeur trop grande pour « {f} »",
}


def describe_validation(exc: ValidationError, fields: set[str]) -> tuple[str, bool]:
    """A French description (field names and kinds only) and whether a text was too long."""
    parts: list[str] = []
    too_long = False
    for err in exc.errors(include_input=False, include_url=False, include_context=False):
        loc = err.get("loc", ())
        field = str(loc[0]) if loc and str(loc[0]) in fields else "?"
        kind = str(err.get("type", ""))
        if field == "text" and kind == "string_too_long":
            too_long = True
        if kind.endswith("_type") or kind.endswith("_parsing"):
            text = "type incorrect pour « {f} »"
        else:
            text = _KIND.get(kind, "valeur invalide pour « {f} »")
        desc = text.format(f=field) if field != "?" else text.replace(" « {f} »", "").replace("« {f} »", "")
        if desc not in parts:
            parts.append(desc)
        if len(parts) >= 5:
            break
    return "Message invalide : " + " ; ".join(parts) + ".", too_long


def safe_id(obj: Any) -> str | None:
    """The request id of a decoded message, when it has a usable one."""
    if isinstance(obj, dict):
        value = obj.get("id")
        if isinstance(value, str) and 0 < len(value) <= 64:
            return value
    return None
