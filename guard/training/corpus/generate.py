"""Corpus entry point: `generate(n, seed, heldout)` and a CLI writing JSONL.

    python -m guard.training.corpus.generate --n 1000 --seed 1 --out corpus.jsonl [--heldout]

Document kinds are weighted towards chatbot prompts (the product's main input), and about
half of those prompts carry no identifier at all, like the text the detector is judged on.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections.abc import Iterator
from pathlib import Path

from guard.training.corpus import documents, noise, prompts
from guard.training.corpus.doc import Doc, Piece, assemble
from guard.training.corpus.names import pool
from guard.training.corpus.render import Context

KIND_WEIGHTS: dict[str, float] = {
    "prompt_ids": 0.27,
    "prompt_free": 0.25,
    "note_free": 0.04,
    "discharge": 0.08,
    "referral": 0.05,
    "consultation": 0.08,
    "prescription": 0.05,
    "nursing": 0.05,
    "physio": 0.03,
    "lab": 0.04,
    "mes_export": 0.04,
    "email": 0.06,
}


def _pieces(kind: str, ctx: Context) -> list[Piece]:
    if kind == "prompt_ids":
        return prompts.prompt_with_ids(ctx)
    if kind == "prompt_free":
        return prompts.prompt_without_ids(ctx)
    if kind == "note_free":
        return prompts.note_without_ids(ctx)
    return documents.KINDS[kind](ctx)


def one(rng: random.Random, heldout: bool = False, kind: str | None = None) -> Doc:
    ctx = Context(rng, pool(heldout))
    kind = kind or rng.choices(list(KIND_WEIGHTS), list(KIND_WEIGHTS.values()))[0]
    pieces = _pieces(kind, ctx)
    is_prompt = kind.startswith("prompt")
    style = ""
    r = rng.random()
    if r < (0.3 if is_prompt else 0.05):
        pieces = noise.sms(pieces, rng)
        style = "+sms"
    elif r < (0.33 if is_prompt else 0.07):
        pieces = noise.shout(pieces)
        style = "+caps"
    if rng.random() < (0.35 if is_prompt else 0.15):
        pieces = noise.typos(pieces, rng, rate=0.06, entity_rate=0.02)
        style += "+typos"
    pieces = noise.spacing(pieces, rng)
    return assemble(pieces, kind + style)


def generate(n: int, seed: int, heldout: bool = False) -> Iterator[Doc]:
    rng = random.Random(seed)
    for _ in range(n):
        yield one(rng, heldout)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Génère un corpus clinique synthétique annoté (JSONL).")
    ap.add_argument("--n", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--heldout", action="store_true", help="noms du pool réservé (jeu de test)")
    ap.add_argument("--out", type=Path, default=None)
    args = ap.parse_args(argv)
    out = args.out.open("w", encoding="utf-8") if args.out else sys.stdout
    for i, doc in enumerate(generate(args.n, args.seed, args.heldout)):
        out.write(json.dumps(doc.to_json(f"{args.seed}-{i}"), ensure_ascii=False) + "\n")
    if args.out:
        out.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
