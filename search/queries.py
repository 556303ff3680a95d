"""Read paths of the search pages. The results page's is one function with an exact number of
queries, pinned in tests/search/test_queries.py: the engine's (none on the database backend for
an empty search) and the facet labels' (cached: none in steady state)."""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlencode

from search import api, registry
from search.query import SORTS, SearchQuery, SearchResults

FACETS = ("type", "product", "release", "board", "status")
FACET_TITLES = {
    "type": "Type",
    "product": "Product",
    "release": "Release",
    "board": "Board",
    "status": "Status",
}
SORT_LABELS = {"relevance": "Best match", "newest": "Newest", "votes": "Most votes"}


def page_url(params: dict) -> str:
    """A query string of ``params`` without the empty ones (links of the results page)."""
    clean = {k: v for k, v in params.items() if v not in (None, "", False)}
    return "?" + urlencode(clean, doseq=True)


@dataclass
class ResultsPage:
    """Everything the search results page shows (``results_page``)."""

    query: SearchQuery
    results: SearchResults | None  # None: nothing typed and no filter (the page explains the syntax)
    searched: bool
    notes: list[str] = field(default_factory=list)  # values that were ignored, the engine's message
    # [{name, title, options: [{label, count, selected, url}]}]
    facets: list[dict] = field(default_factory=list)
    sorts: list[dict] = field(default_factory=list)  # [{value, label, url, selected}]
    previous_url: str = ""
    next_url: str = ""
    type_labels: dict = field(default_factory=dict)  # {type name: label}
    clear_url: str = ""  # the same words without filters

    def context(self) -> dict:
        """The template's names for the fields (search/results.html and its partial)."""
        return {name: getattr(self, name) for name in self.__dataclass_fields__}


def _params(query: SearchQuery) -> dict:
    """The query as the page's links carry it."""
    return {
        "q": query.text,
        "type": list(query.types),
        "product": query.product_id,
        "release": query.release_id,
        "board": query.board_id,
        "status": query.status,
        "author": query.author_id,
        "from": query.date_from and query.date_from.isoformat(),
        "to": query.date_to and query.date_to.isoformat(),
        "owners": "1" if query.owners_only else None,
        "sort": None if query.sort == "relevance" else query.sort,
    }


def _facets(results: SearchResults, params: dict) -> list[dict]:
    """Facet groups with labels and links that toggle each value (and reset to page 1)."""
    groups = []
    for facet in FACETS:
        values = results.facets.get(facet) or []
        if not values:
            continue
        if facet == "type":
            labels = {t.name: t.label for t in registry.all_types()}
        elif facet == "status":
            labels = registry.labels_for("status", [v for v, _ in values])
        else:
            labels = registry.cached_labels(facet, [int(v) for v, _ in values if v.isdigit()])
        options = []
        for value, count in values:
            key = int(value) if value.isdigit() and facet not in ("type", "status") else value
            selected = str(params.get(facet) or "") == value or (
                facet == "type" and value in params.get("type", [])
            )
            toggled = {**params, "page": None, facet: None if selected else value}
            options.append(
                {
                    "label": labels.get(key, value),
                    "count": count,
                    "selected": selected,
                    "url": page_url(toggled),
                }
            )
        groups.append({"name": facet, "title": FACET_TITLES[facet], "options": options})
    return groups


def results_page(user, query: SearchQuery, *, notes: list[str] = ()) -> ResultsPage:
    """The results page for ``query`` as ``user`` may see it (``notes``: what parsing the request
    ignored, search.forms.query_from_params). Nothing typed and no filter runs no search."""
    params = _params(query)
    searched = bool(query.text.strip()) or query.has_filters
    results = api.search(query, user=user) if searched else None
    has = results is not None
    return ResultsPage(
        query=query,
        results=results,
        searched=searched,
        notes=[*notes, *([results.message] if has and results.message else [])],
        facets=_facets(results, params) if has else [],
        sorts=[
            {
                "value": s,
                "label": SORT_LABELS[s],
                "url": page_url({**params, "sort": s, "page": None}),
                "selected": s == query.sort,
            }
            for s in SORTS
        ],
        previous_url=page_url({**params, "page": query.page - 1}) if has and results.has_previous else "",
        next_url=page_url({**params, "page": query.page + 1}) if has and results.has_next else "",
        type_labels={t.name: t.label for t in registry.all_types()},
        clear_url=page_url({"q": query.text}),
    )
