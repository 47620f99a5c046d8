#!/usr/bin/env bash
# Run a web server (the command given) with the background worker beside it, and stop the worker
# when the server stops: `make serve` and `make serve-prod` use it. Production runs the two as
# separate services instead (docs/operations.md, "Background worker").
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PY:-.venv/bin/python}

$PY manage.py ensure_every_minute_task
# No autoreload: the worker must stop on the TERM sent below, not hand it to a child process.
$PY manage.py db_worker --backend background --no-reload &
worker=$!
stop_worker() {
  if kill -0 "$worker" 2>/dev/null; then
    kill -TERM "$worker" 2>/dev/null || true
    wait "$worker" 2>/dev/null || true
  fi
}
trap stop_worker EXIT
# The server runs in the foreground, so Ctrl-C reaches it directly (a background job of a script
# ignores SIGINT); when it ends, for any reason, the trap stops the worker.
"$@"
