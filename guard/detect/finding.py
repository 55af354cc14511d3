"""A finding: where an identifier is, what kind, how sure — never the value itself.

Findings travel to logs, incident rows and the extension; keeping the matched text out of
the object makes it impossible to leak by accident when one is printed or serialised.
"""

from __future__ import annotations

from dataclasses import dataclass

from guard.detect.labels import Label


@dataclass(frozen=True, slots=True)
class Finding:
    """One identifier span in a text.

    `start`/`end` are Python str indices (code points), `end` exclusive. `source` names the
    recogniser ("rule:nir", "model"...). `explanation` is a short French reason such as
    "NIR, clé valide"; it must never contain the matched value.
    """

    start: int
    end: int
    label: Label
    score: float
    source: str
    explanation: str = ""

    def __post_init__(self) -> None:
        if self.start < 0 or self.end <= self.start:
            raise ValueError(f"invalid span [{self.start}, {self.end})")
        if not 0.0 <= self.score <= 1.0:
            raise ValueError(f"score {self.score} outside [0, 1]")
        if not isinstance(self.label, Label):
            object.__setattr__(self, "label", Label(self.label))

    @property
    def length(self) -> int:
        return self.end - self.start

    def overlaps(self, other: Finding) -> bool:
        return self.start < other.end and other.start < self.end
