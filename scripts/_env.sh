# Shared set-up for scripts/run.sh and scripts/test.sh: a Python >= 3.11 virtualenv in .venv.
# Sourced, not executed.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

apt_install() {
  # Install Debian packages that are missing (we are root on practice test machines / CI).
  local missing=()
  for pkg in "$@"; do
    dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    echo "vigie: installation des paquets Debian: ${missing[*]}"
    if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; else SUDO=; fi
    $SUDO apt-get update -qq || true
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}"
  fi
}

find_python() {
  for py in python3.13 python3.12 python3.11 python3; do
    if command -v "$py" >/dev/null 2>&1 && "$py" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
      echo "$py"; return 0
    fi
  done
  return 1
}

ensure_venv() {
  local py
  if ! py="$(find_python)"; then
    apt_install python3 python3-venv python3-dev
    py="$(find_python)"
  fi
  if [ ! -x .venv/bin/python ]; then
    if ! "$py" -m venv .venv 2>/dev/null; then
      apt_install python3-venv
      rm -rf .venv
      "$py" -m venv .venv
    fi
  fi
  .venv/bin/python -m pip install -q --upgrade pip
}
