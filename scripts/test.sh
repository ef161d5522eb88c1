#!/usr/bin/env bash
# Install everything the tests need on a fresh Debian machine (as root), then run lint and every test.
set -euo pipefail
cd "$(dirname "$0")/.."
# Debian's chromium (browser tests); nginx, its brotli_static module and openssl (tests/test_browser_nginx.py).
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
[ -x /usr/sbin/nginx ] || missing+=(nginx)
[ -f /usr/lib/nginx/modules/ngx_http_brotli_static_module.so ] || missing+=(libnginx-mod-http-brotli-static)
command -v openssl >/dev/null 2>&1 || missing+=(openssl)
bash scripts/setup.sh requirements-dev.txt "${missing[@]}"  # installers' output in .cache/install.log
.venv/bin/ruff check .
.venv/bin/ruff format --check .
.venv/bin/mypy   # --strict on ricdm/ (pyproject.toml [tool.mypy])
NO_MKDOCS_2_WARNING=1 exec .venv/bin/python -m pytest "$@"
