"""The detector: structured-identifier rules plus the ONNX token classifier, merged.

The detector never fails closed-to-allow: if the model cannot be loaded (missing file,
wrong hash, broken runtime) it keeps running on rules alone and says so through `status`,
which the daemon, the tray and `vigie doctor` surface to people.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from guard.detect.coordination import extend_coordinated
from guard.detect.finding import Finding
from guard.detect.lexicon import drop_medical_terms
from guard.detect.merge import resolve_overlaps
from guard.detect.neighbours import extend_surnames
from guard.detect.placeholders import drop_placeholders
from guard.detect.plausibility import keep_plausible
from guard.detect.recognizer import Recognizer

log = logging.getLogger(__name__)

Mode = Literal["full", "rules-only"]

# Invented, identifies no one; touches every rule's lists (names, towns, dates, numbers).
_WARM_UP_TEXT = (
    "Bonjour,\nMme Exemple Test, née le 01/02/1960, vue avec sa fille Marie à Lyon (CHU de Brest), "
    "tél. 06 00 00 00 00, NIR 1 60 02 75 000 000 00. Kowalczyk refuse le bilan.\nSteph"
)


@dataclass(frozen=True, slots=True)
class DetectorStatus:
    """What the detector is able to do right now, in words a person can act on."""

    mode: Mode
    reason: str = ""  # French, empty when mode is "full"; never contains patient text

    @property
    def degraded(self) -> bool:
        return self.mode != "full"


class Detector:
    """Runs every recognizer on a text and returns resolved, sorted findings."""

    def __init__(
        self,
        rules: Sequence[Recognizer],
        model: Recognizer | None = None,
        model_error: str | None = None,
    ) -> None:
        self._rules = tuple(rules)
        self._model = model
        if model is not None:
            self.status = DetectorStatus("full")
        else:
            self.status = DetectorStatus(
                "rules-only", model_error or "modèle désactivé : détection par règles seules"
            )

    @classmethod
    def default(cls, model_dir: Path | None = None, use_model: bool = True) -> Detector:
        """The production detector: every shipped rule, and the shipped model when it loads."""
        from guard.detect.rules import default_rules

        rules = default_rules()
        if not use_model:
            return cls(rules, None, "modèle désactivé : détection par règles seules")
        try:
            from guard.detect.model import ModelError, load_model
        except ImportError as exc:  # runtime missing: degrade, do not crash
            log.error("model runtime unavailable: %s", type(exc).__name__)
            return cls(rules, None, "moteur du modèle indisponible : détection par règles seules")
        try:
            model = load_model(model_dir)
        except ModelError as exc:
            log.error("model not loaded: %s", exc)
            return cls(rules, None, f"{exc} — détection par règles seules")
        return cls(rules, model)

    def warm_up(self) -> None:
        """Run once on a made-up sentence so the word lists, the gazetteer and the model's
        first-call setup load now (about 30 ms) rather than on the user's first keystroke."""
        self.analyze(_WARM_UP_TEXT)

    @property
    def recognizers(self) -> tuple[Recognizer, ...]:
        return self._rules + ((self._model,) if self._model is not None else ())

    def analyze(self, text: str) -> list[Finding]:
        """Findings in `text`, non-overlapping, sorted by start, offsets inside the text."""
        if not text:
            return []
        found: list[Finding] = []
        for recognizer in self._rules:
            # A failing rule raises on purpose: the daemon answers "error" and the extension
            # blocks or warns per policy; swallowing it here would silently allow.
            found.extend(recognizer.find(text))
        if self._model is not None:
            found.extend(keep_plausible(text, self._model.find(text)))
        found = drop_placeholders(text, drop_medical_terms(text, found))
        return extend_surnames(text, extend_coordinated(text, resolve_overlaps(found, len(text), text)))
