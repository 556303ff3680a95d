"""/robots.txt: public pages may be crawled; the admin, account pages, the cart and checkout, personal
pages and the endless variations of search results may not. The sign-in and sign-up pages, and a
search for one query (``/search/?q=...``, its first page, no filters), are public pages people find
through search engines, so they stay crawlable: Allow rules longer than the Disallow rules they carve
out of (crawlers take the longest matching rule). Points crawlers at the sitemap when the site has one."""

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
    "/search/?q=*&",  # a query with filters, a sort or a page number
    "/forum/drafts/",
    "/forum/bookmarks/",
    "/forum/mod/",
)
ALLOWED = (
    "/accounts/login/",
    "/accounts/signup/",
    "/search/?q=",
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
        {"allowed": ALLOWED, "disallowed": DISALLOWED, "sitemaps": _sitemaps(request)},
        content_type="text/plain; charset=utf-8",
    )
