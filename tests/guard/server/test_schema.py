"""docs/protocol.md is generated from the models; it must be up to date, and the dicts the
server builds by hand for speed must validate against those models."""

from __future__ import annotations

from guard.detect.finding import Finding
from guard.detect.labels import Label
from guard.policy.model import Policy
from guard.protocol import Result
from guard.server.analysis import result_payload
from guard.server.schema import DOC_PATH, render


def test_protocol_doc_is_up_to_date() -> None:
    assert DOC_PATH.read_text(encoding="utf-8") == render(), (
        "docs/protocol.md is stale: run `python -m guard.server.schema`")


def test_documented_schemas_cover_every_message_type() -> None:
    doc = render()
    for kind in ("hello", "analyze", "event", "health", "welcome", "result", "ack",
                 "keepalive", "policy", "error"):
        assert f'"const": "{kind}"' in doc


def test_hand_built_result_matches_the_model() -> None:
    text = "😀 Mme Zorglubien"
    findings = [Finding(7, 17, Label.NOM, 0.87654, "t")]
    payload = result_payload("id-1", text, findings, "claude.ai", Policy())
    result = Result.model_validate(payload)
    assert result.findings[0].start == 8 and result.findings[0].score == 0.8765
    assert result.action == "block"
