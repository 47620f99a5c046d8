"""Production safety: client addresses, rate limits, API keys, headers, uploads, outages.

Each module is small and does one thing; the middleware classes are listed in
`cms.settings.base.MIDDLEWARE` and explained in docs/operations.md ("Security settings").
"""
