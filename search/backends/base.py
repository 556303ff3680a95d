"""The one backend interface. Nothing outside search/backends/ knows which engine answers."""

from __future__ import annotations

from dataclasses import dataclass

from search.query import ParsedQuery, SearchQuery, SearchResults, Suggestion
from search.registry import Document
from search.viewer import Viewer


class SearchUnavailable(Exception):
    """The engine could not answer (down, timed out, refused); callers fall back."""


@dataclass(frozen=True)
class IndexItem:
    """A document ready for an engine: the builder's document plus the linker's results."""

    type: str
    object_id: int
    document: Document
    product_ids: tuple[int, ...]
    release_ids: tuple[int, ...]
    suggest: bool


class BaseBackend:
    name = "base"

    def upsert(self, items: list[IndexItem], *, fresh: bool = False) -> None:
        """Write documents. ``fresh``: the type was just cleared, nothing to replace (bulk rebuild)."""
        raise NotImplementedError

    def delete(self, type_name: str, object_ids: list[int]) -> None:
        raise NotImplementedError

    def clear(self, type_name: str | None = None) -> None:
        raise NotImplementedError

    def search(self, query: SearchQuery, parsed: ParsedQuery, viewer: Viewer) -> SearchResults:
        raise NotImplementedError

    def suggest(self, parsed: ParsedQuery, viewer: Viewer, *, limit: int) -> list[Suggestion]:
        raise NotImplementedError

    def count(self, type_name: str | None = None) -> int:
        raise NotImplementedError

    # Rebuilds: engines that can swap a fresh index in (Elasticsearch aliases) override these.
    def begin_rebuild(self, type_names: list[str], *, fresh: bool = False) -> None:
        if fresh:
            for name in type_names:
                self.clear(name)

    def finish_rebuild(self) -> None:
        pass

    def abort_rebuild(self) -> None:
        pass
