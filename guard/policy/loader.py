"""Layered policy loading: built-in defaults <- administrator file <- user settings.

Locking rule (documented for administrators in docs/deployment.md by the installer team):

* every field the administrator's file sets is locked for the user, unless it is listed
  in the admin's `unlocked` list;
* fields listed in `locked` are locked even when the admin keeps the default ("*" locks
  everything);
* some fields are never the user's to change (`ADMIN_ONLY`: port, token, extension ids,
  forwarding, retention, pause/quit, versions, where the incident log lives);
* label rules lock one by one: setting `labels.NOM` locks only `labels.NOM`; `"labels"` in
  `locked`/`unlocked` covers every label.

A broken administrator file never weakens protection: the strictest policy applies (every
label blocks, unreachable guard blocks, no override, no pause, no quit), user settings are
ignored, and `errors` says which field is wrong and why, in French. A broken user settings
file is ignored (admin + defaults apply) and reported the same way. Loading never raises.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from guard import paths
from guard.detect.labels import Label
from guard.policy.errors import field_message, format_loc, reason_for
from guard.policy.model import Action, LabelRule, Policy

log = logging.getLogger(__name__)

SOURCE_DEFAULT = "défaut"
SOURCE_ADMIN = "administrateur"
SOURCE_USER = "utilisateur"

ADMIN_ONLY: frozenset[str] = frozenset({
    "version", "locked", "unlocked", "extension_ids", "port", "token", "retention_days",
    "forwarding", "pause_allowed", "quit_allowed", "incident_log",
})
FIELDS: tuple[str, ...] = tuple(Policy.model_fields)
LABEL_KEYS: tuple[str, ...] = tuple(f"labels.{label.value}" for label in Label)
MAX_FILE_BYTES = 1_000_000

_HOST_RE = re.compile(r"^(\*\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)*[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$")
_EXT_ID_RE = re.compile(r"^[a-p]{32}$")

STRICT_VERSION = "secours-strict"


@dataclass(frozen=True)
class LoadedPolicy:
    """The effective policy plus what a person needs to trust it.

    `errors` are French messages naming the file, the field and the reason; empty when
    both files are fine. `sources` maps each field (and each `labels.X`) to where its
    value came from. `ignored` lists user settings not applied because the admin locked
    them (informational, not errors). `strict_fallback` is True when a broken admin file
    forced the strictest policy.
    """

    policy: Policy
    errors: tuple[str, ...] = ()
    sources: dict[str, str] = field(default_factory=dict)
    ignored: tuple[str, ...] = ()
    strict_fallback: bool = False
    admin_path: Path | None = None
    user_path: Path | None = None

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def digest(self) -> str:
        """Short fingerprint of the effective policy, to tell two versions apart in logs."""
        return policy_digest(self.policy)


def policy_digest(policy: Policy) -> str:
    raw = policy.model_dump_json(exclude={"token"}).encode()
    return hashlib.sha256(raw).hexdigest()[:12]


def strictest_policy() -> Policy:
    """What applies when the admin file is broken: nothing can be weakened."""
    return Policy(
        version=STRICT_VERSION,
        labels={label: LabelRule(action=Action.BLOCK) for label in Label},
        unreachable="block",
        override_allowed=False,
        pause_allowed=False,
        quit_allowed=False,
        locked=["*"],
    )


# ---------------------------------------------------------------- reading + validation


@dataclass(frozen=True)
class _Parsed:
    present: bool
    data: dict[str, Any] | None  # raw JSON object, None when absent or unreadable
    model: Policy | None  # validated partial policy
    errors: tuple[str, ...]


def _reject_constant(name: str) -> Any:
    raise ValueError(f"constante {name} interdite en JSON")


def _pairs_no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise _DuplicateKey(key)
        out[key] = value
    return out


class _DuplicateKey(ValueError):
    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def parse_policy_file(path: Path, origin: str, *, admin: bool) -> _Parsed:
    """Read and validate one policy file; never raises. Absent file: present=False, no error."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return _Parsed(False, None, None, ())
    except IsADirectoryError:
        return _Parsed(True, None, None, (f"{origin} : c'est un dossier, pas un fichier",))
    except PermissionError:
        return _Parsed(True, None, None, (f"{origin} : lecture refusée (droits insuffisants)",))
    except OSError as exc:
        return _Parsed(True, None, None, (f"{origin} : illisible ({type(exc).__name__})",))
    if len(raw) > MAX_FILE_BYTES:
        return _Parsed(True, None, None, (f"{origin} : fichier trop gros (plus de {MAX_FILE_BYTES} octets)",))
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return _Parsed(True, None, None, (f"{origin} : encodage invalide à l'octet {exc.start} (UTF-8 attendu)",))
    return parse_policy_text(text, origin, admin=admin)


def parse_policy_text(text: str, origin: str, *, admin: bool) -> _Parsed:
    try:
        data = json.loads(text, object_pairs_hook=_pairs_no_duplicates, parse_constant=_reject_constant)
    except _DuplicateKey as exc:
        return _Parsed(True, None, None, (f"{origin} : champ « {exc.key} » présent deux fois",))
    except json.JSONDecodeError as exc:
        return _Parsed(True, None, None, (
            f"{origin} : JSON invalide ligne {exc.lineno}, colonne {exc.colno} : {_json_reason(exc.msg)}",))
    except ValueError as exc:
        return _Parsed(True, None, None, (f"{origin} : JSON invalide : {exc}",))
    if not isinstance(data, dict):
        return _Parsed(True, None, None, (f"{origin} : le fichier doit contenir un objet JSON {{...}}",))
    errors: list[str] = []
    model: Policy | None = None
    try:
        model = Policy.model_validate_json(json.dumps(data), strict=True)
    except ValidationError as exc:
        for err in exc.errors():
            loc = tuple(err.get("loc", ()))
            known = _known_names_for(loc)
            errors.append(field_message(origin, loc, reason_for(err, known)))
    if model is not None:
        errors.extend(_semantic_errors(model, data, origin, admin=admin))
    return _Parsed(True, data, model if not errors else None, tuple(errors))


def _json_reason(msg: str) -> str:
    table = {
        "Expecting value": "valeur attendue",
        "Expecting property name enclosed in double quotes": "nom de champ entre guillemets doubles attendu",
        "Expecting ',' delimiter": "virgule attendue",
        "Expecting ':' delimiter": "deux-points attendu",
        "Extra data": "données en trop après la fin de l'objet",
        "Unterminated string starting at": "chaîne non terminée",
        "Invalid control character at": "caractère de contrôle dans une chaîne",
    }
    return table.get(msg, msg)


def _known_names_for(loc: tuple[Any, ...]) -> tuple[str, ...]:
    if len(loc) <= 1:
        return FIELDS
    if loc[0] == "forwarding":
        from guard.policy.model import Forwarding

        return tuple(Forwarding.model_fields)
    if loc[0] == "labels":
        return ("action", "threshold")
    if loc[0] == "override_reasons":
        return ("code", "fr", "en")
    return ()


def _semantic_errors(model: Policy, data: Mapping[str, Any], origin: str, *, admin: bool) -> list[str]:
    errors: list[str] = []
    if "sites" in data:
        for i, site in enumerate(model.sites):
            if not _HOST_RE.match(site.strip().lower().rstrip(".")):
                errors.append(field_message(origin, ("sites", i),
                                            f"« {site[:60]} » n'est pas un nom de site (ex. chatgpt.com)"))
    if "override_reasons" in data:
        seen: set[str] = set()
        for i, reason in enumerate(model.override_reasons):
            if reason.code in seen:
                errors.append(field_message(origin, ("override_reasons", i, "code"),
                                            f"code « {reason.code} » en double"))
            seen.add(reason.code)
    if "extension_ids" in data:
        for i, ext in enumerate(model.extension_ids):
            if not _EXT_ID_RE.match(ext):
                errors.append(field_message(origin, ("extension_ids", i),
                                            "identifiant d'extension invalide (32 lettres de a à p)"))
    for key in ("locked", "unlocked"):
        if key not in data:
            continue
        if not admin:
            continue  # ADMIN_ONLY: reported as ignored, not as an error
        for i, name in enumerate(getattr(model, key)):
            if name == "*" or name in FIELDS or name in LABEL_KEYS:
                continue
            errors.append(field_message(origin, (key, i),
                                        f"« {name[:60]} » n'est pas un champ de la politique"))
    return errors


# ---------------------------------------------------------------- layering


def _locked_names(admin: _Parsed) -> tuple[set[str], bool]:
    """Names the user may not change, and whether everything is locked ("*")."""
    if admin.model is None or admin.data is None:
        return set(ADMIN_ONLY), False
    set_by_admin: set[str] = set()
    for key in admin.data:
        if key == "labels":
            set_by_admin.update(f"labels.{k}" for k in admin.model.labels)
        elif key not in ("locked", "unlocked"):
            set_by_admin.add(key)
    unlocked = set(admin.model.unlocked)
    if "labels" in unlocked:
        unlocked.update(LABEL_KEYS)
    locked = {n for n in set_by_admin if n not in unlocked}
    explicit = set(admin.model.locked)
    if "labels" in explicit:
        explicit.update(LABEL_KEYS)
    locked |= explicit
    locked |= ADMIN_ONLY
    return locked, "*" in explicit


def load_policy(admin_path: Path | None = None, user_path: Path | None = None) -> LoadedPolicy:
    """Build the effective policy. Never raises: errors come back in `LoadedPolicy.errors`."""
    admin_path = Path(admin_path) if admin_path is not None else paths.admin_policy_path()
    user_path = Path(user_path) if user_path is not None else paths.user_settings_path()
    try:
        return _load(admin_path, user_path)
    except Exception as exc:  # last line of defence: a bug here must not mean "allow"
        log.exception("policy loading failed")
        return LoadedPolicy(
            policy=strictest_policy(),
            errors=(f"Erreur interne au chargement de la politique ({type(exc).__name__}) : "
                    "les réglages les plus stricts s'appliquent",),
            sources=_all_sources(SOURCE_DEFAULT),
            strict_fallback=True, admin_path=admin_path, user_path=user_path,
        )


def _all_sources(value: str) -> dict[str, str]:
    sources = {name: value for name in FIELDS}
    sources.update({key: value for key in LABEL_KEYS})
    return sources


def _load(admin_path: Path, user_path: Path) -> LoadedPolicy:
    admin = parse_policy_file(admin_path, f"Politique administrateur {admin_path}", admin=True)
    if admin.errors:
        errors = admin.errors + (
            "Politique administrateur invalide : les réglages les plus stricts s'appliquent "
            "(tout identifiant bloque, envoi bloqué si la garde est injoignable, pas de "
            "contournement, pas de pause) et les réglages utilisateur sont ignorés.",)
        return LoadedPolicy(policy=strictest_policy(), errors=errors,
                            sources=_all_sources(SOURCE_DEFAULT), strict_fallback=True,
                            admin_path=admin_path, user_path=user_path)

    user = parse_policy_file(user_path, f"Réglages utilisateur {user_path}", admin=False)
    errors: list[str] = list(user.errors)
    if user.errors:
        errors.append("Réglages utilisateur invalides : ils sont ignorés.")
    sources = _all_sources(SOURCE_DEFAULT)
    values: dict[str, Any] = {}
    labels: dict[Label, LabelRule] = dict(Policy().labels)

    if admin.model is not None and admin.data is not None:
        for key in admin.data:
            if key == "labels":
                for label, rule in admin.model.labels.items():
                    labels[label] = rule
                    sources[f"labels.{label.value}"] = SOURCE_ADMIN
            else:
                values[key] = getattr(admin.model, key)
                sources[key] = SOURCE_ADMIN

    ignored: list[str] = []
    locked, lock_all = _locked_names(admin)
    if user.model is not None and user.data is not None:
        for key in user.data:
            if key == "labels":
                for label, rule in user.model.labels.items():
                    name = f"labels.{label.value}"
                    if lock_all or name in locked or "labels" in locked:
                        ignored.append(name)
                        continue
                    labels[label] = rule
                    sources[name] = SOURCE_USER
            elif lock_all or key in locked:
                ignored.append(key)
            else:
                values[key] = getattr(user.model, key)
                sources[key] = SOURCE_USER
    if any(s != SOURCE_DEFAULT for k, s in sources.items() if k.startswith("labels.")):
        sources["labels"] = SOURCE_ADMIN if any(
            s == SOURCE_ADMIN for k, s in sources.items() if k.startswith("labels.")) else SOURCE_USER
    values["labels"] = labels
    policy = Policy(**values)
    return LoadedPolicy(policy=policy, errors=tuple(errors), sources=sources,
                        ignored=tuple(ignored), admin_path=admin_path, user_path=user_path)


def check_policy_file(path: Path, *, admin: bool = True) -> tuple[str, ...]:
    """Errors for `vigie policy check FILE` (empty tuple: the file is valid)."""
    kind = "Politique administrateur" if admin else "Réglages utilisateur"
    parsed = parse_policy_file(Path(path), f"{kind} {path}", admin=admin)
    if not parsed.present:
        return (f"{kind} {path} : fichier introuvable",)
    return parsed.errors


# ---------------------------------------------------------------- live changes


def _stamp(path: Path) -> tuple[int, int, int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return (st.st_mtime_ns, st.st_size, st.st_ino)


class PolicyWatcher:
    """Polls both policy files (about once a second) and calls `on_change` with the new
    `LoadedPolicy` when the effective policy or its errors change.

    Polling rather than inotify/ReadDirectoryChangesW: one portable code path, and an
    admin tool replacing the file atomically (rename) is seen the same way as an edit.
    `on_change` runs on the watcher thread; the daemon hops back to its event loop.
    """

    def __init__(self, admin_path: Path | None, user_path: Path | None,
                 on_change: Callable[[LoadedPolicy], None], *, interval: float = 1.0) -> None:
        self._admin_path = Path(admin_path) if admin_path is not None else paths.admin_policy_path()
        self._user_path = Path(user_path) if user_path is not None else paths.user_settings_path()
        self._on_change = on_change
        self._interval = interval
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._stamps = self._current_stamps()
        self._last = load_policy(self._admin_path, self._user_path)

    @property
    def current(self) -> LoadedPolicy:
        return self._last

    def _current_stamps(self) -> tuple[object, object]:
        return (_stamp(self._admin_path), _stamp(self._user_path))

    def start(self) -> None:
        if self._thread is not None:
            return
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name="vigie-policy-watcher", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        thread, self._thread = self._thread, None
        if thread is not None and thread is not threading.current_thread():
            thread.join(timeout=5)

    def poll(self) -> bool:
        """Check once (the thread calls this); True when `on_change` was called."""
        stamps = self._current_stamps()
        if stamps == self._stamps:
            return False
        self._stamps = stamps
        loaded = load_policy(self._admin_path, self._user_path)
        if loaded.policy == self._last.policy and loaded.errors == self._last.errors:
            return False
        self._last = loaded
        try:
            self._on_change(loaded)
        except Exception:
            log.exception("policy on_change callback failed")
        return True

    def _run(self) -> None:
        while not self._stop.wait(self._interval):
            try:
                self.poll()
            except Exception:
                log.exception("policy watcher poll failed")


__all__ = [
    "ADMIN_ONLY", "LoadedPolicy", "PolicyWatcher", "SOURCE_ADMIN", "SOURCE_DEFAULT", "SOURCE_USER",
    "check_policy_file", "load_policy", "policy_digest", "strictest_policy", "format_loc",
]
