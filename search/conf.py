"""Search settings: one typed accessor per setting, reading ``settings.SEARCH_*`` (and ELASTICSEARCH_URL)
with its default declared here, once, the pattern of every app's ``conf.py``."""

from django.conf import settings


def elasticsearch_url() -> str:
    return getattr(settings, "ELASTICSEARCH_URL", "") or ""


def elasticsearch_index() -> str:
    """The alias queries use; each rebuild writes a new timestamped index behind it."""
    return getattr(settings, "SEARCH_ELASTICSEARCH_INDEX", "canopy")


def elasticsearch_timeout() -> float:
    return float(getattr(settings, "SEARCH_ELASTICSEARCH_TIMEOUT", 2.0))


def page_size() -> int:
    return int(getattr(settings, "SEARCH_PAGE_SIZE", 20))


def max_query_length() -> int:
    return int(getattr(settings, "SEARCH_MAX_QUERY_LENGTH", 256))


def max_terms() -> int:
    return int(getattr(settings, "SEARCH_MAX_TERMS", 12))


def batch_size() -> int:
    """How many ids one index task or one reindex batch handles."""
    return int(getattr(settings, "SEARCH_BATCH_SIZE", 500))


def max_page() -> int:
    """Deep pages cost a lot on every engine and nobody reads them; the API stops here."""
    return int(getattr(settings, "SEARCH_MAX_PAGE", 50))


def body_limit() -> int:
    """Characters of a document's body that are indexed."""
    return int(getattr(settings, "SEARCH_BODY_LIMIT", 20000))


def retry_after() -> float:
    """Seconds the database answers alone after the search engine failed, before it is tried again."""
    return float(getattr(settings, "SEARCH_RETRY_AFTER", 30))


def elasticsearch_refresh() -> bool:
    """Elasticsearch: writes wait until they are searchable (tests and the demo; costly in production)."""
    return bool(getattr(settings, "SEARCH_ELASTICSEARCH_REFRESH", False))


def max_candidates() -> int:
    """SQLite: a query matching more documents than this ranks and counts only the newest ones."""
    return int(getattr(settings, "SEARCH_CANDIDATES", 2000))


def facet_sample() -> int:
    """SQLite: facet counts are taken over at most this many of the newest matches."""
    return int(getattr(settings, "SEARCH_FACET_SAMPLE", 1000))
