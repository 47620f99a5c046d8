#!/usr/bin/env bash
# The test command behind `make test`: CI gates first, then the suite.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
export DJANGO_SETTINGS_MODULE=cms.settings.test

echo "== manage.py check"
$PY manage.py check --fail-level WARNING
echo "== makemigrations --check"
$PY manage.py makemigrations --check --dry-run -v 1
echo "== ruff"
.venv/bin/ruff check .
.venv/bin/ruff format --check .

# In parallel (pytest-xdist): MIZAN_TEST_WORKERS processes (default 2, this machine's cores; 0
# runs in this process). The browser tests share one worker (xdist_group "browser", --dist
# loadgroup); everything else goes to whichever worker is free. docs/testing.md says what each
# worker gets of its own. Arguments after `make test`'s (say `-n 0`) win.
workers="${MIZAN_TEST_WORKERS:-2}"
echo "== pytest (database: ${DATABASE_URL:-sqlite}, workers: $workers)"
set +e
# The 25 slowest tests are listed at the end, so a CI log shows where the time went.
.venv/bin/pytest -n "$workers" --dist loadgroup --durations=25 "$@"
status=$?
set -e
# pytest exits 5 when it collected no test: that is a failure of the suite, not a pass.
if [ "$status" -eq 5 ]; then
  echo "pytest collected no tests" >&2
  exit 1
fi
exit "$status"
