"""Read search parameters from a query string. Bad values are dropped with a note, never a 500."""

from __future__ import annotations

from datetime import date

from community.parsing import page_number, parse_id
from search import registry
from search.query import SORTS, SearchQuery

INT_FILTERS = {"product": "product_id", "release": "release_id", "board": "board_id", "author": "author_id"}


def _int(value: str | None) -> int | None:
    if value is None or value == "":
        return None
    number = parse_id(value.strip())
    if number is None:
        raise ValueError
    return number


def _date(value: str | None) -> date | None:
    if not value:
        return None
    return date.fromisoformat(value.strip()[:10])


def query_from_params(params) -> tuple[SearchQuery, list[str]]:
    """A SearchQuery from request.GET, and notes about values that were ignored."""
    notes: list[str] = []
    kwargs: dict = {"text": (params.get("q") or "")[:10_000]}
    known = {t.name for t in registry.all_types()}
    types = tuple(t for t in params.getlist("type") if t in known)
    if len(types) != len(params.getlist("type")):
        notes.append("An unknown content type was ignored.")
    kwargs["types"] = types
    for param, field in INT_FILTERS.items():
        try:
            kwargs[field] = _int(params.get(param))
        except ValueError:
            notes.append(f"The {param} filter was not a number and was ignored.")
    for param, field in (("from", "date_from"), ("to", "date_to")):
        try:
            kwargs[field] = _date(params.get(param))
        except ValueError:
            notes.append(f"The “{param}” date was not a date (YYYY-MM-DD) and was ignored.")
    if kwargs.get("date_from") and kwargs.get("date_to") and kwargs["date_from"] > kwargs["date_to"]:
        kwargs["date_from"], kwargs["date_to"] = kwargs["date_to"], kwargs["date_from"]
    kwargs["status"] = (params.get("status") or "")[:30]
    kwargs["owners_only"] = params.get("owners") in {"1", "on", "true"}
    sort = params.get("sort") or "relevance"
    kwargs["sort"] = sort if sort in SORTS else "relevance"
    kwargs["page"] = page_number(params.get("page"))
    return SearchQuery(**kwargs), notes
