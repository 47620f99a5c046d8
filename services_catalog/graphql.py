"""GraphQL types and root fields of the services catalogue (filled in by the catalogue issue)."""

types: list = []


class Query:
    pass


class Mutation:
    pass
