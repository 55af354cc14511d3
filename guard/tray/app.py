"""The pystray glue: paints `TraySnapshot`s and routes menu clicks. No decisions here.

`pystray` is imported lazily because importing it raises without a display; callers use
`load_pystray()` to learn whether a tray is possible and fall back to headless.

Stopping: on Xlib, `Icon.stop()` from another thread sometimes leaves `run()` blocked
(measured about one time in four), and closing the shared display connection from another
thread can itself strand the loop in Xlib's reply lock. `TrayApp.stop()` instead destroys
the icon window through a separate X connection when `run()` has not returned within a
second; the loop then ends on its own DestroyNotify.
"""

from __future__ import annotations

import logging
import os
import queue
import sys
import threading
import time
from collections.abc import Callable, Mapping
from types import ModuleType
from typing import Any

from guard.tray.icons import draw_icon
from guard.tray.menu import MenuAction, MenuEntry, build_menu
from guard.tray.state import TrayController, TraySnapshot

log = logging.getLogger(__name__)

STOP_XLIB_WAIT_S = 5.0
_WAKE_ATOM = "_VIGIE_TRAY_WAKE"
# pystray (xorg) names its cross-thread dispatch atoms after the method: `_stop`.
_PYSTRAY_STOP_ATOM = "_PYSTRAY__STOP"


def display_available() -> bool:
    """Whether a graphical session is plausible (Windows and macOS always have one)."""
    if sys.platform in ("win32", "darwin"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def load_pystray() -> tuple[ModuleType | None, str]:
    """Import pystray, or explain (in French) why there will be no tray."""
    if not display_available():
        return None, "aucun affichage (DISPLAY/WAYLAND_DISPLAY absents)"
    try:
        import pystray  # noqa: PLC0415 - lazy on purpose, raises without a display
    except Exception as exc:  # noqa: BLE001 - Xlib raises many kinds of errors
        return None, f"icône impossible ({type(exc).__name__}: {exc})"
    return pystray, ""


class _ClosedDisplay:
    """Stands in for a closed Xlib display so late finalisers have nothing to do."""

    def close(self) -> None:
        return None

    def flush(self) -> None:
        return None


class TrayApp:
    """One pystray icon driven by a `TrayController`; refreshed from a poll thread."""

    def __init__(
        self,
        controller: TrayController,
        handlers: Mapping[MenuAction, Callable[[], None]],
        *,
        pystray_module: ModuleType,
        view_source: Callable[[], Any] | None = None,
        refresh_s: float = 1.0,
        icon_size: int = 64,
    ) -> None:
        self._controller = controller
        self._handlers = dict(handlers)
        self._pystray = pystray_module
        self._view_source = view_source
        self._refresh_s = refresh_s
        self._icon_size = icon_size
        self._icon: Any = None
        self._run_thread: threading.Thread | None = None
        self._shown = threading.Event()
        self._gui_queue: queue.Queue[Callable[[], None]] = queue.Queue()
        self._wake_atom: int | None = None
        self.stop_escalations = 0  # how often stop() needed more than its first step
        self._last: tuple[Any, ...] | None = None
        self._stopping = threading.Event()
        self._returned = threading.Event()
        self._ready = threading.Event()
        self._lock = threading.Lock()
        self.snapshot: TraySnapshot = controller.snapshot()

    # -- public ---------------------------------------------------------------------------
    def run(self) -> None:
        """Block on the calling (main) thread until `stop()`."""
        ps = self._pystray
        self._run_thread = threading.current_thread()
        snap = self._controller.snapshot()
        self._icon = ps.Icon(
            "vigie",
            icon=draw_icon(snap.state, self._icon_size),
            title=snap.tooltip(),
            menu=ps.Menu(lambda: self._menu_items()),
        )
        self.snapshot = snap
        poller = threading.Thread(target=self._poll, name="vigie-tray-refresh", daemon=True)
        self._hook_xorg(self._icon)

        def setup(icon: Any) -> None:
            def show() -> None:
                icon.visible = True
                self._shown.set()

            self._in_gui_thread(show)
            self._ready.set()
            poller.start()
            if self._stopping.is_set():  # stop() raced run(): honour it now
                if getattr(icon, "_window", None) is not None:
                    self._post_client_message(icon, _PYSTRAY_STOP_ATOM)
                else:
                    self._safe_icon_stop(icon)

        try:
            self._icon.run(setup=setup)
        finally:
            self._stopping.set()
            self._release_display(self._icon)
            self._returned.set()

    @staticmethod
    def _release_display(icon: Any) -> None:
        """Close the Xlib connection now, on the GUI thread, and leave a no-op in its place.

        Otherwise pystray's `Icon.__del__` closes it whenever the garbage collector runs, in
        whatever thread, often after the X server is gone; the exception it then raises
        inside a finaliser is printed and has corrupted CPython 3.11's compiler state
        ("AST constructor recursion depth mismatch") when it fired during an import.
        """
        display = getattr(icon, "_display", None)
        if display is None:
            return
        try:
            display.close()
        except Exception:  # noqa: BLE001 - connection already broken
            pass
        icon._display = _ClosedDisplay()  # noqa: SLF001
        icon._running = False  # noqa: SLF001 - the loop has ended; nothing left to stop

    def wait_ready(self, timeout: float) -> bool:
        return self._ready.wait(timeout)

    def stop(self) -> None:
        """Stop the icon from any thread; idempotent; unblocks a stuck Xlib loop.

        On Xlib, destroys the icon's window through a *separate* X connection (the loop ends
        on its DestroyNotify; no Xlib connection is used from two threads); elsewhere, or if
        that fails, pystray's own stop; last, shuts the backend's socket down.
        """
        self._stopping.set()
        icon = self._icon
        if icon is None or self._returned.is_set():
            return
        if threading.current_thread() is self._run_thread:
            # Called from a menu callback on the GUI thread: run() returns on its own.
            icon.stop()
            return
        if getattr(icon, "_window", None) is not None:
            # Xlib backend: pystray's cross-thread stop() uses the shared connection from this
            # thread, and destroying the window from outside races the loop's own requests;
            # both have stranded the loop in Xlib's reply lock. Instead, post pystray's own
            # stop message through a separate connection: the GUI thread then stops itself.
            self._shown.wait(2.0)
            self._post_client_message(icon, _PYSTRAY_STOP_ATOM)
            if self._returned.wait(STOP_XLIB_WAIT_S):
                return
            self.stop_escalations += 1
            self._destroy_window_externally(icon)
            if self._returned.wait(2.0):
                return
        else:
            # Other backends: pystray's own stop, which their toolkits make thread-safe.
            threading.Thread(target=self._safe_icon_stop, args=(icon,), daemon=True).start()
            if self._returned.wait(STOP_XLIB_WAIT_S):
                return
        log.warning("la boucle de l'icône ne répond pas : fermeture forcée de la connexion X")
        self._shutdown_socket(icon)
        self._returned.wait(2.0)

    @staticmethod
    def _safe_icon_stop(icon: Any) -> None:
        try:
            icon.stop()
        except Exception:  # noqa: BLE001 - already stopped / display gone
            log.debug("icon.stop failed", exc_info=True)

    @staticmethod
    def _destroy_window_externally(icon: Any) -> None:
        window = getattr(icon, "_window", None)
        if window is None:
            return  # not the xorg backend
        try:
            from Xlib import display as xdisplay  # noqa: PLC0415

            other = xdisplay.Display()
            try:
                other.create_resource_object("window", window.id).destroy()
                other.sync()
            finally:
                other.close()
        except Exception:  # noqa: BLE001 - window already gone
            log.debug("external destroy failed", exc_info=True)

    @staticmethod
    def _shutdown_socket(icon: Any) -> None:
        display = getattr(icon, "_display", None)
        sock = getattr(getattr(display, "display", None), "socket", None)
        if sock is None:
            return
        try:
            import socket  # noqa: PLC0415

            sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass

    def refresh(self) -> TraySnapshot:
        """Pull a fresh view (if a source is set), repaint when something visible changed."""
        if self._view_source is not None:
            view = self._view_source()
            snap = self._controller.update(view)
        else:
            snap = self._controller.snapshot()
        self.apply(snap)
        return snap

    def apply(self, snap: TraySnapshot) -> None:
        icon = self._icon
        self.snapshot = snap
        if icon is None or self._stopping.is_set():
            return
        tooltip = snap.tooltip()
        key = (snap.state, tooltip, self._controller.pause_allowed, self._controller.quit_allowed)
        with self._lock:
            if key == self._last:
                return
            changed_state = self._last is None or self._last[0] != snap.state
            self._last = key
        image = draw_icon(snap.state, self._icon_size) if changed_state else None

        def paint() -> None:
            if image is not None:
                icon.icon = image
            icon.title = tooltip
            try:
                icon.update_menu()
            except Exception:  # noqa: BLE001 - backends without menus
                pass

        self._in_gui_thread(paint)

    # -- Xlib: run GUI work on the GUI thread ----------------------------------------------
    def _hook_xorg(self, icon: Any) -> None:
        """Let other threads queue work for the Xlib loop (see `_in_gui_thread`)."""
        handlers = getattr(icon, "_message_handlers", None)
        if handlers is None:
            return
        from Xlib import X  # noqa: PLC0415

        self._wake_atom = icon._display.intern_atom(_WAKE_ATOM)  # noqa: SLF001
        original = handlers.get(X.ClientMessage)

        def on_client_message(event: Any) -> None:
            if event.client_type == self._wake_atom:
                self._drain_gui_queue()
            elif original is not None:
                original(event)

        handlers[X.ClientMessage] = on_client_message

    def _drain_gui_queue(self) -> None:
        while True:
            try:
                fn = self._gui_queue.get_nowait()
            except queue.Empty:
                return
            try:
                fn()
            except Exception:  # noqa: BLE001
                log.exception("tray update failed")

    def _in_gui_thread(self, fn: Callable[[], None]) -> None:
        """Run `fn` on the GUI thread.

        pystray's own cross-thread calls on Xlib flush the shared connection from the calling
        thread, which can deadlock the GUI thread in Xlib's reply lock (seen here about once
        in 30 updates under load). Instead the work is queued and the loop is woken by a
        ClientMessage sent through a separate, short-lived X connection.
        """
        icon = self._icon
        if self._wake_atom is None or icon is None or threading.current_thread() is self._run_thread:
            fn()
            return
        self._gui_queue.put(fn)
        self._post_client_message(icon, _WAKE_ATOM)

    @staticmethod
    def _post_client_message(icon: Any, atom_name: str) -> None:
        """Send a ClientMessage to the icon window through a separate, short-lived connection."""
        try:
            from Xlib import display as xdisplay  # noqa: PLC0415
            from Xlib.protocol import event as xevent  # noqa: PLC0415

            other = xdisplay.Display()
            try:
                window = other.create_resource_object("window", icon._window.id)  # noqa: SLF001
                message = xevent.ClientMessage(window=window, client_type=other.intern_atom(atom_name),
                                               data=(32, [0, 0, 0, 0, 0]))
                other.send_event(window, message, event_mask=0)
                other.flush()
            finally:
                other.close()
        except Exception:  # noqa: BLE001 - display gone: the loop is ending anyway
            log.warning("message à l'icône impossible (%s)", atom_name, exc_info=True)

    # -- internals ------------------------------------------------------------------------
    def _poll(self) -> None:
        while not self._stopping.wait(self._refresh_s):
            if not self._gui_queue.empty() and self._icon is not None:
                self._post_client_message(self._icon, _WAKE_ATOM)  # a lost wake-up: retry
            try:
                self.refresh()
            except Exception:  # noqa: BLE001 - never let the refresher die silently
                log.exception("tray refresh failed")

    def _menu_items(self) -> list[Any]:
        ps = self._pystray
        entries = build_menu(
            self._controller.snapshot(),
            pause_allowed=self._controller.pause_allowed,
            quit_allowed=self._controller.quit_allowed,
        )
        return [self._item(ps, e) for e in entries]

    def _item(self, ps: ModuleType, entry: MenuEntry) -> Any:
        handler = self._handlers.get(entry.action)

        def clicked(icon: Any, item: Any) -> None:
            if handler is None:
                return
            try:
                handler()
            except Exception:  # noqa: BLE001 - one failed action must not kill the tray
                log.exception("menu action %s failed", entry.action)
            self.refresh()

        return ps.MenuItem(
            entry.text,
            clicked,
            enabled=entry.enabled and handler is not None,
            default=entry.action is MenuAction.REPORT,
        )

    def notify(self, message: str, title: str = "Vigie") -> bool:
        icon = self._icon
        if icon is None or not getattr(icon, "HAS_NOTIFICATION", False):
            return False
        try:
            icon.notify(message, title)
            return True
        except Exception:  # noqa: BLE001
            return False


def wait_until(pred: Callable[[], bool], timeout: float, step: float = 0.05) -> bool:
    """Small helper shared by the runner and tests."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if pred():
            return True
        time.sleep(step)
    return pred()
