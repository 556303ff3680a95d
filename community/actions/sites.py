"""The stored site records follow SITE_URL (community.sites): run after every migrate, by no person."""

from urllib.parse import urlsplit

from django.contrib.sites.models import Site as DjangoSite
from django.db import DEFAULT_DB_ALIAS, transaction
from wagtail.models import Site

from community.sites import current_site, site_url


def sync_site_records(*, using: str = DEFAULT_DB_ALIAS) -> None:
    """Make the stored records agree with SITE_URL: the Sites framework's row ``SITE_ID`` (allauth and
    sitemaps read it) and the host and port of Wagtail's default site (``Page.full_url``)."""
    with transaction.atomic(using=using):
        _sync(using)


def _sync(using: str) -> None:
    wanted = current_site()
    DjangoSite.objects.using(using).update_or_create(
        pk=wanted.pk, defaults={"domain": wanted.domain, "name": wanted.name}
    )
    DjangoSite.objects.clear_cache()
    parts = urlsplit(site_url())
    hostname, port = parts.hostname or "localhost", parts.port or (443 if parts.scheme == "https" else 80)
    default = Site.objects.using(using).filter(is_default_site=True).first()
    taken = Site.objects.using(using).filter(hostname=hostname, port=port).exclude(is_default_site=True)
    if default is not None and (default.hostname, default.port) != (hostname, port) and not taken.exists():
        default.hostname, default.port = hostname, port
        default.save(update_fields=["hostname", "port"])
