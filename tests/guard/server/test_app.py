"""The daemon end to end: a real GuardServer on port 0, real websockets clients."""

from __future__ import annotations

import asyncio
import json
import logging
import socket
import time
import urllib.request
from pathlib import Path

import orjson
import pytest
from websockets.asyncio.client import connect
from websockets.exceptions import ConnectionClosed, InvalidStatus

from guard.policy.model import EXTENSION_ID
from guard.protocol import Error, Result, Welcome
from guard.server import GuardServer, PortInUseError, ServerConfig

from .conftest import (
    ORIGIN,
    RunningServer,
    analyze_msg,
    make_config,
    open_client,
    recv_json,
    request,
    start_server,
    url,
)

OTHER_ID = "abcdefghijklmnopabcdefghijklmnop"
TOKEN = "jeton-de-test-suffisamment-long"


# -- handshake security ------------------------------------------------------------------

FOREIGN_ORIGINS = [
    None,                                              # missing
    "null",                                            # sandboxed iframe, file:// pages
    "file://",
    "http://127.0.0.1",
    "http://localhost:8080",
    "https://chatgpt.com",
    "https://evil.example",
    f"chrome-extension://{OTHER_ID}",                  # another extension
    f"moz-extension://{EXTENSION_ID}",                 # Firefox scheme
    f"chrome-extension://{EXTENSION_ID.upper()}",      # case trick
    f"Chrome-Extension://{EXTENSION_ID}",
    f"chrome-extension://{EXTENSION_ID}/",             # trailing slash
    f"chrome-extension://{EXTENSION_ID}.evil.example",
    f"chrome-extension://{EXTENSION_ID}:443",
    f"chrome-extension://{EXTENSION_ID}x",
    f"https://{EXTENSION_ID}",
    f"chrome-extension://{EXTENSION_ID[:-1]}",
    "chrome-extension://",
]


def test_foreign_origins_are_refused_with_403(server: RunningServer) -> None:
    async def scenario() -> list[int]:
        codes = []
        for origin in FOREIGN_ORIGINS:
            with pytest.raises(InvalidStatus) as info:
                async with connect(url(server.port), origin=origin, compression=None):  # type: ignore[arg-type]
                    pass
            codes.append(info.value.response.status_code)
        return codes

    assert asyncio.run(scenario()) == [403] * len(FOREIGN_ORIGINS)


def test_duplicate_origin_headers_are_refused(server: RunningServer) -> None:
    async def scenario() -> int:
        with pytest.raises(InvalidStatus) as info:
            async with connect(url(server.port), origin=ORIGIN, compression=None,  # type: ignore[arg-type]
                               additional_headers=[("Origin", ORIGIN)]):
                pass
        return info.value.response.status_code

    assert asyncio.run(scenario()) == 403


def test_foreign_host_header_is_refused(server: RunningServer) -> None:
    """DNS rebinding: the browser sends the attacker's host name."""
    async def scenario() -> int:
        with pytest.raises(InvalidStatus) as info:
            async with connect(url(server.port), origin=ORIGIN, compression=None,  # type: ignore[arg-type]
                               additional_headers=[("Host", "evil.example")]):
                pass
        return info.value.response.status_code

    req = urllib.request.Request(f"http://127.0.0.1:{server.port}/healthz",
                                 headers={"Host": f"rebind.example:{server.port}"})
    with pytest.raises(urllib.error.HTTPError) as info:
        urllib.request.urlopen(req, timeout=5)
    assert info.value.code == 403
    info.value.close()
    assert asyncio.run(scenario()) in (400, 403)


def test_allowed_origin_gets_welcome_with_policy(server: RunningServer) -> None:
    async def scenario() -> dict:
        async with connect(url(server.port), origin=ORIGIN, compression=None) as ws:  # type: ignore[arg-type]
            return await request(ws, {"type": "hello", "protocol": 1, "extension_version": "1.2.3"})

    welcome = Welcome.model_validate(asyncio.run(scenario()))
    assert welcome.policy.port == 47321
    assert welcome.detector_mode == "rules-only"
    st = server.call(lambda s: s.status())
    assert st.last_extension_version == "1.2.3" and st.last_extension_seen is not None


def test_administrator_extension_ids_are_allowed(make_server) -> None:
    rs = make_server(policy={"extension_ids": [OTHER_ID]})

    async def scenario() -> None:
        ws = await open_client(rs.port, origin=f"chrome-extension://{OTHER_ID}")
        await ws.close()
        with pytest.raises(InvalidStatus):
            await connect(url(rs.port), origin="chrome-extension://not-an-id", compression=None)  # type: ignore[arg-type]

    asyncio.run(scenario())


def test_listens_on_loopback_only(server: RunningServer) -> None:
    names = server.call(lambda s: [sock.getsockname()[0] for srv in s._servers for sock in srv.sockets])
    assert set(names) <= {"127.0.0.1", "::1"} and "127.0.0.1" in names
    with pytest.raises(ValueError):
        ServerConfig(hosts=("0.0.0.0",))


def test_ipv6_loopback_serves_too(server: RunningServer) -> None:
    names = server.call(lambda s: [sock.getsockname()[0] for srv in s._servers for sock in srv.sockets])
    if "::1" not in names:
        pytest.skip("no IPv6 loopback on this machine")

    async def scenario() -> dict:
        async with connect(f"ws://[::1]:{server.port}/", origin=ORIGIN, compression=None) as ws:  # type: ignore[arg-type]
            await request(ws, {"type": "hello", "protocol": 1, "extension_version": "1"})
            return await request(ws, analyze_msg("Barnabette"))

    assert asyncio.run(scenario())["type"] == "result"


def test_messages_before_hello_are_refused(server: RunningServer) -> None:
    async def scenario() -> tuple[dict, dict]:
        ws = await open_client(server.port, hello=False)
        refused = await request(ws, analyze_msg("Zorglubien", "early"))
        await ws.send(orjson.dumps({"type": "hello", "protocol": 1, "extension_version": "1"}).decode())
        await recv_json(ws)
        accepted = await request(ws, analyze_msg("Zorglubien", "later"))
        await ws.close()
        return refused, accepted

    refused, accepted = asyncio.run(scenario())
    assert refused["code"] == "unauthorized" and refused["id"] == "early"
    assert accepted["type"] == "result" and accepted["findings"][0]["label"] == "NOM"


def test_token_is_enforced_when_set(make_server) -> None:
    rs = make_server(policy={"token": TOKEN})

    async def scenario() -> None:
        ws = await open_client(rs.port, hello=False)
        for token in (None, "mauvais-jeton-de-longueur-ok", TOKEN[:-1]):
            msg = {"type": "hello", "protocol": 1, "extension_version": "1"}
            if token is not None:
                msg["token"] = token
            reply = await request(ws, msg)
            assert reply["code"] == "unauthorized", reply
        # Three failures close the connection.
        with pytest.raises(ConnectionClosed) as info:
            await recv_json(ws)
        assert info.value.rcvd is not None and info.value.rcvd.code == 1008
        good = await open_client(rs.port, token=TOKEN)
        reply = await request(good, analyze_msg("Barnabette"))
        assert reply["type"] == "result"
        welcome = await request(good, {"type": "hello", "protocol": 1, "extension_version": "1",
                                       "token": TOKEN})
        assert welcome["policy"]["token"] is None  # never echoed back
        await good.close()

    asyncio.run(scenario())


def test_wrong_protocol_version_is_refused(server: RunningServer) -> None:
    async def scenario() -> dict:
        ws = await open_client(server.port, hello=False)
        reply = await request(ws, {"type": "hello", "protocol": 2, "extension_version": "1"})
        await ws.close()
        return reply

    assert asyncio.run(scenario())["code"] == "protocol_version"


def test_no_hello_in_time_closes(make_server) -> None:
    rs = make_server(hello_timeout_s=0.3)

    async def scenario() -> int:
        ws = await open_client(rs.port, hello=False)
        await ws.wait_closed()
        return ws.close_code

    assert asyncio.run(scenario()) == 1008


def test_connection_count_is_bounded(make_server) -> None:
    rs = make_server(max_connections=3)

    async def scenario() -> int:
        clients = [await open_client(rs.port) for _ in range(3)]
        with pytest.raises(InvalidStatus) as info:
            await connect(url(rs.port), origin=ORIGIN, compression=None)  # type: ignore[arg-type]
        for c in clients:
            await c.close()
        return info.value.response.status_code

    assert asyncio.run(scenario()) == 503


# -- protocol ----------------------------------------------------------------------------

def test_result_offsets_are_utf16_code_units(server: RunningServer) -> None:
    text = "😀👩‍⚕️ Patient Zorglubien Me\u0301lanie, 🏥 née à Quimperlouve 🇫🇷 IPP ZX9Q7W3K"

    async def scenario() -> dict:
        ws = await open_client(server.port)
        reply = await request(ws, analyze_msg(text))
        await ws.close()
        return reply

    reply = asyncio.run(scenario())
    Result.model_validate(reply)
    units = text.encode("utf-16-le")
    spans = [units[f["start"] * 2:f["end"] * 2].decode("utf-16-le") for f in reply["findings"]]
    assert spans == ["Zorglubien", "Quimperlouve", "ZX9Q7W3K"]
    assert [f["label"] for f in reply["findings"]] == ["NOM", "VILLE", "IPP"]
    # Default policy: NOM and IPP block, VILLE warns; the strictest wins.
    assert [f["action"] for f in reply["findings"]] == ["block", "warn", "block"]
    assert reply["action"] == "block"
    assert reply["counts"] == {"NOM": 1, "VILLE": 1, "IPP": 1}


def test_lone_surrogate_from_javascript_is_analysed(server: RunningServer) -> None:
    """A JS string may hold half an emoji; JSON.stringify writes it as an escape."""
    frame = '{"type": "analyze", "id": "s1", "site": "claude.ai", "text": "\\ud83d Zorglubien"}'

    async def scenario() -> dict:
        ws = await open_client(server.port)
        reply = await request(ws, frame)
        await ws.close()
        return reply

    reply = asyncio.run(scenario())
    assert reply["type"] == "result"
    assert (reply["findings"][0]["start"], reply["findings"][0]["end"]) == (2, 12)


def test_policy_allow_terms_and_unguarded_sites(make_server) -> None:
    rs = make_server(policy={"allow_terms": ["Zorglubien"]})

    async def scenario() -> tuple[dict, dict]:
        ws = await open_client(rs.port)
        a = await request(ws, analyze_msg("Dr Zorglubien voit Barnabette"))
        b = await request(ws, analyze_msg("Barnabette", site="example.org"))
        await ws.close()
        return a, b

    a, b = asyncio.run(scenario())
    assert [f["label"] for f in a["findings"]] == ["PRENOM"]
    assert b["action"] == "allow" and b["guarded"] is False


def test_bad_frames_get_errors_and_connection_stays_usable(server: RunningServer) -> None:
    frames = [
        "{pas du json",
        "[]",
        "42",
        '"texte"',
        '{"type": "inconnu", "id": "u1"}',
        '{"id": "u2"}',
        '{"type": "analyze", "id": "u3", "text": 12, "site": "claude.ai"}',
        '{"type": "analyze", "id": "u4", "text": "a", "site": "claude.ai", "extra": 1}',
        '{"type": "analyze", "id": "", "text": "a", "site": "claude.ai"}',
        '{"type": "event", "id": "u5", "site": "claude.ai", "outcome": "zut", "proposed_action": "block"}',
        '{"type": "analyze", "id": "u6", "text": "' + "a" * 200_001 + '", "site": "claude.ai"}',
        '{"a":' * 5000 + "1" + "}" * 5000,
    ]

    async def scenario() -> list[dict]:
        ws = await open_client(server.port)
        replies = [await request(ws, f) for f in frames]  # type: ignore[arg-type]
        await ws.send(b"\x00\x01binaire")
        replies.append(await recv_json(ws))
        replies.append(await request(ws, analyze_msg("Zorglubien", "ok")))
        await ws.close()
        return replies

    replies = asyncio.run(scenario())
    errors = [Error.model_validate(r) for r in replies[:-1]]
    assert [e.code for e in errors] == [
        "bad_json", "bad_message", "bad_message", "bad_message", "unknown_type", "unknown_type",
        "bad_message", "bad_message", "bad_message", "bad_message", "too_large", "bad_json",
        "bad_message"]
    assert errors[4].id == "u1" and errors[6].id == "u3"
    assert all(e.message and "12" not in e.message for e in errors)
    assert replies[-1]["type"] == "result" and replies[-1]["id"] == "ok"


def test_oversize_frame_closes_1009_and_others_keep_working(server: RunningServer) -> None:
    async def scenario() -> tuple[int | None, str, dict]:
        other = await open_client(server.port)
        big = await open_client(server.port)
        await big.send("x" * (600 * 1024))
        await big.wait_closed()
        assert big.close_code is not None
        reply = await request(other, analyze_msg("Barnabette"))
        await other.close()
        return big.close_code, big.close_reason or "", reply

    code, reason, reply = asyncio.run(scenario())
    assert code == 1009 and reason
    assert reply["type"] == "result"


def test_flood_is_rate_limited_and_others_are_served(make_server) -> None:
    rs = make_server(rate_per_second=50, rate_burst=20, rate_strikes_before_close=200)

    async def scenario() -> tuple[int, int, dict, int | None]:
        flooder = await open_client(rs.port)
        other = await open_client(rs.port)
        for i in range(150):
            await flooder.send(orjson.dumps(analyze_msg("Zorglubien", f"f{i}")).decode())
        replies = [await recv_json(flooder) for _ in range(150)]
        codes = [r["type"] for r in replies]
        assert any(r.get("code") == "rate_limited" for r in replies)
        reply = await request(other, analyze_msg("Barnabette", "calm"))
        # Keep flooding past the strike limit (reading the replies): the flooder is disconnected.
        async def drain() -> None:
            try:
                while True:
                    await flooder.recv()
            except ConnectionClosed:
                pass

        reader = asyncio.create_task(drain())
        for i in range(400):
            try:
                await flooder.send(orjson.dumps(analyze_msg("x", f"g{i}")).decode())
            except ConnectionClosed:
                break
        await asyncio.wait_for(reader, 10)
        await other.close()
        return codes.count("result"), codes.count("error"), reply, flooder.close_code

    results, errors, reply, close_code = asyncio.run(scenario())
    assert results >= 10 and errors >= 50
    assert reply["type"] == "result" and reply["id"] == "calm"
    assert close_code == 1008


def test_inflight_limit_per_connection(make_server) -> None:
    rs = make_server(max_inflight_per_connection=2, cache_entries=0)
    text = "Zorglubien " * 15_000

    async def scenario() -> list[str]:
        ws = await open_client(rs.port)
        for i in range(6):
            await ws.send(orjson.dumps(analyze_msg(text, f"i{i}")).decode())
        replies = [await recv_json(ws, timeout=60) for _ in range(6)]
        await ws.close()
        return [r.get("code", r["type"]) for r in replies]

    kinds = asyncio.run(scenario())
    assert kinds.count("busy") >= 1 and kinds.count("result") >= 2
    assert kinds.count("busy") + kinds.count("result") == 6


def test_fifty_clients_two_hundred_requests_each(server: RunningServer) -> None:
    async def client(n: int) -> int:
        ws = await open_client(server.port)
        ok = 0
        for batch in range(20):
            ids = [f"c{n}-{batch}-{k}" for k in range(10)]
            for k, rid in enumerate(ids):
                text = f"Mme Barnabette vue le {k}/{batch}, patiente {n}" + (" Zorglubien" if k % 2 else "")
                await ws.send(orjson.dumps(analyze_msg(text, rid)).decode())
            got = {}
            for _ in ids:
                msg = await recv_json(ws, timeout=60)
                assert msg["type"] == "result", msg
                got[msg["id"]] = msg
            assert set(got) == set(ids)
            for k, rid in enumerate(ids):
                labels = [f["label"] for f in got[rid]["findings"]]
                assert labels == (["PRENOM", "NOM"] if k % 2 else ["PRENOM"]), (rid, labels)
                ok += 1
        await ws.close()
        return ok

    async def scenario() -> list[int]:
        return await asyncio.gather(*(client(n) for n in range(50)))

    assert asyncio.run(scenario()) == [200] * 50


def test_huge_paste_does_not_stall_small_requests(make_server) -> None:
    """A 200,000-character paste is sliced; a small request arriving later overtakes it."""
    rs = make_server(cache_entries=0)
    para = ("Compte rendu de consultation de Mme Barnabette Zorglubien, suivie pour diabète. "
            "Examen clinique sans particularité. ") * 15
    huge = "\n\n".join([para] * 200)[:200_000]

    async def scenario() -> tuple[float, float, dict]:
        big = await open_client(rs.port)
        small = await open_client(rs.port)
        t0 = time.perf_counter()
        await big.send(orjson.dumps(analyze_msg(huge, "huge")).decode())
        await asyncio.sleep(0.005)
        reply = await request(small, analyze_msg("Barnabette", "small"))
        t_small = time.perf_counter() - t0
        big_reply = await recv_json(big, timeout=120)
        t_big = time.perf_counter() - t0
        await big.close()
        await small.close()
        assert big_reply["type"] == "result" and len(big_reply["findings"]) > 100
        return t_small, t_big, reply

    t_small, t_big, reply = asyncio.run(scenario())
    assert reply["type"] == "result"
    assert t_small < t_big  # ordering, not a timing budget


def test_event_is_acked(server: RunningServer) -> None:
    event = {"type": "event", "id": "e1", "site": "claude.ai", "outcome": "pseudonymized",
             "proposed_action": "redact", "counts": {"NOM": 2}, "max_score": 0.9}

    async def scenario() -> dict:
        ws = await open_client(server.port)
        reply = await request(ws, event)
        await ws.close()
        return reply

    ack = asyncio.run(scenario())
    assert ack == {"type": "ack", "id": "e1", "logged": ack["logged"]}
    st = server.call(lambda s: s.status())
    if ack["logged"]:
        assert sum(st.today_counts.values()) >= 1
    else:  # the incident log could not record it: that must be visible
        assert st.incident_problem


def test_health_report_with_id_is_acked(server: RunningServer) -> None:
    async def scenario() -> dict:
        ws = await open_client(server.port)
        reply = await request(ws, {"type": "health", "id": "h1", "site": "claude.ai",
                                   "problem": "no_input"})
        await ws.close()
        return reply

    assert asyncio.run(scenario())["type"] == "ack"


def test_keepalive_is_sent(make_server) -> None:
    rs = make_server(keepalive_s=0.2)

    async def scenario() -> dict:
        ws = await open_client(rs.port)
        msg = await recv_json(ws, timeout=5, skip_keepalive=False)
        await ws.close()
        return msg

    assert asyncio.run(scenario()) == {"type": "keepalive"}


def test_client_keepalive_is_accepted_without_reply(server: RunningServer) -> None:
    async def scenario() -> dict:
        ws = await open_client(server.port)
        await ws.send('{"type": "keepalive"}')
        reply = await request(ws, analyze_msg("Zorglubien", "after"))
        await ws.close()
        return reply

    reply = asyncio.run(scenario())
    assert reply["type"] == "result" and reply["id"] == "after"  # no error came first


def test_policy_change_is_pushed(make_server, tmp_path: Path) -> None:
    rs = make_server(policy={"version": "v1"})

    async def scenario() -> dict:
        ws = await open_client(rs.port)
        await asyncio.sleep(0.05)
        admin = tmp_path / "admin-policy.json"
        admin.write_text(json.dumps({"version": "v2", "extension_ids": [OTHER_ID]}), encoding="utf-8")
        # A non-atomic write can first be read half-written (pushed as the strict fallback);
        # the complete file follows. Wait for it.
        msg = await recv_json(ws, timeout=10)
        while not (msg["type"] == "policy" and msg["policy"]["version"] == "v2"):
            msg = await recv_json(ws, timeout=10)
        other = await open_client(rs.port, origin=f"chrome-extension://{OTHER_ID}")
        await other.close()
        await ws.close()
        return msg

    msg = asyncio.run(scenario())
    assert msg["type"] == "policy" and msg["policy"]["version"] == "v2"


def test_healthz_reports_state_without_patient_data(server: RunningServer) -> None:
    with urllib.request.urlopen(f"http://127.0.0.1:{server.port}/healthz", timeout=5) as resp:
        assert resp.headers["Content-Type"] == "application/json"
        body = json.loads(resp.read())
    assert body["version"] and body["detector"] == "rules-only" and body["protocol"] == 1
    assert body["state"] in ("ok", "degraded")
    with pytest.raises(urllib.error.HTTPError) as info:
        urllib.request.urlopen(f"http://127.0.0.1:{server.port}/autre", timeout=5)
    assert info.value.code == 404
    info.value.close()


def test_port_in_use_names_the_port(tmp_path: Path) -> None:
    blocker = socket.socket()
    blocker.bind(("127.0.0.1", 0))
    blocker.listen(1)
    port = blocker.getsockname()[1]
    try:
        with pytest.raises(PortInUseError) as info:
            start_server(make_config(tmp_path, port=port))
    finally:
        blocker.close()
    message = str(info.value)
    assert str(port) in message and "--port" in message and "serveur de terminaux" in message


def test_shutdown_finishes_inflight_then_closes_1001(make_server) -> None:
    rs = make_server(cache_entries=0)
    text = "Zorglubien suivi. " * 8000

    async def scenario() -> tuple[dict, int | None]:
        ws = await open_client(rs.port)
        await ws.send(orjson.dumps(analyze_msg(text, "last")).decode())
        await asyncio.sleep(0.01)
        stopper = asyncio.get_running_loop().run_in_executor(None, rs.stop)
        reply = await recv_json(ws, timeout=30)
        await ws.wait_closed()
        await stopper
        return reply, ws.close_code

    reply, code = asyncio.run(scenario())
    assert reply["type"] == "result" and reply["id"] == "last" and len(reply["findings"]) == 8000
    assert code == 1001
    assert not rs.call.__self__.thread.is_alive()
    rs.stop()  # idempotent


def test_shutdown_is_idempotent_and_status_reports_stopped(tmp_path: Path) -> None:
    async def scenario() -> tuple[bool, bool]:
        server = GuardServer(make_config(tmp_path))
        await server.start()
        running = server.status().running
        await asyncio.gather(server.shutdown(), server.shutdown())
        await server.shutdown()
        await server.serve_forever()  # returns at once when stopped
        return running, server.status().running

    assert asyncio.run(scenario()) == (True, False)


# -- privacy -----------------------------------------------------------------------------

def test_no_analysed_value_reaches_the_logs(make_server, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    secrets = ["Zorglubien", "Barnabette", "ZX9Q7W3K", "Quimperlouve", "1850775056045",
               "sentinelle-valeur-42"]
    rs = make_server(rate_per_second=100, rate_burst=30)
    text = " ".join(secrets)

    async def scenario() -> None:
        ws = await open_client(rs.port)
        await request(ws, analyze_msg(text, "p1"))
        await request(ws, analyze_msg(text + " encore", "p2", site="sentinelle-valeur-42.example"))
        await request(ws, {"type": "analyze", "id": "p3", "text": text, "site": 5})
        await request(ws, {"type": "analyze", "id": "p4", "text": text, "site": "a", text: 1})
        await request(ws, {"type": "hello", "protocol": 1, "extension_version": text})
        await request(ws, {"type": "event", "id": "p5", "site": "claude.ai", "outcome": "blocked",
                           "proposed_action": "block", "reason": text})
        await request(ws, {"type": text, "id": "p6"})
        await request(ws, "{" + text)  # type: ignore[arg-type]
        for i in range(60):
            await ws.send(orjson.dumps(analyze_msg(text, f"flood{i}")).decode())
        for _ in range(60):
            await recv_json(ws)
        await ws.close()
        with pytest.raises(InvalidStatus):
            await connect(url(rs.port), origin=f"https://{secrets[0]}.example", compression=None)  # type: ignore[arg-type]

    asyncio.run(scenario())
    rs.stop()
    # Everything but the test's own client library.
    daemon = [r for r in caplog.records if not r.name.startswith("websockets.client")]
    logged = "\n".join(f"{r.name} {r.getMessage()} {r.exc_text or ''}" for r in daemon)
    assert "vigie.server" in logged  # the daemon did log something
    for secret in secrets:
        assert secret not in logged


class ExplodingRecognizer:
    """A recogniser that fails on one word, with the text in its exception message."""

    name = "test:exploding"

    def find(self, text: str):  # type: ignore[no-untyped-def]
        if "Kaboumette" in text:
            raise ValueError(f"cannot parse {text!r}")
        return []


def test_detector_failure_is_an_error_reply_never_an_allow(make_server,
                                                           caplog: pytest.LogCaptureFixture) -> None:
    from guard.detect.detector import Detector

    from .conftest import WordRecognizer

    caplog.set_level(logging.DEBUG)
    rs = make_server(detector=Detector([WordRecognizer(), ExplodingRecognizer()], None, "test"))

    async def scenario() -> tuple[dict, dict]:
        ws = await open_client(rs.port)
        bad = await request(ws, analyze_msg("Kaboumette Zorglubien", "boom"))
        good = await request(ws, analyze_msg("Zorglubien", "fine"))
        await ws.close()
        return bad, good

    bad, good = asyncio.run(scenario())
    assert bad["type"] == "error" and bad["code"] == "internal" and bad["id"] == "boom"
    assert good["type"] == "result" and good["findings"]
    logged = "\n".join(r.getMessage() for r in caplog.records if r.name.startswith("vigie"))
    assert "ValueError" in logged and "Kaboumette" not in logged
