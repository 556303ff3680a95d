import pytest

from tests.factories import UserFactory
from tests.forum.feedback.factories import make_release

pytestmark = pytest.mark.django_db


def test_team_manages_releases_statuses_and_environment_fields_in_the_admin(client, product):
    release = make_release(product=product, version="1.0.0")
    client.force_login(UserFactory(username="boss", is_staff=True, is_superuser=True))
    for url in (
        "/cms/snippets/feedback/release/",
        f"/cms/snippets/feedback/release/edit/{release.pk}/",
        "/cms/snippets/feedback/release/add/",
        "/cms/snippets/feedback/status/",
        "/cms/snippets/feedback/environmentschema/add/",
    ):
        assert client.get(url).status_code == 200, url
