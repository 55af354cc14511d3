"""Compare the daemon of two or more checkouts on this machine, runs alternated.

    .venv/bin/python benchmarks/compare_daemon.py HEAD~3 HEAD [--rounds 3] [--requests 150]
    .venv/bin/python benchmarks/compare_daemon.py /path/to/other/checkout .

Why: on a shared or virtual machine the speed drifts by tens of percent within the hour (the
last sessions' machine: ±30 %), so two benchmark runs taken minutes apart compare the machine,
not the code. This script starts each side's `vigie serve` in turn, round after round, and
reports per side the medians over rounds of: spawn → ready, sequential 1,000-character round
trips (p50 / p99), a fully cached 10,000-character round trip (the daemon's own overhead), a
one-word edit of 10,000 characters (p50 / p99). Only the sides' relative order is meaningful.

A git revision is checked out into a temporary worktree (removed at the end); a directory is
used as it is. Every side is byte-compiled first (`compileall`), as an installed package would
be: a side without `.pyc` files starts 0.2–0.3 s slower, which once passed for a code change.
The texts are the daemon benchmark's invented paragraphs (bench_daemon.py); no patient text.
"""

from __future__ import annotations

import argparse
import asyncio
import compileall
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import bench_daemon as bd  # noqa: E402 — needs the path above


def _side(spec: str, tmp: Path) -> tuple[Path, bool]:
    """A checkout for `spec`: an existing directory, or a worktree of a git revision."""
    path = Path(spec)
    if path.is_dir():
        return path.resolve(), False
    target = tmp / f"rev-{len(list(tmp.iterdir()))}"
    subprocess.run(["git", "-C", str(HERE.parent), "worktree", "add", "--detach", "-q", str(target), spec],
                   check=True)
    return target, True


async def _measure(port: int, requests: int) -> dict[str, float]:
    ws = await bd.client(port)
    text10 = bd.clinical_text(10_000, 777)
    await bd.round_trip(ws, "warm", text10)
    cached = [(await bd.round_trip(ws, f"c{i}", text10))[0] for i in range(requests)]
    await ws.close()
    seq, _ = await bd.sequential(port, 1000, requests, 100)
    edit = await bd.edit_one_word(port, requests, 30_000)
    return {"1k_p50": seq["p50_ms"], "1k_p99": seq["p99_ms"], "cached_10k": statistics.median(cached),
            "edit_p50": edit["p50_ms"], "edit_p99": edit["p99_ms"]}


def _run_side(root: Path, requests: int) -> dict[str, float]:
    bd.__file__ = str(root / "benchmarks" / "bench_daemon.py")  # Daemon() runs `vigie serve` there
    daemon = bd.Daemon(no_model=False)
    try:
        out = asyncio.run(_measure(daemon.port, requests))
    finally:
        daemon.stop()
    out["ready_s"] = daemon.ready_s
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("sides", nargs="+", help="git revisions or checkout directories")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--requests", type=int, default=150)
    args = ap.parse_args()
    if len(args.sides) < 2:
        ap.error("give at least two sides to compare")
    with tempfile.TemporaryDirectory(prefix="vigie-compare-") as tmp_name:
        tmp = Path(tmp_name)
        sides: list[tuple[str, Path, bool]] = []
        try:
            for spec in args.sides:
                root, worktree = _side(spec, tmp)
                sides.append((spec, root, worktree))
                compileall.compile_dir(str(root / "guard"), quiet=1)
            results: dict[str, list[dict[str, float]]] = {spec: [] for spec, _, _ in sides}
            for round_ in range(args.rounds):
                for spec, root, _ in sides:
                    results[spec].append(_run_side(root, args.requests))
                print(f"tour {round_ + 1}/{args.rounds} terminé", file=sys.stderr)
        finally:
            for _, root, worktree in sides:
                if worktree:
                    subprocess.run(["git", "-C", str(HERE.parent), "worktree", "remove", "--force", str(root)],
                                   check=False)
    keys = ("ready_s", "1k_p50", "1k_p99", "cached_10k", "edit_p50", "edit_p99")
    print(f"{'côté':<24}" + "".join(f"{k:>12}" for k in keys) + "   (médianes sur les tours, ms ; prêt en s)")
    for spec, runs in results.items():
        row = [statistics.median(r[k] for r in runs) for k in keys]
        print(f"{spec[:24]:<24}" + "".join(f"{v:>12.3f}" if k == "ready_s" else f"{v:>12.2f}"
                                           for k, v in zip(keys, row)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
