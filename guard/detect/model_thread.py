"""The model's inference on its own thread, so that the rules run at the same time.

Why: a detector pass is two halves of about the same cost — the rules (pure Python, they hold
the GIL) and the ONNX model (onnxruntime releases the GIL while it computes). Run one after
the other they add up; run side by side on two cores a pass costs about the larger of the two.
The caller hands the texts to this thread, which tokenizes them (`tokenizers` releases the GIL
too) and runs the model; meanwhile the caller runs the rules, then collects the logits and
decodes them itself.

GIL hand-offs are the cost to watch: this thread needs the GIL for a few microseconds between
two native calls, while the rules hold it. The process's switch interval is lowered to
`SWITCH_INTERVAL_S` so that the thread gets it back within a fraction of a millisecond rather
than 5 ms (Python's default), which would serialise the two halves again.

A pass never waits forever: the detector waits a bounded time for the result and then fails
visibly (the daemon answers an error), never "allow".
"""

from __future__ import annotations

import logging
import queue
import sys
import threading
from concurrent.futures import Future

import numpy as np

from guard.detect.model import Encoded, NerModel

log = logging.getLogger(__name__)

SWITCH_INTERVAL_S = 0.0005

# For one text: its tokens (None when it has none) and one logits array per window.
Inferred = tuple[Encoded | None, list[np.ndarray]]
_Queue = queue.SimpleQueue[tuple[list[str], list[Future[Inferred]]] | None]


class ModelThread:
    """One daemon thread running `NerModel.infer` for queued texts, in submission order."""

    def __init__(self, model: NerModel) -> None:
        self._model = model
        self._lock = threading.Lock()
        # Each thread has its own queue: after `stop`, a new submission starts a fresh thread
        # and can never land behind the old one's stop sentinel.
        self._queue: _Queue | None = None

    def _current_queue(self) -> _Queue:
        with self._lock:
            if self._queue is None:
                if sys.getswitchinterval() > SWITCH_INTERVAL_S:
                    sys.setswitchinterval(SWITCH_INTERVAL_S)
                self._queue = queue.SimpleQueue()
                threading.Thread(target=self._loop, args=(self._queue,), name="vigie-model",
                                 daemon=True).start()
            return self._queue

    def submit(self, texts: list[str]) -> list[Future[Inferred]]:
        """Queue several texts as one item; one future per text, each resolved as soon as its
        text is done, so the caller can decode the first while the model reads the next."""
        futures: list[Future[Inferred]] = [Future() for _ in texts]
        self._current_queue().put((texts, futures))
        return futures

    def stop(self) -> None:
        """Let the thread finish what is queued and exit (idempotent; `submit` restarts one)."""
        with self._lock:
            if self._queue is not None:
                self._queue.put(None)
                self._queue = None

    def _loop(self, q: _Queue) -> None:
        while True:
            item = q.get()
            if item is None:
                return
            texts, futures = item
            for text, fut in zip(texts, futures):
                if not fut.set_running_or_notify_cancel():
                    continue
                try:
                    enc = self._model.encode(text) if text else None
                    fut.set_result((enc, self._model.infer(enc) if enc is not None else []))
                except BaseException as exc:  # noqa: BLE001 — handed to the caller, which decides
                    fut.set_exception(exc)
