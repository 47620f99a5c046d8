#!/usr/bin/env bash
# `make serve-prod`: what docs/operations.md recommends. nginx (deploy/nginx/mizan.conf) faces the
# network on PORT and buffers requests and answers; gunicorn (2 sync workers) listens on loopback
# PORT+1 only; the background worker runs beside them. Without nginx installed, gunicorn serves
# PORT itself, with a warning: slow clients can then tie up its workers.
set -euo pipefail
cd "$(dirname "$0")/.."
PORT=${PORT:-8000}
VAR=${MIZAN_VAR_DIR:-$PWD/var}
STATIC_ROOT=${STATIC_ROOT:-$VAR/static}
GUNICORN=(.venv/bin/gunicorn cms.wsgi:application --workers 2 --access-logfile -)

if ! command -v nginx >/dev/null 2>&1 && [ ! -x /usr/sbin/nginx ]; then
  echo "nginx is not installed (apt-get install nginx-light): gunicorn faces clients directly" >&2
  exec bash scripts/with-worker.sh "${GUNICORN[@]}" --bind "127.0.0.1:$PORT"
fi
NGINX=$(command -v nginx || echo /usr/sbin/nginx)
conf=$(bash scripts/nginx-conf.sh "$VAR/nginx-$PORT" "127.0.0.1:$PORT" "127.0.0.1:$((PORT + 1))" \
  "$STATIC_ROOT")
"$NGINX" -c "$conf" -g "daemon off;" &
nginx_pid=$!
trap 'kill -QUIT "$nginx_pid" 2>/dev/null || true; wait "$nginx_pid" 2>/dev/null || true' EXIT
echo "nginx on 127.0.0.1:$PORT -> gunicorn on 127.0.0.1:$((PORT + 1))"
TRUSTED_PROXIES=${TRUSTED_PROXIES:-127.0.0.1} bash scripts/with-worker.sh "${GUNICORN[@]}" \
  --bind "127.0.0.1:$((PORT + 1))"
