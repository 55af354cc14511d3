"""Hypothesis-generated garbage never breaks a connection or the server."""

from __future__ import annotations

import asyncio
from typing import Any

import orjson
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import TypeAdapter

from guard.protocol import ServerMessage

from .conftest import analyze_msg, open_client, recv_json, request

SERVER_MESSAGE = TypeAdapter(ServerMessage)

KEYS = ["type", "id", "text", "site", "protocol", "extension_version", "token", "outcome",
        "proposed_action", "counts", "max_score", "reason", "problem", "zzz"]
TYPES = ["hello", "analyze", "event", "health", "welcome", "result", "", "ANALYZE", "x" * 70]

scalars = st.one_of(st.none(), st.booleans(), st.integers(-2**63, 2**63 - 1),
                    st.floats(allow_nan=False), st.text(max_size=40), st.sampled_from(TYPES))
json_values = st.recursive(scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=8), inner, max_size=4)),
    max_leaves=12)
near_messages = st.fixed_dictionaries(
    {"type": st.sampled_from(TYPES)},
    optional={k: json_values for k in KEYS if k != "type"})


def encode(value: Any) -> str:
    return orjson.dumps(value).decode()


frames = st.one_of(
    st.text(max_size=200),
    st.just('{"type": "analyze", "id": "big", "text": "a", "site": "x", "max_score": ' + "9" * 400 + "}"),
    st.binary(max_size=200),
    json_values.map(encode),
    near_messages.map(encode),
    near_messages.map(lambda m: encode(m)[:-1]),  # truncated JSON
)


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(st.lists(frames, min_size=1, max_size=8))
def test_garbage_frames_leave_the_connection_usable(make_server, batch: list[str | bytes]) -> None:
    rs = getattr(test_garbage_frames_leave_the_connection_usable, "_rs", None)
    if rs is None or rs.loop.is_closed() or not rs.thread.is_alive():
        rs = make_server()
        test_garbage_frames_leave_the_connection_usable._rs = rs  # type: ignore[attr-defined]

    async def scenario() -> None:
        ws = await open_client(rs.port)
        for frame in batch:
            await ws.send(frame)
        await ws.send(encode(analyze_msg("Barnabette", "sentinelle-fin")))
        while True:
            msg = await recv_json(ws, timeout=20)
            SERVER_MESSAGE.validate_python(msg)  # every reply is a well-formed protocol message
            if msg.get("id") == "sentinelle-fin" and msg["type"] == "result":
                break
        await ws.close()
        # Someone else is still served.
        other = await open_client(rs.port)
        assert (await request(other, analyze_msg("Zorglubien", "autre")))["type"] == "result"
        await other.close()

    asyncio.run(scenario())
