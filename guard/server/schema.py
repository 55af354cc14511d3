"""Generate docs/protocol.md from the protocol models, so the document cannot drift.

    python -m guard.server.schema            # rewrite docs/protocol.md
    python -m guard.server.schema --check    # exit 1 when the file is out of date

The prose lives here next to the generator; the JSON Schemas come from `guard.protocol`.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter

from guard.protocol import MAX_TEXT_CHARS, PROTOCOL_VERSION, ClientMessage, ServerMessage
from guard.server.config import ServerConfig

DOC_PATH = Path(__file__).resolve().parents[2] / "docs" / "protocol.md"

_cfg = ServerConfig()
_MAX = f"{MAX_TEXT_CHARS:,}".replace(",", "\u202f")
# The policy has its own schema (docs/policy.schema.json, owned by the policy module): refer
# to it instead of copying it, so a new policy field does not make this document stale.
_POLICY_DEFS = ("Policy", "LabelRule", "OverrideReason", "Forwarding")

INTRO = f"""# Vigie — protocole extension ↔ garde locale (version {PROTOCOL_VERSION})

<!-- Fichier généré par `python -m guard.server.schema` : ne pas modifier à la main. -->

Ce document décrit les messages échangés entre l'extension du navigateur (son *service
worker*) et la garde locale (`vigie serve` ou l'application de la zone de notification).
Les schémas JSON en fin de document sont générés à partir des modèles pydantic de
`guard/protocol.py`.

## Transport

- WebSocket `ws://127.0.0.1:<port>/` (ou `ws://[::1]:<port>/`). La garde n'écoute que sur la
  boucle locale, jamais sur le réseau. Port par défaut : 47321, réglable par la politique
  (`port`) ou `vigie serve --port N`. Sur un serveur de terminaux, chaque utilisateur a son
  propre port.
- Trames texte, une par message, chaque message est un objet JSON avec un champ `type`.
  Pas de compression (permessage-deflate désactivé : sur la boucle locale il ne fait
  qu'ajouter de la latence).
- Taille maximale d'une trame reçue : {_cfg.max_frame // 1024} Kio ; au-delà la connexion est
  fermée avec le code **1009** et une raison. Un texte à analyser fait au plus
  {_MAX} caractères (sinon erreur `too_large`).
- `GET /healthz` (HTTP simple, même port) répond un objet JSON sans aucune donnée patient :
  `state` (`ok` / `degraded`), `version`, `protocol`, `detector` (`full` / `rules-only`),
  `connections`, `policy_ok`, `incident_log_ok`, `last_extension_seen`, `paused` et
  `paused_until` (fin de la pause en UTC ISO 8601, ou `null`).

## Sécurité de la connexion

1. **Origine.** La poignée de main est refusée (HTTP **403**) si l'en-tête `Origin` n'est pas
   exactement `chrome-extension://ojdmkiacdcicbcpcinjiaokjieddflep` (Chrome et Edge) ou
   `chrome-extension://<id>` pour un identifiant ajouté par l'administrateur
   (`extension_ids`). Absente, `null`, `file://`, `http(s)://`, `moz-extension://`, autre
   extension, casse différente, barre oblique finale : refusé. Un seul en-tête `Origin`.
2. **Hôte.** L'en-tête `Host` doit être `127.0.0.1:<port>`, `localhost:<port>` ou
   `[::1]:<port>` (protection contre le *DNS rebinding*), sinon 403.
3. **`hello` d'abord.** Tout autre message avant un `hello` accepté reçoit une erreur
   `unauthorized`. Sans `hello` dans les {_cfg.hello_timeout_s:g} s, fermeture **1008**.
4. **Jeton.** Si la politique fixe `token`, le `hello` doit porter le même jeton ; sinon
   erreur `unauthorized` ; après 3 échecs, fermeture **1008**. Le jeton n'est jamais renvoyé
   (`welcome.policy.token` vaut toujours `null`).
5. **Limites.** Par connexion : {_cfg.rate_per_second:g} messages/s en moyenne (rafales de
   {_cfg.rate_burst}) — au-delà erreur `rate_limited`, puis fermeture 1008 si l'abus continue ;
   {_cfg.max_inflight_per_connection} analyses en cours au plus — au-delà erreur `busy`.
   {_cfg.max_connections} connexions simultanées au plus (HTTP 503 au-delà).
6. Aucun texte analysé, aucune valeur trouvée, aucun message reçu n'est journalisé : les
   journaux ne portent que des types, des libellés et des nombres.

## Échanges

| Client → garde | Réponse | Rôle |
|---|---|---|
| `hello` (`protocol`, `extension_version`, `token?`) | `welcome` | ouverture ; `welcome` porte la politique effective, l'état du détecteur, l'intervalle de `keepalive` |
| `analyze` (`id`, `text`, `site`) | `result` (même `id`) | analyse ; plusieurs requêtes peuvent être en cours, les réponses arrivent dans le désordre : associer par `id` |
| `event` (`id`, `site`, `outcome`, `proposed_action`, `counts`, `max_score`, `reason?`) | `ack` (même `id`, `logged`) | ce que l'utilisateur a fait ; enregistré au journal des incidents, `logged: false` s'il n'a pas pu l'être |
| `health` (`site`, `problem`, `id?`) | `ack` si `id` est donné | page protégée que l'extension ne sait pas surveiller |
| `keepalive` | aucune | le *service worker* se maintient éveillé ; la garde ne répond pas (elle envoie déjà les siens) |

Messages envoyés par la garde sans demande :

- `keepalive` toutes les {_cfg.keepalive_s:g} s après le `hello` (un *service worker* MV3 s'endort
  après ~30 s sans message applicatif ; les *pings* WebSocket ne le réveillent pas) ;
- `policy` quand la politique effective change (fichier administrateur ou utilisateur
  modifié) : l'extension applique immédiatement la nouvelle politique ;
- `pause` (`paused`, `until` en secondes Unix ou `null`) quand une pause de la protection
  commence ou finit (menu *Pause 15 min* de la zone de notification, seulement si la
  politique a `pause_allowed`). Un client qui ne le connaît pas peut l'ignorer : chaque
  `result` porte aussi `paused`.

### `result`

- `findings` : les éléments au moins égaux au seuil de leur libellé, triés par début, sans
  chevauchement. **`start` et `end` sont en unités de code UTF-16** (comme les indices des
  chaînes JavaScript : un émoji compte 2, un accent combinant compte 1), `end` exclusif.
  Aucune valeur n'est renvoyée : l'extension lit `text.slice(start, end)`.
- `label`, `score` (0–1), `action` (`allow` / `warn` / `redact` / `block`) demandée par la
  politique pour ce libellé ; `action` globale = la plus stricte, `allow` si le site n'est pas
  protégé (`guarded: false`) ; `counts` par libellé ; `max_score`.
- `paused: true` : la protection est en pause (autorisée par la politique). Les `findings`
  et `counts` restent renseignés, mais toutes les actions valent `allow` : l'extension ne
  bloque pas et affiche « Vigie en pause ». Un tel résultat ne doit pas être gardé en cache
  (la pause finit d'elle-même, au plus tard après une heure). Début et fin de chaque pause
  sont inscrits au journal des incidents (type `pause`, sans site ni texte).
- Les résultats sont mis en cache par paragraphe (en mémoire seulement, jamais écrits) :
  renvoyer tout le texte après chaque modification est le mode prévu, seul le paragraphe
  modifié est réanalysé.

### `error`

`{{"type": "error", "id": <id de la requête ou null>, "code": ..., "message": <français>}}`.
La connexion reste utilisable. Codes :

| code | cause |
|---|---|
| `bad_json` | trame illisible (JSON invalide, trop profond) |
| `bad_message` | objet attendu, champ manquant, inconnu, trop long ou de mauvais type, trame binaire |
| `unknown_type` | `type` absent ou inconnu |
| `unauthorized` | message avant `hello`, jeton absent ou faux |
| `protocol_version` | `hello.protocol` différent de {PROTOCOL_VERSION} |
| `too_large` | texte de plus de {_MAX} caractères |
| `rate_limited` | trop de messages sur la connexion |
| `busy` | trop d'analyses en cours sur la connexion, ou garde en cours d'arrêt |
| `internal` | l'analyse a échoué : le texte n'a **pas** été analysé (appliquer `unreachable`) |

Les messages d'erreur ne citent jamais ce que le client a envoyé (seulement les noms de
champs connus).

## Codes de fermeture

| code | cause |
|---|---|
| 1001 | arrêt de la garde (SIGTERM, SIGINT, fermeture de l'application) après la fin des analyses en cours |
| 1008 | pas de `hello` à temps, jeton faux trois fois, abus du débit |
| 1009 | trame trop grande |
| 1011 | erreur interne |

## Schémas JSON

Le schéma de la politique (`welcome.policy`, `policy.policy`) est celui de
`docs/policy.schema.json`.
"""


def schemas() -> dict[str, dict[str, object]]:
    return {
        "client": TypeAdapter(ClientMessage).json_schema(),
        "server": _external_policy(TypeAdapter(ServerMessage).json_schema()),
    }


def _external_policy(schema: dict[str, Any]) -> dict[str, Any]:
    defs = schema.get("$defs", {})
    for name in _POLICY_DEFS:
        defs.pop(name, None)

    def walk(node: Any) -> Any:
        if isinstance(node, dict):
            if node.get("$ref") == "#/$defs/Policy":
                return {**node, "$ref": "policy.schema.json"}
            return {k: walk(v) for k, v in node.items()}
        if isinstance(node, list):
            return [walk(v) for v in node]
        return node

    return walk(schema)


def render() -> str:
    out = [INTRO]
    s = schemas()
    for title, key in (("Messages du client (extension → garde)", "client"),
                       ("Messages de la garde (garde → extension)", "server")):
        out.append(f"\n### {title}\n\n```json\n")
        out.append(json.dumps(s[key], indent=2, ensure_ascii=False, sort_keys=True))
        out.append("\n```\n")
    return "".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m guard.server.schema")
    parser.add_argument("--check", action="store_true", help="exit 1 if docs/protocol.md is stale")
    parser.add_argument("--output", type=Path, default=DOC_PATH)
    args = parser.parse_args(argv)
    text = render()
    if args.check:
        current = args.output.read_text(encoding="utf-8") if args.output.exists() else ""
        if current != text:
            print(f"{args.output} n'est pas à jour : lancez python -m guard.server.schema",
                  file=sys.stderr)
            return 1
        return 0
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
