"""The footer and the light/dark controls in the header (themes/base/templates/includes/)."""

import re

import pytest
from wagtail.models import Site

from community.models import SiteSettings
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _footer(html: str) -> str:
    return re.search(r"<footer.*?</footer>", html, re.S).group(0)


@pytest.mark.parametrize("theme", ["base", "citrus"])
def test_the_footer_does_not_name_the_theme_but_the_account_pages_still_switch_it(client, theme):
    site_settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    site_settings.theme = theme
    site_settings.save()
    client.force_login(UserFactory(username="leo"))

    footer = _footer(client.get("/forum/").text)
    assert "Theme" not in footer and theme not in footer.lower().replace("site-footer--citrus", "")
    # theme switching stays where it is configured: the account pages link it
    assert 'href="/accounts/theme/"' in client.get("/accounts/email/").text
    assert client.get("/accounts/theme/").status_code == 200


@pytest.mark.parametrize(
    "cookie, label, reset_hidden",
    [
        (None, "Switch between light and dark colours", True),
        ("light", "Switch to dark colours", False),
        ("dark", "Switch to light colours", False),
        ('"><script>', "Switch between light and dark colours", True),
    ],
)
def test_the_scheme_toggle_names_what_a_click_does(client, cookie, label, reset_hidden):
    if cookie is not None:
        client.cookies["color_scheme"] = cookie
    html = client.get("/forum/").text
    toggle = re.search(r"<button[^>]*data-scheme-toggle[^>]*>", html).group(0)
    reset = re.search(r"<button[^>]*data-scheme-reset[^>]*>", html).group(0)
    assert f'aria-label="{label}"' in toggle
    assert (" hidden" in reset) is reset_hidden
    assert "<script>" not in html.split("<body", 1)[0].split("<html", 1)[1].split(">", 1)[0]
