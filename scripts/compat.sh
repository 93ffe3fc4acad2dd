#!/usr/bin/env bash
# Compatibility check, run before each release (`make compat`): the site is built, and the site tests
# run, with
#   newest     - the newest patch releases of MkDocs 1.6, Material 9 and static-i18n 1.x (not our pins);
#   properdocs - ProperDocs, the community drop-in fork of MkDocs 1.6 (the exit path when MkDocs 1.x stops
#                installing), with the pinned Material and static-i18n.
# Each gets its own virtual environment in .cache/compat/; the results are appended to
# benchmarks/compat.md. Exit 1 when a combination fails.
set -uo pipefail
cd "$(dirname "$0")/.."
out=.cache/compat
mkdir -p "$out"
PY="${PYTHON:-python3}"
status=0
report=benchmarks/compat.md
[ -f "$report" ] || printf '# Compatibility runs (`make compat`)\n\n| date | stack | versions | build | site tests |\n|---|---|---|---|---|\n' > "$report"

check() {  # name, builder command, pip specs...
  local name=$1 builder=$2
  shift 2
  local venv="$out/$name"
  [ -x "$venv/bin/python" ] || "$PY" -m venv "$venv"
  "$venv/bin/python" -m pip install -q --upgrade pip >/dev/null 2>&1 || true
  "$venv/bin/python" -m pip install -q -e ".[test]" 2>&1 | grep -v "^WARNING" || true
  "$venv/bin/python" -m pip install -q -U "$@" 2>&1 | grep -v -E "^WARNING|^ERROR: pip's dependency|requires mkdocs-material==|^jobdesc " || true
  local versions
  versions=$("$venv/bin/python" -m pip list 2>/dev/null | awk 'tolower($1) ~ /^(mkdocs|mkdocs-material|mkdocs-static-i18n|properdocs)$/ {printf "%s %s, ", $1, $2}')
  local site build tests
  site=$(mktemp -d)
  if (JOBDESC_PDF=0 NO_MKDOCS_2_WARNING=1 "$venv/bin/$builder" build --strict -q -d "$site" \
        && test -f "$site/positions/sales-manager/index.html" && test -f "$site/he/positions/sales-manager/index.html" \
        && test -f "$site/az/search/search_index.json" && test -f "$site/sitemap.xml"); then
    build=pass
  else
    build=FAIL; status=1
  fi
  rm -rf "$site"
  if COMPAT_BUILDER="$builder" "$venv/bin/python" -m pytest -q -p no:cacheprovider \
       tests/sitebuild/test_site.py tests/sitebuild/test_outdated.py >"$out/$name.log" 2>&1; then
    tests="pass ($(tail -1 "$out/$name.log" | sed 's/=//g' | xargs))"
  else
    tests="FAIL (see $out/$name.log)"; status=1
  fi
  echo "$name: build $build; site tests $tests; ${versions%, }"
  printf '| %s | %s | %s | %s | %s |\n' "$(date -u +%F)" "$name" "${versions%, }" "$build" "$tests" >> "$report"
}

check newest mkdocs "mkdocs>=1.6,<1.7" "mkdocs-material>=9,<10" "mkdocs-static-i18n>=1,<2"
check properdocs properdocs "properdocs>=1.6,<1.7"
exit $status
