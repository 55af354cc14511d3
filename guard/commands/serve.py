"""`vigie serve`: the guard daemon without the tray icon (servers, tests, terminal servers)."""

from __future__ import annotations

import argparse


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "serve",
        help="lancer le service local d'analyse (sans icône)",
        description="Lance le service WebSocket local auquel l'extension se connecte "
        "(127.0.0.1 et ::1 uniquement). Arrêt propre sur Ctrl+C ou SIGTERM.",
    )
    p.add_argument("--port", type=int, default=None,
                   help="port d'écoute (défaut : celui de la politique, 47321 ; 0 = port libre)")
    p.add_argument("--policy", default=None, help="fichier de politique administrateur")
    p.add_argument("--settings", default=None, help="fichier de réglages utilisateur")
    p.add_argument("--data-dir", default=None, help="dossier des données (journal des incidents)")
    p.add_argument("--model-dir", default=None, help="dossier du modèle de détection")
    p.add_argument("--no-model", action="store_true", help="détection par règles seules")
    p.add_argument("--log-level", default="INFO", choices=("DEBUG", "INFO", "WARNING", "ERROR"),
                   help="niveau de journalisation (jamais de texte analysé, à aucun niveau)")
    p.set_defaults(func=_serve)


def _serve(args: argparse.Namespace) -> int:
    import logging  # noqa: PLC0415
    import sys  # noqa: PLC0415
    from pathlib import Path  # noqa: PLC0415

    from guard.server import GuardServer, ServerConfig, run_server  # noqa: PLC0415

    logging.basicConfig(level=getattr(logging, args.log_level), stream=sys.stderr,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    try:
        config = ServerConfig(
            port=args.port,
            admin_policy_path=Path(args.policy) if args.policy else None,
            user_settings_path=Path(args.settings) if args.settings else None,
            data_dir=Path(args.data_dir) if args.data_dir else None,
            model_dir=Path(args.model_dir) if args.model_dir else None,
            use_model=not args.no_model,
        )
    except ValueError as exc:
        print(f"vigie serve : {exc}", file=sys.stderr)
        return 2

    def ready(server: GuardServer) -> None:
        st = server.status()
        print(f"Vigie prêt : ws://127.0.0.1:{server.port}/ (détection : {st.detector_mode})",
              flush=True)

    return run_server(config, ready=ready)
