#!/usr/bin/env bash
# Run a web server (the command given) with the background worker beside it, and stop the worker
# when the server stops: `make serve` and `make serve-prod` use it. Production runs the two as
# separate services instead (docs/operations.md, "Background worker").
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PY:-.venv/bin/python}

RESTART_SECONDS=${WORKER_RESTART_SECONDS:-5}

# The worker exits when its database goes away (an outage, a restart); like the production unit's
# Restart=always (docs/operations.md), start it again, or scheduled publishing, mail and webhooks
# would stop until someone restarted `make serve` by hand.
supervise_worker() {
  local child=""
  trap '[ -n "$child" ] && kill -TERM "$child" 2>/dev/null; wait; exit 0' TERM
  while true; do
    # No autoreload: the worker must stop on the TERM passed on above, not hand it to a child.
    $PY manage.py db_worker --backend background --no-reload &
    child=$!
    status=0
    wait "$child" || status=$?
    child=""
    echo "with-worker: the background worker exited ($status); starting it again in ${RESTART_SECONDS} s" >&2
    sleep "$RESTART_SECONDS" &
    wait $! || true
    # The every-minute chain may have lost its pending task with the worker.
    $PY manage.py ensure_every_minute_task || true
  done
}

$PY manage.py ensure_every_minute_task
supervise_worker &
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
