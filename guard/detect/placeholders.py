"""Vigie's own pseudonymization placeholders are never identifiers.

After "Pseudonymiser et envoyer" the prompt reads "Mme [PATIENT_1], NIR [NIR_1]"; the
extension analyses it again before sending, and the model, seeing a capitalised token in a
name's position, would tag the placeholder as a name and stop the user a second time. Any
finding that touches a placeholder is dropped. The shape is the extension's
(`extension/content/labels.js`): an upper-case stem, an underscore and a number, in brackets.
"""

from __future__ import annotations

from guard.detect.finding import Finding
from guard.detect.rules._precompiled import compiled_re

PLACEHOLDER = compiled_re(r"\[[A-Z][A-Z_]{1,30}_[0-9]{1,5}\]")


def drop_placeholders(text: str, findings: list[Finding]) -> list[Finding]:
    """Findings that do not overlap any placeholder; cheap when the text holds none."""
    if "_" not in text or "[" not in text:
        return findings
    spans = [(m.start(), m.end()) for m in PLACEHOLDER.finditer(text)]
    if not spans:
        return findings
    return [f for f in findings if not any(f.start < end and start < f.end for start, end in spans)]
