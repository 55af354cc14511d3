"""`vigie run`: the daemon in a worker thread, the tray on the main thread.

Either side stops both: *Quitter* (when the policy allows it) or SIGINT/SIGTERM stop the
server then the icon; a server that ends on its own stops the icon. Without a display the
same runner keeps the daemon up headless and says so on stderr.
"""

from __future__ import annotations

import logging
import os
import signal
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from guard.tray.actions import about_text, build_report, logs_folder, open_path
from guard.tray.app import TrayApp, load_pystray
from guard.tray.menu import MenuAction
from guard.tray.state import GuardView, TrayController
from guard.tray.worker import ServerStartError, ServerThread

log = logging.getLogger(__name__)


def view_from_status(status: Any) -> GuardView:
    """Adapt `guard.server.DaemonStatus` to the tray's `GuardView`."""
    if status is None:
        return GuardView.stopped()
    counts = getattr(status, "today_counts", None) or {}
    return GuardView(
        running=bool(getattr(status, "running", True)),
        detector_mode=str(getattr(status, "detector_mode", "full")),
        detector_reason=str(getattr(status, "detector_reason", "") or ""),
        policy_errors=tuple(getattr(status, "policy_errors", ()) or ()),
        incident_problem=str(getattr(status, "incident_problem", "") or ""),
        today_counts={str(k): int(v) for k, v in dict(counts).items()},
        connections=int(getattr(status, "connections", 0) or 0),
    )


def pause_offered(policy: Any, server_supports_pause: bool = True) -> bool:
    """Whether the tray offers *Pause 15 min*: the policy allows it and the daemon can pause."""
    return bool(server_supports_pause) and bool(getattr(policy, "pause_allowed", False))


@dataclass(frozen=True, slots=True)
class RunOptions:
    headless: bool = False
    locale: str = "fr"
    refresh_s: float = 1.0
    stop_timeout_s: float = 15.0


class GuardRunner:
    """Wires a `ServerThread`, a `TrayController` and (when possible) a `TrayApp`."""

    def __init__(self, server_factory: Callable[[], Any], options: RunOptions | None = None,
                 out: Callable[[str], None] | None = None) -> None:
        self.options = options or RunOptions()
        self._out = out or (lambda msg: print(msg, file=sys.stderr, flush=True))
        self._done = threading.Event()
        self._tray_returned = threading.Event()
        self._stop_requested = threading.Event()
        self.server = ServerThread(server_factory, on_exit=self._server_exited)
        self.controller = TrayController(pause_allowed=False, quit_allowed=False,
                                         locale=self.options.locale,
                                         on_pause_change=self._pause_changed)
        self.tray: TrayApp | None = None
        self.tray_started_s: float | None = None

    # -- lifecycle -----------------------------------------------------------------------
    def run(self) -> int:
        t0 = time.monotonic()
        # Handlers first: a SIGTERM that lands while the server starts must still stop it.
        self._install_signal_handlers()
        try:
            self.server.start()
        except ServerStartError as exc:
            self._out(f"Vigie : {exc}")
            return 1
        if self._stop_requested.is_set():
            return 0 if self.server.stop(self.options.stop_timeout_s) else 1
        try:
            self._apply_policy_permissions()
            self._show_or_wait(t0)
        finally:
            # Whatever happened to the icon, the server is stopped and flushed before exit
            # (its executor threads would otherwise keep the process alive).
            stopped = self.server.stop(self.options.stop_timeout_s)
        if not stopped:
            self._out("Vigie : la garde ne s'est pas arrêtée à temps.")
            return 1
        return 1 if self.server.exit_error is not None else 0

    def _show_or_wait(self, t0: float) -> None:
        """Run the icon on this thread until stopped; headless (and said) when impossible."""
        pystray_mod, why = (None, "mode sans icône demandé") if self.options.headless else load_pystray()
        if pystray_mod is not None:
            self.controller.update(self._view())  # first paint shows the real state
            try:
                self.tray = TrayApp(self.controller, self._handlers(), pystray_module=pystray_mod,
                                    view_source=self._view, refresh_s=self.options.refresh_s)
                threading.Thread(target=self._mark_tray_ready, args=(t0,), daemon=True).start()
                self.tray.run()  # blocks until stop()
                self._tray_returned.set()
                self._done.set()
                return
            except Exception as exc:  # noqa: BLE001 - a broken tray backend must not stop the guard
                self.tray = None
                self._tray_returned.set()
                if self._stop_requested.is_set():
                    # e.g. pystray's gtk backend raising while tearing down after *Quitter*.
                    log.debug("icon failed while stopping", exc_info=True)
                    self._done.set()
                    return
                why = f"icône impossible ({type(exc).__name__})"
                log.warning("icône impossible", exc_info=True)
        self._out(f"Vigie : garde active sans icône de notification — {why}.")
        self._done.wait()

    def request_stop(self) -> None:
        """From any thread: stop the server, then the tray (or the headless wait)."""
        self._stop_requested.set()
        threading.Thread(target=self._stop_both, name="vigie-stop", daemon=True).start()

    def _stop_both(self) -> None:
        self.server.stop(self.options.stop_timeout_s)
        self._done.set()
        if self.tray is not None:
            self.tray.stop()
            self._exit_if_tray_hangs()

    def _exit_if_tray_hangs(self, grace_s: float = 5.0) -> None:
        """Last resort: the server is already down and flushed; a GUI loop stuck in Xlib
        must not keep a dead guard's icon on screen, so the process ends itself."""
        if self._tray_returned.wait(grace_s):
            return
        self._out("Vigie : l'icône ne répond plus, arrêt forcé (la garde est déjà arrêtée).")
        os._exit(1 if self.server.exit_error is not None else 0)

    def _server_exited(self, error: BaseException | None) -> None:
        if error is not None:
            self._out(f"Vigie : la garde s'est arrêtée ({type(error).__name__}).")
        self._done.set()
        if self.tray is not None:
            self.controller.update(GuardView.stopped())
            try:
                self.tray.apply(self.controller.snapshot())
            finally:
                self.tray.stop()
                self._exit_if_tray_hangs()

    def _mark_tray_ready(self, t0: float) -> None:
        if self.tray is not None and self.tray.wait_ready(30):
            self.tray_started_s = time.monotonic() - t0
            log.info("icône prête en %.3f s", self.tray_started_s)

    def _install_signal_handlers(self) -> None:
        if threading.current_thread() is not threading.main_thread():
            return

        def handler(signum: int, frame: Any) -> None:  # noqa: ARG001
            self.request_stop()

        for sig in (signal.SIGINT, signal.SIGTERM):
            try:
                signal.signal(sig, handler)
            except (ValueError, OSError):
                pass

    # -- state ---------------------------------------------------------------------------
    def _view(self) -> GuardView:
        if not self.server.alive:
            return GuardView.stopped()
        try:
            status = self.server.status()
        except Exception:  # noqa: BLE001 - a slow loop shows as stopped, then recovers
            return GuardView.stopped()
        self._apply_policy_permissions(status)
        return view_from_status(status)

    def _apply_policy_permissions(self, status: Any = None) -> None:  # noqa: ARG002
        try:
            policy, supported = self.server.call(
                lambda s: (getattr(s, "policy", None), hasattr(s, "set_paused")))
        except Exception:  # noqa: BLE001 - server busy or gone: keep the last permissions
            return
        if policy is None:
            return
        # A pause the daemon cannot honour would be a lie on screen: offer it only when the
        # server implements `set_paused(until)`.
        self.controller.set_permissions(
            pause_allowed=pause_offered(policy, supported),
            quit_allowed=bool(getattr(policy, "quit_allowed", False)))

    def _pause_changed(self, until: float | None) -> None:
        """Tell the daemon: while paused it answers `allow` and logs the pause itself.

        A refused or lost start is raised back to the controller, which then undoes the pause
        on screen; the end of a pause is best effort (the daemon ends it at `until` anyway).
        """
        try:
            self.server.call(lambda s: s.set_paused(until))
        except Exception:
            log.warning("la pause n'a pas pu être transmise à la garde")
            if until is not None:
                raise

    # -- menu ----------------------------------------------------------------------------
    def _handlers(self) -> dict[MenuAction, Callable[[], None]]:
        def report() -> None:
            path, err = build_report()
            if path is not None:
                err = open_path(path)
            if err:
                self._tell(err)

        def logs() -> None:
            err = open_path(logs_folder())
            if err:
                self._tell(err)

        def about() -> None:
            self._tell(about_text(self.options.locale))

        def pause() -> None:
            try:
                started = self.controller.pause()
            except Exception as exc:  # noqa: BLE001 - refused by the daemon: say why
                from guard.server.app import PauseRefusedError  # noqa: PLC0415

                self._tell(str(exc) if isinstance(exc, PauseRefusedError)
                           else "Pause impossible : la garde ne répond pas.")
                return
            if not started:
                self._tell("Pause impossible : la politique du cabinet ne la permet pas.")

        return {
            MenuAction.PAUSE: pause,
            MenuAction.RESUME: self.controller.resume,
            MenuAction.REPORT: report,
            MenuAction.LOGS: logs,
            MenuAction.ABOUT: about,
            MenuAction.QUIT: self.request_stop,
        }

    def _tell(self, message: str) -> None:
        if self.tray is None or not self.tray.notify(message):
            self._out(f"Vigie : {message}")
