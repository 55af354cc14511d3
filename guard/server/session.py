"""One extension connection: authentication, message dispatch, limits, keepalive.

Every reply is built here and every failure stops here: a bad frame gets an `error` reply
and the connection keeps serving; only abuse (flood after warnings, wrong token, no hello)
closes it. Nothing in this module logs text, values or raw frames — only kinds and counts.
"""

from __future__ import annotations

import asyncio
import hmac
import json
import logging
import re
from typing import TYPE_CHECKING, Any

import orjson
from pydantic import BaseModel, ValidationError
from websockets.asyncio.server import ServerConnection
from websockets.exceptions import ConnectionClosed
from websockets.frames import CloseCode

from guard.protocol import (
    MAX_TEXT_CHARS,
    PROTOCOL_VERSION,
    Analyze,
    Event,
    Health,
    Hello,
    Keepalive,
)
from guard.server.errors import MESSAGES, describe_validation, safe_id
from guard.server.limits import TokenBucket
from guard.server.worker import AnalysisFailed

if TYPE_CHECKING:
    from guard.server.app import GuardServer

log = logging.getLogger("vigie.server")

_MODELS: dict[str, type[BaseModel]] = {
    "hello": Hello, "analyze": Analyze, "event": Event, "health": Health,
    # The service worker sends its own keepalives; they need no answer (answering would
    # start a ping-pong with the worker, which answers ours).
    "keepalive": Keepalive,
}
_FIELDS = {name: set(model.model_fields) for name, model in _MODELS.items()}
MAX_TOKEN_FAILURES = 3


class Session:
    """State and handlers of one WebSocket connection."""

    def __init__(self, server: GuardServer, ws: ServerConnection) -> None:
        self.server = server
        self.ws = ws
        cfg = server.config
        self.authenticated = False
        self.extension_version = ""
        self._bucket = TokenBucket(cfg.rate_per_second, cfg.rate_burst)
        self._strikes = 0
        self._token_failures = 0
        self._inflight = 0
        self._tasks: set[asyncio.Task[None]] = set()
        self._keepalive: asyncio.Task[None] | None = None

    # -- lifecycle -------------------------------------------------------------------------

    async def run(self) -> None:
        watchdog = asyncio.create_task(self._hello_watchdog())
        try:
            async for raw in self.ws:
                await self._on_frame(raw)
        except ConnectionClosed:
            pass
        finally:
            watchdog.cancel()
            if self._keepalive is not None:
                self._keepalive.cancel()
            # Let in-flight analyses finish (their replies fail quietly if the socket is gone).
            if self._tasks:
                await asyncio.wait(list(self._tasks))

    async def _hello_watchdog(self) -> None:
        await asyncio.sleep(self.server.config.hello_timeout_s)
        if not self.authenticated:
            log.info("connexion fermée : pas de « hello » à temps")
            await self.ws.close(CloseCode.POLICY_VIOLATION, "hello attendu")

    async def _keepalive_loop(self) -> None:
        interval = self.server.config.keepalive_s
        payload = orjson.dumps({"type": "keepalive"})
        while True:
            await asyncio.sleep(interval)
            if not await self.send_raw(payload):
                return

    # -- sending ---------------------------------------------------------------------------

    async def send_raw(self, payload: bytes) -> bool:
        try:
            await self.ws.send(payload, text=True)
            return True
        except ConnectionClosed:
            return False

    async def send(self, message: dict[str, Any]) -> bool:
        return await self.send_raw(orjson.dumps(message))

    async def error(self, code: str, key: str, request_id: str | None = None,
                    message: str | None = None) -> None:
        await self.send({"type": "error", "id": request_id, "code": code,
                         "message": message or MESSAGES[key]})

    # -- dispatch --------------------------------------------------------------------------

    async def _on_frame(self, raw: str | bytes) -> None:
        if not self._bucket.take():
            self._strikes += 1
            if self._strikes >= self.server.config.rate_strikes_before_close:
                log.warning("connexion fermée : trop de messages")
                await self.ws.close(CloseCode.POLICY_VIOLATION, "trop de messages")
                return
            await self.error("rate_limited", "rate_limited")
            return
        if isinstance(raw, bytes):
            await self.error("bad_message", "binary")
            return
        try:
            obj = orjson.loads(raw)
        except orjson.JSONDecodeError:
            # orjson refuses lone UTF-16 surrogates, which a JavaScript string may hold.
            try:
                obj = _replace_lone_surrogates(json.loads(raw))
            except (ValueError, RecursionError):
                await self.error("bad_json", "bad_json")
                return
        request_id = safe_id(obj)
        if not isinstance(obj, dict):
            await self.error("bad_message", "not_object")
            return
        kind = obj.get("type")
        model = _MODELS.get(kind) if isinstance(kind, str) else None
        if model is None:
            await self.error("unknown_type", "unknown_type", request_id)
            return
        if not self.authenticated and kind != "hello":
            await self.error("unauthorized", "unauthorized", request_id)
            return
        try:
            msg = model.model_validate(obj)
        except ValidationError as exc:
            text, too_long = describe_validation(exc, _FIELDS[kind])  # type: ignore[index]
            if too_long:
                await self.error("too_large", "too_long", request_id,
                                 MESSAGES["too_long"].format(limit=f"{MAX_TEXT_CHARS:_}".replace("_", " ")))
            else:
                await self.error("bad_message", "", request_id, text)
            return
        if isinstance(msg, Analyze):
            await self._on_analyze(msg)
        elif isinstance(msg, Hello):
            await self._on_hello(msg)
        elif isinstance(msg, Event):
            self._spawn(self._on_event(msg))
        elif isinstance(msg, Health):
            self._spawn(self._on_health(msg))
        # Keepalive: nothing to do, receiving it was the point.

    def _spawn(self, coro: Any) -> None:
        task = asyncio.create_task(coro)
        self._tasks.add(task)
        self.server.track(task)
        task.add_done_callback(self._tasks.discard)

    # -- handlers --------------------------------------------------------------------------

    async def _on_hello(self, msg: Hello) -> None:
        if msg.protocol != PROTOCOL_VERSION:
            await self.error("protocol_version", "protocol_version")
            return
        expected = self.server.policy.token
        if expected is not None and not hmac.compare_digest(
                (msg.token or "").encode(), expected.encode()):
            self._token_failures += 1
            log.warning("« hello » refusé : jeton invalide")
            await self.error("unauthorized", "bad_token")
            if self._token_failures >= MAX_TOKEN_FAILURES:
                await self.ws.close(CloseCode.POLICY_VIOLATION, "jeton invalide")
            return
        first = not self.authenticated
        self.authenticated = True
        self.extension_version = msg.extension_version
        self.server.note_extension(msg.extension_version)
        await self.send_raw(self.server.welcome_payload())
        if first:
            log.info("extension identifiée (version %s)", _safe_version(msg.extension_version))
            self._keepalive = asyncio.create_task(self._keepalive_loop())

    async def _on_analyze(self, msg: Analyze) -> None:
        if self.server.draining:
            await self.error("busy", "stopping", msg.id)
            return
        if self._inflight >= self.server.config.max_inflight_per_connection:
            await self.error("busy", "busy", msg.id)
            return
        self._inflight += 1
        self._spawn(self._analyze(msg))

    async def _analyze(self, msg: Analyze) -> None:
        try:
            payload = await self.server.analyze_payload(msg)
        except AnalysisFailed:
            await self.error("internal", "internal", msg.id)
            return
        except Exception as exc:  # noqa: BLE001 — one failed request must not end the connection
            log.error("analyse impossible : %s", type(exc).__name__)
            await self.error("internal", "internal", msg.id)
            return
        finally:
            self._inflight -= 1
        await self.send_raw(payload)

    async def _on_event(self, msg: Event) -> None:
        logged = await self.server.record_event(msg, self.extension_version)
        await self.send({"type": "ack", "id": msg.id, "logged": logged})

    async def _on_health(self, msg: Health) -> None:
        logged = await self.server.record_health(msg, self.extension_version)
        if msg.id is not None:
            await self.send({"type": "ack", "id": msg.id, "logged": logged})


_SURROGATE = re.compile("[\ud800-\udfff]")


def _replace_lone_surrogates(obj: Any) -> Any:
    """Half an emoji becomes U+FFFD: one UTF-16 unit for one, so offsets are unchanged."""
    if isinstance(obj, dict):
        return {k: _SURROGATE.sub("\ufffd", v) if isinstance(v, str) else v for k, v in obj.items()}
    return obj


def _safe_version(version: str) -> str:
    """Extension versions are digits and dots; anything else is not echoed to the log."""
    return version if all(c.isdigit() or c == "." for c in version) else "?"
