#!/usr/bin/env bash
# Install Vigie in .venv and start the guard: tray icon when a display is there, headless otherwise.
source "$(dirname "$0")/_env.sh"
ensure_venv
.venv/bin/python -m pip install -q -e .
cat <<MSG

Vigie est installé dans $ROOT/.venv.
Pour charger l'extension dans Chrome, Chromium ou Edge (poste de test) :
  1. ouvrir chrome://extensions (edge://extensions pour Edge) ;
  2. activer le « Mode développeur » ;
  3. « Charger l'extension non empaquetée » et choisir le dossier $ROOT/extension
En déploiement, l'extension est installée d'office par la stratégie du navigateur (voir docs/deployment.md).

MSG
if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
  exec .venv/bin/vigie run "$@"
else
  echo "Pas d'écran détecté : démarrage sans icône (vigie serve). Ctrl+C pour arrêter."
  exec .venv/bin/vigie serve "$@"
fi
