"""The detector: structured-identifier rules plus the ONNX token classifier, merged.

The detector never fails closed-to-allow: if the model cannot be loaded (missing file,
wrong hash, broken runtime) it keeps running on rules alone and says so through `status`,
which the daemon, the tray and `vigie doctor` surface to people.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Sequence
from concurrent.futures import Future
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:  # the model runtime (numpy, onnxruntime) is imported only when a model loads
    from guard.detect.model import Encoded, NerModel
    from guard.detect.model_thread import Inferred, ModelThread

from guard.detect.coordination import extend_coordinated
from guard.detect.finding import Finding
from guard.detect.lexicon import drop_medical_terms
from guard.detect.merge import resolve_overlaps
from guard.detect.neighbours import extend_surnames
from guard.detect.organisational import lower_organisational_dates
from guard.detect.placeholders import drop_placeholders
from guard.detect.plausibility import keep_plausible
from guard.detect.recognizer import Recognizer

log = logging.getLogger(__name__)

Mode = Literal["full", "rules-only"]

# A pass waits this long at most for the model thread, then fails visibly (never "allow").
_MODEL_TIMEOUT_S = 60.0

# Invented, identifies no one; touches every rule's lists (names, towns, dates, numbers).
_WARM_UP_TEXT = (
    "Bonjour,\nMme Exemple Test, née le 01/02/1960, vue avec sa fille Marie à Lyon (CHU de Brest), "
    "tél. 06 00 00 00 00, NIR 1 60 02 75 000 000 00. Kowalczyk refuse le bilan.\nSteph"
)


# `VIGIE_MODEL_THREAD=0` keeps the model on the calling thread (a one-core PC, or measuring with
# a single thread); by default the model gets its own thread when there are two cores or more.
ENV_MODEL_THREAD = "VIGIE_MODEL_THREAD"


def _parallel_wanted() -> bool:
    setting = os.environ.get(ENV_MODEL_THREAD, "").strip().lower()
    if setting in ("0", "false", "no", "off"):
        return False
    return (os.cpu_count() or 1) > 1


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
        parallel: bool = False,
    ) -> None:
        """`parallel`: run the model's inference on its own thread while the rules run (only
        for the ONNX model, whose inference releases the GIL); worth it with two cores or more."""
        self._rules = tuple(rules)
        self._model = model
        self._thread: ModelThread | None = None
        if parallel and model is not None and hasattr(model, "infer"):
            from guard.detect.model_thread import ModelThread

            self._thread = ModelThread(model)  # type: ignore[arg-type]
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
        return cls(rules, model, parallel=_parallel_wanted())

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
        if self._thread is not None:
            return self.analyze_many([text])[0]
        found = self._rule_findings(text)
        if self._model is not None:
            found.extend(keep_plausible(text, self._model.find(text)))
        return self._resolve(text, found)

    def analyze_many(self, texts: Sequence[str]) -> list[list[Finding]]:
        """`analyze` for several texts; with a model thread, the model reads every text while
        the rules run, so a batch costs about max(rules, model) instead of their sum."""
        if self._thread is None:
            return [self.analyze(text) for text in texts]
        model: NerModel = self._model  # type: ignore[assignment]
        futures = self._thread.submit(list(texts))
        # A failing rule raises on purpose (see `_rule_findings`); the submitted inference
        # then finishes on its own and its result is dropped.
        by_rules = [self._rule_findings(text) if text else [] for text in texts]
        out: list[list[Finding]] = []
        for text, found, fut in zip(texts, by_rules, futures):
            if not text:
                out.append([])
                continue
            inferred = self._collect(fut)
            if inferred is not None and inferred[0] is not None:
                enc, logits = inferred
                found.extend(keep_plausible(text, self._decode(model, text, enc, logits)))
            out.append(self._resolve(text, found))
        return out

    def close(self) -> None:
        """Stop the model thread, if any (the daemon calls this on shutdown)."""
        if self._thread is not None:
            self._thread.stop()

    def _rule_findings(self, text: str) -> list[Finding]:
        found: list[Finding] = []
        for recognizer in self._rules:
            # A failing rule raises on purpose: the daemon answers "error" and the extension
            # blocks or warns per policy; swallowing it here would silently allow.
            found.extend(recognizer.find(text))
        return found

    @staticmethod
    def _resolve(text: str, found: list[Finding]) -> list[Finding]:
        found = drop_placeholders(text, drop_medical_terms(text, found))
        found = extend_surnames(text, extend_coordinated(text, resolve_overlaps(found, len(text), text)))
        return lower_organisational_dates(text, found)

    # The model's failures are handled as `NerModel.find` does: logged by type, the pass goes on
    # with the rules' findings (the status stays "full": a one-off failure, not a missing model).
    @staticmethod
    def _collect(fut: Future[Inferred]) -> Inferred | None:
        try:
            return fut.result(timeout=_MODEL_TIMEOUT_S)
        except TimeoutError:
            raise  # the model thread is stuck: fail the pass visibly, never allow silently
        except Exception as exc:
            log.error("model inference failed: %s", type(exc).__name__)  # the type only, never text
            return None

    @staticmethod
    def _decode(model: NerModel, text: str, enc: Encoded, logits: list[Any]) -> list[Finding]:
        try:
            return model.decode(text, enc, logits)
        except Exception as exc:
            log.error("model decoding failed: %s", type(exc).__name__)
            return []
