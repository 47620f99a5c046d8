#!/usr/bin/env bash
# Back up the database (SQLite or PostgreSQL) and the media files: `make backup`.
# Options: --dir DIR (default var/backups). Settings come from DJANGO_SETTINGS_MODULE.
set -euo pipefail
cd "$(dirname "$0")/.."
exec "${PY:-.venv/bin/python}" scripts/backup_tool.py backup "$@"
