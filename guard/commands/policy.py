"""`vigie policy check FILE | show | schema`: the administrator's tools for the policy file."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("policy", help="Vérifier ou afficher la politique")
    sub = parser.add_subparsers(dest="policy_command", metavar="ACTION")

    check = sub.add_parser("check", help="Valider un fichier de politique (sortie 1 si erreur)")
    check.add_argument("file", type=Path)
    check.add_argument("--user", action="store_true", help="Le fichier est un réglage utilisateur")
    check.set_defaults(func=_check)

    show = sub.add_parser("show", help="Politique effective et provenance de chaque valeur")
    show.add_argument("--admin", type=Path, default=None, help="Fichier administrateur")
    show.add_argument("--user-settings", type=Path, default=None, help="Réglages utilisateur")
    show.add_argument("--json", action="store_true", help="Sortie JSON")
    show.set_defaults(func=_show)

    schema = sub.add_parser("schema", help="Écrire le schéma JSON (docs/policy.schema.json)")
    schema.add_argument("--out", type=Path, default=None)
    schema.set_defaults(func=_schema)

    parser.set_defaults(func=lambda args: (parser.print_help(sys.stderr), 2)[1])


def _check(args: argparse.Namespace) -> int:
    from guard.policy.loader import check_policy_file

    errors = check_policy_file(args.file, admin=not args.user)
    if errors:
        for line in errors:
            print(line, file=sys.stderr)
        return 1
    print(f"{args.file} : politique valide.")
    return 0


def _show(args: argparse.Namespace) -> int:
    from guard.policy.loader import load_policy

    loaded = load_policy(args.admin, args.user_settings)
    data = loaded.policy.model_dump(mode="json")
    if data.get("token"):
        data["token"] = "********"
    if args.json:
        print(json.dumps({"policy": data, "sources": loaded.sources, "errors": list(loaded.errors),
                          "ignored": list(loaded.ignored), "digest": loaded.digest},
                         ensure_ascii=False, indent=2))
        return 1 if loaded.errors else 0
    print(f"Politique administrateur : {loaded.admin_path}")
    print(f"Réglages utilisateur    : {loaded.user_path}")
    print(f"Empreinte               : {loaded.digest}")
    for line in loaded.errors:
        print(f"ERREUR : {line}")
    for name in loaded.ignored:
        print(f"Ignoré (verrouillé par l'administrateur) : {name}")
    print()
    for name, value in data.items():
        if name == "labels":
            print(f"labels ({loaded.sources.get('labels', 'défaut')}) :")
            for label, rule in value.items():
                src = loaded.sources.get(f"labels.{label}", "défaut")
                print(f"  {label:<15} {rule['action']:<7} seuil {rule['threshold']:<5} [{src}]")
            continue
        shown = json.dumps(value, ensure_ascii=False)
        if len(shown) > 100:
            shown = shown[:97] + "..."
        print(f"{name:<17} = {shown}  [{loaded.sources.get(name, 'défaut')}]")
    return 1 if loaded.errors else 0


def _schema(args: argparse.Namespace) -> int:
    from guard.policy.schema import DEFAULT_SCHEMA_PATH, write_schema

    path = write_schema(args.out or DEFAULT_SCHEMA_PATH)
    print(f"Schéma écrit : {path}")
    return 0
