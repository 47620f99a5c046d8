"""Back up and restore the database and the media files (behind `make backup` / `make restore`).

A backup is one folder, `var/backups/mizan-<UTC time>/` by default:
- `database.sqlite3`  SQLite's online backup (consistent while the site runs), or
  `database.pgdump`   PostgreSQL's `pg_dump --format=custom` (consistent snapshot);
- `media.tar.gz`      everything under MEDIA_ROOT (images, renditions, documents);
- `manifest.json`     what it is, file checksums, and row counts to check a restore against.

Restoring replaces the database's content and the media folder with the backup's, then
checks the row counts, and moves the content generation past every number already used, so
no cache (Redis is shared by every worker) serves a page from before the restore. Stop the
application servers while restoring.

Usage (settings from DJANGO_SETTINGS_MODULE, as manage.py):
    python scripts/backup_tool.py backup [--dir DIR]
    python scripts/backup_tool.py restore PATH|latest [--dir DIR]
"""

from __future__ import annotations

import argparse
import datetime
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")

import django  # noqa: E402

django.setup()

from django.apps import apps  # noqa: E402
from django.conf import settings  # noqa: E402
from django.db import DatabaseError, connection, connections  # noqa: E402

FORMAT_VERSION = 1
DEFAULT_DIR = Path(settings.VAR_DIR) / "backups"
# Rows counted before and after: a restore that lost any of them fails loudly.
COUNTED_MODELS = [
    "wagtailcore.Page",
    "wagtailcore.Revision",
    "wagtailcore.Locale",
    "wagtail_localize.TranslationSource",
    "wagtail_localize.Translation",
    "wagtail_localize.StringTranslation",
    "wagtailimages.Image",
    "wagtaildocs.Document",
    "services_catalog.ServicePage",
    "site_pages.Enquiry",
    "site_pages.Menu",
    "cms.ApiKey",
    "auth.User",
]


def log(message: str) -> None:
    print(message, flush=True)


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def row_counts() -> dict[str, int]:
    counts = {}
    for label in COUNTED_MODELS:
        try:
            model = apps.get_model(label)
        except LookupError:
            continue
        try:
            counts[label] = model._default_manager.count()
        except DatabaseError:  # a table not created yet: nothing to count or lose
            connections.close_all()
    return counts


def database() -> dict:
    return settings.DATABASES["default"]


def pg_environment() -> dict[str, str]:
    db = database()
    environment = dict(os.environ)
    for key, name in (("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER")):
        if db.get(key):
            environment[name] = str(db[key])
    if db.get("PASSWORD"):
        environment["PGPASSWORD"] = str(db["PASSWORD"])
    return environment


# -- backup ----------------------------------------------------------------------------------------


def dump_database(target_dir: Path) -> Path:
    if connection.vendor == "sqlite":
        target = target_dir / "database.sqlite3"
        source = sqlite3.connect(str(database()["NAME"]))
        copy = sqlite3.connect(str(target))
        with copy:
            source.backup(copy)  # SQLite's online backup: a consistent copy, WAL included
        copy.close()
        source.close()
        return target
    if connection.vendor == "postgresql":
        target = target_dir / "database.pgdump"
        subprocess.run(
            [
                "pg_dump",
                "--format=custom",
                "--no-owner",
                "--no-privileges",
                f"--file={target}",
                str(database()["NAME"]),
            ],
            env=pg_environment(),
            check=True,
        )
        return target
    raise SystemExit(f"Backups support SQLite and PostgreSQL, not {connection.vendor}.")


def archive_media(target_dir: Path) -> Path:
    target = target_dir / "media.tar.gz"
    media_root = Path(settings.MEDIA_ROOT)
    with tarfile.open(target, "w:gz") as archive:
        if media_root.is_dir():
            for child in sorted(media_root.iterdir()):
                archive.add(child, arcname=child.name)
    return target


def backup(directory: Path) -> Path:
    stamp = datetime.datetime.now(datetime.UTC).strftime("%Y%m%dT%H%M%S%fZ")
    target_dir = directory / f"mizan-{stamp}"
    target_dir.mkdir(parents=True)
    counts = row_counts()
    database_file = dump_database(target_dir)
    media_file = archive_media(target_dir)
    manifest = {
        "format": FORMAT_VERSION,
        "created_at": stamp,
        "vendor": connection.vendor,
        "database_file": database_file.name,
        "media_file": media_file.name,
        "sha256": {p.name: sha256(p) for p in (database_file, media_file)},
        "row_counts": counts,
    }
    (target_dir / "manifest.json").write_text(json.dumps(manifest, indent=2), encoding="utf-8")
    log(f"Backup written to {target_dir}")
    for label, count in counts.items():
        log(f"  {label}: {count}")
    return target_dir


# -- restore ---------------------------------------------------------------------------------------


def find_backup(name: str, directory: Path) -> Path:
    if name != "latest":
        return Path(name)
    candidates = sorted(p for p in directory.glob("mizan-*") if (p / "manifest.json").exists())
    if not candidates:
        raise SystemExit(f"No backup found in {directory}.")
    return candidates[-1]


def read_manifest(source: Path) -> dict:
    manifest = json.loads((source / "manifest.json").read_text(encoding="utf-8"))
    if manifest.get("format") != FORMAT_VERSION:
        raise SystemExit(f"Unknown backup format {manifest.get('format')!r}.")
    for name, expected in manifest["sha256"].items():
        if sha256(source / name) != expected:
            raise SystemExit(f"{name} is damaged: its checksum does not match the manifest.")
    if manifest["vendor"] != connection.vendor:
        raise SystemExit(
            f"This backup is of a {manifest['vendor']} database; the configured one is "
            f"{connection.vendor}."
        )
    return manifest


def generation_in_use() -> int:
    try:
        from cms.models import ContentGeneration

        return ContentGeneration.objects.order_by("-number").values_list("number", flat=True)[0]
    except Exception:  # no database yet, or no table: nothing to move past
        return 0


def restore_database(source_file: Path) -> None:
    connections.close_all()
    if connection.vendor == "sqlite":
        path = Path(database()["NAME"])
        path.parent.mkdir(parents=True, exist_ok=True)
        for suffix in ("-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        source = sqlite3.connect(str(source_file))
        target = sqlite3.connect(str(path))
        with target:
            source.backup(target)  # replaces every page of the target database
        target.close()
        source.close()
        return
    subprocess.run(
        [
            "pg_restore",
            "--clean",
            "--if-exists",
            "--no-owner",
            "--no-privileges",
            "--single-transaction",
            "--exit-on-error",
            f"--dbname={database()['NAME']}",
            str(source_file),
        ],
        env=pg_environment(),
        check=True,
    )


def restore_media(source_file: Path) -> None:
    media_root = Path(settings.MEDIA_ROOT)
    media_root.parent.mkdir(parents=True, exist_ok=True)
    unpacked = Path(tempfile.mkdtemp(prefix="media-restore-", dir=media_root.parent))
    with tarfile.open(source_file, "r:gz") as archive:
        archive.extractall(unpacked, filter="data")  # refuses absolute paths and links out
    if media_root.exists():
        replaced = media_root.with_name(f"{media_root.name}.replaced")
        shutil.rmtree(replaced, ignore_errors=True)
        media_root.rename(replaced)
        unpacked.rename(media_root)
        shutil.rmtree(replaced, ignore_errors=True)
    else:
        unpacked.rename(media_root)


def move_generation_past(used: int) -> None:
    try:
        from cms.models import ContentGeneration
    except ImportError:
        return
    restored = generation_in_use()
    ContentGeneration.objects.update_or_create(pk=1, defaults={"number": max(used, restored) + 1})


def restore(name: str, directory: Path) -> None:
    source = find_backup(name, directory)
    manifest = read_manifest(source)
    used = generation_in_use()
    log(f"Restoring {source} ({manifest['vendor']}, taken {manifest['created_at']})")
    restore_database(source / manifest["database_file"])
    restore_media(source / manifest["media_file"])
    connections.close_all()
    move_generation_past(used)
    counts = row_counts()
    missing = {
        label: (expected, counts.get(label))
        for label, expected in manifest["row_counts"].items()
        if counts.get(label) != expected
    }
    if missing:
        raise SystemExit(f"Restored, but row counts differ from the backup: {missing}")
    log("Restored; row counts match the backup:")
    for label, count in counts.items():
        log(f"  {label}: {count}")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("action", choices=["backup", "restore"])
    parser.add_argument("name", nargs="?", default="latest", help="restore: a folder or 'latest'")
    parser.add_argument("--dir", type=Path, default=DEFAULT_DIR, help="where backups are kept")
    args = parser.parse_args(argv)
    if args.action == "backup":
        backup(args.dir)
    else:
        restore(args.name, args.dir)


if __name__ == "__main__":
    main()
