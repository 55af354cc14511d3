"""A document under construction: an ordered list of pieces, each optionally labelled.

Building text piece by piece means offsets are computed once, at the end, so any noise
applied to a piece (typos, case changes) can never desynchronise annotation and text.
"""

from __future__ import annotations

from dataclasses import dataclass, field

Piece = tuple[str, str | None]


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int
    label: str


@dataclass(frozen=True, slots=True)
class Doc:
    """A finished annotated example; `kind` says which generator wrote it."""

    text: str
    spans: tuple[Span, ...]
    kind: str

    def to_json(self, doc_id: str) -> dict:
        return {
            "id": doc_id,
            "kind": self.kind,
            "text": self.text,
            "spans": [{"start": s.start, "end": s.end, "label": s.label} for s in self.spans],
        }


@dataclass(slots=True)
class Builder:
    pieces: list[Piece] = field(default_factory=list)

    def add(self, text: str, label: str | None = None) -> Builder:
        if text:
            self.pieces.append((text, label))
        return self

    def extend(self, pieces: list[Piece]) -> Builder:
        for text, label in pieces:
            self.add(text, label)
        return self

    def build(self, kind: str) -> Doc:
        return assemble(self.pieces, kind)


def assemble(pieces: list[Piece], kind: str) -> Doc:
    """Join pieces; labelled pieces become spans trimmed of surrounding whitespace."""
    out: list[str] = []
    spans: list[Span] = []
    pos = 0
    for text, label in pieces:
        if label is not None:
            lead = len(text) - len(text.lstrip())
            trail = len(text) - len(text.rstrip())
            if len(text.strip()) > 0:
                spans.append(Span(pos + lead, pos + len(text) - trail, label))
        out.append(text)
        pos += len(text)
    return Doc("".join(out), tuple(spans), kind)
