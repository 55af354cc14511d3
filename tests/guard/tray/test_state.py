import pytest

from guard.tray.state import PAUSE_SECONDS, GuardView, TrayController, TrayState, derive_state


class Clock:
    def __init__(self) -> None:
        self.now = 1_000_000.0

    def __call__(self) -> float:
        return self.now


def test_each_state_and_its_reasons() -> None:
    assert derive_state(GuardView.stopped(), None, 0)[0] is TrayState.STOPPED
    assert derive_state(GuardView(running=True), None, 0) == (TrayState.PROTECTED, ())
    state, reasons = derive_state(GuardView(running=True, detector_mode="rules-only",
                                            detector_reason="modèle absent"), None, 0)
    assert state is TrayState.DEGRADED and reasons == ("modèle absent",)
    state, reasons = derive_state(GuardView(running=True, policy_errors=("port : trop petit",)), None, 0)
    assert state is TrayState.DEGRADED and "port : trop petit" in reasons[0]
    state, reasons = derive_state(GuardView(running=True, incident_problem="disque plein"), None, 0)
    assert state is TrayState.DEGRADED and "disque plein" in reasons[0]
    # A pause outranks degraded, a stopped daemon outranks a pause.
    assert derive_state(GuardView(running=True, incident_problem="x"), 10, 5)[0] is TrayState.PAUSED
    assert derive_state(GuardView.stopped(), 10, 5)[0] is TrayState.STOPPED


def test_pause_refused_unless_policy_allows_it() -> None:
    ctl = TrayController(pause_allowed=False, quit_allowed=False, clock=Clock())
    ctl.update(GuardView(running=True))
    assert ctl.pause() is False
    assert ctl.snapshot().state is TrayState.PROTECTED


def test_pause_expires_after_15_minutes_and_notifies() -> None:
    clock = Clock()
    changes: list[float | None] = []
    ctl = TrayController(pause_allowed=True, quit_allowed=False, clock=clock, on_pause_change=changes.append)
    ctl.update(GuardView(running=True))
    assert ctl.pause() is True
    snap = ctl.snapshot()
    assert snap.state is TrayState.PAUSED
    assert "15 min" in snap.tooltip(clock.now)
    clock.now += PAUSE_SECONDS - 1
    assert ctl.snapshot().state is TrayState.PAUSED
    clock.now += 2
    assert ctl.snapshot().state is TrayState.PROTECTED
    assert changes == [1_000_000.0 + PAUSE_SECONDS, None]


def test_policy_withdrawing_pause_ends_it_now() -> None:
    changes: list[float | None] = []
    ctl = TrayController(pause_allowed=True, quit_allowed=False, clock=Clock(), on_pause_change=changes.append)
    ctl.update(GuardView(running=True))
    ctl.pause()
    ctl.set_permissions(pause_allowed=False, quit_allowed=False)
    assert ctl.snapshot().state is TrayState.PROTECTED
    assert changes[-1] is None


def test_tooltip_has_state_and_today_counts_in_both_languages() -> None:
    view = GuardView(running=True, today_counts={"blocked": 2, "warned_sent": 3})
    fr = TrayController(pause_allowed=False, quit_allowed=False).update(view).tooltip()
    assert fr.splitlines()[0] == "Vigie : protégé"
    assert "5 alerte(s)" in fr and "2 envoi(s) bloqué(s)" in fr
    en = TrayController(pause_allowed=False, quit_allowed=False, locale="en").update(view).tooltip()
    assert en.startswith("Vigie: protected") and "Today: 5" in en
    with_total = GuardView(running=True, today_counts={"blocked": 2, "warned_sent": 3, "total": 5})
    assert "5 alerte(s)" in TrayController(pause_allowed=False, quit_allowed=False).update(with_total).tooltip()
    stopped = TrayController(pause_allowed=False, quit_allowed=False).update(GuardView.stopped()).tooltip()
    assert stopped.startswith("Vigie : arrêté") and "Aujourd'hui" not in stopped


def test_pause_refused_by_the_daemon_is_undone_on_screen() -> None:
    class Refused(RuntimeError):
        pass

    def refuse(until: float | None) -> None:
        if until is not None:
            raise Refused("Pause refusée")

    ctl = TrayController(pause_allowed=True, quit_allowed=False, clock=Clock(), on_pause_change=refuse)
    ctl.update(GuardView(running=True))
    with pytest.raises(Refused):
        ctl.pause()
    assert ctl.paused_until is None and ctl.snapshot().state is TrayState.PROTECTED
