"""The analysis thread: detector passes run here, never on the event loop.

A single thread by default (a practice PC also runs the browser); with the model loaded the
detector adds its own model thread, so one pass uses at most two cores, each ONNX session
pinned to one intra-op thread. Work items are a few segments (about 3,000 characters), not whole requests, and the
queue is ordered by a virtual deadline — arrival time plus a cost proportional to the
request's size — so a 200,000-character paste is processed in slices while a colleague's
1,000-character request that arrives meanwhile jumps ahead, yet the paste is never starved.
"""

from __future__ import annotations

import itertools
import logging
import queue
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future

from guard.detect.finding import Finding

log = logging.getLogger("vigie.server")

# Seconds of "virtual deadline" granted per character of a request.
COST_PER_CHAR_S = 1e-6

_STOP = object()


class AnalysisWorker:
    """Runs `analyze(texts)` (one findings list per text) on a pool of `threads` threads,
    earliest virtual deadline first."""

    def __init__(self, analyze: Callable[[list[str]], list[list[Finding]]], threads: int = 1) -> None:
        self._analyze = analyze
        self._queue: queue.PriorityQueue[tuple[float, int, object, Future | None]] = (
            queue.PriorityQueue())
        self._seq = itertools.count()
        self._threads = [
            threading.Thread(target=self._run, name=f"vigie-analysis-{i}", daemon=True)
            for i in range(max(1, threads))
        ]
        self._started = False
        self._stopped = False
        self.busy_seconds = 0.0

    def start(self) -> None:
        if not self._started:
            self._started = True
            for t in self._threads:
                t.start()

    @staticmethod
    def deadline(request_chars: int) -> float:
        return time.monotonic() + request_chars * COST_PER_CHAR_S

    def submit(self, deadline: float, texts: list[str]) -> Future[list[list[Finding]]]:
        """Analyse `texts` one after the other as one work item; one result list per text."""
        if self._stopped:
            raise RuntimeError("analysis worker stopped")
        fut: Future[list[list[Finding]]] = Future()
        self._queue.put((deadline, next(self._seq), texts, fut))
        return fut

    def pending(self) -> int:
        return self._queue.qsize()

    def stop(self, timeout: float = 10.0) -> None:
        """Finish what is queued, then stop the threads (idempotent)."""
        if self._stopped:
            return
        self._stopped = True
        for _ in self._threads:
            self._queue.put((float("inf"), next(self._seq), _STOP, None))
        if self._started:
            for t in self._threads:
                t.join(timeout)

    def _run(self) -> None:
        while True:
            _, _, texts, fut = self._queue.get()
            if texts is _STOP or fut is None:
                return
            if not fut.set_running_or_notify_cancel():
                continue
            t0 = time.perf_counter()
            try:
                result = self._analyze(texts)  # type: ignore[arg-type]
            except BaseException as exc:  # noqa: BLE001 — reported to the request, never swallowed
                # Only the type: a message could quote the text.
                log.error("échec de l'analyse : %s", type(exc).__name__)
                fut.set_exception(AnalysisFailed(type(exc).__name__))
            else:
                fut.set_result(result)
            finally:
                self.busy_seconds += time.perf_counter() - t0


class AnalysisFailed(Exception):
    """The detector raised; carries only the exception type name, never text."""
