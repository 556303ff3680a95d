"""Thin views: parse the query string, call the search API, render. Never a 500 for what was typed."""

from __future__ import annotations

from urllib.parse import urlencode

from django.conf import settings
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET

from community.parsing import parse_id
from search import api, registry
from search.forms import query_from_params
from search.query import SORTS

FACET_TITLES = {
    "type": "Type",
    "product": "Product",
    "release": "Release",
    "board": "Board",
    "status": "Status",
}
FACET_PARAMS = {
    "type": "type",
    "product": "product",
    "release": "release",
    "board": "board",
    "status": "status",
}
SORT_LABELS = {"relevance": "Best match", "newest": "Newest", "votes": "Most votes"}


def _url(params: dict) -> str:
    clean = {k: v for k, v in params.items() if v not in (None, "", False)}
    return "?" + urlencode(clean, doseq=True)


def _facets(results, params: dict) -> list[dict]:
    """Facet groups with labels and links that toggle each value (and reset to page 1)."""
    groups = []
    for facet in ("type", "product", "release", "board", "status"):
        values = results.facets.get(facet) or []
        if not values:
            continue
        if facet == "type":
            labels = {t.name: t.label for t in registry.all_types()}
        elif facet == "status":
            labels = registry.labels_for("status", [v for v, _ in values])
        else:
            labels = registry.cached_labels(facet, [int(v) for v, _ in values if v.isdigit()])
        param = FACET_PARAMS[facet]
        options = []
        for value, count in values:
            key = int(value) if value.isdigit() and facet not in ("type", "status") else value
            label = labels.get(key, value)
            selected = str(params.get(param) or "") == value or (
                facet == "type" and value in params.get("type", [])
            )
            toggled = {**params, "page": None}
            toggled[param] = None if selected else value
            options.append({"label": label, "count": count, "selected": selected, "url": _url(toggled)})
        groups.append({"name": facet, "title": FACET_TITLES[facet], "options": options})
    return groups


@require_GET
def search(request):
    query, notes = query_from_params(request.GET)
    params = {
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
    searched = bool(query.text.strip()) or query.has_filters
    results = api.search(query, user=request.user) if searched else None
    context = {
        "query": query,
        "results": results,
        "searched": searched,
        "notes": [*notes, *([results.message] if results and results.message else [])],
        "facets": _facets(results, params) if results else [],
        "sorts": [
            {
                "value": s,
                "label": SORT_LABELS[s],
                "url": _url({**params, "sort": s, "page": None}),
                "selected": s == query.sort,
            }
            for s in SORTS
        ],
        "previous_url": _url({**params, "page": query.page - 1}) if results and results.has_previous else "",
        "next_url": _url({**params, "page": query.page + 1}) if results and results.has_next else "",
        "type_labels": {t.name: t.label for t in registry.all_types()},
        "clear_url": _url({"q": query.text}),
    }
    template = (
        "search/results_partial.html" if request.htmx and not request.htmx.boosted else "search/results.html"
    )
    return render(request, template, context)


@require_GET
def suggest(request):
    text = (request.GET.get("q") or "")[:200]
    suggestions = api.suggest(text, user=request.user, limit=8)
    type_labels = {t.name: t.label for t in registry.all_types()}
    return render(
        request,
        "search/suggestions.html",
        {"suggestions": suggestions, "q": text, "type_labels": type_labels, "all_url": _url({"q": text})},
    )


@require_GET
def similar(request):
    """While a title is typed: existing items like it (htmx, debounced by the caller)."""
    title = (request.GET.get("title") or "")[:200]
    types = tuple(t for t in request.GET.getlist("type") if registry.get_type(t)) or ("thread",)
    product_id = parse_id(request.GET.get("product"))  # an optional filter: junk is ignored
    hits = (
        api.similar(title, user=request.user, types=types, product_id=product_id, limit=5)
        if len(title) >= 4
        else []
    )
    return render(request, "search/similar.html", {"hits": hits, "title": title})


@require_GET
def related(request, type_name: str, object_id: int):
    if registry.get_type(type_name) is None:
        raise Http404
    hits = api.related(type_name, object_id, user=request.user, limit=5)
    return render(request, "search/related.html", {"hits": hits})


@require_GET
def opensearch(request):
    site_name = getattr(settings, "WAGTAIL_SITE_NAME", "Canopy")
    base = request.build_absolute_uri("/").rstrip("/")
    context = {
        "site_name": site_name,
        "search_url": base + reverse("search:search"),
        "suggest_url": base + reverse("search:opensearch_suggest"),
        "self_url": base + reverse("search:opensearch"),
    }
    return render(
        request, "search/opensearch.xml", context, content_type="application/opensearchdescription+xml"
    )


@require_GET
def opensearch_suggest(request):
    """Browser search-bar suggestions (OpenSearch JSON: [query, [titles]])."""
    from django.http import JsonResponse

    text = (request.GET.get("q") or "")[:200]
    titles = [s.title for s in api.suggest(text, user=request.user, limit=8)]
    return JsonResponse([text, titles], safe=False)
