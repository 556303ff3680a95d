"""Thin views: parse the query string, call the search API (the results page: search.queries), render.
Never a 500 for what was typed."""

from __future__ import annotations

from django.conf import settings
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET

from community.parsing import parse_id
from search import api, registry
from search.forms import query_from_params
from search.queries import page_url, results_page


@require_GET
def search(request):
    query, notes = query_from_params(request.GET)
    page = results_page(request.user, query, notes=notes)
    template = (
        "search/results_partial.html" if request.htmx and not request.htmx.boosted else "search/results.html"
    )
    return render(request, template, page.context())


@require_GET
def suggest(request):
    text = (request.GET.get("q") or "")[:200]
    suggestions = api.suggest(text, user=request.user, limit=8)
    type_labels = {t.name: t.label for t in registry.all_types()}
    return render(
        request,
        "search/suggestions.html",
        {"suggestions": suggestions, "q": text, "type_labels": type_labels, "all_url": page_url({"q": text})},
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
