"""Pick the engine: the database backend always (SQLite FTS5 or PostgreSQL full text, from the
database in use); Elasticsearch in front of it when ELASTICSEARCH_URL is set.

With Elasticsearch configured, writes go to both (so the database index can answer at any time)
and reads go to Elasticsearch; when it is down or slow the database answers and the failure is
logged. After a failure Elasticsearch is left alone for ``SEARCH_RETRY_AFTER`` seconds so pages do
not wait for its timeout on every request.
"""

from __future__ import annotations

import logging
import time

from django.db import connection

from search import conf
from search.backends.base import BaseBackend, SearchUnavailable

logger = logging.getLogger("search")


def database_backend() -> BaseBackend:
    if connection.vendor == "postgresql":
        from search.backends.postgres import PostgresBackend

        return PostgresBackend()
    from search.backends.sqlite import SQLiteBackend

    return SQLiteBackend()


class FallbackBackend(BaseBackend):
    def __init__(self, primary: BaseBackend, fallback: BaseBackend):
        self.primary = primary
        self.fallback = fallback
        self.name = primary.name
        self._down_until = 0.0

    def _available(self) -> bool:
        return time.monotonic() >= self._down_until

    def _failed(self, operation: str, exc: Exception) -> None:
        retry = conf.retry_after()
        self._down_until = time.monotonic() + retry
        logger.warning(
            "search engine %s failed during %s, the database answers for %.0fs: %s",
            self.primary.name,
            operation,
            retry,
            exc,
        )

    def _read(self, operation: str, *args, **kwargs):
        if self._available():
            try:
                return getattr(self.primary, operation)(*args, **kwargs)
            except SearchUnavailable as exc:
                self._failed(operation, exc)
        return getattr(self.fallback, operation)(*args, **kwargs)

    def _write(self, operation: str, *args, **kwargs):
        getattr(self.fallback, operation)(*args, **kwargs)
        try:
            getattr(self.primary, operation)(*args, **kwargs)
        except SearchUnavailable as exc:
            # The database index is current; `manage.py search_reindex` brings the engine back in line.
            self._failed(operation, exc)

    def search(self, query, parsed, viewer):
        return self._read("search", query, parsed, viewer)

    def suggest(self, parsed, viewer, *, limit):
        return self._read("suggest", parsed, viewer, limit=limit)

    def count(self, type_name=None):
        return self._read("count", type_name)

    def upsert(self, items, *, fresh=False):
        self._write("upsert", items, fresh=fresh)

    def delete(self, type_name, object_ids):
        self._write("delete", type_name, object_ids)

    def clear(self, type_name=None):
        self._write("clear", type_name)

    def begin_rebuild(self, type_names, *, fresh=False):
        self._write("begin_rebuild", type_names, fresh=fresh)

    def finish_rebuild(self):
        self._write("finish_rebuild")

    def abort_rebuild(self):
        self.fallback.abort_rebuild()
        try:
            self.primary.abort_rebuild()
        except SearchUnavailable as exc:
            self._failed("abort_rebuild", exc)


_cached: dict[tuple, BaseBackend] = {}


def get_backend() -> BaseBackend:
    url = conf.elasticsearch_url()
    key = (connection.vendor, url)
    backend = _cached.get(key)
    if backend is None:
        if url:
            from search.backends.elasticsearch import ElasticsearchBackend

            backend = FallbackBackend(ElasticsearchBackend(url), database_backend())
        else:
            backend = database_backend()
        _cached.clear()
        _cached[key] = backend
    return backend


def reset_backend() -> None:
    """Forget the cached engine (tests that change ELASTICSEARCH_URL)."""
    _cached.clear()


__all__ = ["BaseBackend", "SearchUnavailable", "database_backend", "get_backend", "reset_backend"]
