"""Runs the asyncio daemon (`GuardServer`) in a worker thread with its own event loop.

The tray toolkit must own the main thread (macOS requires it, Xlib and Win32 prefer it),
so the server lives here. Either side can stop the other: `stop()` shuts the server down
gracefully from any thread, and `on_exit` tells the tray when the server ended by itself
(crash or shutdown) so it can quit too.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import logging
import threading
from collections.abc import Callable
from typing import Any, Protocol

log = logging.getLogger(__name__)


class ServerLike(Protocol):
    """The part of `guard.server.GuardServer` this thread relies on."""

    async def start(self) -> None: ...
    async def serve_forever(self) -> None: ...
    async def shutdown(self) -> None: ...
    def status(self) -> Any: ...


class ServerStartError(RuntimeError):
    """The daemon could not start (port taken, bad config...); message is French."""


class ServerThread:
    """Owns one server, one event loop and one thread; `stop()` is idempotent."""

    def __init__(
        self,
        factory: Callable[[], ServerLike],
        on_exit: Callable[[BaseException | None], None] | None = None,
    ) -> None:
        self._factory = factory
        self._on_exit = on_exit
        self._loop: asyncio.AbstractEventLoop | None = None
        self._server: ServerLike | None = None
        self._stop_event: asyncio.Event | None = None
        self._ready = threading.Event()
        self._start_error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="vigie-server", daemon=True)
        self.exit_error: BaseException | None = None

    # -- lifecycle -------------------------------------------------------------------------
    def start(self, timeout: float = 60.0) -> None:
        """Start the thread and block until the server listens (or raise ServerStartError)."""
        self._thread.start()
        if not self._ready.wait(timeout):
            raise ServerStartError(f"la garde n'a pas démarré en {timeout:.0f} s")
        if self._start_error is not None:
            err = self._start_error
            raise ServerStartError(f"la garde n'a pas pu démarrer : {type(err).__name__}: {err}") from err

    def stop(self, timeout: float = 10.0) -> bool:
        """Ask for a graceful shutdown and wait for the thread; True when it ended in time."""
        loop, ev = self._loop, self._stop_event
        if loop is not None and ev is not None and not loop.is_closed():
            try:
                loop.call_soon_threadsafe(ev.set)
            except RuntimeError:  # loop closed between the check and the call
                pass
        if self._thread.is_alive() and threading.current_thread() is not self._thread:
            self._thread.join(timeout)
        return not self._thread.is_alive()

    @property
    def alive(self) -> bool:
        return self._thread.is_alive()

    def join(self, timeout: float | None = None) -> None:
        self._thread.join(timeout)

    # -- queries from other threads -------------------------------------------------------
    def call(self, fn: Callable[[ServerLike], Any], timeout: float = 2.0) -> Any:
        """Run `fn(server)` on the server's loop (so it never races the loop) and return its result."""
        loop, server = self._loop, self._server
        if loop is None or server is None or loop.is_closed() or not self._thread.is_alive():
            raise RuntimeError("server not running")
        fut: concurrent.futures.Future[Any] = concurrent.futures.Future()

        def run() -> None:
            try:
                fut.set_result(fn(server))
            except BaseException as exc:  # noqa: BLE001 - handed back to the caller
                fut.set_exception(exc)

        loop.call_soon_threadsafe(run)
        return fut.result(timeout)

    def status(self, timeout: float = 2.0) -> Any:
        return self.call(lambda s: s.status(), timeout)

    # -- thread body ----------------------------------------------------------------------
    def _run(self) -> None:
        error: BaseException | None = None
        try:
            asyncio.run(self._main())
        except BaseException as exc:  # noqa: BLE001 - reported through on_exit
            error = exc
            if not self._ready.is_set():
                self._start_error = exc
            else:
                log.error("le serveur s'est arrêté sur une erreur : %s", type(exc).__name__)
        finally:
            self._ready.set()
            self.exit_error = error
            if self._on_exit is not None:
                try:
                    self._on_exit(error)
                except Exception:  # noqa: BLE001
                    log.exception("on_exit callback failed")

    async def _main(self) -> None:
        self._loop = asyncio.get_running_loop()
        self._stop_event = asyncio.Event()
        server = self._factory()
        self._server = server
        await server.start()
        self._ready.set()
        serve = asyncio.create_task(server.serve_forever(), name="vigie-serve-forever")
        stop = asyncio.create_task(self._stop_event.wait(), name="vigie-stop-wait")
        try:
            done, _ = await asyncio.wait({serve, stop}, return_when=asyncio.FIRST_COMPLETED)
        finally:
            await server.shutdown()
            for task in (serve, stop):
                if not task.done():
                    task.cancel()
            await asyncio.gather(serve, stop, return_exceptions=True)
        if serve in done and not serve.cancelled() and serve.exception() is not None:
            raise serve.exception()  # type: ignore[misc]
