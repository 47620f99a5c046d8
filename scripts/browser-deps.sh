#!/usr/bin/env bash
# Browser-test dependencies, installed only when missing (run by `make test`):
#   Debian's chromium (never a browser download), axe-core and vnu-jar from the npm registry
#   (pinned in package-lock.json), and the Python playwright package (requirements-dev.txt).
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -x /usr/bin/chromium ]; then
  echo "== installing Debian's chromium"
  if [ "$(id -u)" -eq 0 ]; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium >/dev/null
  else
    sudo apt-get update -qq
    sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium >/dev/null
  fi
fi

if ! command -v java >/dev/null 2>&1; then
  echo "== installing a Java runtime for the Nu HTML Checker"
  if [ "$(id -u)" -eq 0 ]; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends default-jre-headless >/dev/null
  fi
fi

if [ ! -f node_modules/axe-core/axe.min.js ] || [ ! -f node_modules/vnu-jar/build/dist/vnu.jar ]; then
  echo "== installing npm packages (axe-core, vnu-jar)"
  npm ci --no-audit --no-fund --loglevel=error
fi

if ! .venv/bin/python -c "import playwright" 2>/dev/null; then
  echo "== installing the playwright Python package"
  .venv/bin/pip install --quiet "$(grep -i '^playwright==' requirements-dev.txt)"
fi
