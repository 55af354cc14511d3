"""E-mail addresses.

The local part and each domain label have bounded lengths (RFC limits) and a match may only
start where a word starts, so a long run of letters without "@" costs one pass, not n².
"""

from __future__ import annotations

from guard.detect.finding import Finding
from guard.detect.labels import Label
from guard.detect.rules._base import compile_pattern, iter_matches, make

_PATTERN = compile_pattern(
    r"(?<![\w.+\-])[\w+\-](?:[\w.+\-]{0,63})@[\p{L}\p{N}](?:[\p{L}\p{N}\-]{0,62})"
    r"(?:\.[\p{L}\p{N}](?:[\p{L}\p{N}\-]{0,62})){1,8}(?![\w@])"
)


class EmailRule:
    """MAIL findings, score 0.98."""

    name = "email"

    def find(self, text: str) -> list[Finding]:
        if "@" not in text:
            return []
        out: list[Finding] = []
        for m in iter_matches(_PATTERN, text, self.name):
            end = m.end()
            while end > m.start() and text[end - 1] in ".-":  # sentence-final dot
                end -= 1
            out.append(make(m.start(), end, Label.MAIL, 0.98, self.name, "adresse e-mail"))
        return out
