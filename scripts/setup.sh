#!/usr/bin/env bash
# Install what the site needs, once: the pinned Python packages in .venv, the map shapes (npm), and any Debian
# packages named after the requirements file. Later runs see it is done and return at once (.venv/.installed-*
# holds a digest of the requirements files and of .venv's Python). The installers' own output goes to
# .cache/install.log; the terminal gets one line saying what is being installed, then how long it took, or, if an
# installer failed, the end of what it said (in CI, where nobody can open the file afterwards, all it said).
# Usage: scripts/setup.sh requirements.txt [debian-package…]
set -euo pipefail
cd "$(dirname "$0")/.."
requirements="${1:-requirements.txt}"
shift || true
debian=("$@")
log=.cache/install.log
stamp=".venv/.installed-$(basename "$requirements" .txt)"

wanted() {  # what the installed packages depend on: the pinned lists and the Python they were installed for
  { cat requirements*.txt; .venv/bin/python --version 2>&1; } | sha256sum | cut -d' ' -f1
}
python_ready() { [ -x .venv/bin/python ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$(wanted)" ]; }
shapes_ready() { [ -f node_modules/world-atlas/countries-50m.json ]; }
make_venv() { python3 -m venv .venv || { rm -rf .venv; return 1; }; }  # half made: the next run starts over

say() { printf '%s\n' "$*"; }
step() {  # step "what it does, for a person" command…: the command's output to the log; if it fails, its end
  local what=$1 from
  shift
  printf '\n== %s — %s: %s\n' "$(date '+%F %T')" "$what" "$*" >>"$log"
  from=$(($(wc -l <"$log") + 1))
  "$@" >>"$log" 2>&1 && return 0
  say "Install failed while $what. The installer said (the end of $log):" >&2
  if [ -n "${CI:-}" ]; then  # nobody can open the file after a CI run: all of this step
    tail -n +"$from" "$log" >&2
  else
    tail -n +"$from" "$log" | tail -n 15 | sed 's/^/  /' >&2
  fi
  say "Whole log: $log. Fix what it says (or delete .venv to start over), then run the same command again." >&2
  exit 1
}

if python_ready && shapes_ready && [ "${#debian[@]}" -eq 0 ]; then
  exit 0
fi
mkdir -p .cache
start=$SECONDS
if [ "${#debian[@]}" -gt 0 ]; then
  say "Installing the Debian packages the tests need: ${debian[*]} (a few minutes; the details go to $log)…"
  step "updating Debian's package lists" apt-get update
  step "installing ${debian[*]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y "${debian[@]}"
fi
if ! python_ready || ! shapes_ready; then
  if [ ! -x .venv/bin/python ]; then
    say "Installing the site's tools (first time, a minute or two; the details go to $log)…"
    step "creating .venv (on Debian it needs: apt-get install python3-venv)" make_venv
  else
    say "Updating the site's tools ($requirements or Python changed; the details go to $log)…"
  fi
  if ! python_ready; then
    step "installing the Python packages of $requirements" \
      .venv/bin/python -m pip install --disable-pip-version-check -r "$requirements"
    for installed in "$requirements" $(sed -n 's/^-r //p' "$requirements"); do  # and the lists it includes
      wanted >".venv/.installed-$(basename "$installed" .txt)"
    done
  fi
  if ! shapes_ready; then  # Natural Earth via npm world-atlas, pinned in package.json/package-lock.json
    if ! command -v npm >/dev/null 2>&1; then
      step "updating Debian's package lists" apt-get update
      step "installing npm" env DEBIAN_FRONTEND=noninteractive apt-get install -y npm
    fi
    step "installing the map shapes (npm ci)" npm ci --ignore-scripts --no-audit --no-fund
  fi
fi
say "Installed in $((SECONDS - start)) s."
