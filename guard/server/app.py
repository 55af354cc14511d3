"""The guard daemon: a loopback-only WebSocket server the browser extension talks to.

`GuardServer` owns the lifecycle (start → serve → graceful shutdown) and the shared state
(effective policy, detector, incident log); `Session` handles one connection. Threads:
the event loop (network, cache lookups), one analysis thread (detector passes: rules and
decoding), the detector's model thread (tokenizer and ONNX inference, which release the GIL,
so a pass uses two cores; see guard/detect/model_thread.py), one I/O thread (incident log,
which keeps its SQLite connection on that thread), and the policy watcher's polling thread,
which hops back to the loop on change.
"""

from __future__ import annotations

import asyncio
import errno
import logging
import signal
import socket
import sys
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime, timezone
from http import HTTPStatus
from typing import Any

import orjson
from websockets.asyncio.server import Server, ServerConnection, serve
from websockets.datastructures import Headers
from websockets.http11 import Request, Response

from guard import __version__
from guard.protocol import MAX_TEXT_CHARS, PROTOCOL_VERSION, Analyze, Event, Health
from guard.server.analysis import TextAnalyzer, result_payload
from guard.server.config import ServerConfig
from guard.server.origins import allowed_origins, describe_refused, origin_allowed
from guard.server.segments import SegmentCache
from guard.server.session import Session
from guard.server.worker import AnalysisWorker

log = logging.getLogger("vigie.server")

# Above this length, applying the policy to the findings runs in a helper thread.
LOOP_POLICY_MAX_CHARS = 20_000
# The tray offers 15 minutes; anything much longer is a switched-off guard, not a pause.
MAX_PAUSE_S = 60 * 60


class PauseRefusedError(RuntimeError):
    """`set_paused` refused (policy forbids pausing, daemon not running, bad end time);
    `str()` is a French sentence the tray can show."""


class PortInUseError(OSError):
    """The port is taken; `str()` is the French message shown to the person starting Vigie."""

    def __init__(self, port: int, host: str) -> None:
        self.port = port
        super().__init__(errno.EADDRINUSE, port_in_use_message(port, host))

    def __str__(self) -> str:
        return self.strerror or ""


def port_in_use_message(port: int, host: str) -> str:
    return (
        f"Le port {port} est déjà utilisé sur {host} : une autre instance de Vigie (ou un autre "
        f"programme) l'occupe. Arrêtez-la, ou choisissez un autre port avec « vigie serve --port N » "
        f"ou le champ « port » de la politique. Sur un serveur de terminaux (plusieurs utilisateurs "
        f"sur la même machine), chaque utilisateur a besoin de son propre port : attribuez un port "
        f"par utilisateur dans sa politique, et le même dans son extension."
    )


@dataclass(frozen=True, slots=True)
class DaemonStatus:
    """What the tray, `vigie doctor` and /healthz show; never any patient data."""

    running: bool
    version: str
    port: int | None
    detector_mode: str
    detector_reason: str
    policy_errors: tuple[str, ...]
    policy_version: str
    incident_problem: str
    connections: int
    last_extension_seen: datetime | None
    last_extension_version: str
    today_counts: dict[str, int] = field(default_factory=dict)
    # End of the current protection pause (Unix time, `time.time()` clock), None when not paused.
    paused_until: float | None = None

    @property
    def paused(self) -> bool:
        return self.paused_until is not None

    @property
    def state(self) -> str:
        if not self.running:
            return "stopped"
        if self.detector_mode != "full" or self.policy_errors or self.incident_problem:
            return "degraded"
        return "ok"


class GuardServer:
    """One daemon instance. Use: `await start()`, `await serve_forever()`, `await shutdown()`."""

    def __init__(self, config: ServerConfig | None = None, *, detector: Any = None) -> None:
        """`detector` replaces `Detector.default(...)` (an embedding app that already holds one)."""
        self.config = config or ServerConfig()
        self.port: int | None = None
        self.draining = False
        self._servers: list[Server] = []
        self._sessions: set[Session] = set()
        self._tasks: set[asyncio.Task[Any]] = set()
        self._loaded: Any = None
        self._origins: frozenset[str] = frozenset()
        self._welcome: bytes = b""
        self._watcher: Any = None
        self._detector: Any = detector
        self._owns_detector = False  # a detector handed in by an embedding app is its to close
        self._worker: AnalysisWorker | None = None
        self._analyzer: TextAnalyzer | None = None
        self._io = ThreadPoolExecutor(1, thread_name_prefix="vigie-io")
        self._incidents: Any = None
        self._incident_problem = ""
        self._today: dict[str, int] = {}
        self._last_seen: datetime | None = None
        self._last_version = ""
        self._started = False
        self._stopped: asyncio.Event | None = None
        self._shutdown_task: asyncio.Task[None] | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        # Pause state: only touched on the event loop (set_paused hops there).
        self._paused_until: float | None = None
        self._pause_timer: asyncio.TimerHandle | None = None

    # -- lifecycle -------------------------------------------------------------------------

    async def start(self) -> None:
        """Load policy, detector and incident log, then listen. Raises PortInUseError."""
        if self._started:
            return
        self._started = True
        self._loop = asyncio.get_running_loop()
        self._stopped = asyncio.Event()
        cfg = self.config
        from guard.policy.loader import PolicyWatcher, load_policy

        if cfg.watch_policy:
            self._watcher = PolicyWatcher(cfg.admin_policy_path, cfg.user_settings_path,
                                          self._policy_changed_threadsafe)
            loaded = self._watcher.current
        else:
            loaded = load_policy(cfg.admin_policy_path, cfg.user_settings_path)
        self._set_policy(loaded)
        for err in loaded.errors:
            log.warning("politique : %s", err)

        from guard.detect.detector import Detector

        if self._detector is None:
            self._detector = Detector.default(cfg.model_dir, use_model=cfg.use_model)
            self._owns_detector = True
        status = self._detector.status
        if status.degraded:
            log.warning("détection dégradée : %s", status.reason)
        warm_up = getattr(self._detector, "warm_up", None)
        if callable(warm_up):
            try:
                warm_up()  # lists and model set up now, not on the first keystroke
            except Exception as exc:  # noqa: BLE001 — requests will report it; never the text
                log.error("préchauffage du détecteur impossible : %s", type(exc).__name__)
        self._welcome = orjson.dumps(self._welcome_dict(loaded.policy))
        # A work item's segments go to the detector together: with its model thread, the model
        # reads all of them while the rules run (see guard/detect/model_thread.py).
        many = getattr(self._detector, "analyze_many", None)
        batch = many if callable(many) else _one_by_one(self._detector.analyze)
        self._worker = AnalysisWorker(batch, cfg.analysis_threads)
        self._analyzer = TextAnalyzer(self._worker, SegmentCache(cfg.cache_entries, cfg.cache_max_chars))

        port = cfg.effective_port(loaded.policy.port)
        socks = self._bind(port)
        self.port = socks[0].getsockname()[1]
        self._worker.start()
        await self._open_incidents()
        for sock in socks:
            self._servers.append(await serve(
                self._handle, sock=sock, compression=None, max_size=cfg.max_frame,
                process_request=self._process_request, server_header=None,
                ping_interval=None, close_timeout=2, logger=_QuietLogger(),
            ))
        if self._watcher is not None:
            self._watcher.start()
        log.info("Vigie à l'écoute sur le port %d (%s), détection : %s", self.port,
                 ", ".join(s.getsockname()[0] for s in socks), status.mode)

    def _bind(self, port: int) -> list[socket.socket]:
        """Listening sockets on 127.0.0.1 (required) and ::1 (when the machine has IPv6),
        on the same port even when `port` is 0."""
        socks: list[socket.socket] = []
        for host in self.config.hosts:
            family = socket.AF_INET6 if ":" in host else socket.AF_INET
            if family == socket.AF_INET6 and not socket.has_ipv6:
                continue
            want = socks[0].getsockname()[1] if socks else port
            try:
                sock = socket.socket(family, socket.SOCK_STREAM)
            except OSError:
                continue
            try:
                if sys.platform == "win32":
                    # Without exclusive use another program could bind the same port on Windows.
                    sock.setsockopt(socket.SOL_SOCKET, socket.SO_EXCLUSIVEADDRUSE, 1)  # type: ignore[attr-defined]
                else:
                    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
                if family == socket.AF_INET6:
                    sock.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)
                sock.bind((host, want))
                sock.listen(128)
                sock.setblocking(False)
            except OSError as exc:
                sock.close()
                if not socks:  # 127.0.0.1 is required
                    if exc.errno in (errno.EADDRINUSE, getattr(errno, "WSAEADDRINUSE", -1)):
                        raise PortInUseError(want, host) from None
                    if exc.errno == errno.EACCES:
                        raise OSError(exc.errno, f"le port {want} n'est pas autorisé sur {host} "
                                      "(choisissez un port entre 1024 et 65535)") from None
                    raise
                log.info("IPv6 (::1) indisponible sur le port %d : %s", want, type(exc).__name__)
                continue
            socks.append(sock)
        if not socks:
            raise OSError("aucune adresse de boucle locale disponible")
        return socks

    async def serve_forever(self) -> None:
        """Return once the server has been shut down."""
        if not self._started:
            await self.start()
        assert self._stopped is not None
        await self._stopped.wait()

    async def shutdown(self) -> None:
        """Graceful stop, idempotent: stop accepting, finish in-flight requests, close with
        1001, flush the incident log, stop the threads."""
        if self._shutdown_task is None:
            self._shutdown_task = asyncio.create_task(self._shutdown())
        await asyncio.shield(self._shutdown_task)

    async def _shutdown(self) -> None:
        self.draining = True
        log.info("arrêt de Vigie : fin des analyses en cours")
        if self._paused_until is not None:  # logged before the incident log closes
            self._end_pause("stopped", broadcast=False)
        for srv in self._servers:
            srv.server.close()  # stop accepting new connections
        pending = [t for t in self._tasks if not t.done()]
        if pending:
            await asyncio.wait(pending, timeout=self.config.drain_timeout_s)
        for srv in self._servers:
            srv.close(code=1001, reason="arrêt de Vigie")
        for srv in self._servers:
            try:
                await asyncio.wait_for(srv.wait_closed(), self.config.drain_timeout_s)
            except TimeoutError:
                log.warning("des connexions ne se sont pas fermées à temps")
        loop = asyncio.get_running_loop()
        if self._watcher is not None:
            await loop.run_in_executor(None, self._watcher.stop)
        if self._worker is not None:
            await loop.run_in_executor(None, self._worker.stop)
        close = getattr(self._detector, "close", None)
        if self._owns_detector and callable(close):
            close()
        if self._incidents is not None:
            await loop.run_in_executor(self._io, self._close_incidents)
        await loop.run_in_executor(None, self._io.shutdown)
        log.info("Vigie arrêté")
        if self._stopped is not None:
            self._stopped.set()

    # -- HTTP side of the handshake ---------------------------------------------------------

    def _process_request(self, connection: ServerConnection, request: Request) -> Response | None:
        path = request.path.split("?", 1)[0]
        if not self._host_ok(request.headers.get_all("Host")):
            log.warning("requête refusée : en-tête Host inattendu")
            return _text(HTTPStatus.FORBIDDEN, "Hôte refusé.\n")
        if path == "/healthz":
            return self._healthz()
        if path != "/":
            return _text(HTTPStatus.NOT_FOUND, "Introuvable.\n")
        origins = request.headers.get_all("Origin")
        if not origin_allowed(origins, self._origins):
            log.warning("connexion refusée : origine non autorisée (%s)", describe_refused(origins))
            return _text(HTTPStatus.FORBIDDEN, "Origine refusée.\n")
        if self.draining:
            return _text(HTTPStatus.SERVICE_UNAVAILABLE, "Vigie est en cours d'arrêt.\n")
        if len(self._sessions) >= self.config.max_connections:
            log.warning("connexion refusée : %d connexions ouvertes", len(self._sessions))
            return _text(HTTPStatus.SERVICE_UNAVAILABLE, "Trop de connexions.\n")
        return None

    def _host_ok(self, hosts: list[str]) -> bool:
        """Defeats DNS rebinding: a page on evil.example resolved to 127.0.0.1 sends its own Host."""
        if len(hosts) != 1:
            return False
        allowed = {f"127.0.0.1:{self.port}", f"localhost:{self.port}", f"[::1]:{self.port}"}
        return hosts[0].lower() in allowed

    def _healthz(self) -> Response:
        st = self.status()
        body = orjson.dumps({
            "state": st.state, "version": st.version, "protocol": PROTOCOL_VERSION,
            "detector": st.detector_mode, "connections": st.connections,
            "policy_ok": not st.policy_errors, "incident_log_ok": not st.incident_problem,
            # For `vigie doctor` (engineer T): when an extension last said hello (UTC, no data).
            "last_extension_seen": st.last_extension_seen.isoformat() if st.last_extension_seen else None,
            "paused": st.paused,
            "paused_until": (datetime.fromtimestamp(st.paused_until, timezone.utc).isoformat()
                             if st.paused_until is not None else None),
        })
        headers = Headers([("Content-Type", "application/json"), ("Cache-Control", "no-store"),
                           ("Content-Length", str(len(body))), ("Connection", "close")])
        return Response(200, "OK", headers, body)

    # -- connections -----------------------------------------------------------------------

    async def _handle(self, ws: ServerConnection) -> None:
        session = Session(self, ws)
        self._sessions.add(session)
        log.info("connexion ouverte (%d en cours)", len(self._sessions))
        try:
            await session.run()
        except Exception as exc:  # noqa: BLE001 — errors stop at the boundary
            log.error("connexion interrompue : %s", type(exc).__name__)
            await ws.close(1011, "erreur interne")
        finally:
            self._sessions.discard(session)
            log.info("connexion fermée (%d en cours)", len(self._sessions))

    def track(self, task: asyncio.Task[Any]) -> None:
        """Remember a request task so shutdown can wait for it."""
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    # -- analysis --------------------------------------------------------------------------

    async def analyze_payload(self, msg: Analyze) -> bytes:
        assert self._analyzer is not None
        findings = await self._analyzer.analyze(msg.text)
        policy = self.policy
        paused = self.paused
        if len(msg.text) < LOOP_POLICY_MAX_CHARS:
            payload = result_payload(msg.id, msg.text, findings, msg.site, policy, paused=paused)
        else:  # allow-terms and offsets over a long paste take tens of ms: not on the loop
            payload = await asyncio.to_thread(result_payload, msg.id, msg.text, findings, msg.site,
                                              policy, paused=paused)
        log.debug("analyse : %d caractères, %d résultats", len(msg.text), len(payload["findings"]))
        return orjson.dumps(payload)

    @property
    def analyzer(self) -> TextAnalyzer | None:
        return self._analyzer

    # -- policy ----------------------------------------------------------------------------

    @property
    def policy(self) -> Any:
        return self._loaded.policy

    def _set_policy(self, loaded: Any) -> None:
        self._loaded = loaded
        policy = loaded.policy
        self._origins = allowed_origins(policy.extension_ids, self.config.extra_origins)
        self._welcome = orjson.dumps(self._welcome_dict(policy))

    def _welcome_dict(self, policy: Any) -> dict[str, Any]:
        mode, reason = ("rules-only", "")
        if self._detector is not None:
            mode, reason = self._detector.status.mode, self._detector.status.reason
        return {
            "type": "welcome", "protocol": PROTOCOL_VERSION, "daemon_version": __version__,
            # The token stays on the machine's side: the extension already has it.
            "policy": policy.model_copy(update={"token": None}).model_dump(mode="json"),
            "detector_mode": mode, "detector_reason": reason,
            "keepalive_s": self.config.keepalive_s, "max_text_chars": MAX_TEXT_CHARS,
        }

    def welcome_payload(self) -> bytes:
        return self._welcome

    def _policy_changed_threadsafe(self, loaded: Any) -> None:
        loop = self._loop
        if loop is not None and not loop.is_closed():
            try:
                loop.call_soon_threadsafe(self._policy_changed, loaded)
            except RuntimeError:  # the loop closed meanwhile: the daemon is stopping
                pass

    def _policy_changed(self, loaded: Any) -> None:
        old_port = self._loaded.policy.port
        self._set_policy(loaded)
        log.info("politique mise à jour (version %s, %d erreur(s))", loaded.digest, len(loaded.errors))
        for err in loaded.errors:
            log.warning("politique : %s", err)
        if self._paused_until is not None and not loaded.policy.pause_allowed:
            log.warning("la nouvelle politique interdit la pause : protection reprise")
            self._end_pause("policy")
        if self.config.port is None and loaded.policy.port != old_port:
            log.warning("le port de la politique a changé (%d) : redémarrez Vigie pour l'appliquer",
                        loaded.policy.port)
        policy = loaded.policy.model_copy(update={"token": None}).model_dump(mode="json")
        payload = orjson.dumps({"type": "policy", "policy": policy})
        for session in list(self._sessions):
            if session.authenticated:
                self.track(asyncio.ensure_future(session.send_raw(payload)))
        if self._incidents is not None and not self.draining:
            self._io.submit(self._incidents.update_policy, loaded.policy)

    # -- pause ---------------------------------------------------------------------------

    @property
    def paused(self) -> bool:
        """True while a pause runs and the effective policy still allows pausing."""
        until = self._paused_until
        return (until is not None and time.time() < until and self._loaded is not None
                and bool(self._loaded.policy.pause_allowed))

    def set_paused(self, until: float | None) -> None:
        """Pause protection until `until` (Unix time, `time.time()`), or end a pause (None).

        Called by the tray from its own thread: the checks that can refuse run here, in the
        caller's thread, so the refusal reaches the caller as a `PauseRefusedError`; the state
        change itself hops to the event loop (`call_soon_threadsafe`), which owns it. While
        paused, results keep their findings but every action is allow (`paused: true`); the
        pause ends by itself at `until`; its start and end are written to the incident log.
        """
        loop = self._loop
        if loop is None or loop.is_closed() or not self._started or self.draining:
            if until is None:
                return
            raise PauseRefusedError("Pause impossible : la garde ne tourne pas.")
        if until is not None:
            if self._loaded is None or not self._loaded.policy.pause_allowed:
                raise PauseRefusedError(
                    "Pause refusée : la politique du cabinet ne permet pas de suspendre la "
                    "protection (champ « pause_allowed »).")
            left = until - time.time()
            if left <= 0:
                raise PauseRefusedError("Pause refusée : l'heure de fin est déjà passée.")
            if left > MAX_PAUSE_S + 5:
                raise PauseRefusedError(
                    f"Pause refusée : {MAX_PAUSE_S // 60} minutes au plus.")
        try:
            running = asyncio.get_running_loop()
        except RuntimeError:
            running = None
        if running is loop:
            self._apply_pause(until)
        else:
            try:
                loop.call_soon_threadsafe(self._apply_pause, until)
            except RuntimeError:  # loop closed meanwhile: the daemon is stopping
                if until is not None:
                    raise PauseRefusedError("Pause impossible : la garde s'arrête.") from None

    def _apply_pause(self, until: float | None) -> None:
        """On the loop: start, restart or end the pause."""
        if until is None:
            if self._paused_until is not None:
                # The tray's own timer may beat ours by a few milliseconds at the end.
                self._end_pause("expired" if time.time() >= self._paused_until - 1 else "resumed")
            return
        if self.draining or self._loaded is None or not self._loaded.policy.pause_allowed:
            log.warning("pause ignorée : la politique ne la permet plus")
            return
        left = until - time.time()
        if left <= 0:
            return
        if self._pause_timer is not None:
            self._pause_timer.cancel()
        assert self._loop is not None
        self._paused_until = until
        self._pause_timer = self._loop.call_later(left, self._pause_expired)
        minutes = max(1, round(left / 60))
        log.warning("protection en pause pour %d min (demandé depuis la zone de notification)", minutes)
        self._record_pause(minutes, "")
        self._broadcast_pause()

    def _pause_expired(self) -> None:
        self._pause_timer = None
        until = self._paused_until
        if until is None:
            return
        left = until - time.time()
        if left > 0.01:  # the loop's monotonic clock and the wall clock drifted apart
            assert self._loop is not None
            self._pause_timer = self._loop.call_later(left, self._pause_expired)
            return
        self._end_pause("expired")

    def _end_pause(self, cause: str, *, broadcast: bool = True) -> None:
        if self._pause_timer is not None:
            self._pause_timer.cancel()
            self._pause_timer = None
        if self._paused_until is None:
            return
        self._paused_until = None
        log.warning("fin de la pause : protection reprise (%s)", cause)
        self._record_pause(None, cause)
        if broadcast:
            self._broadcast_pause()

    def _broadcast_pause(self) -> None:
        payload = orjson.dumps({"type": "pause", "paused": self._paused_until is not None,
                                "until": self._paused_until})
        for session in list(self._sessions):
            if session.authenticated:
                self.track(asyncio.ensure_future(session.send_raw(payload)))

    def _record_pause(self, minutes: int | None, cause: str) -> None:
        """Queue the pause row on the I/O thread (the incident log's own thread)."""
        if self._incidents is None:
            return
        record = getattr(self._incidents, "record_pause", None)
        if record is None:
            return

        def run() -> None:
            try:
                res = record(minutes, ended_by=cause, daemon_version=__version__)
                if not getattr(res, "logged", False):
                    self._incident_problem = getattr(res, "error", "") or self._incident_problem
            except Exception as exc:  # noqa: BLE001
                log.error("enregistrement de la pause impossible : %s", type(exc).__name__)

        try:
            self._io.submit(run)
        except RuntimeError:  # the I/O thread is already gone (daemon stopped)
            log.error("enregistrement de la pause impossible : journal fermé")

    # -- incident log (runs on the I/O thread) ---------------------------------------------

    async def _open_incidents(self) -> None:
        loop = asyncio.get_running_loop()
        await loop.run_in_executor(self._io, self._open_incidents_sync)

    def _open_incidents_sync(self) -> None:
        try:
            from guard.incidents.service import IncidentService

            self._incidents = IncidentService(self.policy, self.config.data_dir)
            self._incident_problem = self._incidents.status()
            self._today = {str(k): int(v) for k, v in self._incidents.today_counts().items()}
        except Exception as exc:  # noqa: BLE001 — degrade visibly, keep guarding
            self._incidents = None
            self._incident_problem = f"journal des incidents indisponible ({type(exc).__name__})"
            log.error("journal des incidents indisponible : %s", type(exc).__name__)

    def _close_incidents(self) -> None:
        try:
            self._incidents.close()
        except Exception as exc:  # noqa: BLE001
            log.error("fermeture du journal des incidents : %s", type(exc).__name__)

    async def record_event(self, event: Event, extension_version: str) -> bool:
        if self._incidents is None:
            return False
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._io, self._record_event_sync, event, extension_version)

    def _record_event_sync(self, event: Event, extension_version: str) -> bool:
        try:
            res = self._incidents.record_event(event, extension_version=extension_version,
                                               daemon_version=__version__)
            self._incident_problem = res.error or self._incidents.status() or ""
            self._today = {str(k): int(v) for k, v in self._incidents.today_counts().items()}
            return bool(res.logged)
        except Exception as exc:  # noqa: BLE001
            self._incident_problem = f"journal des incidents en erreur ({type(exc).__name__})"
            log.error("enregistrement d'incident impossible : %s", type(exc).__name__)
            return False

    async def record_health(self, health: Health, extension_version: str) -> bool:
        log.warning("extension : page protégée non surveillable (%s)", health.problem)
        record = getattr(self._incidents, "record_health", None)
        if record is None:
            return False
        loop = asyncio.get_running_loop()

        def run() -> bool:
            try:
                res = record(health, extension_version=extension_version, daemon_version=__version__)
                return bool(getattr(res, "logged", False))
            except Exception as exc:  # noqa: BLE001
                log.error("enregistrement d'un signalement impossible : %s", type(exc).__name__)
                return False

        return await loop.run_in_executor(self._io, run)

    # -- status ----------------------------------------------------------------------------

    def note_extension(self, version: str) -> None:
        self._last_seen = datetime.now(timezone.utc)
        self._last_version = version if all(c.isdigit() or c == "." for c in version) else "?"

    def status(self) -> DaemonStatus:
        det = self._detector.status if self._detector is not None else None
        loaded = self._loaded
        return DaemonStatus(
            running=self._started and not (self._stopped is not None and self._stopped.is_set()),
            version=__version__,
            port=self.port,
            detector_mode=det.mode if det else "rules-only",
            detector_reason=det.reason if det else "détecteur non chargé",
            policy_errors=tuple(loaded.errors) if loaded is not None else (),
            policy_version=loaded.policy.version if loaded is not None else "",
            incident_problem=self._incident_problem,
            connections=len(self._sessions),
            last_extension_seen=self._last_seen,
            last_extension_version=self._last_version,
            today_counts=dict(self._today),
            paused_until=self._paused_until if self.paused else None,
        )


class _QuietLogger(logging.LoggerAdapter):  # type: ignore[type-arg]
    """The websockets library logs frame contents at DEBUG level — patient text. Its
    logger never goes below INFO, whatever level the application configures."""

    def __init__(self) -> None:
        super().__init__(logging.getLogger("vigie.server.websockets"), {})

    def isEnabledFor(self, level: int) -> bool:  # noqa: N802 — logging API name
        return level >= logging.INFO and self.logger.isEnabledFor(level)

    def debug(self, *args: Any, **kwargs: Any) -> None:
        return None

    def log(self, level: int, *args: Any, **kwargs: Any) -> None:
        if level >= logging.INFO:
            super().log(level, *args, **kwargs)


def _one_by_one(analyze: Callable[[str], list[Any]]) -> Callable[[list[str]], list[list[Any]]]:
    """A batch `analyze` for a detector that only analyses one text at a time."""
    def many(texts: list[str]) -> list[list[Any]]:
        return [analyze(text) for text in texts]
    return many


def _text(status: HTTPStatus, body: str) -> Response:
    data = body.encode()
    headers = Headers([("Content-Type", "text/plain; charset=utf-8"),
                       ("Content-Length", str(len(data))), ("Connection", "close")])
    return Response(status.value, status.phrase, headers, data)


def run_server(config: ServerConfig | None = None, *, ready: Any = None) -> int:
    """Run the daemon until SIGINT/SIGTERM (or `shutdown()`); returns the exit status.

    `ready(server)` is called once listening (the CLI prints the address). Exit status:
    0 after a graceful stop, 3 when the port is taken, 1 on another start-up failure.
    """
    async def main() -> int:
        server = GuardServer(config)
        try:
            await server.start()
        except PortInUseError as exc:
            print(str(exc), file=sys.stderr, flush=True)
            await _abandon(server)
            return 3
        except OSError as exc:
            print(f"Vigie n'a pas pu démarrer : {exc}", file=sys.stderr, flush=True)
            await _abandon(server)
            return 1
        loop = asyncio.get_running_loop()
        if threading.current_thread() is threading.main_thread():
            for sig in (signal.SIGINT, signal.SIGTERM):
                try:
                    loop.add_signal_handler(sig, lambda: asyncio.ensure_future(server.shutdown()))
                except (NotImplementedError, RuntimeError):  # Windows: fall back to signal.signal
                    signal.signal(sig, lambda *_: loop.call_soon_threadsafe(
                        lambda: asyncio.ensure_future(server.shutdown())))
        if ready is not None:
            ready(server)
        await server.serve_forever()
        return 0

    return asyncio.run(main())


async def _abandon(server: GuardServer) -> None:
    server.draining = True
    try:
        await server.shutdown()
    except Exception as exc:  # noqa: BLE001
        log.error("arrêt après échec du démarrage : %s", type(exc).__name__)


__all__ = ["DaemonStatus", "GuardServer", "PauseRefusedError", "PortInUseError", "run_server"]
