"""GraphQL root fields of the search service (filled in by the search issue)."""


class Query:
    pass
