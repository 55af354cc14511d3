"""`vigie doctor`: what is wrong with Vigie on this PC, and what to do (in French)."""

from __future__ import annotations

import argparse


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "doctor",
        help="diagnostiquer l'installation (modèle, port, politique, journal, extension)",
        description="Vérifie le modèle (empreintes), le port, la politique, le journal des incidents "
        "et la dernière connexion d'une extension ; dit quoi corriger. Code de sortie non nul en cas "
        "de problème.",
    )
    p.add_argument("--port", type=int, default=None, help="port de la garde (défaut : celui de la politique)")
    p.add_argument("--policy", default=None, help="fichier de politique administrateur")
    p.add_argument("--settings", default=None, help="fichier de réglages utilisateur")
    p.add_argument("--data-dir", default=None, help="dossier des données")
    p.add_argument("--model-dir", default=None, help="dossier du modèle")
    p.set_defaults(func=_doctor)


def _doctor(args: argparse.Namespace) -> int:
    from pathlib import Path  # noqa: PLC0415

    from guard.install.doctor import render, run_checks  # noqa: PLC0415

    def opt(value: str | None) -> Path | None:
        return Path(value) if value else None

    checks = run_checks(port=args.port, admin_path=opt(args.policy), user_path=opt(args.settings),
                        data_dir=opt(args.data_dir), model_dir=opt(args.model_dir))
    text, ok = render(checks)
    print(text)
    return 0 if ok else 1
