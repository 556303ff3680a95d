import pytest
from django.urls import reverse

from forum.feedback.actions.releases import publish_release
from forum.feedback.models import BuildRating, FeedbackItem
from tests.factories import UserFactory
from tests.forum.feedback.factories import make_item, make_release, vote

pytestmark = pytest.mark.django_db


def test_release_page_lists_fixed_items_regressions_and_ratings(client, feedback_board, product, team):
    fixed = make_item(board=feedback_board, title="Alarm does not ring")
    vote(fixed, UserFactory(username="v1"), UserFactory(username="v2"))
    release = make_release(
        product=product,
        version="V14.0.3.0",
        changelog=f"## Fixed\n- Alarms ring again (#{fixed.thread_id})\n",
    )
    publish_release(actor=team, release=release)
    release.refresh_from_db()
    regression = make_item(board=feedback_board, title="Keyboard lags since V14.0.3.0", release=release)
    rater = UserFactory(username="rater")
    client.force_login(rater)
    url = reverse("forum:feedback:release", kwargs={"product": product.slug, "version": "V14.0.3.0"})
    client.post(url + "rate/", {"stars": "4"})
    client.post(url + "rate/", {"stars": "9"})  # bad input: a message, not a 500
    response = client.get(url)
    assert response.status_code == 200
    page = response.context["page"]
    assert [i.pk for _, items in page.sections for i in items] == [fixed.pk]
    assert page.sections[0][1][0].thread.score == 2
    assert [i.pk for i in page.regressions] == [regression.pk]
    assert page.rating_count == 1 and page.distribution[1] == (4, 1, 100)
    assert BuildRating.objects.get().stars == 4
    assert "Fixed in V14.0.3.0" in client.get(fixed.get_absolute_url()).content.decode()


def test_draft_releases_are_team_only(client, product, team):
    make_release(product=product, version="2.0.0")
    url = reverse("forum:feedback:release", kwargs={"product": product.slug, "version": "2.0.0"})
    assert client.get(url).status_code == 404
    client.force_login(team)
    assert client.get(url).status_code == 200
    response = client.post(url + "publish/")
    assert response.status_code == 302
    client.logout()
    assert client.get(url).status_code == 200


def test_changelog_page_feed_and_roadmap(client, feedback_board, product, team):
    planned = make_item(board=feedback_board, title="Planned improvement here", kind="SUGGESTION")
    fixed = make_item(board=feedback_board, title="Fixed problem over there")
    from forum.feedback.actions.status import set_feedback_status
    from forum.feedback.models import Status

    set_feedback_status(actor=team, item=planned, status=Status.objects.get(key="planned"), comment="Soon")
    publish_release(
        actor=team, release=make_release(product=product, version="1.5.0", changelog=f"- #{fixed.thread_id}")
    )
    assert "1.5.0" in client.get(reverse("forum:feedback:changelog", args=[product.slug])).content.decode()
    feed = client.get(reverse("forum:feedback:changelog_feed", args=[product.slug]))
    assert feed.status_code == 200 and feed["Content-Type"].startswith("application/atom+xml")
    assert b"1.5.0" in feed.content
    columns = client.get(reverse("forum:feedback:roadmap", args=[product.slug])).context["columns"]
    assert [i.pk for i in columns["planned"]] == [planned.pk]
    assert [i.pk for i in columns["fixed"]] == [fixed.pk]
    assert FeedbackItem.objects.get(pk=fixed.pk).fixed_in.version == "1.5.0"
    assert client.get(reverse("forum:feedback:roadmap", args=["nope"])).status_code == 404


def test_publishing_from_the_wagtail_admin_runs_the_action(
    feedback_board, product, reporter, django_capture_on_commit_callbacks
):
    item = make_item(board=feedback_board, author=reporter)
    release = make_release(product=product, version="3.0.0", changelog=f"## Fixed\n- #{item.thread_id}")
    with django_capture_on_commit_callbacks(execute=True):
        release.save_revision().publish()
    item.refresh_from_db()
    assert item.fixed_in == release and item.status.key == "fixed"
    assert reporter.notifications.count() == 1
    with django_capture_on_commit_callbacks(execute=True):
        release.changelog += "\n- more"
        release.save_revision().publish()
    assert reporter.notifications.count() == 1
