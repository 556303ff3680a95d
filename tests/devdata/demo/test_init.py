"""devdata/demo/__init__.py: the home page the demo opens on (the whole seed_all is the slow
tests/devdata/management/test_seed_demo.py)."""

import pytest
from wagtail.models import Site

from community.models import HomePage, SiteSettings
from devdata.demo import ensure_home_page

pytestmark = pytest.mark.django_db


def test_the_home_page_is_published_with_its_blocks_once(client):
    home = ensure_home_page()

    assert Site.objects.get(is_default_site=True).root_page.specific == home and home.live
    blocks = {block.block_type: block.value for block in home.body}
    assert list(blocks) == ["hero", "featured_boards", "featured_products", "announcements"]
    assert list(blocks["featured_products"]["slugs"]) == ["aurora-14", "aurora-buds-pro", "home-hub", "aurora-14-ultra"]
    assert SiteSettings.for_site(Site.objects.get(is_default_site=True)).tagline
    assert "Build the product with the people who use it" in client.get("/").content.decode()

    assert ensure_home_page() == home and HomePage.objects.count() == 1
    assert home.revisions.count() == 1
