"""`vigie doctor`: checks a PC's Vigie set-up and says, in French, what to fix.

Each check returns a `Check` (name, ok, what was found, what to do). Checks never raise
and never print patient data: they read files, hashes, a port and /healthz only.
"""

from __future__ import annotations

import json
import socket
import urllib.error
import urllib.request
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any


@dataclass(frozen=True, slots=True)
class Check:
    name: str
    ok: bool
    found: str
    fix: str = ""
    warning: bool = False  # informative problem that does not fail the run


def check_model(model_dir: Path | None) -> Check:
    """The shipped model is present and every file matches its pinned sha256."""
    try:
        from guard.detect.model import ModelError, default_model_dir, verify
    except ImportError:
        return Check("Modèle", False, "module de modèle absent de cette installation",
                     "réinstaller Vigie (paquet complet)")
    directory = model_dir or default_model_dir()
    try:
        files = verify(directory)
    except ModelError as exc:
        return Check("Modèle", False, f"{exc} — détection par règles seules",
                     f"réinstaller le modèle dans {directory} (ou définir VIGIE_MODEL_DIR)")
    except OSError as exc:
        return Check("Modèle", False, f"lecture impossible ({type(exc).__name__})",
                     f"vérifier les droits sur {directory}")
    return Check("Modèle", True, f"{files.model.name} : empreintes sha256 conformes ({directory})")


def _healthz(port: int, timeout: float) -> dict[str, Any] | None:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=timeout) as resp:  # noqa: S310
            data = json.loads(resp.read())
            return data if isinstance(data, dict) and "protocol" in data else None
    except (OSError, ValueError, urllib.error.URLError):
        return None


def _port_open(port: int, timeout: float) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=timeout):
            return True
    except OSError:
        return False


def check_daemon(port: int, timeout: float = 2.0) -> tuple[Check, Check, dict[str, Any] | None]:
    """The port (a Vigie answers, or it is free, or someone else holds it) and the last
    time an extension connected."""
    health = _healthz(port, timeout)
    if health is None:
        if _port_open(port, timeout):
            port_check = Check("Port", False, f"le port {port} est pris par un autre programme",
                               "libérer le port ou choisir un autre port dans la politique (« port ») "
                               "et le même dans l'extension")
        else:
            port_check = Check("Port", False, f"le port {port} est libre : la garde ne tourne pas",
                               "démarrer Vigie (« vigie run », ou ouvrir une nouvelle session) ; tant "
                               "qu'elle est arrêtée, l'extension bloque les envois")
        return port_check, Check("Extension", False, "état inconnu (garde arrêtée)",
                                 "démarrer la garde puis ouvrir le navigateur", warning=True), None
    state = health.get("state", "?")
    port_check = Check("Port", True, f"la garde répond sur le port {port} (état : {state}, "
                                     f"détection : {health.get('detector', '?')})")
    return port_check, _extension_check(health), health


def _extension_check(health: dict[str, Any]) -> Check:
    connections = int(health.get("connections") or 0)
    seen_raw = health.get("last_extension_seen")
    seen: datetime | None = None
    if isinstance(seen_raw, str):
        try:
            seen = datetime.fromisoformat(seen_raw)
        except ValueError:
            seen = None
    if connections > 0:
        return Check("Extension", True, f"{connections} navigateur(s) connecté(s) en ce moment")
    if seen is not None:
        local = seen.astimezone().strftime("%d/%m/%Y %H:%M")
        age_h = (datetime.now(timezone.utc) - seen).total_seconds() / 3600
        return Check("Extension", True, f"aucune connexion en cours ; dernière connexion le {local}",
                     "" if age_h < 24 else "ouvrir Chrome ou Edge : l'extension se reconnecte seule",
                     warning=age_h >= 24)
    return Check("Extension", False, "aucune extension ne s'est connectée depuis le démarrage de la garde",
                 "vérifier que l'extension est installée (chrome://extensions, « installée par votre "
                 "organisation ») et que son port est celui de la garde ; voir docs/deployment.md",
                 warning=True)


def check_policy(admin_path: Path | None, user_path: Path | None) -> tuple[Check, Any]:
    try:
        from guard.policy.loader import load_policy
    except ImportError:
        return Check("Politique", False, "module de politique absent", "réinstaller Vigie"), None
    loaded = load_policy(admin_path, user_path)
    where = f"administrateur : {loaded.admin_path}" if loaded.admin_path else ""
    if loaded.errors:
        return Check("Politique", False, " ; ".join(loaded.errors),
                     "corriger le champ indiqué (« vigie policy check FICHIER »)" +
                     (" ; en attendant, les réglages les plus stricts s'appliquent" if loaded.strict_fallback else "")
                     ), loaded
    return Check("Politique", True, f"valide (version « {loaded.policy.version} », {where})"), loaded


def check_incidents(policy: Any, data_dir: Path | None) -> Check:
    try:
        from guard.incidents.service import IncidentService
    except ImportError:
        return Check("Journal des incidents", False, "module absent", "réinstaller Vigie")
    service = IncidentService(policy, data_dir)
    try:
        problem = service.status()
        path = service.path
    finally:
        service.close()
    if problem:
        return Check("Journal des incidents", False, problem,
                     f"vérifier les droits et la place disque de {path.parent}")
    return Check("Journal des incidents", True, f"accessible en écriture ({path})")


def run_checks(*, port: int | None, admin_path: Path | None, user_path: Path | None,
               data_dir: Path | None, model_dir: Path | None) -> list[Check]:
    policy_check, loaded = check_policy(admin_path, user_path)
    from guard.policy.model import DEFAULT_PORT, Policy

    policy = loaded.policy if loaded is not None else Policy()
    effective_port = port or getattr(policy, "port", DEFAULT_PORT)
    port_check, ext_check, _ = check_daemon(effective_port)
    return [check_model(model_dir), port_check, policy_check, check_incidents(policy, data_dir), ext_check]


def render(checks: list[Check]) -> tuple[str, bool]:
    """French report and whether everything that matters is fine."""
    lines = ["Vigie — diagnostic", ""]
    for c in checks:
        mark = "OK " if c.ok and not c.warning else ("!  " if c.warning else "ÉCHEC")
        lines.append(f"[{mark}] {c.name} : {c.found}")
        if c.fix:
            lines.append(f"        → à faire : {c.fix}")
    failed = [c for c in checks if not c.ok and not c.warning]
    lines.append("")
    lines.append("Tout est en ordre." if not failed else
                 f"{len(failed)} problème(s) à corriger.")
    return "\n".join(lines), not failed
