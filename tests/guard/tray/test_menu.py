from guard.tray.menu import MenuAction, build_menu
from guard.tray.state import GuardView, TrayController


def _menu(view: GuardView, *, pause: bool, quit_: bool, paused: bool = False):
    ctl = TrayController(pause_allowed=pause, quit_allowed=quit_)
    ctl.update(view)
    if paused:
        assert ctl.pause()
    return build_menu(ctl.snapshot(), pause_allowed=pause, quit_allowed=quit_)


def test_locked_down_policy_hides_pause_and_quit() -> None:
    entries = _menu(GuardView(running=True), pause=False, quit_=False)
    actions = [e.action for e in entries]
    assert actions == [MenuAction.STATE, MenuAction.REPORT, MenuAction.LOGS, MenuAction.ABOUT]
    assert entries[0].text == "Vigie : protégé" and not entries[0].enabled


def test_permissive_policy_shows_pause_then_resume_and_quit() -> None:
    entries = _menu(GuardView(running=True), pause=True, quit_=True)
    assert [e.text for e in entries][1] == "Pause 15 min"
    assert entries[-1].action is MenuAction.QUIT and entries[-1].text == "Quitter"
    paused = _menu(GuardView(running=True), pause=True, quit_=True, paused=True)
    assert paused[0].text == "Vigie : en pause"
    assert paused[1].action is MenuAction.RESUME


def test_pause_disabled_while_stopped() -> None:
    entries = _menu(GuardView.stopped(), pause=True, quit_=False)
    pause = next(e for e in entries if e.action is MenuAction.PAUSE)
    assert not pause.enabled


def test_pause_entry_follows_the_policy_field() -> None:
    from guard.policy.model import Policy
    from guard.tray.runner import pause_offered

    for allowed in (False, True):
        offered = pause_offered(Policy(pause_allowed=allowed))
        assert offered is allowed
        entries = _menu(GuardView(running=True), pause=offered, quit_=False)
        assert (MenuAction.PAUSE in [e.action for e in entries]) is allowed
    # A daemon that cannot pause never gets the entry, whatever the policy says.
    assert pause_offered(Policy(pause_allowed=True), server_supports_pause=False) is False
