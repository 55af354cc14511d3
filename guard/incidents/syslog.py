"""Central forwarding: RFC 5424 syslog over TCP (octet-counting framing, optional TLS).

Delivery is at-least-once. Every incident is written to the local spool in the same
transaction as the incident itself; this thread sends spooled rows and deletes them only
once the connection has stayed healthy for `confirm_after` seconds after the send (plain
TCP syslog has no acknowledgement, and bytes written just before a collector dies are
otherwise silently lost). Anything unconfirmed when a connection breaks is sent again on the
next one, so the collector may see duplicates: MSGID and the structured-data `id` carry the
stable incident id to drop them. Detection never waits on this thread.
"""

from __future__ import annotations

import logging
import select
import socket
import ssl
import threading
import time
from collections.abc import Mapping
from typing import Any

from guard.policy.model import Forwarding

log = logging.getLogger(__name__)

SD_ID = "vigie@32473"  # 32473: the example Private Enterprise Number reserved for documentation
FACILITY_LOG_AUDIT = 13
SEVERITY_WARNING = 4
SEVERITY_NOTICE = 5


def _sd_escape(value: Any) -> str:
    text = str(value)
    return text.replace("\\", "\\\\").replace('"', '\\"').replace("]", "\\]")


def _token(value: str, limit: int, default: str = "-") -> str:
    cleaned = "".join(c for c in value if 33 <= ord(c) <= 126)[:limit]
    return cleaned or default


def format_message(payload: Mapping[str, Any], *, app_name: str = "vigie",
                   hostname: str | None = None) -> bytes:
    """One incident (its public dict) as an RFC 5424 message, ASCII only."""
    outcome = str(payload.get("outcome", ""))
    severity = SEVERITY_WARNING if outcome in ("overridden", "warned_sent") else SEVERITY_NOTICE
    pri = FACILITY_LOG_AUDIT * 8 + severity
    minute = str(payload.get("time", ""))
    timestamp = minute[:-1] + ":00Z" if minute.endswith("Z") and len(minute) == 17 else "-"
    host = _token(hostname if hostname is not None else socket.gethostname(), 255)
    app = _token(app_name, 48, "vigie")
    incident_id = str(payload.get("incident_id", ""))
    msgid = _token(incident_id.replace("-", ""), 32)
    counts = payload.get("counts") or {}
    counts_text = ",".join(f"{k}:{v}" for k, v in sorted(counts.items()))
    params = {
        "id": incident_id, "kind": payload.get("kind", "incident"), "site": payload.get("site", ""),
        "action": payload.get("proposed_action", ""), "outcome": outcome,
        "reason": payload.get("reason", ""), "max_score": payload.get("max_score", 0),
        "counts": counts_text, "policy": payload.get("policy_version", ""),
        "ext": payload.get("extension_version", ""), "daemon": payload.get("daemon_version", ""),
        "seq": payload.get("seq", 0),
    }
    sd = "[" + SD_ID + "".join(f' {k}="{_sd_escape(v)}"' for k, v in params.items()) + "]"
    total = sum(int(v) for v in counts.values()) if counts else 0
    msg = (f"Vigie incident {outcome} on {payload.get('site', '')}: "
           f"{total} identifier(s) [{counts_text or 'none'}]")
    line = f"<{pri}>1 {timestamp} {host} {app} - {msgid} {sd} {msg}"
    return line.encode("ascii", "replace")


def frame(message: bytes) -> bytes:
    """Octet-counting framing (RFC 6587 §3.4.1): `LEN SP MSG`."""
    return str(len(message)).encode("ascii") + b" " + message


class SyslogForwarder:
    """Background thread draining the spool of an `IncidentStore` to a syslog collector."""

    def __init__(self, store: Any, settings: Forwarding, *, retry_max: float = 5.0,
                 confirm_after: float = 1.0, connect_timeout: float = 3.0) -> None:
        self._store = store
        self._settings = settings
        self._retry_max = retry_max
        self._confirm_after = confirm_after
        self._connect_timeout = connect_timeout
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._sock: socket.socket | None = None
        self._pending: dict[str, float] = {}
        self._problem = ""
        self.sent_total = 0

    # ---------------------------------------------------------- lifecycle

    def start(self) -> None:
        if self._thread is not None:
            return
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name="vigie-syslog", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 5.0) -> None:
        self._stop.set()
        self._wake.set()
        thread, self._thread = self._thread, None
        if thread is not None:
            thread.join(timeout=timeout)
        self._close()

    def notify(self) -> None:
        """A new incident was spooled: send soon."""
        self._wake.set()

    def status(self) -> str:
        return self._problem

    @property
    def settings(self) -> Forwarding:
        return self._settings

    # ---------------------------------------------------------- network

    def _connect(self) -> socket.socket:
        s = self._settings
        raw = socket.create_connection((s.host, s.port), timeout=self._connect_timeout)
        raw.setsockopt(socket.SOL_SOCKET, socket.SO_KEEPALIVE, 1)
        if not s.tls:
            raw.settimeout(10.0)
            return raw
        context = ssl.create_default_context(cafile=s.ca_file)
        try:
            wrapped = context.wrap_socket(raw, server_hostname=s.host)
        except BaseException:
            raw.close()
            raise
        wrapped.settimeout(10.0)
        return wrapped

    def _close(self) -> None:
        sock, self._sock = self._sock, None
        self._pending.clear()  # unconfirmed rows stay in the spool and are sent again
        if sock is not None:
            try:
                sock.close()
            except OSError:
                pass

    def _alive(self) -> bool:
        """Is the collector still there? A closed or reset connection reads as EOF/error."""
        sock = self._sock
        if sock is None:
            return False
        try:
            readable, _, errored = select.select([sock], [], [sock], 0)
            if errored:
                return False
            if not readable:
                return True
            sock.setblocking(False)
            try:
                data = sock.recv(1024)
            finally:
                sock.setblocking(True)
                sock.settimeout(10.0)
            return bool(data)  # a collector never talks back; b"" is EOF
        except (ssl.SSLWantReadError, BlockingIOError):
            return True
        except (OSError, ValueError):
            return False

    # ---------------------------------------------------------- loop

    def _run(self) -> None:
        backoff = 0.2
        while not self._stop.is_set():
            try:
                if self._sock is None:
                    if self._store.spool_size() == 0:
                        self._problem = ""
                        self._wake.wait(1.0)
                        self._wake.clear()
                        continue
                    try:
                        self._sock = self._connect()
                        backoff = 0.2
                    except (OSError, ssl.SSLError) as exc:
                        waiting = self._store.spool_size()
                        self._problem = (
                            f"Collecteur syslog injoignable ({self._settings.host}:{self._settings.port}, "
                            f"{type(exc).__name__}) : {waiting} incident(s) en attente d'envoi.")
                        self._stop.wait(backoff)
                        backoff = min(backoff * 2, self._retry_max)
                        continue
                self._send_some()
                self._confirm()
                if self._sock is not None and not self._pending:
                    self._problem = ""
                self._wake.wait(0.2 if self._pending else 1.0)
                self._wake.clear()
            except Exception as exc:  # keep the thread alive whatever happens
                log.warning("syslog forwarding error: %s", type(exc).__name__)
                self._problem = f"Transfert syslog en erreur ({type(exc).__name__})."
                self._close()
                self._stop.wait(backoff)
                backoff = min(backoff * 2, self._retry_max)

    def _send_some(self) -> None:
        batch = [(i, p) for i, p in self._store.spool_batch(500) if i not in self._pending]
        if not batch or self._sock is None:
            return
        if not self._alive():
            self._close()
            return
        s = self._settings
        try:
            for incident_id, payload in batch:
                self._sock.sendall(frame(format_message(payload, app_name=s.app_name)))
                self._pending[incident_id] = time.monotonic()
                self.sent_total += 1
        except (OSError, ssl.SSLError) as exc:
            self._problem = f"Connexion au collecteur syslog perdue ({type(exc).__name__}) : nouvel envoi prévu."
            self._close()

    def _confirm(self) -> None:
        if not self._pending:
            return
        if not self._alive():
            self._problem = "Connexion au collecteur syslog perdue : nouvel envoi prévu."
            self._close()
            return
        cutoff = time.monotonic() - self._confirm_after
        done = [i for i, t in self._pending.items() if t <= cutoff]
        if done:
            self._store.spool_done(done)
            for i in done:
                del self._pending[i]
