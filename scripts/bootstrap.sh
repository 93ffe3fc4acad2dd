#!/usr/bin/env bash
# Installs what the project needs on a fresh Debian machine: system packages (only the missing ones),
# then a virtual environment in .venv with the project and its test tools. Safe to run again.
#   scripts/bootstrap.sh site   -> what building the site with PDFs needs
#   scripts/bootstrap.sh test   -> also Chromium, poppler-utils, the test tools and the accessibility
#                                  checkers (axe-core and vnu-jar from npm into node_modules/, Java for vnu)
set -euo pipefail
cd "$(dirname "$0")/.."
what="${1:-site}"

pkgs=(git)  # the PDF engine (typst) is a self-contained wheel: no system library needed
if [ "$what" = "test" ]; then
  pkgs+=(chromium poppler-utils)
  command -v node >/dev/null 2>&1 || pkgs+=(nodejs)
  command -v npm >/dev/null 2>&1 || pkgs+=(npm)
  command -v java >/dev/null 2>&1 || pkgs+=(default-jre-headless)
fi
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then SUDO=sudo; else SUDO=; fi
  echo "bootstrap: installing Debian packages: ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

PY="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
stamp=".venv/.installed-$what"
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
  .venv/bin/python -m pip install -q --upgrade pip >/dev/null 2>&1 || true
  if [ "$what" = "test" ]; then
    .venv/bin/python -m pip install -q -e ".[test]" 2>&1 | grep -v "^WARNING: Location" || true
  else
    .venv/bin/python -m pip install -q -e . 2>&1 | grep -v "^WARNING: Location" || true
  fi
  .venv/bin/python -c "import jobdesc, mkdocs, material, mkdocs_static_i18n, typst" 
  touch "$stamp"
fi

if [ "$what" = "test" ]; then
  # axe-core and vnu-jar, pinned by package-lock.json; --ignore-scripts: vnu-jar's install script would
  # download a Java runtime from the internet, Debian's is used instead.
  if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
  fi
fi
