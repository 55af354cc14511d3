"""`vigie incidents verify | export | report | purge`: the DPO's and admin's view of the log."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("incidents", help="Journal des incidents (vérifier, exporter, rapport)")
    parser.add_argument("--db", type=Path, default=None,
                        help="Fichier du journal (par défaut : selon la politique)")
    sub = parser.add_subparsers(dest="incidents_command", metavar="ACTION")

    verify = sub.add_parser("verify", help="Vérifier que le journal n'a été ni modifié ni amputé")
    verify.set_defaults(func=_verify)

    export = sub.add_parser("export", help="Exporter en CSV ou JSON")
    export.add_argument("--format", choices=("csv", "json"), default="csv")
    export.add_argument("--since", default=None, help="Date de début AAAA-MM-JJ")
    export.add_argument("--out", type=Path, default=None, help="Fichier de sortie (défaut : écran)")
    export.set_defaults(func=_export)

    report = sub.add_parser("report", help="Rapport HTML autonome pour le DPO")
    report.add_argument("--since", default=None, help="Date de début AAAA-MM-JJ")
    report.add_argument("--out", type=Path, default=Path("vigie-rapport.html"))
    report.set_defaults(func=_report)

    purge = sub.add_parser("purge", help="Appliquer la durée de conservation de la politique")
    purge.set_defaults(func=_purge)

    parser.set_defaults(func=lambda args: (parser.print_help(sys.stderr), 2)[1])


def _open(args: argparse.Namespace, *, write: bool = False):  # -> (IncidentStore, Policy) | None
    from guard.incidents.service import incident_db_path
    from guard.incidents.store import IncidentStore, StoreError
    from guard.policy.loader import load_policy

    policy = load_policy().policy
    path = args.db or incident_db_path(policy)
    try:
        return IncidentStore(path, create=False, read_only=not write), policy
    except StoreError as exc:
        print(str(exc), file=sys.stderr)
        return None


def _verify(args: argparse.Namespace) -> int:
    opened = _open(args)
    if opened is None:
        return 2
    store, _ = opened
    try:
        report = store.verify()
        integrity = store.integrity_ok()
    finally:
        store.close()
    if not integrity:
        print(f"{store.path} : fichier SQLite endommagé (integrity_check).", file=sys.stderr)
    if report.ok and integrity:
        extra = f", lignes 1 à {report.purged_through} purgées (conservation)" if report.purged_through else ""
        print(f"{store.path} : journal intègre ({report.rows} ligne(s){extra}).")
        return 0
    for problem in report.problems:
        print(problem, file=sys.stderr)
    return 1


def _export(args: argparse.Namespace) -> int:
    from guard.incidents.export import parse_since, to_csv, to_json

    try:
        since = parse_since(args.since)
    except ValueError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    opened = _open(args)
    if opened is None:
        return 2
    store, _ = opened
    try:
        records = list(store.records(since=since, kinds=("incident",)))
    finally:
        store.close()
    text = to_csv(records) if args.format == "csv" else to_json(records)
    if args.out:
        args.out.write_text(text, encoding="utf-8")
        print(f"{len(records)} incident(s) exporté(s) vers {args.out}", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 0


def _report(args: argparse.Namespace) -> int:
    from guard.incidents.export import parse_since
    from guard.incidents.report import render_report

    try:
        since = parse_since(args.since)
    except ValueError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    from guard.incidents.service import incident_db_path
    from guard.policy.loader import load_policy

    policy = load_policy().policy
    path = args.db or incident_db_path(policy)
    if not path.exists():
        # Fresh install: an empty report is more useful to the DPO than an error.
        records, verify = [], None
    else:
        opened = _open(args)
        if opened is None:
            return 2
        store, policy = opened
        try:
            records = list(store.records(since=since))
            verify = store.verify()
        finally:
            store.close()
    args.out.write_text(render_report(records, policy=policy, verify=verify, since=since), encoding="utf-8")
    print(f"Rapport écrit : {args.out}")
    return 0


def _purge(args: argparse.Namespace) -> int:
    opened = _open(args, write=True)
    if opened is None:
        return 2
    store, policy = opened
    try:
        count = store.purge_older_than(policy.retention_days)
    finally:
        store.close()
    print(f"{count} ligne(s) de plus de {policy.retention_days} jours supprimée(s) ; la chaîne reste vérifiable.")
    return 0
