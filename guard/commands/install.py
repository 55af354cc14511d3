"""`vigie install`, `vigie uninstall` and `vigie pack-extension` (what an administrator runs)."""

from __future__ import annotations

import argparse
import sys


def _common(p: argparse.ArgumentParser) -> None:
    scope = p.add_mutually_exclusive_group()
    scope.add_argument("--user", dest="scope", action="store_const", const="user",
                       help="pour l'utilisateur courant seulement (défaut)")
    scope.add_argument("--system", dest="scope", action="store_const", const="system",
                       help="pour toute la machine, avec les politiques des navigateurs (administrateur)")
    p.set_defaults(scope="user")
    p.add_argument("--dry-run", action="store_true", help="afficher sans rien écrire")
    p.add_argument("--root", default=None, help="écrire sous ce dossier (paquets, tests)")
    p.add_argument("--os", dest="target_os", choices=("linux", "windows", "macos"), default=None,
                   help="système visé (défaut : celui-ci ; un autre demande --root)")
    p.add_argument("--update-url", default=None, help="URL de update.xml (hébergement de l'extension)")
    p.add_argument("--port", type=int, default=None, help="port local de la garde (défaut 47321)")
    p.add_argument("--unreachable", choices=("block", "warn"), default="block",
                   help="conduite de l'extension si la garde ne répond pas")
    p.add_argument("--token", default=None, help="jeton partagé garde/extension")
    p.add_argument("--policy", default=None, help="politique administrateur à déposer (JSON)")
    p.add_argument("--python", default=None, help="interpréteur qui lance la garde (défaut : celui-ci)")


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("install", help="installer le démarrage automatique et les politiques",
                              description="Installe Vigie pour ce système : démarrage automatique, "
                              "politiques Chrome/Chromium/Edge qui forcent l'extension.")
    _common(p)
    p.set_defaults(func=_install)
    u = subparsers.add_parser("uninstall", help="retirer ce que `vigie install` a posé")
    _common(u)
    u.set_defaults(func=_uninstall)
    k = subparsers.add_parser("pack-extension", help="produire le .crx signé et update.xml")
    k.add_argument("--out", required=True, help="dossier de sortie")
    k.add_argument("--update-url", required=True, help="URL à laquelle update.xml sera servi")
    k.add_argument("--extension-dir", default=None, help="dossier de l'extension (défaut : extension/)")
    k.add_argument("--key", default=None, help="clé de signature PEM (défaut : clé de développement)")
    k.add_argument("--chromium", default=None, help="exécutable Chromium/Chrome")
    k.set_defaults(func=_pack)


def _request(args: argparse.Namespace):
    from pathlib import Path  # noqa: PLC0415

    from guard.install.plan import UNSET_UPDATE_URL, InstallRequest, current_os  # noqa: PLC0415
    from guard.install.policies import ExtensionDeployment  # noqa: PLC0415
    from guard.policy.model import DEFAULT_PORT  # noqa: PLC0415

    admin_policy = None
    if args.policy:
        admin_policy = _validated_policy(Path(args.policy))
    dep = ExtensionDeployment(update_url=args.update_url or UNSET_UPDATE_URL,
                              port=args.port or DEFAULT_PORT, unreachable=args.unreachable,
                              token=args.token)
    return InstallRequest(os=args.target_os or current_os(), scope=args.scope, deployment=dep,
                          python=args.python or sys.executable, admin_policy=admin_policy)


def _validated_policy(path) -> bytes:
    """Refuse to deploy a policy file the daemon would reject (errors name the field)."""
    from guard.install.apply import InstallError  # noqa: PLC0415

    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InstallError(f"politique illisible : {path} ({type(exc).__name__})") from exc
    try:
        from guard.policy.loader import load_policy  # noqa: PLC0415
    except ImportError:
        return data
    loaded = load_policy(admin_path=path, user_path=None)
    if loaded.errors:
        raise InstallError("politique refusée : " + " ; ".join(loaded.errors))
    return data


def _install(args: argparse.Namespace) -> int:
    from pathlib import Path  # noqa: PLC0415

    from guard.install.apply import InstallError, apply_plan  # noqa: PLC0415
    from guard.install.plan import build_plan  # noqa: PLC0415

    try:
        plan = build_plan(_request(args))
        result = apply_plan(plan, Path(args.root) if args.root else None, dry_run=args.dry_run)
    except (InstallError, ValueError) as exc:
        print(f"Vigie : installation impossible — {exc}", file=sys.stderr)
        return 1
    verb = "écrirait" if args.dry_run else "a écrit"
    print(f"Vigie ({plan.os}, {plan.scope}) {verb} {len(result.written)} fichier(s) :")
    for path in result.written:
        print(f"  {path}")
    for note in plan.notes:
        print(f"Remarque : {note}")
    for err in result.command_errors:
        print(f"Attention : {err}", file=sys.stderr)
    return 0


def _uninstall(args: argparse.Namespace) -> int:
    from pathlib import Path  # noqa: PLC0415

    from guard.install.apply import InstallError, uninstall_plan  # noqa: PLC0415
    from guard.install.plan import build_plan  # noqa: PLC0415

    try:
        plan = build_plan(_request(args))
        removed = uninstall_plan(plan, Path(args.root) if args.root else None, dry_run=args.dry_run)
    except (InstallError, ValueError) as exc:
        print(f"Vigie : désinstallation impossible — {exc}", file=sys.stderr)
        return 1
    verb = "retirerait" if args.dry_run else "a retiré"
    print(f"Vigie {verb} {len(removed)} fichier(s).")
    for path in removed:
        print(f"  {path}")
    return 0


def _pack(args: argparse.Namespace) -> int:
    from pathlib import Path  # noqa: PLC0415

    from guard.install.pack import PackError, pack_extension  # noqa: PLC0415
    from guard.install.templates import installer_dir  # noqa: PLC0415
    from guard.policy.model import EXTENSION_ID  # noqa: PLC0415

    ext_dir = Path(args.extension_dir) if args.extension_dir else installer_dir().parent / "extension"
    key = Path(args.key) if args.key else None
    try:
        packed = pack_extension(ext_dir, Path(args.out), args.update_url, key=key,
                                expected_id=EXTENSION_ID if key is None else None,
                                chromium=args.chromium)
    except PackError as exc:
        print(f"Vigie : {exc}", file=sys.stderr)
        return 1
    print(f"Extension {packed.extension_id} v{packed.version}")
    print(f"  {packed.crx}")
    print(f"  {packed.update_xml} (codebase {packed.codebase})")
    print("Publiez ces deux fichiers à l'URL donnée, puis `vigie install --system --update-url URL`.")
    return 0
