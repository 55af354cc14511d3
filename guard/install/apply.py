"""Write an `InstallPlan` to disk (optionally under a root) and undo it exactly.

The list of files written, and of folders created for them, is saved next to the data
(`installed-files.json`) so `vigie uninstall` removes what was put and nothing else —
an administrator's own Chrome policies in the same folder stay untouched.
"""

from __future__ import annotations

import json
import os
import subprocess
from dataclasses import dataclass
from pathlib import Path, PurePath

from guard.install.plan import InstallPlan, current_os


class InstallError(RuntimeError):
    """French message saying what failed and what to do."""


@dataclass(frozen=True, slots=True)
class ApplyResult:
    written: tuple[Path, ...]
    manifest: Path | None
    command_errors: tuple[str, ...] = ()


def local_path(target: PurePath, root: Path | None) -> Path:
    """Where `target` (absolute on the target OS) lands on this machine."""
    if root is None:
        return Path(str(target))
    parts = list(target.parts)
    anchor = parts.pop(0)  # "/" or "C:\\"
    drive = anchor.strip("\\/").rstrip(":")
    base = root / drive if drive else root
    return base.joinpath(*parts)


def _check_root(plan: InstallPlan, root: Path | None) -> None:
    if root is None and plan.os != current_os():
        raise InstallError(f"plan {plan.os} sur une machine {current_os()} : précisez --root DOSSIER")


def apply_plan(plan: InstallPlan, root: Path | None = None, *, dry_run: bool = False,
               run_commands: bool = True) -> ApplyResult:
    _check_root(plan, root)
    targets = [(f, local_path(f.path, root)) for f in plan.files]
    manifest = local_path(plan.manifest_path, root)
    if dry_run:
        return ApplyResult(tuple(p for _, p in targets), None)
    created_dirs: list[str] = []
    written: list[Path] = []
    try:
        if root is not None:
            root.mkdir(parents=True, exist_ok=True)  # the root is the caller's, never removed
        for spec, path in targets:
            for parent in reversed([path.parent, *path.parent.parents]):
                if not parent.exists():
                    parent.mkdir()
                    created_dirs.append(str(parent))
            if spec.kind == "symlink":
                if path.is_symlink() or path.exists():
                    path.unlink()
                os.symlink(spec.content.decode(), path)
            else:
                tmp = path.with_name(path.name + ".vigie-tmp")
                tmp.write_bytes(spec.content)
                tmp.chmod(spec.mode)
                os.replace(tmp, path)
            written.append(path)
        for parent in reversed([manifest.parent, *manifest.parent.parents]):
            if not parent.exists():
                parent.mkdir()
                created_dirs.append(str(parent))
        old = _read_manifest(manifest)
        record = {
            "os": plan.os,
            "scope": plan.scope,
            "files": sorted({*map(str, written), *old.get("files", [])}),
            "dirs_created": list(dict.fromkeys([*old.get("dirs_created", []), *created_dirs])),
        }
        manifest.write_text(json.dumps(record, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    except OSError as exc:
        raise InstallError(f"écriture impossible ({type(exc).__name__}: {exc}) — lancer en "
                           "administrateur pour --system ?") from exc
    errors: list[str] = []
    if root is None and run_commands:
        errors = _run(plan.post_commands)
    return ApplyResult(tuple(written), manifest, tuple(errors))


def _read_manifest(path: Path) -> dict:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return data if isinstance(data, dict) else {}
    except (OSError, ValueError):
        return {}


def uninstall_plan(plan: InstallPlan, root: Path | None = None, *, dry_run: bool = False,
                   run_commands: bool = True) -> tuple[Path, ...]:
    """Remove what the manifest lists (or, without one, what the plan would write)."""
    _check_root(plan, root)
    if root is None and run_commands and not dry_run:
        _run(plan.pre_uninstall_commands)  # best effort: stop the guard, drop registry keys
    manifest = local_path(plan.manifest_path, root)
    record = _read_manifest(manifest)
    files = [Path(p) for p in record.get("files", [])] or [local_path(f.path, root) for f in plan.files]
    present = [p for p in files if p.is_symlink() or p.exists()]
    if dry_run:
        return tuple(present)
    for path in present:
        path.unlink()
    if manifest.exists():
        manifest.unlink()
    # Remove only folders we created, deepest first, and only when empty.
    for d in sorted(record.get("dirs_created", []), key=lambda s: s.count(os.sep), reverse=True):
        try:
            Path(d).rmdir()
        except OSError:
            pass
    return tuple(present)


def _run(commands: tuple[tuple[str, ...], ...]) -> list[str]:
    errors = []
    for cmd in commands:
        try:
            proc = subprocess.run(list(cmd), capture_output=True, text=True, timeout=30, check=False)  # noqa: S603
            if proc.returncode != 0:
                errors.append(f"{' '.join(cmd)} : code {proc.returncode}")
        except (OSError, subprocess.TimeoutExpired) as exc:
            errors.append(f"{' '.join(cmd)} : {type(exc).__name__}")
    return errors
