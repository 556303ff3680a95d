"""The site's public address, and the Wagtail site and its settings for a request.

``SITE_URL`` is the one source of the public origin: ``site_url()``/``absolute_url()`` build every
absolute link in mail, account mail (allauth) takes the site's name and domain from it, and after every
``migrate`` the Sites framework's record and Wagtail's default site are brought in line with it.

The Wagtail site and its settings for a request come from the cache instead of two queries a page.

Wagtail keeps both on the request once found (``request._wagtail_site`` and the settings' own
attribute); ``load_for_request`` fills those attributes from a versioned cache entry, so templates
and ``SiteSettings.for_request`` find them there. Saving or deleting a Site, the site settings or
an image bumps the version (see ``community.apps``), so an edit in the admin shows on the next page.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sites.models import Site as DjangoSite
from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS
from wagtail.models import Site

from community import conf
from community.cache import TIMEOUT, bump, versioned_key

VERSION = "community.site"


# --- The site's public address: one source (SITE_URL) for every absolute link -----------------------


def site_url() -> str:
    """The public origin people reach the site at (``settings.SITE_URL``), without a trailing slash:
    every absolute link in mail starts with it, whichever host or port the request came in on."""
    return conf.site_url()


def site_domain() -> str:
    """``host[:port]`` of ``site_url()``, as the Sites framework's ``domain`` holds it."""
    return urlsplit(site_url()).netloc


def site_name() -> str:
    return conf.site_name()


def absolute_url(location: str) -> str:
    """A path on the site as an absolute URL; a URL that already has a scheme is returned as it is."""
    if location.startswith(("http://", "https://")):
        return location
    return site_url() + ("" if location.startswith("/") else "/") + location


def rebase(url: str) -> str:
    """An absolute URL moved onto the site's origin (path, query and fragment kept)."""
    parts = urlsplit(url)
    return (
        absolute_url(parts.path or "/")
        + (f"?{parts.query}" if parts.query else "")
        + (f"#{parts.fragment}" if parts.fragment else "")
    )


def current_site() -> DjangoSite:
    """The Sites framework's record as SITE_URL says it should be (not read from the database): what
    account mail shows as ``current_site`` ("Hello from Canopy", the domain at the foot)."""
    return DjangoSite(id=settings.SITE_ID, domain=site_domain(), name=site_name())


def check_site_url(app_configs=None, **kwargs) -> list:
    """System check: SITE_URL is an http(s) origin, so no mail goes out with a broken link."""
    from django.core.checks import Error

    parts = urlsplit(site_url())
    if parts.scheme in ("http", "https") and parts.hostname and parts.path in ("", "/") and not parts.query:
        return []
    return [
        Error(
            f"SITE_URL {site_url()!r} is not the site's origin.",
            hint="Set SITE_URL to scheme://host[:port], e.g. https://forum.example.com or http://127.0.0.1:8100.",
            id="community.E001",
        )
    ]


def sync_site_records_after_migrate(sender, using=DEFAULT_DB_ALIAS, **kwargs) -> None:
    """``post_migrate`` receiver: once per ``migrate`` (on the last app's signal), after Wagtail's and
    Django's own default sites exist; ``make run`` migrates with the SITE_URL it serves at."""
    from community.apps import is_last_post_migrate

    if is_last_post_migrate(sender):
        from community.actions.sites import sync_site_records

        sync_site_records(using=using)


# --- The Wagtail site and its settings for a request ------------------------------------------------


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
