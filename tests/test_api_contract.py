"""The API contract (issue 18, item 1): the committed SDL is the code's schema, and breaking
changes from the released SDL are announced in docs/api-changelog.md and deprecated first."""

from __future__ import annotations

from cms.graphql.contract import (
    CHANGELOG_FILE,
    RELEASED_SDL_FILE,
    SDL_FILE,
    code_sdl,
    contract_violations,
    repo_path,
)

RELEASED = """
type Query {
  services(locale: String = "ar", limit: Int, offset: Int @deprecated(reason: "Use after.")): [String!]!
  legacyTotal: Int @deprecated(reason: "Use total.")
  total: Int
}
enum Status { OPEN CLOSED }
"""
UNRELEASED_EMPTY = "# API changelog\n\n## Unreleased\n- Nothing yet.\n\n## 1.0\n- First.\n"


def test_committed_sdl_is_the_code_schema():
    committed = repo_path(SDL_FILE).read_text(encoding="utf-8")
    assert committed == code_sdl(), (
        f"{SDL_FILE} differs from the code's schema: run `make schema` and commit the file "
        f"(and note any change for partners in {CHANGELOG_FILE})."
    )


def test_code_schema_keeps_the_released_contract():
    released = repo_path(RELEASED_SDL_FILE).read_text(encoding="utf-8")
    changelog = repo_path(CHANGELOG_FILE).read_text(encoding="utf-8")
    assert contract_violations(released, code_sdl(), changelog) == []


def test_a_removed_field_is_refused_unless_announced_and_deprecated():
    current = (
        'type Query { services(locale: String = "ar", limit: Int, offset: Int): [String!]! '
        "legacyTotal: Int } enum Status { OPEN CLOSED }"
    )
    problems = contract_violations(RELEASED, current, UNRELEASED_EMPTY)
    assert problems == [
        'Breaking change not in the Unreleased section of docs/api-changelog.md: "Query.total '
        'was removed."',
        "Query.total was removed without being marked @deprecated in a release first.",
    ]


def test_an_announced_removal_of_a_deprecated_field_passes():
    current = (
        'type Query { services(locale: String = "ar", limit: Int): [String!]! total: Int } '
        "enum Status { OPEN CLOSED }"
    )
    changelog = (
        "# API changelog\n\n## Unreleased\n- Query.legacyTotal was removed.\n"
        "- Query.services arg offset was removed.\n\n## 1.0\n- First.\n"
    )
    assert contract_violations(RELEASED, current, changelog) == []
    # Announced under an old release only: not good enough.
    old_only = changelog.replace("## Unreleased\n", "## Unreleased\n\n## 1.1\n")
    assert len(contract_violations(RELEASED, current, old_only)) == 2


def test_other_breaking_changes_need_a_changelog_line():
    current = (
        'type Query { services(locale: String = "ar", limit: Int!, offset: Int): [String!]! '
        "legacyTotal: Int total: String } enum Status { OPEN }"
    )
    problems = contract_violations(RELEASED, current, UNRELEASED_EMPTY)
    assert any("Query.total changed type from Int to String." in p for p in problems)
    assert any("CLOSED was removed from enum type Status." in p for p in problems)
    assert any("Status.CLOSED was removed without being marked" in p for p in problems)
    assert any("Query.services arg limit has changed type" in p for p in problems)


def test_additions_are_not_breaking():
    current = (
        'type Query { services(locale: String = "ar", limit: Int, offset: Int, first: Int): '
        "[String!]! legacyTotal: Int total: Int news: [String!] } "
        "enum Status { OPEN CLOSED SUSPENDED }"
    )
    assert contract_violations(RELEASED, current, UNRELEASED_EMPTY) == []
