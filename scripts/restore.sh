#!/usr/bin/env bash
# Restore a backup made by scripts/backup.sh: `make restore [BACKUP=path]` (default: the latest).
# Replaces the database's content and the media folder. Stop the application servers first.
set -euo pipefail
cd "$(dirname "$0")/.."
name="${1:-latest}"
shift || true
exec "${PY:-.venv/bin/python}" scripts/backup_tool.py restore "$name" "$@"
