"""Layered loading: defaults <- admin <- user, locks, and broken files failing safe."""

from __future__ import annotations

import json
import threading
import time
from pathlib import Path

import pytest

from guard.detect.labels import Label
from guard.policy.loader import (
    SOURCE_ADMIN, SOURCE_DEFAULT, SOURCE_USER, PolicyWatcher, check_policy_file, load_policy,
)
from guard.policy.model import Action, Policy


def write(path: Path, data: object) -> Path:
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return path


@pytest.fixture
def files(tmp_path: Path) -> tuple[Path, Path]:
    return tmp_path / "policy.json", tmp_path / "settings.json"


def assert_strictest(policy: Policy) -> None:
    assert all(rule.action is Action.BLOCK for rule in policy.labels.values())
    assert set(policy.labels) == set(Label)
    assert policy.unreachable == "block"
    assert not policy.override_allowed and not policy.pause_allowed and not policy.quit_allowed


def test_no_files_gives_defaults(files) -> None:
    loaded = load_policy(*files)
    assert loaded.ok and loaded.policy == Policy()
    assert set(loaded.sources.values()) == {SOURCE_DEFAULT}


def test_env_overrides_paths(files, monkeypatch) -> None:
    admin, user = files
    write(admin, {"unreachable": "warn"})
    monkeypatch.setenv("VIGIE_ADMIN_POLICY", str(admin))
    monkeypatch.setenv("VIGIE_USER_SETTINGS", str(user))
    assert load_policy().policy.unreachable == "warn"


def test_admin_fields_are_locked_unless_unlocked(files) -> None:
    admin, user = files
    write(admin, {"version": "2026-11", "unreachable": "warn", "allow_terms": ["Dr Dupont"],
                  "labels": {"NOM": {"action": "warn", "threshold": 0.7}},
                  "unlocked": ["allow_terms"]})
    write(user, {"unreachable": "block", "allow_terms": ["Dr Durand"], "override_allowed": False,
                 "labels": {"NOM": {"action": "allow"}, "TEL": {"action": "block"}}})
    loaded = load_policy(admin, user)
    assert loaded.ok, loaded.errors
    p = loaded.policy
    assert p.version == "2026-11"
    assert p.unreachable == "warn" and loaded.sources["unreachable"] == SOURCE_ADMIN
    assert p.allow_terms == ["Dr Durand"] and loaded.sources["allow_terms"] == SOURCE_USER
    assert p.override_allowed is False and loaded.sources["override_allowed"] == SOURCE_USER
    assert p.labels[Label.NOM].action is Action.WARN and p.labels[Label.NOM].threshold == 0.7
    assert loaded.sources["labels.NOM"] == SOURCE_ADMIN
    assert p.labels[Label.TEL].action is Action.BLOCK and loaded.sources["labels.TEL"] == SOURCE_USER
    assert p.labels[Label.SECU].action is Action.BLOCK and loaded.sources["labels.SECU"] == SOURCE_DEFAULT
    assert set(loaded.ignored) == {"unreachable", "labels.NOM"}


def test_locked_star_locks_everything(files) -> None:
    admin, user = files
    write(admin, {"locked": ["*"]})
    write(user, {"unreachable": "warn", "labels": {"NOM": {"action": "allow"}}})
    loaded = load_policy(admin, user)
    assert loaded.policy.unreachable == "block"
    assert loaded.policy.labels[Label.NOM].action is Action.BLOCK
    assert set(loaded.ignored) == {"unreachable", "labels.NOM"}


def test_locked_names_defaults_and_labels_group(files) -> None:
    admin, user = files
    write(admin, {"locked": ["sites", "labels"]})
    write(user, {"sites": ["example.org"], "labels": {"TEL": {"action": "allow"}}, "allow_terms": ["x"]})
    loaded = load_policy(admin, user)
    assert loaded.policy.sites == Policy().sites
    assert loaded.policy.labels[Label.TEL].action is Action.REDACT
    assert loaded.policy.allow_terms == ["x"]


def test_admin_only_fields_ignored_in_user_settings(files) -> None:
    admin, user = files
    write(user, {"port": 5000, "quit_allowed": True, "pause_allowed": True, "locked": [],
                 "forwarding": {"enabled": True}})
    loaded = load_policy(admin, user)
    assert loaded.ok
    assert loaded.policy == Policy()
    assert set(loaded.ignored) == {"port", "quit_allowed", "pause_allowed", "locked", "forwarding"}


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("{not json", "JSON invalide ligne 1, colonne 2"),
        ("", "JSON invalide ligne 1, colonne 1 : valeur attendue"),
        ("[]", "doit contenir un objet JSON"),
        ('{"port": 80, "port": 81}', "« port » présent deux fois"),
        ('{"unreachable": NaN}', "NaN"),
        ({"sitez": []}, "champ « sitez » : champ inconnu ; vouliez-vous dire « sites » ?"),
        ({"port": "5000"}, "champ « port » : doit être un nombre entier (reçu : « 5000 »)"),
        ({"port": 80}, "champ « port » : doit être supérieur ou égal à 1024 (reçu : 80)"),
        ({"override_allowed": "yes"}, "champ « override_allowed » : doit être true ou false"),
        ({"labels": {"NOM": {"action": "bloque"}}},
         "champ « labels.NOM.action » : valeur non autorisée (reçu : « bloque ») ; valeurs possibles : allow, warn, redact, block"),
        ({"labels": {"NOMS": {"action": "block"}}}, "champ « labels.NOMS » : valeur non autorisée"),
        ({"labels": {"NOM": {"action": "block", "threshold": 1.5}}},
         "champ « labels.NOM.threshold » : doit être inférieur ou égal à 1"),
        ({"unreachable": "allow"}, "champ « unreachable » : valeur non autorisée (reçu : « allow ») ; valeurs possibles : block, warn"),
        ({"sites": "chatgpt.com"}, "champ « sites » : doit être une liste"),
        ({"sites": ["https://chat gpt"]}, "champ « sites[0] » : « https://chat gpt » n'est pas un nom de site"),
        ({"override_reasons": [{"code": "Bad Code", "fr": "x", "en": "x"}]},
         "champ « override_reasons[0].code » : format invalide"),
        ({"override_reasons": [{"code": "aa", "fr": "x", "en": "x"}, {"code": "aa", "fr": "y", "en": "y"}]},
         "champ « override_reasons[1].code » : code « aa » en double"),
        ({"extension_ids": ["xyz"]}, "champ « extension_ids[0] » : identifiant d'extension invalide"),
        ({"locked": ["sitess"]}, "champ « locked[0] » : « sitess » n'est pas un champ"),
        ({"forwarding": {"enabled": True, "prot": 514}}, "champ « forwarding.prot » : champ inconnu ; vouliez-vous dire « port » ?"),
        ({"token": 12345}, "champ « token » : doit être une chaîne de caractères"),
    ],
)
def test_broken_admin_file_applies_strictest_with_precise_error(files, content, expected) -> None:
    admin, user = files
    write(admin, content)
    write(user, {"labels": {"NOM": {"action": "allow"}}, "unreachable": "warn"})
    loaded = load_policy(admin, user)
    assert loaded.strict_fallback
    assert_strictest(loaded.policy)
    assert any(expected in e for e in loaded.errors), loaded.errors
    assert all(str(admin) in e for e in loaded.errors[:-1])
    assert "les plus stricts" in loaded.errors[-1]
    assert check_policy_file(admin)  # the CLI check reports it too


def test_token_value_never_echoed(files) -> None:
    admin, user = files
    write(admin, {"token": "short-secret"})
    loaded = load_policy(admin, user)
    assert loaded.strict_fallback
    assert not any("short-secret" in e for e in loaded.errors)
    assert any("« token » : trop court" in e for e in loaded.errors)


def test_unreadable_admin_file_is_strict(files) -> None:
    admin, user = files
    admin.mkdir()
    loaded = load_policy(admin, user)
    assert loaded.strict_fallback and "dossier" in loaded.errors[0]
    assert_strictest(loaded.policy)


def test_invalid_utf8_is_strict(files) -> None:
    admin, user = files
    admin.write_bytes(b'{"version": "\xff"}')
    loaded = load_policy(admin, user)
    assert loaded.strict_fallback and "UTF-8" in loaded.errors[0]


def test_broken_user_settings_are_ignored_not_strict(files) -> None:
    admin, user = files
    write(admin, {"unreachable": "warn", "unlocked": ["unreachable"]})
    write(user, {"unreachable": "sometimes"})
    loaded = load_policy(admin, user)
    assert not loaded.strict_fallback
    assert loaded.policy.unreachable == "warn"
    assert any("Réglages utilisateur" in e and "« unreachable »" in e for e in loaded.errors)


def test_check_policy_file(tmp_path: Path) -> None:
    good = write(tmp_path / "good.json", {"version": "1", "sites": ["claude.ai"]})
    assert check_policy_file(good) == ()
    missing = check_policy_file(tmp_path / "nope.json")
    assert missing and "introuvable" in missing[0]


def test_watcher_applies_changes_live(files) -> None:
    admin, user = files
    write(admin, {"unreachable": "warn"})
    seen: list = []
    changed = threading.Condition()

    def on_change(loaded) -> None:
        with changed:
            seen.append(loaded)
            changed.notify_all()

    def settles_on(predicate) -> bool:
        # A write is not atomic: the watcher may first see a half-written file and apply the
        # strict fallback (the safe reading) before the complete one. Wait for the final state.
        with changed:
            return changed.wait_for(lambda: bool(seen) and predicate(seen[-1]), timeout=5)

    watcher = PolicyWatcher(admin, user, on_change, interval=0.05)
    assert watcher.current.policy.unreachable == "warn"
    watcher.start()
    try:
        time.sleep(0.1)
        write(admin, {"unreachable": "block", "version": "v2"})
        assert settles_on(lambda loaded: loaded.policy.version == "v2")
        assert seen[-1].policy.unreachable == "block"
        write(admin, "{broken")
        assert settles_on(lambda loaded: loaded.strict_fallback)
        admin.unlink()
        assert settles_on(lambda loaded: loaded.ok and loaded.policy == Policy())
    finally:
        watcher.stop()
    watcher.stop()  # idempotent


def test_watcher_ignores_touch_without_change(files) -> None:
    admin, user = files
    write(admin, {"unreachable": "warn"})
    calls: list = []
    watcher = PolicyWatcher(admin, user, calls.append, interval=10)
    write(admin, {"unreachable": "warn"})
    import os
    os.utime(admin, ns=(time.time_ns(), time.time_ns() + 10_000_000))
    assert watcher.poll() is False
    assert calls == []


def test_watcher_sees_user_settings(files) -> None:
    admin, user = files
    seen: list = []
    watcher = PolicyWatcher(admin, user, seen.append, interval=10)
    write(user, {"allow_terms": ["Dr Durand"]})
    assert watcher.poll() is True
    assert seen[-1].policy.allow_terms == ["Dr Durand"]
    assert seen[-1].sources["allow_terms"] == SOURCE_USER
    assert set(seen[-1].sources.values()) <= {SOURCE_DEFAULT, SOURCE_ADMIN, SOURCE_USER}
