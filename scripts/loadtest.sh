#!/usr/bin/env bash
# The command behind `make loadtest`: locust, headless, on loopback, for a bounded time, against
# the production server (gunicorn, 2 workers, DEBUG off) on PostgreSQL and Redis with 10,000
# generated services. Writes bench/results/loadtest.{md,json} and locust's CSV files; exits
# non-zero when any request failed.
#
# In the middle of the load, PostgreSQL goes away for LOADTEST_OUTAGE_SECONDS (10; 0: no outage):
# gunicorn reaches it through bench/tcp_proxy.py, which cuts its connections and refuses new ones
# meanwhile, and bench/outage_probe.py reports the share of stored pages served throughout
# (bench/results/loadtest_outage.json). Failures of locust's visitors count outside the outage.
#
# Knobs (environment): LOADTEST_SECONDS (60), LOADTEST_USERS (20), LOADTEST_SPAWN_RATE (10),
# LOADTEST_SERVICES (10000), LOADTEST_DATABASE_URL (postgres://postgres@127.0.0.1:5432/mizan_loadtest),
# LOADTEST_REDIS_URL (redis://127.0.0.1:6379/3), LOADTEST_PORT (8061; the proxy uses PORT+2),
# LOADTEST_OUTAGE_SECONDS (10).
set -euo pipefail
cd "$(dirname "$0")/.."

PY=.venv/bin/python
SECONDS_TO_RUN=${LOADTEST_SECONDS:-60}
USERS=${LOADTEST_USERS:-20}
SPAWN_RATE=${LOADTEST_SPAWN_RATE:-10}
SERVICES=${LOADTEST_SERVICES:-10000}
PORT=${LOADTEST_PORT:-8061}
OUTAGE_SECONDS=${LOADTEST_OUTAGE_SECONDS:-10}
HOST=127.0.0.1 # loopback only: nothing else is ever loaded
RESULTS=bench/results
LOG_DIR=var/loadtest
mkdir -p "$RESULTS" "$LOG_DIR"

export DJANGO_SETTINGS_MODULE=cms.settings.production
export DATABASE_URL=${LOADTEST_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/mizan_loadtest}
export REDIS_URL=${LOADTEST_REDIS_URL:-redis://127.0.0.1:6379/3}
export SECRET_KEY=${SECRET_KEY:-loadtest-only-secret-key-$(hostname)-0123456789abcdefghijklmnop}
export ALLOWED_HOSTS=127.0.0.1,localhost
export STATIC_ROOT=$PWD/$LOG_DIR/static
# Plain http on loopback: no TLS redirect, HSTS or secure-only cookies (the form's CSRF cookie
# must come back over http). Everything else is as in production.
export SECURE_SSL_REDIRECT=false SESSION_COOKIE_SECURE=false CSRF_COOKIE_SECURE=false
export SECURE_HSTS_SECONDS=0
# The load generator plays many visitors from one address: it names each in X-Forwarded-For,
# believed from loopback only, as a load balancer's would be.
export TRUSTED_PROXIES=127.0.0.1
unset ELASTICSEARCH_URL CMS_GRAPHQL_URL

case "$DATABASE_URL" in
  postgres://* | postgresql://*)
    "$PY" - <<'PYTHON'
import os
import psycopg
from psycopg import sql

base, _, name = os.environ["DATABASE_URL"].rstrip("/").rpartition("/")
with psycopg.connect(f"{base}/postgres", autocommit=True) as connection:
    if not connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
        connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        print(f"== created database {name}")
PYTHON
    ;;
esac

echo "== database: migrate, demo content, ${SERVICES} generated services"
"$PY" manage.py compile_translations >/dev/null
"$PY" manage.py migrate --noinput -v 0
"$PY" manage.py load_demo_content >/dev/null
existing=$("$PY" manage.py shell -c "from services_catalog import generator; print(generator.existing_synthetic_count())" | tail -1)
if [ "$existing" -lt "$SERVICES" ]; then
  "$PY" manage.py generate_services --count "$((SERVICES - existing))" --seed 1
  "$PY" manage.py update_index -v 0
else
  echo "   reusing the $existing generated services already there"
fi
"$PY" manage.py collectstatic --noinput -v 0

SERVER_DATABASE_URL=$DATABASE_URL
PROXY=""
rm -f "$RESULTS/loadtest_outage.json"
case "$DATABASE_URL" in
  postgres://* | postgresql://*) ;;
  *) OUTAGE_SECONDS=0 ;; # an outage of a file: not staged
esac
if [ "$OUTAGE_SECONDS" != 0 ]; then
  proxy_port=$((PORT + 2))
  # The proxy's target (PostgreSQL's host:port) and the URL that reaches it through the proxy.
  read -r target SERVER_DATABASE_URL < <("$PY" -m bench.tcp_proxy --plan "$DATABASE_URL" --listen "$proxy_port")
  "$PY" -m bench.tcp_proxy --listen "$proxy_port" --target "$target" >"$LOG_DIR/proxy.log" 2>&1 &
  PROXY=$!
  for _ in $(seq 1 50); do grep -q listening "$LOG_DIR/proxy.log" && break; sleep 0.1; done
fi

echo "== gunicorn: 2 workers on http://$HOST:$PORT/"
DATABASE_URL=$SERVER_DATABASE_URL .venv/bin/gunicorn cms.wsgi:application --workers 2 \
  --bind "$HOST:$PORT" --timeout 60 --access-logfile /dev/null \
  --error-logfile "$LOG_DIR/gunicorn.log" &
SERVER=$!
stop_server() {
  for pid in $SERVER $PROXY; do
    if kill -0 "$pid" 2>/dev/null; then
      kill -TERM "$pid" 2>/dev/null || true
      wait "$pid" 2>/dev/null || true
    fi
  done
}
trap stop_server EXIT

for _ in $(seq 1 60); do
  if curl -fsS -o /dev/null "http://$HOST:$PORT/ar/"; then break; fi
  sleep 1
done
curl -fsS -o /dev/null "http://$HOST:$PORT/ar/" || { echo "the server did not start" >&2; exit 1; }

echo "== warm-up: 10 s"
.venv/bin/locust -f bench/locustfile.py --headless --only-summary -u "$USERS" -r "$SPAWN_RATE" \
  -t 10s --host "http://$HOST:$PORT" --loglevel WARNING >"$LOG_DIR/warmup.log" 2>&1 || true

echo "== load: $USERS users for ${SECONDS_TO_RUN} s"
# Other work on the machine slows the server down: the report says how busy it was.
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
set +e
.venv/bin/locust -f bench/locustfile.py --headless --only-summary -u "$USERS" -r "$SPAWN_RATE" \
  -t "${SECONDS_TO_RUN}s" --stop-timeout 10 --host "http://$HOST:$PORT" \
  --csv "$RESULTS/loadtest" --csv-full-history --loglevel WARNING 2>&1 | tee "$LOG_DIR/locust.log" &
LOCUST=$!
if [ "$OUTAGE_SECONDS" != 0 ]; then
  # The probe stores its pages first (a few seconds), then the outage starts mid-run.
  sleep $(((SECONDS_TO_RUN - OUTAGE_SECONDS) / 2 - 5))
  echo "== database outage: ${OUTAGE_SECONDS} s"
  "$PY" -m bench.outage_probe "http://$HOST:$PORT" --proxy-pid "$PROXY" \
    --seconds "$OUTAGE_SECONDS" --out "$RESULTS/loadtest_outage.json"
fi
wait "$LOCUST"
set -e

LOAD_BEFORE=$LOAD_BEFORE USERS=$USERS SECONDS_TO_RUN=$SECONDS_TO_RUN SERVICES=$SERVICES "$PY" - <<'PYTHON'
import csv
import datetime
import json
import os
import platform
from pathlib import Path

results = Path("bench/results")
rows = list(csv.DictReader((results / "loadtest_stats.csv").open(encoding="utf-8")))
failures = list(csv.DictReader((results / "loadtest_failures.csv").open(encoding="utf-8")))


def figures(row):
    return {
        "requests": int(row["Request Count"]),
        "errors": int(row["Failure Count"]),
        "req_per_s": round(float(row["Requests/s"]), 1),
        "p50_ms": int(float(row["50%"] or 0)),
        "p95_ms": int(float(row["95%"] or 0)),
        "p99_ms": int(float(row["99%"] or 0)),
        "max_ms": int(float(row["Max Response Time"] or 0)),
    }


total = next(row for row in rows if row["Name"] == "Aggregated")
outage_file = results / "loadtest_outage.json"
outage = json.loads(outage_file.read_text(encoding="utf-8")) if outage_file.exists() else None
failures_outside = int(total["Failure Count"])
if outage:
    # Locust's totals second by second: the failures from just before the outage to 5 s after
    # it (the workers reconnect) are the outage's; any other failure is a real one.
    history = [
        (float(row["Timestamp"]), int(row["Total Failure Count"]))
        for row in csv.DictReader((results / "loadtest_stats_history.csv").open(encoding="utf-8"))
        if row["Name"] == "Aggregated"
    ]
    before = max([n for t, n in history if t < outage["outage_started"] - 1], default=0)
    after = min([n for t, n in history if t > outage["outage_ended"] + 5], default=history[-1][1])
    outage["locust_failures_during"] = after - before
    failures_outside -= after - before
report = {
    "date": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
    "machine": f"{os.cpu_count()} cores, {platform.python_implementation()} {platform.python_version()}",
    "load_average_before": os.environ.get("LOAD_BEFORE", ""),
    "server": "gunicorn, 2 sync workers, cms.settings.production, PostgreSQL, Redis",
    "users": int(os.environ["USERS"]),
    "seconds": int(os.environ["SECONDS_TO_RUN"]),
    "generated_services": int(os.environ["SERVICES"]),
    "total": figures(total),
    "by_request": {
        f"{row['Type']} {row['Name']}": figures(row) for row in rows if row["Name"] != "Aggregated"
    },
    "failures": [
        {"request": f"{f['Method']} {f['Name']}", "error": f["Error"], "count": int(f["Occurrences"])}
        for f in failures
    ],
    "failures_outside_outage": failures_outside,
    "database_outage": outage,
}
(results / "loadtest.json").write_text(json.dumps(report, indent=2, ensure_ascii=False))
t = report["total"]
lines = [
    "# Load test (make loadtest)",
    "",
    f"{report['date']} · {report['machine']} (load average before: "
    f"{report['load_average_before']}) · {report['server']} · "
    f"{report['users']} users for {report['seconds']} s · {report['generated_services']} generated services",
    "",
    f"**Total: {t['requests']} requests, {t['req_per_s']} req/s, p50 {t['p50_ms']} ms, "
    f"p95 {t['p95_ms']} ms, p99 {t['p99_ms']} ms, errors {t['errors']}**",
    "",
    "| request | count | req/s | p50 ms | p95 ms | p99 ms | errors |",
    "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
]
for name, f in sorted(report["by_request"].items()):
    lines.append(
        f"| {name} | {f['requests']} | {f['req_per_s']} | {f['p50_ms']} | {f['p95_ms']} "
        f"| {f['p99_ms']} | {f['errors']} |"
    )
if outage:
    lines += [
        "",
        f"## Database outage: {outage['outage_seconds']} s in the middle of the load",
        "",
        f"- stored pages served throughout (one visitor asking for each again and again): "
        f"**{outage['stored_pages_served_throughout']} of {outage['pages_stored_before']}** "
        f"(of {outage['pages']} pages from the sitemap)",
        f"- that visitor's {outage['requests_during']} requests during the outage: "
        + ", ".join(f"{k or 'refused'}: {v}" for k, v in sorted(outage["answers_during"].items())),
        f"- locust's failures in the outage window (pages never stored, forms, uncached API "
        f"answers: the friendly 503): {outage['locust_failures_during']}; outside it: "
        f"{failures_outside}",
        f"- pages not answering 200 3 s after it: {len(outage['not_200_after'])}",
    ]
if report["failures"]:
    lines += ["", "## Failures", ""] + [
        f"- {f['request']}: {f['error']} ({f['count']})" for f in report["failures"]
    ]
(results / "loadtest.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
print("\n".join(lines[4:5]))
outage_failed = bool(outage) and (
    outage["stored_pages_served_throughout"] < outage["pages_stored_before"]
    or bool(outage["not_200_after"])
)
raise SystemExit(1 if failures_outside or outage_failed else 0)
PYTHON
