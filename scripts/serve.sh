#!/usr/bin/env bash
# Install what the site needs, then preview it at http://127.0.0.1:8000 (pass "build" to build into site/ instead).
# The preview (python -m preview) keeps serving the last good site while a file has a mistake and shows it in the
# browser; extra options go to it: --verbose (MkDocs' own messages), --dev-addr 127.0.0.1:8001.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh requirements.txt
export NO_MKDOCS_2_WARNING=1
if [ "${1:-serve}" = "build" ]; then
  exec .venv/bin/python -m mkdocs build --strict
fi
exec .venv/bin/python -m preview "$@"
