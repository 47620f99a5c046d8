"""The Elasticsearch 8 backend entry, used by cms/settings when ELASTICSEARCH_URL is set.

Text reaches Elasticsearch already prepared by search.normalize (the same words the database
backend indexes), and Elasticsearch analyses it again with the same ideas, so text indexed or
queried outside our preparation (the admin's own search, for one) is treated alike:

- Arabic: `arabic_normalization` (alef forms, teh marbuta, alef maksura, harakat, tatweel),
  `decimal_digit` (Arabic-Indic digits to ASCII), then the light Arabic stemmer (Lucene's
  ArabicStemFilter: the same prefixes and suffixes as ours);
- English: possessive removal, then the English (Porter) stemmer.

A page is in one language but fields carry no language, so one analyzer holds both chains;
each filter only changes words of its own script (the Arabic filters leave Latin words alone
and the English stemmer leaves Arabic words alone).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ImproperlyConfigured

ANALYZER = "mizan_text"
ES_BACKEND = "wagtail.search.backends.elasticsearch8"

INDEX_SETTINGS: dict[str, Any] = {
    "settings": {
        "analysis": {
            "filter": {
                "mizan_arabic_stemmer": {"type": "stemmer", "language": "arabic"},
                "mizan_english_possessive": {"type": "stemmer", "language": "possessive_english"},
                "mizan_english_stemmer": {"type": "stemmer", "language": "english"},
            },
            "analyzer": {
                ANALYZER: {
                    "type": "custom",
                    "tokenizer": "standard",
                    "filter": [
                        "lowercase",
                        "decimal_digit",
                        "arabic_normalization",
                        "mizan_arabic_stemmer",
                        "mizan_english_possessive",
                        "mizan_english_stemmer",
                    ],
                },
            },
        }
    }
}
# Every text field without its own analyzer (Wagtail's SearchFields) uses ours, when indexed
# and when searched.
INDEX_SETTINGS["settings"]["analysis"]["analyzer"]["default"] = {
    **INDEX_SETTINGS["settings"]["analysis"]["analyzer"][ANALYZER]
}


def elasticsearch_backend(url: str, index_prefix: str = "mizan_", timeout: int = 5) -> dict:
    """The WAGTAILSEARCH_BACKENDS entry for the cluster at `url` (http(s)://user:pass@host:port)."""
    if not url or not url.startswith(("http://", "https://")):
        raise ImproperlyConfigured("ELASTICSEARCH_URL must start with http:// or https://.")
    return {
        "BACKEND": ES_BACKEND,
        "URLS": [url],
        "INDEX_PREFIX": index_prefix,
        "TIMEOUT": timeout,
        "ATOMIC_REBUILD": True,
        # Fail fast when the cluster is down: search then falls back to the database index.
        "OPTIONS": {"max_retries": 1, "retry_on_timeout": False},
        "INDEX_SETTINGS": INDEX_SETTINGS,
    }
