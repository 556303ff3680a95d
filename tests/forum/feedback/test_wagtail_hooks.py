import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from community.teams import team_group_name
from forum.feedback.models import FeedbackItem, Release
from tests.factories import UserFactory
from tests.forum.feedback.factories import make_item, make_release

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


@pytest.fixture
def team_member(db):
    """A team login as the demo's mira: staff, in the team group, not a superuser."""
    user = UserFactory(username="mira", is_staff=True, is_superuser=False)
    user.groups.add(Group.objects.get(name=team_group_name()))
    return user


def test_a_team_member_who_is_not_a_superuser_ships_a_release_from_the_admin(
    client, product, feedback_board, team_member, django_capture_on_commit_callbacks
):
    item = make_item(board=feedback_board, title="Wi-Fi drops after sleep")
    client.force_login(team_member)

    menu = client.get("/cms/")
    listing = client.get("/cms/snippets/feedback/release/")
    add_form = client.get("/cms/snippets/feedback/release/add/")
    with django_capture_on_commit_callbacks(execute=True):
        published = client.post(
            "/cms/snippets/feedback/release/add/",
            {
                "product": product.pk,
                "version": "1.4.2",
                "channel": Release.Channel.STABLE,
                "released_on": "2026-03-01",
                "changelog": f"## Fixed\n- Wi-Fi reconnects after sleep (#{item.thread_id})\n",
                "action-publish": "action-publish",
            },
        )

    assert menu.status_code == 200 and "Releases" in menu.content.decode()
    assert listing.status_code == 200
    assert add_form.status_code == 200 and 'name="action-publish"' in add_form.content.decode()
    assert published.status_code == 302, published.content.decode()[:2000]
    release = Release.objects.get(product=product, version="1.4.2")
    assert release.live
    item = FeedbackItem.objects.select_related("status").get(pk=item.pk)
    assert item.status.key == "fixed" and item.fixed_in_id == release.pk


def test_a_team_member_reaches_triage_statuses_store_and_moderation(client, product, team_member):
    client.force_login(team_member)

    for url in (
        reverse("forum:feedback:triage"),
        "/cms/snippets/feedback/status/",
        "/cms/snippets/feedback/environmentschema/add/",
        "/cms/store/products/",
        f"/cms/store/products/edit/{product.pk}/",
        "/cms/store/orders/",
        "/cms/store/drops/new/",
        "/cms/snippets/forum/board/",
        "/forum/mod/",
    ):
        assert client.get(url).status_code == 200, url
