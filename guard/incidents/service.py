"""What the daemon calls: record an extension event as an incident, never raising.

The service owns the store and, when the policy enables it, the syslog forwarder. A read-only,
full or missing database must not stop detection: `record_event` then returns
`logged=False` with a French reason, `status()` says it, and the next call tries again.
"""

from __future__ import annotations

import logging
import threading
import time
import uuid
from collections import OrderedDict
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from guard import paths
from guard.incidents.record import (
    OTHER,
    PAUSE_END_CAUSES,
    IncidentRecord,
    canonical_counts,
    clean_version,
    minute_now,
)
from guard.incidents.store import IncidentStore, StoreError
from guard.incidents.syslog import SyslogForwarder
from guard.policy.loader import policy_digest
from guard.policy.model import Policy
from guard.policy.sites import matching_site, normalize_host

log = logging.getLogger(__name__)

_REOPEN_EVERY_S = 5.0
_PURGE_EVERY_S = 24 * 3600.0


@dataclass(frozen=True)
class RecordResult:
    logged: bool
    incident_id: str | None = None
    error: str | None = None


def incident_db_path(policy: Policy, data_dir: Path | None = None) -> Path:
    """Where the log lives: `data_dir` if given, else per-user or machine-wide per policy."""
    if data_dir is None:
        data_dir = paths.machine_data_dir() if policy.incident_log == "machine" else paths.user_data_dir()
    return Path(data_dir) / paths.INCIDENT_DB_FILE


def policy_version_label(policy: Policy) -> str:
    return f"{policy.version[:40]}/{policy_digest(policy)}"


def stored_site(site: str, policy: Policy) -> str:
    """The policy entry covering `site` (normalised), or "autre": never a free-form host."""
    entry = matching_site(site, policy.sites)
    return normalize_host(entry) if entry else OTHER


def stored_reason(reason: str | None, policy: Policy) -> str:
    if not reason:
        return ""
    return reason if reason in {r.code for r in policy.override_reasons} else OTHER


def record_from_event(event: Any, policy: Policy, *, extension_version: str,
                      daemon_version: str, now: datetime | None = None) -> IncidentRecord:
    """Build the row from a protocol `Event`: only closed-set values and numbers survive."""
    action = getattr(event.proposed_action, "value", str(event.proposed_action))
    return IncidentRecord(
        incident_id=str(uuid.uuid4()),
        minute=minute_now(now),
        kind="incident",
        site=stored_site(event.site, policy),
        counts=canonical_counts(dict(event.counts)),
        max_score=round(float(event.max_score), 4),
        proposed_action=str(action),
        outcome=str(event.outcome),
        reason=stored_reason(event.reason, policy),
        policy_version=policy_version_label(policy),
        extension_version=clean_version(extension_version),
        daemon_version=clean_version(daemon_version),
    )


class IncidentService:
    """Incident log + forwarding for one daemon. Thread-safe; every method is non-raising."""

    def __init__(self, policy: Policy, data_dir: Path | None = None, *,
                 forward_retry_max: float = 5.0, forward_confirm_after: float = 1.0,
                 max_db_pages: int | None = None) -> None:
        self._policy = policy
        self._explicit_dir = Path(data_dir) if data_dir is not None else None
        self._path = incident_db_path(policy, self._explicit_dir)
        self._max_pages = max_db_pages
        self._retry_max = forward_retry_max
        self._confirm_after = forward_confirm_after
        self._lock = threading.RLock()
        self._store: IncidentStore | None = None
        self._error = ""
        self._last_open_try = 0.0
        self._last_purge = 0.0
        self._recent: OrderedDict[str, str] = OrderedDict()  # event key -> incident id (resends)
        self._forwarder: SyslogForwarder | None = None
        self._closed = False
        self._open()
        self._apply_forwarding()

    @property
    def path(self) -> Path:
        return self._path

    @property
    def store(self) -> IncidentStore | None:
        return self._store

    # ---------------------------------------------------------- internals

    def _open(self) -> None:
        self._last_open_try = time.monotonic()
        try:
            self._store = IncidentStore(self._path, max_pages=self._max_pages)
            self._error = ""
        except StoreError as exc:
            self._store = None
            self._error = str(exc)
        except OSError as exc:
            self._store = None
            self._error = (f"Impossible de créer le journal des incidents ({self._path}) : "
                           f"{type(exc).__name__}.")
        if self._store is not None:
            self._maybe_purge(force=True)

    def _maybe_purge(self, *, force: bool = False) -> None:
        if self._store is None:
            return
        if not force and time.monotonic() - self._last_purge < _PURGE_EVERY_S:
            return
        self._last_purge = time.monotonic()
        try:
            self._store.purge_older_than(self._policy.retention_days)
        except StoreError as exc:
            self._error = str(exc)

    def _apply_forwarding(self) -> None:
        wanted = self._policy.forwarding
        current = self._forwarder
        if current is not None and (not wanted.enabled or current.settings != wanted or self._store is None):
            current.stop()
            self._forwarder = None
        if wanted.enabled and self._forwarder is None and self._store is not None and not self._closed:
            self._forwarder = SyslogForwarder(self._store, wanted, retry_max=self._retry_max,
                                              confirm_after=self._confirm_after)
            self._forwarder.start()

    def _ensure_store(self) -> IncidentStore | None:
        if self._store is None and time.monotonic() - self._last_open_try >= _REOPEN_EVERY_S:
            self._open()
            self._apply_forwarding()
        return self._store

    # ---------------------------------------------------------- API

    def _failed(self, exc: Exception, what: str) -> RecordResult:
        """One place turns a failed write into a visible, French, value-free error: a store
        error keeps its own message (read-only, disk full...), anything else is logged by
        type only, so no patient data can ride along in an exception's text."""
        if isinstance(exc, StoreError):
            self._error = str(exc)
        else:
            log.error("%s logging failed: %s", what, type(exc).__name__)
            self._error = f"Erreur interne du journal des incidents ({type(exc).__name__})."
        return RecordResult(logged=False, error=self._error)

    def record_event(self, event: Any, *, extension_version: str, daemon_version: str) -> RecordResult:
        try:
            with self._lock:
                # An event resent after a reconnect carries the same id: log it once. The key
                # includes outcome and site so two different events can never be merged.
                key = f"{event.id}|{event.outcome}|{event.site}"
                known = self._recent.get(key)
                if known is not None:
                    return RecordResult(logged=True, incident_id=known)
                store = self._ensure_store()
                if store is None:
                    return RecordResult(logged=False, error=self._error)
                record = record_from_event(event, self._policy, extension_version=extension_version,
                                           daemon_version=daemon_version)
                row = store.append(record, spool=self._policy.forwarding.enabled)
                self._error = ""
                self._recent[key] = row.incident_id
                while len(self._recent) > 1000:
                    self._recent.popitem(last=False)
                self._maybe_purge()
            if self._forwarder is not None:
                self._forwarder.notify()
            return RecordResult(logged=True, incident_id=row.incident_id)
        except Exception as exc:
            return self._failed(exc, "incident")

    def record_health(self, health: Any, *, extension_version: str = "", daemon_version: str = ""
                      ) -> RecordResult:
        """A guarded page the extension cannot guard: logged (not forwarded) for the admin."""
        try:
            with self._lock:
                store = self._ensure_store()
                if store is None:
                    return RecordResult(logged=False, error=self._error)
                problem = str(health.problem)
                row = store.append(IncidentRecord(
                    incident_id=str(uuid.uuid4()), minute=minute_now(), kind="health",
                    site=stored_site(health.site, self._policy),
                    outcome=problem if problem in ("no_input", "no_send_button", "adapter_error") else OTHER,
                    policy_version=policy_version_label(self._policy),
                    extension_version=clean_version(extension_version),
                    daemon_version=clean_version(daemon_version)))
                self._error = ""
            return RecordResult(logged=True, incident_id=row.incident_id)
        except Exception as exc:
            return self._failed(exc, "health")

    def record_pause(self, minutes: int | None, *, ended_by: str = "", daemon_version: str = ""
                     ) -> RecordResult:
        """A protection pause starting (`minutes` > 0, its planned length) or ending
        (`minutes` None; `ended_by` one of expired/resumed/policy/stopped).

        Pauses are allowed by the administrator's policy but remain worth auditing: the row
        (kind "pause", outcome pause_started/pause_ended) holds only the length or the cause,
        never a site, a count or any text, and is forwarded like an incident.
        """
        try:
            if minutes is not None:
                outcome = "pause_started"
                detail: dict[str, Any] = {"minutes": max(0, min(int(minutes), 24 * 60))}
            else:
                outcome = "pause_ended"
                detail = {"ended_by": ended_by if ended_by in PAUSE_END_CAUSES else OTHER}
            with self._lock:
                store = self._ensure_store()
                if store is None:
                    return RecordResult(logged=False, error=self._error)
                spool = self._policy.forwarding.enabled
                row = store.append(IncidentRecord(
                    incident_id=str(uuid.uuid4()), minute=minute_now(), kind="pause",
                    proposed_action="allow", outcome=outcome,
                    policy_version=policy_version_label(self._policy),
                    daemon_version=clean_version(daemon_version), detail=detail), spool=spool)
                self._error = ""
            if spool and self._forwarder is not None:
                self._forwarder.notify()
            return RecordResult(logged=True, incident_id=row.incident_id)
        except Exception as exc:
            return self._failed(exc, "pause")

    def today_counts(self) -> dict[str, int]:
        """Incidents since local midnight, by outcome, plus "total"."""
        store = self._store
        if store is None:
            return {"total": 0}
        local_midnight = datetime.now().astimezone().replace(hour=0, minute=0, second=0, microsecond=0)
        try:
            counts = store.count_since(minute_now(local_midnight.astimezone(timezone.utc)))
        except Exception:
            return {"total": 0}
        counts["total"] = sum(counts.values())
        return counts

    def status(self) -> str:
        """"" when all is well, else French sentences a person can act on."""
        problems = [p for p in (self._error, self._forwarder.status() if self._forwarder else "") if p]
        return " ".join(problems)

    def update_policy(self, policy: Policy) -> None:
        with self._lock:
            old = self._policy
            self._policy = policy
            if self._explicit_dir is None and old.incident_log != policy.incident_log:
                self._close_store()
                self._path = incident_db_path(policy, None)
                self._open()
        self._apply_forwarding()

    def spool_size(self) -> int:
        store = self._store
        try:
            return store.spool_size() if store is not None else 0
        except Exception:
            return 0

    def _close_store(self) -> None:
        if self._forwarder is not None:
            self._forwarder.stop()
            self._forwarder = None
        if self._store is not None:
            self._store.close()
            self._store = None

    def close(self) -> None:
        """Idempotent: stops forwarding (the spool keeps what was not sent) and closes the DB."""
        with self._lock:
            self._closed = True
            self._close_store()
