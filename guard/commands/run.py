"""`vigie run`: the guard with its notification-area icon (what autostart launches)."""

from __future__ import annotations

import argparse
import os


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "run",
        help="lancer la garde avec son icône de notification",
        description="Lance la garde (serveur local) et son icône. Sans affichage, la garde tourne "
        "sans icône et le dit.",
    )
    p.add_argument("--port", type=int, default=None, help="port d'écoute (défaut : celui de la politique)")
    p.add_argument("--policy", default=None, help="fichier de politique administrateur")
    p.add_argument("--settings", default=None, help="fichier de réglages utilisateur")
    p.add_argument("--data-dir", default=None, help="dossier des données (journal des incidents)")
    p.add_argument("--no-model", action="store_true", help="détection par règles seules")
    p.add_argument("--headless", action="store_true", help="sans icône, même si un affichage existe")
    p.add_argument("--lang", choices=("fr", "en"), default=None, help="langue de l'icône")
    p.set_defaults(func=_run)


def _run(args: argparse.Namespace) -> int:
    import logging  # noqa: PLC0415
    from pathlib import Path  # noqa: PLC0415

    from guard.server import GuardServer, ServerConfig  # noqa: PLC0415
    from guard.tray.runner import GuardRunner, RunOptions  # noqa: PLC0415

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    config = ServerConfig(
        port=args.port,
        admin_policy_path=Path(args.policy) if args.policy else None,
        user_settings_path=Path(args.settings) if args.settings else None,
        data_dir=Path(args.data_dir) if args.data_dir else None,
        use_model=not args.no_model,
    )
    lang = args.lang or ("en" if os.environ.get("LANG", "").startswith("en") else "fr")
    runner = GuardRunner(lambda: GuardServer(config), RunOptions(headless=args.headless, locale=lang))
    return runner.run()
