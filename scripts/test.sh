#!/usr/bin/env bash
# Install everything the tests need on a fresh Debian machine, then run the whole suite.
# Extra arguments go to pytest.
source "$(dirname "$0")/_env.sh"
apt_install chromium chromium-l10n chromium-driver xvfb trayer imagemagick xdotool x11-utils rsyslog \
  rsyslog-gnutls openssl systemd python3-gi gir1.2-gtk-3.0 dbus-daemon
# Node.js (with npm) bundles the fixture pages; a nodesource Node already ships npm, and
# Debian's separate npm package conflicts with it, so only install when npm is missing.
command -v npm >/dev/null 2>&1 || apt_install nodejs npm
ensure_venv
# torch is taken from the local wheel (CPU build) by pinning the exact version.
.venv/bin/python -m pip install -q -e '.[dev,train]'
if [ -f tests/fixtures/web/package.json ]; then
  (cd tests/fixtures/web && npm ci --no-audit --no-fund --silent && npm run --silent build)
fi
exec .venv/bin/python -m pytest "$@"
