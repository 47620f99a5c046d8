"""Demo data: a small map of plausible old Ministry of Finance addresses (SharePoint-style
`.aspx` pages, an old news item by its query string, percent-encoded Arabic paths, a chain)
to the demo site's pages. Loaded by `load_demo_content`; a second load changes nothing."""

from __future__ import annotations

from pathlib import Path

from old_addresses import importing

DEMO_MAP = Path(__file__).with_name("old-mof-addresses.csv")


def load_demo_old_addresses(stdout=None) -> int:
    result = importing.import_rows(importing.read_file(DEMO_MAP))
    if stdout is not None and (result.created or result.updated):
        stdout.write(f"  + {result.created + result.updated} old addresses redirected")
    return result.created + result.updated
