"""The one interface every source of findings implements: rules, the model, future plug-ins."""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from guard.detect.finding import Finding


@runtime_checkable
class Recognizer(Protocol):
    """Finds identifier spans in a text. Must be thread-safe for concurrent `find` calls,
    must never raise on any str input, and must return within bounded time."""

    name: str

    def find(self, text: str) -> list[Finding]: ...
