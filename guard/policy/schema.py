"""The JSON Schema administrators write their policy file against (docs/policy.schema.json).

Generated from the pydantic model so the schema and the loader can never disagree; a test
checks that the committed file is current.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from guard.policy.model import Policy

SCHEMA_ID = "https://vigie.invalid/policy.schema.json"
DEFAULT_SCHEMA_PATH = Path(__file__).resolve().parents[2] / "docs" / "policy.schema.json"


def policy_schema() -> dict[str, Any]:
    schema = Policy.model_json_schema(mode="validation")
    out: dict[str, Any] = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "Politique Vigie (fichier administrateur)",
        "description": (
            "Fichier machine écrit par l'administrateur (/etc/vigie/policy.json, "
            "%ProgramData%\\Vigie\\policy.json, /Library/Application Support/Vigie/policy.json). "
            "Tous les champs sont facultatifs ; un champ présent est verrouillé pour l'utilisateur "
            "sauf s'il figure dans « unlocked ». Un fichier invalide applique les réglages les plus stricts."
        ),
    }
    out.update({k: v for k, v in schema.items() if k not in ("title", "description")})
    return out


def schema_text() -> str:
    return json.dumps(policy_schema(), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def write_schema(path: Path = DEFAULT_SCHEMA_PATH) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(schema_text(), encoding="utf-8")
    return path
