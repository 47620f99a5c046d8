#!/usr/bin/env bash
# Write a self-contained nginx.conf for deploy/nginx/mizan.conf into RUN_DIR (its pid, logs and
# temporary files there too, so no root is needed) and print its path. Used by
# scripts/serve-prod.sh and the slow-client test (tests/test_slow_clients.py).
#   scripts/nginx-conf.sh RUN_DIR LISTEN UPSTREAM STATIC_ROOT
set -euo pipefail
cd "$(dirname "$0")/.."
run=$1 listen=$2 upstream=$3 static_root=$4
mkdir -p "$run"
sed -e "s|@UPSTREAM@|$upstream|" -e "s|@LISTEN@|$listen|" \
  -e "s|@STATIC_ROOT@|$static_root|" deploy/nginx/mizan.conf > "$run/site.conf"
cat > "$run/nginx.conf" <<CONF
worker_processes 1;
pid $run/nginx.pid;
error_log $run/error.log warn;
events { worker_connections 1024; }
http {
  include /etc/nginx/mime.types;
  access_log off;
  client_body_temp_path $run/body;
  proxy_temp_path $run/proxy;
  fastcgi_temp_path $run/fastcgi;
  uwsgi_temp_path $run/uwsgi;
  scgi_temp_path $run/scgi;
  include $run/site.conf;
}
CONF
echo "$run/nginx.conf"
