"""French, field-precise messages for a policy file an administrator got wrong.

An administrator editing JSON by hand needs to know which field is wrong and why, in their
language; pydantic's English messages name the field but not the fix. Values are echoed
only when short and never for secret fields (the token).
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from typing import Any

SECRET_FIELDS = frozenset({"token"})


def format_loc(loc: Sequence[str | int]) -> str:
    """`("labels", "NOM", "action")` -> `labels.NOM.action`; list indices as `[2]`."""
    out = ""
    for part in loc:
        if part == "[key]":  # pydantic marks a bad dict key this way; the key is already named
            continue
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out or "(racine)"


def _preview(value: Any, loc: Sequence[str | int]) -> str:
    if any(str(p) in SECRET_FIELDS for p in loc):
        return ""
    if isinstance(value, bool) or value is None:
        return f" (reçu : {'null' if value is None else str(value).lower()})"
    if isinstance(value, (int, float)):
        return f" (reçu : {value})"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "…"
        return f" (reçu : « {shown} »)"
    if isinstance(value, list):
        return " (reçu : une liste)"
    if isinstance(value, dict):
        return " (reçu : un objet)"
    return ""


def _suggest(name: str, known: Iterable[str]) -> str:
    close = difflib.get_close_matches(name, list(known), n=1, cutoff=0.6)
    return f" ; vouliez-vous dire « {close[0]} » ?" if close else ""


def reason_for(error: dict[str, Any], known_fields: Iterable[str] = ()) -> str:
    """One pydantic error dict -> a French reason (without the field name)."""
    kind = error.get("type", "")
    ctx = error.get("ctx") or {}
    loc = error.get("loc", ())
    value = error.get("input")
    preview = _preview(value, loc)
    if kind == "extra_forbidden":
        name = str(loc[-1]) if loc else ""
        return "champ inconnu" + _suggest(name, known_fields)
    if kind == "missing":
        return "champ obligatoire manquant"
    if kind.startswith("bool_"):
        return "doit être true ou false" + preview
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return "doit être un nombre entier" + preview
    if kind in ("float_type", "float_parsing"):
        return "doit être un nombre" + preview
    if kind in ("string_type", "string_sub_type"):
        return "doit être une chaîne de caractères" + preview
    if kind == "list_type":
        return "doit être une liste [...]" + preview
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return "doit être un objet {...}" + preview
    if kind in ("enum", "literal_error"):
        expected = str(ctx.get("expected", "")).replace("'", "").replace(" or ", ", ")
        return f"valeur non autorisée{preview} ; valeurs possibles : {expected}"
    if kind == "greater_than_equal":
        return f"doit être supérieur ou égal à {ctx.get('ge')}" + preview
    if kind == "less_than_equal":
        return f"doit être inférieur ou égal à {ctx.get('le')}" + preview
    if kind == "greater_than":
        return f"doit être strictement supérieur à {ctx.get('gt')}" + preview
    if kind == "less_than":
        return f"doit être strictement inférieur à {ctx.get('lt')}" + preview
    if kind == "string_too_short":
        return f"trop court : au moins {ctx.get('min_length')} caractères" + preview
    if kind == "string_too_long":
        return f"trop long : au plus {ctx.get('max_length')} caractères" + preview
    if kind == "string_pattern_mismatch":
        return f"format invalide{preview} ; motif attendu : {ctx.get('pattern')}"
    if kind == "too_short":
        return f"trop peu d'éléments (au moins {ctx.get('min_length')})"
    if kind == "too_long":
        return f"trop d'éléments (au plus {ctx.get('max_length')})"
    if kind == "json_invalid":
        return "JSON invalide"
    return f"valeur invalide{preview} ({error.get('msg', kind)})"


def field_message(origin: str, loc: Sequence[str | int], reason: str) -> str:
    """`origin` names the file ("Politique administrateur /etc/vigie/policy.json")."""
    return f"{origin} : champ « {format_loc(loc)} » : {reason}"
