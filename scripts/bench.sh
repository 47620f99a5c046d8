#!/usr/bin/env bash
# The command behind `make bench`: install wrk when it is missing (Debian's package), then run
# the harness (bench/run_bench.py). Knobs: BENCH_DATABASE_URL, BENCH_DURATION, BENCH_CONNECTIONS,
# BENCH_VARIANTS, ... (see docs/performance.md). Only 127.0.0.1 is ever served or loaded.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v wrk >/dev/null 2>&1; then
  if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" -eq 0 ]; then
    echo "== installing wrk (apt-get)" >&2
    { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; } ||
      echo "wrk could not be installed: the Python load generator will be used" >&2
  elif command -v apt-get >/dev/null 2>&1 && command -v sudo >/dev/null 2>&1; then
    { sudo apt-get update -qq && sudo apt-get install -y -qq wrk >/dev/null; } ||
      echo "wrk could not be installed: the Python load generator will be used" >&2
  else
    echo "wrk is not installed and apt-get is not available: the Python load generator will be used" >&2
  fi
fi

# The change feed and webhooks (bench/webhook_bench.py, its own fresh database): publish time with
# failing partners, worker delivery rate, feed page time at 100,000 entries. BENCH_WEBHOOKS=0 skips.
if [ "${BENCH_WEBHOOKS:-1}" != "0" ]; then
  .venv/bin/python -m bench.webhook_bench || echo "bench/webhook_bench.py failed" >&2
fi

exec .venv/bin/python -m bench.run_bench "$@"
