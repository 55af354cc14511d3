"""The incident database: SQLite (stdlib), WAL, versioned schema, hash-chained rows.

Each write is one `BEGIN IMMEDIATE` transaction that reads the chain head, appends the row
(and its forwarding spool entry) and commits, so several processes can share the file and a
crash (even `kill -9`) leaves either the whole row or nothing. WAL with synchronous=NORMAL
is durable against process crashes, which is what matters on a workstation.

Retention purge deletes the oldest rows and appends a chained "purge" anchor that records
the last purged sequence number and hash, so `verify` still proves the remaining chain is
intact and knows exactly which rows were removed on purpose.
"""

from __future__ import annotations

import json
import os
import sqlite3
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from guard.incidents.record import GENESIS_HASH, IncidentRecord, minute_now

SCHEMA_VERSION = 2

_COLUMNS = (
    "seq", "incident_id", "kind", "minute", "site", "counts", "max_score", "proposed_action",
    "outcome", "reason", "policy_version", "extension_version", "daemon_version", "detail",
    "prev_hash", "hash",
)


def _migrate_v1(db: sqlite3.Connection) -> None:
    db.execute(
        """CREATE TABLE incidents (
            seq INTEGER PRIMARY KEY,
            incident_id TEXT NOT NULL UNIQUE,
            kind TEXT NOT NULL,
            minute TEXT NOT NULL,
            site TEXT NOT NULL,
            counts TEXT NOT NULL,
            max_score REAL NOT NULL,
            proposed_action TEXT NOT NULL,
            outcome TEXT NOT NULL,
            reason TEXT NOT NULL,
            policy_version TEXT NOT NULL,
            extension_version TEXT NOT NULL,
            daemon_version TEXT NOT NULL,
            detail TEXT NOT NULL,
            prev_hash TEXT NOT NULL,
            hash TEXT NOT NULL
        )"""
    )
    db.execute("CREATE INDEX incidents_minute ON incidents(minute)")
    db.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")


def _migrate_v2(db: sqlite3.Connection) -> None:
    # Forwarding spool: rows waiting for the syslog collector (at-least-once delivery).
    db.execute(
        """CREATE TABLE spool (
            incident_id TEXT PRIMARY KEY,
            seq INTEGER NOT NULL,
            payload TEXT NOT NULL,
            attempts INTEGER NOT NULL DEFAULT 0
        )"""
    )


MIGRATIONS: tuple[Callable[[sqlite3.Connection], None], ...] = (_migrate_v1, _migrate_v2)


class StoreError(Exception):
    """A database problem, with a French message a person can act on (never patient data)."""


def _read_only_location(path: Path) -> bool:
    """True when the folder or the file cannot be written (read-only mount or rights)."""
    try:
        if path.exists() and not os.access(path, os.W_OK):
            return True
        return path.parent.exists() and not os.access(path.parent, os.W_OK)
    except OSError:
        return False


def describe_sqlite_error(exc: BaseException, path: Path) -> str:
    text = str(exc).lower()
    code = getattr(exc, "sqlite_errorname", "") or ""
    if ("readonly" in text or "read-only" in text or code.startswith("SQLITE_READONLY")
            or (("unable to open" in text or "disk i/o" in text) and _read_only_location(path))):
        return (f"Journal des incidents en lecture seule ({path}) : "
                "les incidents ne sont pas enregistrés.")
    if "full" in text or code == "SQLITE_FULL" or getattr(exc, "errno", None) == 28:
        return (f"Disque plein pour le journal des incidents ({path}) : "
                "les incidents ne sont pas enregistrés.")
    if "locked" in text or "busy" in text:
        return f"Journal des incidents occupé par un autre programme ({path}) : réessai plus tard."
    if "unable to open" in text or isinstance(exc, PermissionError):
        return f"Impossible d'ouvrir le journal des incidents ({path}) : droits ou dossier manquants."
    if "malformed" in text or "not a database" in text:
        return f"Journal des incidents endommagé ({path}) : à faire examiner par l'administrateur."
    return f"Erreur du journal des incidents ({path}) : {type(exc).__name__}."


def _row_to_record(row: sqlite3.Row | tuple[Any, ...]) -> IncidentRecord:
    values = dict(zip(_COLUMNS, row))
    return IncidentRecord(
        seq=values["seq"], incident_id=values["incident_id"], kind=values["kind"],
        minute=values["minute"], site=values["site"], counts=json.loads(values["counts"]),
        max_score=float(values["max_score"]), proposed_action=values["proposed_action"],
        outcome=values["outcome"], reason=values["reason"],
        policy_version=values["policy_version"], extension_version=values["extension_version"],
        daemon_version=values["daemon_version"], detail=json.loads(values["detail"]),
        prev_hash=values["prev_hash"], hash=values["hash"],
    )


@dataclass(frozen=True)
class VerifyReport:
    ok: bool
    rows: int
    purged_through: int
    problems: tuple[str, ...]


class IncidentStore:
    """Owns one SQLite connection to the incident database (thread-safe via a lock)."""

    def __init__(self, path: Path, *, create: bool = True, max_pages: int | None = None,
                 read_only: bool = False) -> None:
        """`read_only` is for the CLI's verify/export/report: a DPO may read a machine-wide
        log without the right to write it; no migration or mode change is attempted."""
        self.path = Path(path)
        self._lock = threading.RLock()
        if create and not read_only:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        elif not self.path.exists():
            raise StoreError(f"Journal des incidents introuvable : {self.path}")
        try:
            if read_only:
                self._db = sqlite3.connect(f"{self.path.resolve().as_uri()}?mode=ro", uri=True,
                                           timeout=10.0, isolation_level=None, check_same_thread=False)
            else:
                self._db = sqlite3.connect(str(self.path), timeout=10.0, isolation_level=None,
                                           check_same_thread=False)
        except sqlite3.Error as exc:
            raise StoreError(describe_sqlite_error(exc, self.path)) from None
        if read_only:
            try:
                self._db.execute("PRAGMA busy_timeout=10000")
                version = self._db.execute("PRAGMA user_version").fetchone()[0]
            except sqlite3.Error as exc:
                self._db.close()
                if not _read_only_location(self.path):
                    raise StoreError(describe_sqlite_error(exc, self.path)) from None
                # A WAL database on a read-only medium, with no writer able to exist: SQLite
                # cannot create its shared-memory file, so read it as immutable.
                try:
                    self._db = sqlite3.connect(f"{self.path.resolve().as_uri()}?mode=ro&immutable=1",
                                               uri=True, isolation_level=None, check_same_thread=False)
                    version = self._db.execute("PRAGMA user_version").fetchone()[0]
                except sqlite3.Error as exc2:
                    raise StoreError(describe_sqlite_error(exc2, self.path)) from None
            if version == 0 or version > SCHEMA_VERSION:
                self._db.close()
                raise StoreError(f"Journal des incidents de schéma inconnu ({version}) : {self.path}")
            return
        try:
            self._db.execute("PRAGMA busy_timeout=10000")
            mode = self._db.execute("PRAGMA journal_mode=WAL").fetchone()[0]
            if str(mode).lower() != "wal":
                # A read-only file cannot switch mode; writing will fail below with a clear error.
                pass
            self._db.execute("PRAGMA synchronous=NORMAL")
            if max_pages is not None:
                self._db.execute(f"PRAGMA max_page_count={int(max_pages)}")
            self._migrate()
        except sqlite3.Error as exc:
            self._db.close()
            raise StoreError(describe_sqlite_error(exc, self.path)) from None

    # ------------------------------------------------------------ schema

    def _migrate(self) -> None:
        with self._lock:
            version = self._db.execute("PRAGMA user_version").fetchone()[0]
            if version > SCHEMA_VERSION:
                raise StoreError(
                    f"Journal des incidents créé par une version plus récente de Vigie "
                    f"(schéma {version} > {SCHEMA_VERSION}) : {self.path}")
            if version == SCHEMA_VERSION:
                return
            self._db.execute("BEGIN IMMEDIATE")
            try:
                version = self._db.execute("PRAGMA user_version").fetchone()[0]
                for step in range(version, SCHEMA_VERSION):
                    MIGRATIONS[step](self._db)
                    self._db.execute(f"PRAGMA user_version={step + 1}")
                self._db.execute("COMMIT")
            except BaseException:
                self._db.execute("ROLLBACK")
                raise

    @property
    def schema_version(self) -> int:
        return int(self._db.execute("PRAGMA user_version").fetchone()[0])

    def close(self) -> None:
        with self._lock:
            try:
                self._db.close()
            except sqlite3.Error:
                pass

    # ------------------------------------------------------------ writing

    def _head(self) -> tuple[int, str]:
        row = self._db.execute("SELECT seq, hash FROM incidents ORDER BY seq DESC LIMIT 1").fetchone()
        if row is not None:
            return int(row[0]), str(row[1])
        anchor = self._meta("purged_through")
        if anchor:
            seq, digest = anchor.split(":", 1)
            return int(seq), digest
        return 0, GENESIS_HASH

    def _meta(self, key: str) -> str | None:
        row = self._db.execute("SELECT value FROM meta WHERE key=?", (key,)).fetchone()
        return None if row is None else str(row[0])

    def _insert(self, record: IncidentRecord, *, spool: bool) -> IncidentRecord:
        seq, prev = self._head()
        row = record.chained(seq + 1, prev)
        self._db.execute(
            f"INSERT INTO incidents ({','.join(_COLUMNS)}) VALUES ({','.join('?' * len(_COLUMNS))})",
            (row.seq, row.incident_id, row.kind, row.minute, row.site,
             json.dumps(row.counts, sort_keys=True, separators=(",", ":")), row.max_score,
             row.proposed_action, row.outcome, row.reason, row.policy_version,
             row.extension_version, row.daemon_version,
             json.dumps(row.detail, sort_keys=True, separators=(",", ":")), row.prev_hash, row.hash),
        )
        self._db.execute("INSERT OR REPLACE INTO meta(key, value) VALUES ('head', ?)",
                         (f"{row.seq}:{row.hash}",))
        if spool:
            self._db.execute(
                "INSERT OR IGNORE INTO spool(incident_id, seq, payload) VALUES (?, ?, ?)",
                (row.incident_id, row.seq, json.dumps(row.as_public_dict(), sort_keys=True)),
            )
        return row

    def append(self, record: IncidentRecord, *, spool: bool = False) -> IncidentRecord:
        """Append one row (and its spool entry) atomically. Returns the stored row; if the
        incident id already exists (an event resent after a reconnect), returns that row."""
        with self._lock:
            try:
                self._db.execute("BEGIN IMMEDIATE")
            except sqlite3.Error as exc:
                raise StoreError(describe_sqlite_error(exc, self.path)) from None
            try:
                existing = self._db.execute(
                    f"SELECT {','.join(_COLUMNS)} FROM incidents WHERE incident_id=?",
                    (record.incident_id,)).fetchone()
                row = _row_to_record(existing) if existing else self._insert(record, spool=spool)
                self._db.execute("COMMIT")
                return row
            except BaseException as exc:
                try:
                    self._db.execute("ROLLBACK")
                except sqlite3.Error:
                    pass
                if isinstance(exc, sqlite3.Error):
                    raise StoreError(describe_sqlite_error(exc, self.path)) from None
                raise

    def purge_older_than(self, days: int, *, now: datetime | None = None) -> int:
        """Delete rows older than `days` (a prefix of the chain) and append a purge anchor."""
        now = now or datetime.now(timezone.utc)
        cutoff = minute_now(now - timedelta(days=days))
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                # Rows are purged as a prefix in chain order: stop at the first recent row so a
                # clock that went backwards cannot punch holes in the chain.
                first_recent = self._db.execute(
                    "SELECT MIN(seq) FROM incidents WHERE minute >= ?", (cutoff,)).fetchone()[0]
                last_seq = self._db.execute("SELECT MAX(seq) FROM incidents").fetchone()[0]
                if last_seq is None:
                    self._db.execute("COMMIT")
                    return 0
                through = (first_recent - 1) if first_recent is not None else last_seq
                row = self._db.execute("SELECT seq, hash FROM incidents WHERE seq<=? "
                                       "ORDER BY seq DESC LIMIT 1", (through,)).fetchone()
                if row is None:
                    self._db.execute("COMMIT")
                    return 0
                purged_seq, purged_hash = int(row[0]), str(row[1])
                count = self._db.execute("DELETE FROM incidents WHERE seq<=?", (purged_seq,)).rowcount
                self._db.execute("INSERT OR REPLACE INTO meta(key, value) VALUES ('purged_through', ?)",
                                 (f"{purged_seq}:{purged_hash}",))
                import uuid

                anchor = IncidentRecord(
                    incident_id=str(uuid.uuid4()), minute=minute_now(now), kind="purge",
                    detail={"purged_through": purged_seq, "purged_hash": purged_hash,
                            "purged_count": count, "retention_days": days},
                )
                self._insert(anchor, spool=False)
                self._db.execute("COMMIT")
                return count
            except BaseException as exc:
                try:
                    self._db.execute("ROLLBACK")
                except sqlite3.Error:
                    pass
                if isinstance(exc, sqlite3.Error):
                    raise StoreError(describe_sqlite_error(exc, self.path)) from None
                raise

    # ------------------------------------------------------------ reading

    def records(self, *, since: str | None = None, kinds: tuple[str, ...] | None = None
                ) -> Iterator[IncidentRecord]:
        query = f"SELECT {','.join(_COLUMNS)} FROM incidents"
        clauses: list[str] = []
        params: list[Any] = []
        if since:
            clauses.append("minute >= ?")
            params.append(since)
        if kinds:
            clauses.append(f"kind IN ({','.join('?' * len(kinds))})")
            params.extend(kinds)
        if clauses:
            query += " WHERE " + " AND ".join(clauses)
        query += " ORDER BY seq"
        with self._lock:
            rows = self._db.execute(query, params).fetchall()
        for row in rows:
            yield _row_to_record(row)

    def count_since(self, minute: str) -> dict[str, int]:
        with self._lock:
            rows = self._db.execute(
                "SELECT outcome, COUNT(*) FROM incidents WHERE kind='incident' AND minute >= ? "
                "GROUP BY outcome", (minute,)).fetchall()
        return {str(outcome): int(n) for outcome, n in rows}

    def integrity_ok(self) -> bool:
        with self._lock:
            return self._db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"

    # ------------------------------------------------------------ spool

    def spool_batch(self, limit: int = 200) -> list[tuple[str, dict[str, Any]]]:
        with self._lock:
            rows = self._db.execute(
                "SELECT incident_id, payload FROM spool ORDER BY seq LIMIT ?", (limit,)).fetchall()
        return [(str(i), json.loads(p)) for i, p in rows]

    def spool_done(self, incident_ids: list[str]) -> None:
        if not incident_ids:
            return
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                self._db.executemany("DELETE FROM spool WHERE incident_id=?", [(i,) for i in incident_ids])
                self._db.execute("COMMIT")
            except BaseException:
                self._db.execute("ROLLBACK")
                raise

    def spool_size(self) -> int:
        with self._lock:
            return int(self._db.execute("SELECT COUNT(*) FROM spool").fetchone()[0])

    # ------------------------------------------------------------ verification

    def verify(self) -> VerifyReport:
        """Walk the chain: recompute every hash, check links, gaps, the head and purges."""
        with self._lock:
            rows = self._db.execute(f"SELECT {','.join(_COLUMNS)} FROM incidents ORDER BY seq").fetchall()
            head = self._meta("head")
            purged_meta = self._meta("purged_through")
        records = [_row_to_record(r) for r in rows]
        return verify_records(records, head=head, purged_meta=purged_meta)


def verify_records(records: list[IncidentRecord], *, head: str | None,
                   purged_meta: str | None) -> VerifyReport:
    problems: list[str] = []
    # The newest purge anchor says where the chain legitimately starts.
    start_seq, start_prev = 1, GENESIS_HASH
    anchors = [r for r in records if r.kind == "purge"]
    if anchors:
        last = anchors[-1]
        start_seq = int(last.detail.get("purged_through", 0)) + 1
        start_prev = str(last.detail.get("purged_hash", GENESIS_HASH))
    elif purged_meta:
        problems.append("Une purge est enregistrée mais sa ligne d'ancrage a disparu.")
    kept = [r for r in records if r.seq >= start_seq]
    expected_seq, expected_prev = start_seq, start_prev
    for row in kept:
        if row.seq != expected_seq:
            problems.append(f"Ligne(s) {expected_seq} à {row.seq - 1} supprimée(s).")
        elif row.prev_hash != expected_prev:
            problems.append(f"Ligne {row.seq} : chaînage rompu (ligne précédente modifiée ou supprimée).")
        if row.compute_hash() != row.hash:
            problems.append(f"Ligne {row.seq} : contenu modifié (empreinte invalide).")
        expected_seq, expected_prev = row.seq + 1, row.hash
    if head:
        head_seq = int(head.split(":", 1)[0])
        if head_seq >= expected_seq:
            problems.append(f"Dernière(s) ligne(s) {expected_seq} à {head_seq} supprimée(s).")
    elif records:
        problems.append("Tête de chaîne absente des métadonnées.")
    return VerifyReport(ok=not problems, rows=len(records), purged_through=start_seq - 1,
                        problems=tuple(problems))
