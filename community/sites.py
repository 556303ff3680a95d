"""The Wagtail site and its settings for a request, from the cache instead of two queries a page.

Wagtail keeps both on the request once found (``request._wagtail_site`` and the settings' own
attribute); ``load_for_request`` fills those attributes from a versioned cache entry, so templates
and ``SiteSettings.for_request`` find them there. Saving or deleting a Site, the site settings or
an image bumps the version (see ``community.apps``), so an edit in the admin shows on the next page.
"""

from django.core.cache import cache
from wagtail.models import Site

from community.cache import TIMEOUT, bump, versioned_key

VERSION = "community.site"


def load_for_request(request):
    """Returns the site settings for the request (None when no site matches), cached."""
    from community.models import SiteSettings

    key = versioned_key(VERSION, request.get_host())
    cached = cache.get(key)
    if cached is None:
        site = Site.find_for_request(request)
        site_settings = SiteSettings.for_site(site) if site is not None else None
        cached = (site, site_settings)
        cache.set(key, cached, TIMEOUT)
    site, site_settings = cached
    request._wagtail_site = site
    if site_settings is not None:
        site_settings._request = request
        setattr(request, SiteSettings.get_cache_attr_name(), site_settings)
    return site_settings


def forget(**kwargs) -> None:
    bump(VERSION)
