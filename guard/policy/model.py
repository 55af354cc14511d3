"""The policy an administrator sets for every PC of a practice.

Defaults are the safe ones: every identifier at least warns, patient identity and health
numbers block, and an unreachable guard blocks submission. The JSON Schema generated from
these models (docs/policy.schema.json) is what administrators write against.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from guard.detect.labels import Label

DEFAULT_PORT = 47321

DEFAULT_SITES: tuple[str, ...] = (
    "chatgpt.com",
    "chat.openai.com",
    "claude.ai",
    "gemini.google.com",
    "copilot.microsoft.com",
    "chat.mistral.ai",
    "www.perplexity.ai",
    "chat.deepseek.com",
)

# The project's own pinned extension id (from the "key" in extension/manifest.json).
EXTENSION_ID = "ojdmkiacdcicbcpcinjiaokjieddflep"


class Action(StrEnum):
    """What happens on submit. Ordered from least to most strict."""

    ALLOW = "allow"
    WARN = "warn"
    REDACT = "redact"
    BLOCK = "block"

    @property
    def strictness(self) -> int:
        return _STRICTNESS[self]


_STRICTNESS = {Action.ALLOW: 0, Action.WARN: 1, Action.REDACT: 2, Action.BLOCK: 3}


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class LabelRule(_Strict):
    action: Action
    threshold: float = Field(0.5, ge=0.0, le=1.0, description="Score minimal pour agir")


class OverrideReason(_Strict):
    """A pick-list entry: free text could itself carry patient data, so reasons are codes."""

    code: str = Field(pattern=r"^[a-z][a-z0-9_]{1,40}$")
    fr: str = Field(max_length=120)
    en: str = Field(max_length=120)


class Forwarding(_Strict):
    enabled: bool = False
    host: str = "127.0.0.1"
    port: int = Field(6514, ge=1, le=65535)
    tls: bool = False
    ca_file: str | None = None
    app_name: str = "vigie"


def _default_labels() -> dict[Label, LabelRule]:
    block = {Label.NOM, Label.PRENOM, Label.SECU, Label.DATE_NAISSANCE, Label.IPP, Label.NDA}
    redact = {Label.ADRESSE, Label.TEL, Label.MAIL, Label.IBAN, Label.CARTE, Label.DATE, Label.ZIP}
    rules: dict[Label, LabelRule] = {}
    for label in Label:
        if label in block:
            rules[label] = LabelRule(action=Action.BLOCK)
        elif label in redact:
            rules[label] = LabelRule(action=Action.REDACT)
        else:
            rules[label] = LabelRule(action=Action.WARN)
    return rules


def _default_reasons() -> list[OverrideReason]:
    return [
        OverrideReason(code="false_positive", fr="Faux positif (pas une donnée patient)",
                       en="False positive (not patient data)"),
        OverrideReason(code="patient_consent", fr="Le patient a donné son accord",
                       en="The patient consented"),
        OverrideReason(code="own_data", fr="Ce sont mes propres données",
                       en="This is my own data"),
        OverrideReason(code="fictional", fr="Cas fictif ou pédagogique",
                       en="Fictional or teaching case"),
    ]


class Policy(_Strict):
    """The effective policy. Every field has a safe default."""

    version: str = Field("builtin", description="Version chosen by the administrator, logged with incidents")
    sites: list[str] = Field(default_factory=lambda: list(DEFAULT_SITES))
    labels: dict[Label, LabelRule] = Field(default_factory=_default_labels)
    unreachable: Literal["block", "warn"] = "block"
    override_allowed: bool = True
    override_reasons: list[OverrideReason] = Field(default_factory=_default_reasons)
    allow_terms: list[str] = Field(default_factory=list, description="Termes jamais signalés (noms des praticiens du cabinet...)")
    extension_ids: list[str] = Field(default_factory=list, description="Identifiants d'extension autorisés en plus de celui de Vigie")
    port: int = Field(DEFAULT_PORT, ge=1024, le=65535)
    token: str | None = Field(None, min_length=16, max_length=256)
    retention_days: int = Field(365, ge=1, le=3650)
    forwarding: Forwarding = Field(default_factory=Forwarding)
    pause_allowed: bool = False
    quit_allowed: bool = False
    locked: list[str] = Field(default_factory=list, description="Champs que l'utilisateur ne peut pas modifier ('*' = tous)")
    unlocked: list[str] = Field(
        default_factory=list,
        description="Champs fixés par l'administrateur que l'utilisateur peut tout de même modifier "
        "(par défaut, tout champ présent dans le fichier administrateur est verrouillé)",
    )
    incident_log: Literal["user", "machine"] = Field(
        "user", description="Journal des incidents par utilisateur ou commun à la machine")
