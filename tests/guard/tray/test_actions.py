"""The tray's menu actions that run outside the tray (report, logs folder, about)."""

from __future__ import annotations

from pathlib import Path

import pytest

from guard.tray.actions import about_text, build_report, logs_folder


@pytest.mark.timeout(90)
def test_incident_report_is_built_by_the_incidents_command(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VIGIE_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("VIGIE_ADMIN_POLICY", str(tmp_path / "admin.json"))
    monkeypatch.setenv("VIGIE_USER_SETTINGS", str(tmp_path / "user.json"))
    path, err = build_report(tmp_path / "out")
    assert err == "" and path is not None
    html = path.read_text(encoding="utf-8")
    assert "<html" in html.lower()


def test_logs_folder_is_the_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VIGIE_DATA_DIR", str(tmp_path / "journaux"))
    assert logs_folder() == tmp_path / "journaux" and (tmp_path / "journaux").is_dir()


def test_about_says_nothing_leaves_the_pc_in_both_languages() -> None:
    assert "ne quitte cet ordinateur" in about_text("fr")
    assert "leaves this computer" in about_text("en")
