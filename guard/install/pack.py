"""Pack the extension into a signed CRX and write the `update.xml` browsers poll.

Chromium itself signs the CRX (`--pack-extension`), so the format is always the one the
browser expects. The key pins the extension id: this module refuses a key whose id is not
the one the policies force. The development key lives in installer/keys/; production uses
an offline key kept by the publisher (see docs/deployment.md).
"""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import quoteattr

from guard.install.templates import installer_dir

CHROMIUM_CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable",
                       "/usr/lib/chromium/chromium")


class PackError(RuntimeError):
    """French message: why the CRX could not be produced."""


@dataclass(frozen=True, slots=True)
class PackedExtension:
    crx: Path
    update_xml: Path
    extension_id: str
    version: str
    codebase: str


def default_key() -> Path:
    return installer_dir() / "keys" / "dev-extension-key.pem"


def extension_id_from_der(der: bytes) -> str:
    """Chrome's id: first 32 hex digits of sha256(public key DER), 0-f mapped to a-p."""
    digest = hashlib.sha256(der).hexdigest()[:32]
    return "".join(chr(ord("a") + int(c, 16)) for c in digest)


def extension_id_from_key(key: Path) -> str:
    try:
        der = subprocess.run(["openssl", "pkey", "-in", str(key), "-pubout", "-outform", "DER"],  # noqa: S603,S607
                             capture_output=True, check=True, timeout=30).stdout
    except (OSError, subprocess.CalledProcessError, subprocess.TimeoutExpired) as exc:
        raise PackError(f"clé illisible : {key} ({type(exc).__name__})") from exc
    return extension_id_from_der(der)


def find_chromium(explicit: str | None = None) -> str:
    for name in ([explicit] if explicit else []) + list(CHROMIUM_CANDIDATES):
        path = shutil.which(name) if name else None
        if path:
            return path
    raise PackError("Chromium/Chrome introuvable : installez chromium ou passez --chromium CHEMIN")


def update_xml(extension_id: str, codebase: str, version: str) -> str:
    return (
        "<?xml version='1.0' encoding='UTF-8'?>\n"
        "<gupdate xmlns='http://www.google.com/update2/response' protocol='2.0'>\n"
        f"  <app appid={quoteattr(extension_id)}>\n"
        f"    <updatecheck codebase={quoteattr(codebase)} version={quoteattr(version)} />\n"
        "  </app>\n"
        "</gupdate>\n"
    )


def pack_extension(
    extension_dir: Path,
    out_dir: Path,
    update_url: str,
    *,
    key: Path | None = None,
    expected_id: str | None = None,
    chromium: str | None = None,
    timeout_s: float = 120.0,
) -> PackedExtension:
    """Write `vigie-<version>.crx` and `update.xml` into `out_dir`.

    `update_url` is where `update.xml` will be served; the CRX is expected next to it.
    """
    key = key or default_key()
    manifest_path = extension_dir / "manifest.json"
    try:
        version = str(json.loads(manifest_path.read_text(encoding="utf-8"))["version"])
    except (OSError, ValueError, KeyError) as exc:
        raise PackError(f"manifest illisible : {manifest_path} ({type(exc).__name__})") from exc
    ext_id = extension_id_from_key(key)
    if expected_id and ext_id != expected_id:
        raise PackError(f"la clé donne l'identifiant {ext_id}, attendu {expected_id}")
    exe = find_chromium(chromium)
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="vigie-pack-") as tmp:
        work = Path(tmp) / "extension"
        shutil.copytree(extension_dir, work, ignore=shutil.ignore_patterns(
            "node_modules", "*.map", ".DS_Store", "__pycache__", "*.test.js"))
        proc = subprocess.run(  # noqa: S603
            [exe, "--headless", "--no-sandbox", f"--user-data-dir={Path(tmp) / 'profile'}",
             f"--pack-extension={work}", f"--pack-extension-key={key}"],
            capture_output=True, text=True, timeout=timeout_s, check=False,
        )
        crx_tmp = Path(tmp) / "extension.crx"
        if proc.returncode != 0 or not crx_tmp.exists():
            reason = (proc.stderr or proc.stdout).strip().splitlines()[-3:]
            raise PackError(f"empaquetage refusé par Chromium (code {proc.returncode}) : {' | '.join(reason)}")
        crx = out_dir / f"vigie-{version}.crx"
        shutil.move(str(crx_tmp), crx)
    base = update_url.rsplit("/", 1)[0]
    codebase = f"{base}/{crx.name}"
    xml = out_dir / "update.xml"
    xml.write_text(update_xml(ext_id, codebase, version), encoding="utf-8")
    return PackedExtension(crx, xml, ext_id, version, codebase)
