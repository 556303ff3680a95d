"""Search and suggestions: the results page's parameters and query function (search.queries),
facets included, as the caller may see them."""

from datetime import UTC, datetime

from django.http import QueryDict
from ninja import Field, Query, Router, Schema

from api.auth import PUBLIC, user_of
from search import api as search_api
from search.forms import query_from_params
from search.queries import results_page

router = Router(tags=["search"])
ANONYMOUS_OK = {"x-anonymous": True}


class HitOut(Schema):
    type: str
    id: int
    title: str
    url: str
    snippet_html: str
    created_at: datetime | None
    author: str
    votes: int
    status: str
    thread_id: int | None


class FacetOption(Schema):
    value: str
    label: str
    count: int
    selected: bool


class Facet(Schema):
    name: str
    title: str
    options: list[FacetOption]


class Results(Schema):
    q: str
    total: int
    total_is_lower_bound: bool
    page: int
    pages: int
    sort: str
    items: list[HitOut]
    facets: list[Facet]
    notes: list[str] = Field(description="Parameters that were ignored, and the engine's message.")
    next: str | None


class SearchParams(Schema):
    q: str = Field("", max_length=10_000, description='Words, "phrases", -excluded, prefix*')
    type: list[str] = Field([], max_length=10, description="thread, post, feedback, product, release…")
    product: str = Field("", max_length=20, description="A product id.")
    release: str = Field("", max_length=20, description="A release id.")
    board: str = Field("", max_length=20, description="A board id.")
    status: str = Field("", max_length=30, description="A feedback status key.")
    author: str = Field("", max_length=20, description="A person's id.")
    from_: str = Field("", alias="from", max_length=30, description="YYYY-MM-DD")
    to: str = Field("", max_length=30, description="YYYY-MM-DD")
    owners: str = Field("", max_length=5, description="1: verified owners only")
    sort: str = Field("relevance", max_length=20, description="relevance, newest or votes")
    page: int = Field(1, ge=1, le=1000)


class Suggestion(Schema):
    type: str
    id: int
    title: str
    url: str


class Suggestions(Schema):
    items: list[Suggestion]


@router.get("search", response=Results, auth=PUBLIC, openapi_extra=ANONYMOUS_OK, summary="Search")
def search(request, params: Query[SearchParams]):
    """The search page (same parameters, same query function, facets included). Values the page
    would ignore are ignored here too and said in ``notes``."""
    query_dict = QueryDict(mutable=True)
    for key in request.GET:
        query_dict.setlist(key, request.GET.getlist(key))
    query, notes = query_from_params(query_dict)
    page = results_page(user_of(request), query, notes=notes)
    results = page.results
    facets = []
    for group in page.facets:
        options = []
        raw = results.facets.get(group["name"]) or []
        for (value, _count), option in zip(raw, group["options"], strict=False):
            options.append(
                {
                    "value": str(value),
                    "label": str(option["label"]),
                    "count": option["count"],
                    "selected": option["selected"],
                }
            )
        facets.append({"name": group["name"], "title": group["title"], "options": options})
    hits = results.hits if results else []
    return {
        "q": query.text,
        "total": results.total if results else 0,
        "total_is_lower_bound": bool(results and results.total_is_lower_bound),
        "page": query.page,
        "pages": results.pages if results else 0,
        "sort": query.sort,
        "items": [
            {
                "type": hit.type,
                "id": hit.object_id,
                "title": hit.title,
                "url": request.build_absolute_uri(hit.url),
                "snippet_html": hit.snippet_html,
                "created_at": _aware(hit.created_at),
                "author": hit.author_name,
                "votes": hit.votes,
                "status": hit.status,
                "thread_id": hit.thread_id,
            }
            for hit in hits
        ],
        "facets": facets,
        "notes": [str(note) for note in page.notes],
        "next": _next(request, query.page) if page.next_url else None,
    }


def _aware(value):
    """The engine's time as an aware ISO 8601 time: the index keeps UTC, some engines without the zone."""
    if not isinstance(value, datetime):
        return None
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)


def _next(request, page: int) -> str:
    from api.common import next_link

    return next_link(request, page=page + 1)


@router.get(
    "search/suggestions", response=Suggestions, auth=PUBLIC, openapi_extra=ANONYMOUS_OK, summary="Suggestions"
)
def suggestions(request, q: str = Query("", max_length=200)):
    """What the search box suggests while typing."""
    found = search_api.suggest(q, user=user_of(request), limit=8)
    return {
        "items": [
            {"type": s.type, "id": s.object_id, "title": s.title, "url": request.build_absolute_uri(s.url)}
            for s in found
        ]
    }
