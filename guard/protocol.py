"""Protocol v1 between the browser extension and the daemon: every message a pydantic model.

The extension is JavaScript, so finding offsets on the wire are UTF-16 code units, not
Python str indices; `guard.server` converts. docs/protocol.md is generated from here.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from guard.detect.labels import Label
from guard.policy.model import Action, Policy

PROTOCOL_VERSION = 1
MAX_TEXT_CHARS = 200_000


class _Msg(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Hello(_Msg):
    type: Literal["hello"]
    protocol: int = Field(ge=1)
    extension_version: str = Field(max_length=32)
    token: str | None = Field(None, max_length=256)


class Welcome(_Msg):
    type: Literal["welcome"] = "welcome"
    protocol: int = PROTOCOL_VERSION
    daemon_version: str
    policy: Policy
    detector_mode: Literal["full", "rules-only"]
    detector_reason: str = ""
    keepalive_s: float = Field(15.0, description="Interval between server keepalives")
    max_text_chars: int = MAX_TEXT_CHARS


class Analyze(_Msg):
    type: Literal["analyze"]
    id: str = Field(min_length=1, max_length=64)
    text: str = Field(max_length=MAX_TEXT_CHARS)
    site: str = Field(max_length=253)


class WireFinding(_Msg):
    start: int = Field(ge=0, description="UTF-16 code units")
    end: int = Field(ge=0, description="UTF-16 code units, exclusive")
    label: Label
    score: float = Field(ge=0, le=1)
    action: Action


class Result(_Msg):
    type: Literal["result"] = "result"
    id: str
    findings: list[WireFinding] = Field(description="Findings at or above their label threshold")
    action: Action = Field(description="Strictest action over findings; allow on unguarded sites")
    counts: dict[Label, int]
    max_score: float = Field(0.0, ge=0, le=1)
    guarded: bool = Field(True, description="Whether the policy guards this site")
    paused: bool = Field(
        False, description="Protection paused from the tray (policy pause_allowed): findings are "
        "kept, every action is allow; the extension shows it and does not block")


Outcome = Literal["sent_clean", "blocked", "pseudonymized", "overridden", "cancelled", "warned_sent"]


class Event(_Msg):
    type: Literal["event"]
    id: str = Field(min_length=1, max_length=64)
    site: str = Field(max_length=253)
    outcome: Outcome
    proposed_action: Action
    counts: dict[Label, int] = Field(default_factory=dict)
    max_score: float = Field(0.0, ge=0, le=1)
    reason: str | None = Field(None, pattern=r"^[a-z][a-z0-9_]{1,40}$")


class Health(_Msg):
    """The extension reports a guarded page it cannot guard (adapter found no input...)."""

    type: Literal["health"]
    id: str | None = Field(None, min_length=1, max_length=64, description="When set, answered by an ack")
    site: str = Field(max_length=253)
    problem: Literal["no_input", "no_send_button", "adapter_error"]


class Ack(_Msg):
    type: Literal["ack"] = "ack"
    id: str
    logged: bool = True


class Keepalive(_Msg):
    """Sent both ways: the extension's service worker needs an application message at least
    every ~25 s to stay alive (protocol pings do not count), so it sends one too."""

    type: Literal["keepalive"] = "keepalive"


class PauseUpdate(_Msg):
    """Sent to connected extensions when a pause starts or ends (results carry it too)."""

    type: Literal["pause"] = "pause"
    paused: bool
    until: float | None = Field(None, description="End of the pause, Unix time in seconds")


class PolicyUpdate(_Msg):
    type: Literal["policy"] = "policy"
    policy: Policy


ErrorCode = Literal[
    "bad_json", "bad_message", "unknown_type", "unauthorized", "too_large",
    "rate_limited", "busy", "internal", "protocol_version",
]


class Error(_Msg):
    type: Literal["error"] = "error"
    id: str | None = None
    code: ErrorCode
    message: str


ClientMessage = Annotated[Hello | Analyze | Event | Health | Keepalive, Field(discriminator="type")]
ServerMessage = Annotated[
    Welcome | Result | Ack | Keepalive | PolicyUpdate | PauseUpdate | Error,
    Field(discriminator="type"),
]
