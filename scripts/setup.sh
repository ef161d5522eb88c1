#!/usr/bin/env bash
# Create .venv and install the pinned Python packages. Usage: scripts/setup.sh requirements.txt
set -euo pipefail
cd "$(dirname "$0")/.."
requirements="${1:-requirements.txt}"
if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
.venv/bin/python -m pip install --quiet --disable-pip-version-check -r "$requirements"
# Map shapes (Natural Earth via npm world-atlas, pinned in package.json/package-lock.json), read at build time.
if [ ! -f node_modules/world-atlas/countries-50m.json ]; then
  command -v npm >/dev/null 2>&1 || { apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y npm; }
  npm ci --ignore-scripts --no-audit --no-fund
fi
