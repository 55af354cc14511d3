"""The daemon with the shipped rules: real identifiers, UTF-16 offsets, cache transparency."""

from __future__ import annotations

import asyncio

from guard.detect.detector import Detector

from .conftest import analyze_msg, open_client, request

NIR = "1 85 07 75 056 045 72"
MAIL = "jeanne.morvan@exemple.fr"
TEXT = (f"👩‍⚕️ Courrier pour la patiente, NIR {NIR} 🏥.\n\n"
        f"Écrire à {MAIL} pour le suivi de la réé\u0301ducation.\n\n"
        "Antécédents : maladie de Crohn, TA 130/80, INR 2,5.")


def spans(text: str, reply: dict) -> list[tuple[str, str]]:
    units = text.encode("utf-16-le")
    return [(units[f["start"] * 2:f["end"] * 2].decode("utf-16-le"), f["label"])
            for f in reply["findings"]]


def test_shipped_rules_offsets_are_utf16(make_server) -> None:
    rs = make_server(detector=Detector.default(use_model=False))

    async def scenario() -> dict:
        ws = await open_client(rs.port)
        reply = await request(ws, analyze_msg(TEXT))
        await ws.close()
        return reply

    found = spans(TEXT, asyncio.run(scenario()))
    assert (NIR, "SECU") in found
    assert (MAIL, "MAIL") in found


def test_cached_results_equal_uncached(make_server) -> None:
    det = Detector.default(use_model=False)
    cached = make_server(detector=det)
    uncached = make_server(detector=det, cache_entries=0)
    paragraphs = [f"Paragraphe {i} : Mme Le Gall, NIR {NIR}, joignable au 06 12 34 56 78, "
                  f"née le 03/04/1951 😀." for i in range(40)]
    versions = []
    for k in (3, 20, 39):
        edited = list(paragraphs)
        edited[k] = edited[k].replace("joignable", "toujours joignable 🎉")
        versions.append("\n\n".join(edited))

    async def run(port: int) -> list[dict]:
        ws = await open_client(port)
        out = [await request(ws, analyze_msg("\n\n".join(paragraphs), "base"))]
        for i, text in enumerate(versions):
            out.append(await request(ws, analyze_msg(text, f"v{i}")))
        await ws.close()
        return out

    a = asyncio.run(run(cached.port))
    b = asyncio.run(run(uncached.port))
    assert a == b
    assert len(a[1]["findings"]) >= 40
    hits = cached.call(lambda s: s.analyzer.cache.hits)
    assert hits > 0


def test_welcome_and_healthz_report_the_real_detector_mode(make_server) -> None:
    """With the shipped model (or without it, degraded), people are told which one runs."""
    import json
    import urllib.request

    rs = make_server(use_words=False, use_model=True)

    async def scenario() -> dict:
        ws = await open_client(rs.port, hello=False)
        welcome = await request(ws, {"type": "hello", "protocol": 1, "extension_version": "1"})
        await ws.close()
        return welcome

    welcome = asyncio.run(scenario())
    status = rs.call(lambda s: s.status())
    with urllib.request.urlopen(f"http://127.0.0.1:{rs.port}/healthz", timeout=5) as resp:
        health = json.loads(resp.read())
    assert welcome["detector_mode"] == status.detector_mode == health["detector"]
    if status.detector_mode != "full":
        assert welcome["detector_reason"] and health["state"] == "degraded"
