#!/usr/bin/env bash
# Browser-test dependencies, installed only when missing (run by `make test`):
#   Debian's chromium (never a browser download), axe-core, vnu-jar and graphql (graphql-js, for
#   the API tools test) and GraphiQL with react/react-dom (copied into our static files by
#   scripts/graphiql-assets.sh) from the npm registry
#   (pinned in package-lock.json), a Java runtime for vnu.jar, and the Python playwright package
#   (pinned in requirements-dev.txt).
# Locally a failure here does not stop `make test`: the browser tests then skip and print why.
# With CI set it does: this script exits non-zero naming what is missing, and the browser tests
# would fail rather than skip (tests/browser/tools.py).
set -uo pipefail
cd "$(dirname "$0")/.."

ci=false
case "${CI:-}" in "" | 0 | false | no) ;; *) ci=true ;; esac

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null 2>&1; then sudo "$@"; else return 1; fi
}

apt_install() {
  as_root apt-get update -qq &&
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

if [ ! -x /usr/bin/chromium ]; then
  echo "== installing Debian's chromium"
  apt_install chromium || echo "!! could not install chromium" >&2
fi

# Not a browser's, but installed the same way: nginx for the slow-client test
# (tests/test_slow_clients.py) and `make serve-prod`.
if ! command -v nginx >/dev/null 2>&1 && [ ! -x /usr/sbin/nginx ]; then
  echo "== installing nginx (nginx-light)"
  apt_install nginx-light || echo "!! could not install nginx" >&2
fi

if ! command -v java >/dev/null 2>&1; then
  echo "== installing a Java runtime for the Nu HTML Checker"
  apt_install default-jre-headless || echo "!! could not install java" >&2
fi

if [ ! -f node_modules/axe-core/axe.min.js ] || [ ! -f node_modules/vnu-jar/build/dist/vnu.jar ] ||
  [ ! -f node_modules/graphql/package.json ] || [ ! -f node_modules/graphiql/graphiql.min.js ] ||
  [ ! -f node_modules/react-dom/umd/react-dom.production.min.js ]; then
  echo "== installing npm packages (axe-core, vnu-jar, graphql, graphiql, react)"
  if ! command -v npm >/dev/null 2>&1; then
    apt_install nodejs npm || echo "!! could not install npm" >&2
  fi
  npm ci --no-audit --no-fund --loglevel=error || echo "!! npm ci failed" >&2
fi

bash scripts/graphiql-assets.sh

if ! .venv/bin/python -c "import playwright" 2>/dev/null; then
  echo "== installing the playwright Python package"
  .venv/bin/pip install --quiet "$(grep -i '^playwright==' requirements-dev.txt)" ||
    echo "!! could not install playwright" >&2
fi

# What is still missing after the attempts above.
missing=()
[ -x /usr/bin/chromium ] || missing+=("chromium (/usr/bin/chromium)")
command -v java >/dev/null 2>&1 || missing+=("java")
{ command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ]; } || missing+=("nginx")
[ -f node_modules/axe-core/axe.min.js ] || missing+=("node_modules/axe-core")
[ -f node_modules/vnu-jar/build/dist/vnu.jar ] || missing+=("node_modules/vnu-jar")
[ -f cms/static/graphiql/vendor/graphiql.min.js ] || missing+=("GraphiQL's static files")
.venv/bin/python -c "import playwright" 2>/dev/null || missing+=("the playwright Python package")

if [ "${#missing[@]}" -eq 0 ]; then
  exit 0
fi
printf '!! browser checks cannot run, missing: %s\n' "$(IFS=,; echo "${missing[*]}")" >&2
if [ "$ci" = true ]; then
  echo "!! CI is set: the browser checks may not be skipped; install the above and run again" >&2
  exit 1
fi
echo "!! the browser tests will be skipped (they fail instead when CI is set)" >&2
exit 0
