"""/robots.txt: public pages may be crawled; the admin, accounts, the cart and checkout, personal
pages and search results may not. Points crawlers at the sitemap when the site has one."""

from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

# Paths of pages that are private, per person, or endless (search results, carts): not for crawlers.
DISALLOWED = (
    "/cms/",
    "/django-admin/",
    "/accounts/",
    "/notifications/",
    "/store/cart/",
    "/store/checkout/",
    "/store/orders/",
    "/search/",
    "/forum/drafts/",
    "/forum/bookmarks/",
    "/forum/mod/",
)
# URL names of sitemaps, looked up by name so this layer imports no app above it.
SITEMAP_NAMES = ("forum:sitemap",)


def _sitemaps(request) -> list[str]:
    found = []
    for name in SITEMAP_NAMES:
        try:
            found.append(request.build_absolute_uri(reverse(name)))
        except NoReverseMatch:
            continue
    return found


@require_GET
@cache_control(max_age=86400, public=True)
def robots_txt(request):
    return render(
        request,
        "community/robots.txt",
        {"disallowed": DISALLOWED, "sitemaps": _sitemaps(request)},
        content_type="text/plain; charset=utf-8",
    )
