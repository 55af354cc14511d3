"""The `vigie` command line.

Each sub-command lives in its own module under `guard/commands/` and exposes
`register(subparsers) -> None`; the module sets `func` on its parser with
`set_defaults(func=...)`, a callable taking the parsed namespace and returning an exit
status. Discovery keeps this file free of merge conflicts as commands are added, and
imports stay lazy inside each command so `vigie scan` never pays for the tray or the
server.
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys
from collections.abc import Sequence

from guard import __version__
from guard import commands as commands_pkg


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="vigie",
        description="Vigie — garde locale contre la fuite de données patient vers les chatbots.",
    )
    parser.add_argument("--version", action="version", version=f"vigie {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMANDE")
    for info in sorted(pkgutil.iter_modules(commands_pkg.__path__), key=lambda m: m.name):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{commands_pkg.__name__}.{info.name}")
        register = getattr(module, "register", None)
        if register is not None:
            register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    func = getattr(args, "func", None)
    if func is None:
        parser.print_help(sys.stderr)
        return 2
    try:
        return int(func(args) or 0)
    except KeyboardInterrupt:
        return 130
