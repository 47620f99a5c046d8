"""Cache keys for data derived from published content (vocabulary, synonyms, promotions).

Every key includes the project's content generation (cms.content_generation), a database row
bumped when anything the public can see changes: publishing, unpublishing, moving or deleting
a page, and saving or deleting a registered content model (search synonyms and promotions
among them). So one change invalidates every derived entry in every worker at once.
"""

from __future__ import annotations

from cms.content_generation import current_generation

DERIVED_TTL_SECONDS = 60 * 60


def derived_key(name: str, *parts: object) -> str:
    return ":".join(["mizan-search", name, str(current_generation()), *map(str, parts)])
