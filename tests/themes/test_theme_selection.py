import pytest
from wagtail.models import Site

from community.models import SiteSettings
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def set_site_theme(theme: str) -> None:
    site_settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    site_settings.theme = theme
    site_settings.save()


def test_the_site_setting_picks_the_theme_for_everyone(client):
    set_site_theme("citrus")

    response = client.get("/")

    assert 'data-theme="citrus"' in response.text
    assert "citrus/css/citrus.css" in response.text


def test_the_base_theme_is_the_default(client):
    response = client.get("/")

    assert 'data-theme="base"' in response.text
    assert "citrus.css" not in response.text


def test_a_member_choice_overrides_the_site_theme_for_them_only(client):
    set_site_theme("base")
    member = UserFactory(username="leo")
    client.force_login(member)

    response = client.post("/accounts/theme/", {"theme": "citrus"})

    assert response.status_code == 302
    member.refresh_from_db()
    assert member.theme == "citrus"
    assert 'data-theme="citrus"' in client.get("/").text
    client.logout()
    assert 'data-theme="base"' in client.get("/").text


def test_an_unknown_theme_is_refused_with_a_message(client):
    member = UserFactory(username="leo")
    client.force_login(member)

    response = client.post("/accounts/theme/", {"theme": "../../etc"})

    assert response.status_code == 400
    assert "That theme does not exist" in response.text
    member.refresh_from_db()
    assert member.theme == ""


def test_choosing_to_follow_the_site_again(client):
    member = UserFactory(username="leo")
    member.theme = "citrus"
    member.save()
    client.force_login(member)

    client.post("/accounts/theme/", {"theme": ""})

    member.refresh_from_db()
    assert member.theme == ""


def test_the_theme_page_needs_a_signed_in_person(client):
    response = client.get("/accounts/theme/")

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_a_theme_overrides_a_template_by_relative_path(client):
    set_site_theme("citrus")

    response = client.get("/no/such/page/")

    assert response.status_code == 404
    assert "Nothing ripe here" in response.text
