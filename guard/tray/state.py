"""What the tray shows, decided without any GUI code.

The tray is how a clinician knows at a glance whether Vigie is protecting them, so the
state is derived in one pure place that tests can drive through every case: the pystray
glue (`guard.tray.app`) only paints what `TrayController.snapshot()` returns.

States, strongest signal first:
- ``stopped``  (arrêté): the daemon is not running; nothing is analysed.
- ``paused``   (en pause): the user paused protection (only when the policy allows it).
- ``degraded`` (dégradé): running, but on rules only, with a policy error, or unable to
  write the incident log. Still protecting, less well — said out loud, never silently.
- ``protected`` (protégé): everything works.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum

PAUSE_SECONDS = 15 * 60


class TrayState(StrEnum):
    PROTECTED = "protected"
    DEGRADED = "degraded"
    PAUSED = "paused"
    STOPPED = "stopped"


STATE_TEXT: dict[str, dict[TrayState, str]] = {
    "fr": {
        TrayState.PROTECTED: "Vigie : protégé",
        TrayState.DEGRADED: "Vigie : dégradé",
        TrayState.PAUSED: "Vigie : en pause",
        TrayState.STOPPED: "Vigie : arrêté",
    },
    "en": {
        TrayState.PROTECTED: "Vigie: protected",
        TrayState.DEGRADED: "Vigie: degraded",
        TrayState.PAUSED: "Vigie: paused",
        TrayState.STOPPED: "Vigie: stopped",
    },
}


@dataclass(frozen=True, slots=True)
class GuardView:
    """The daemon's health as the tray needs it (built from `DaemonStatus` or /healthz).

    Kept independent of `guard.server` so the state logic is testable without a server
    and so a tray could one day watch a daemon in another process.
    """

    running: bool
    detector_mode: str = "full"
    detector_reason: str = ""
    policy_errors: tuple[str, ...] = ()
    incident_problem: str = ""
    today_counts: Mapping[str, int] = field(default_factory=dict)
    connections: int = 0

    @classmethod
    def stopped(cls) -> GuardView:
        return cls(running=False)


@dataclass(frozen=True, slots=True)
class TraySnapshot:
    """Everything the icon, tooltip and menu need at one instant."""

    state: TrayState
    reasons: tuple[str, ...]
    today_counts: Mapping[str, int]
    paused_until: float | None
    locale: str = "fr"

    @property
    def state_text(self) -> str:
        return STATE_TEXT.get(self.locale, STATE_TEXT["fr"])[self.state]

    def tooltip(self, now: float | None = None) -> str:
        """State, first reason, and today's counts; short (some trays truncate at 64/128)."""
        fr = self.locale != "en"
        lines = [self.state_text]
        if self.state is TrayState.PAUSED and self.paused_until is not None:
            left = max(0, int(round(((self.paused_until - (now or time.time())) / 60))))
            lines.append(f"reprise dans {left} min" if fr else f"resumes in {left} min")
        elif self.reasons:
            lines.append(self.reasons[0])
        if self.state is not TrayState.STOPPED:
            counts = self.today_counts  # by outcome, plus "total" (IncidentService.today_counts)
            total = int(counts["total"]) if "total" in counts else sum(counts.values())
            blocked = int(self.today_counts.get("blocked", 0))
            if fr:
                lines.append(f"Aujourd'hui : {total} alerte(s), {blocked} envoi(s) bloqué(s)")
            else:
                lines.append(f"Today: {total} alert(s), {blocked} blocked")
        return "\n".join(lines)


def derive_state(view: GuardView, paused_until: float | None, now: float) -> tuple[TrayState, tuple[str, ...]]:
    """The state and the reasons behind it (French, never patient data)."""
    if not view.running:
        return TrayState.STOPPED, ("la garde ne tourne pas",)
    if paused_until is not None and now < paused_until:
        return TrayState.PAUSED, ()
    reasons: list[str] = []
    if view.detector_mode != "full":
        reasons.append(view.detector_reason or "détection par règles seules")
    reasons.extend(f"politique : {err}" for err in view.policy_errors)
    if view.incident_problem:
        reasons.append(f"journal des incidents : {view.incident_problem}")
    if reasons:
        return TrayState.DEGRADED, tuple(reasons)
    return TrayState.PROTECTED, ()


class TrayController:
    """The tray's state machine: daemon views in, snapshots out; owns the pause timer.

    Thread-safe because the GUI thread (menu clicks) and the refresh thread both call it.
    `on_pause_change(paused_until | None)` lets the runner tell the daemon.
    """

    def __init__(
        self,
        *,
        pause_allowed: bool,
        quit_allowed: bool,
        locale: str = "fr",
        clock: Callable[[], float] = time.time,
        on_pause_change: Callable[[float | None], None] | None = None,
    ) -> None:
        self.pause_allowed = pause_allowed
        self.quit_allowed = quit_allowed
        self.locale = locale
        self._clock = clock
        self._on_pause_change = on_pause_change
        self._lock = threading.Lock()
        self._view = GuardView.stopped()
        self._paused_until: float | None = None

    def update(self, view: GuardView) -> TraySnapshot:
        with self._lock:
            self._view = view
        return self.snapshot()

    def set_permissions(self, *, pause_allowed: bool, quit_allowed: bool) -> None:
        """A new policy may withdraw the right to pause: an active pause then ends now."""
        ended = False
        with self._lock:
            self.pause_allowed = pause_allowed
            self.quit_allowed = quit_allowed
            if not pause_allowed and self._paused_until is not None:
                self._paused_until = None
                ended = True
        if ended and self._on_pause_change:
            self._on_pause_change(None)

    def pause(self, seconds: int = PAUSE_SECONDS) -> bool:
        """Start (or restart) a pause; refused when the policy does not allow it.

        If `on_pause_change` raises (the daemon refused the pause), the pause is undone and
        the exception propagates: the icon must never say "en pause" while the daemon guards,
        nor the reverse.
        """
        with self._lock:
            if not self.pause_allowed or not self._view.running:
                return False
            previous = self._paused_until
            self._paused_until = self._clock() + seconds
            until = self._paused_until
        if self._on_pause_change:
            try:
                self._on_pause_change(until)
            except BaseException:
                with self._lock:
                    if self._paused_until == until:
                        self._paused_until = previous
                raise
        return True

    def resume(self) -> None:
        with self._lock:
            was = self._paused_until is not None
            self._paused_until = None
        if was and self._on_pause_change:
            self._on_pause_change(None)

    @property
    def paused_until(self) -> float | None:
        return self._paused_until

    def snapshot(self) -> TraySnapshot:
        now = self._clock()
        expired = False
        with self._lock:
            if self._paused_until is not None and now >= self._paused_until:
                self._paused_until = None
                expired = True
            state, reasons = derive_state(self._view, self._paused_until, now)
            snap = TraySnapshot(
                state=state,
                reasons=reasons,
                today_counts=dict(self._view.today_counts),
                paused_until=self._paused_until,
                locale=self.locale,
            )
        if expired and self._on_pause_change:
            self._on_pause_change(None)
        return snap
