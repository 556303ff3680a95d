"""Every account page and the home page render in both themes, inside the site's layout."""

import pytest
from django.conf import settings
from wagtail.models import Site

from community.models import SiteSettings
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

ANONYMOUS_PAGES = [
    "/",
    "/accounts/login/",
    "/accounts/signup/",
    "/accounts/password/reset/",
    "/accounts/password/reset/done/",
    "/accounts/confirm-email/",
    "/accounts/confirm-email/no-such-key/",
    "/accounts/password/reset/key/1-no-such-key/",
]
MEMBER_PAGES = [
    "/accounts/email/",
    "/accounts/password/change/",
    "/accounts/logout/",
    "/accounts/2fa/",
    "/accounts/reauthenticate/",
    "/accounts/3rdparty/",
    "/accounts/theme/",
]


@pytest.fixture(params=list(settings.THEMES))
def theme(request):
    site_settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    site_settings.theme = request.param
    site_settings.save()
    return request.param


def assert_themed(response, theme: str) -> None:
    assert response.status_code == 200, response
    html = response.text
    assert f'data-theme="{theme}"' in html
    assert 'class="skip-link" href="#main"' in html
    assert '<main id="main"' in html
    assert "base/css/canopy.css" in html


@pytest.mark.parametrize("path", ANONYMOUS_PAGES)
def test_anonymous_pages_render_in_the_theme(client, theme, path):
    assert_themed(client.get(path), theme)


@pytest.mark.parametrize("path", MEMBER_PAGES)
def test_account_pages_render_in_the_theme(client, theme, path):
    client.force_login(UserFactory(username="leo"))

    assert_themed(client.get(path), theme)


def test_home_page_shows_the_demo_blocks_but_no_invented_content(client):
    from devdata.demo import ensure_home_page

    ensure_home_page()

    html = client.get("/").text

    assert "Build the product with the people who use it" in html
    # Boards, products and announcements have no data yet: their blocks render nothing.
    assert 'class="featured"' not in html


def test_featured_block_renders_items_from_a_registered_provider(client):
    from community import hooks
    from community.blocks import FeaturedItem
    from devdata.demo import ensure_home_page

    def provider(*, slugs, limit):
        return [FeaturedItem(title="Aurora 14 board", url="/forum/aurora-14/", summary="Phone talk")]

    ensure_home_page()
    hooks.register(hooks.Hook.HOME_FEATURED_BOARDS, provider)
    try:
        html = client.get("/").text
    finally:
        hooks.unregister(hooks.Hook.HOME_FEATURED_BOARDS, provider)

    assert 'href="/forum/aurora-14/"' in html
    assert "Aurora 14 board" in html
