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


def _release_url(product, version):
    return reverse("forum:feedback:release", kwargs={"product": product.slug, "version": version})


def test_release_page_shows_the_changelog_once_with_its_items_linked(client, feedback_board, product, team):
    fixed = make_item(board=feedback_board, title="Alarm does not ring")
    vote(fixed, UserFactory(username="v1"))
    release = make_release(
        product=product,
        version="V14.0.3.0",
        changelog=(
            "## New\n- Faster start-up\n\n## Fixed\n"
            f"- Alarms ring again (#{fixed.thread_id})\n- Lock screen crash (#999999)\n"
            f"- `#{fixed.thread_id}` in code stays as written\n"
        ),
    )
    publish_release(actor=team, release=release)

    html = client.get(_release_url(product, "V14.0.3.0")).content.decode()
    changes = html.split('id="changes-h"', 1)[1].split("</section>", 1)[0]
    # each changelog line once, and nothing listed a second time
    assert changes.count("Alarms ring again") == 1 and html.count("Alarms ring again") == 1
    assert changes.count("Faster start-up") == 1
    assert "Alarm does not ring" not in html  # the item's own title is not listed again
    # the reference links to the item, with its status and (pluralised) votes
    assert (
        f'<a href="{fixed.get_absolute_url()}" rel="nofollow ugc noopener">#{fixed.thread_id}</a>' in changes
    )
    assert "· Fixed in V14.0.3.0 · 1 vote)" in changes
    # an item the reader cannot see (or that does not exist) stays plain text; code is left alone
    assert "(#999999)" in changes
    assert f"<code>#{fixed.thread_id}</code>" in changes


def test_rate_this_build_is_a_labelled_radio_group_of_stars(client, product):
    make_release(product=product, version="1.5.0", live=True)
    rater = UserFactory(username="rater")
    client.force_login(rater)
    url = _release_url(product, "1.5.0")

    html = client.get(url).content.decode()
    form = html.split('class="rating-form"', 1)[1].split("</form>", 1)[0]
    assert "<select" not in form and "<option" not in form
    assert '<fieldset class="star-rating"><legend>Your rating</legend>' in form
    for stars in range(1, 6):
        label = f"{stars} star{'s' if stars > 1 else ''}"
        assert f'type="radio" name="stars" value="{stars}"' in form
        assert f'<span class="visually-hidden">{label}</span>' in form
    assert 'for="id_stars_0"' in form and 'id="id_stars_0"' in form
    assert '<button class="button" type="submit">Rate this build</button>' in form

    # a plain form post (no JavaScript) rates, and the page shows the choice checked
    assert client.post(url + "rate/", {"stars": "3"}).status_code == 302
    html = client.get(url).content.decode()
    assert "checked" in html.split('name="stars" value="3"', 1)[1].split(">", 1)[0]
    assert "Your rating (now 3 of 5)" in html and "Change my rating" in html
    assert BuildRating.objects.get().stars == 3


def test_anonymous_visitors_are_asked_to_sign_in_to_rate(client, product):
    make_release(product=product, version="1.5.0", live=True)
    html = client.get(_release_url(product, "1.5.0")).content.decode()
    assert "Sign in</a> to rate this build" in html and 'name="stars"' not in html


def test_a_changelog_line_of_only_a_reference_shows_the_items_title(client, feedback_board, product, team):
    item = make_item(board=feedback_board, title="Alarm does not ring")
    publish_release(
        actor=team, release=make_release(product=product, version="1.5.0", changelog=f"- #{item.thread_id}")
    )
    html = client.get(_release_url(product, "1.5.0")).content.decode()
    assert f">#{item.thread_id} Alarm does not ring</a> · Fixed in 1.5.0 · 0 votes" in html
    assert html.count("Alarm does not ring") == 1


def test_ratings_show_the_average_as_stars_and_one_bar_per_number_of_stars(client, product):
    from forum.feedback.actions.releases import rate_build

    # Given a live build rated 5, 4, 4 and 1
    release = make_release(product=product, version="1.6.0", live=True)
    for i, stars in enumerate([5, 4, 4, 1]):
        rate_build(actor=UserFactory(username=f"rater{i}"), release=release, stars=stars)
    html = client.get(_release_url(product, "1.6.0")).content.decode()
    summary = html.split('class="rating-summary"', 1)[1].split('class="rating-form"', 1)[0]
    # Then the average reads as a number of stars (an image with a name) and in words
    assert 'role="img" aria-label="3.5 out of 5 stars"' in summary
    assert "Average 3.5 of 5 from 4 ratings" in summary
    # and each number of stars is a row with its count and share, 5 first
    rows = summary.split('<ul class="rating-bars" aria-label="Rating distribution">', 1)[1].split("</ul>", 1)[
        0
    ]
    assert rows.count('<li class="rating-bars__row">') == 5
    assert [
        r.split('<span class="visually-hidden"> (', 1)[1].split(")", 1)[0] for r in rows.split("</li>")[:5]
    ] == [
        "25%",
        "50%",
        "0%",
        "0%",
        "25%",
    ]
    assert '<rect class="rating-bars__fill" width="50"' in rows


def test_a_build_without_ratings_says_so(client, product):
    make_release(product=product, version="1.6.0", live=True)
    html = client.get(_release_url(product, "1.6.0")).content.decode()
    assert "No ratings yet" in html and "out of 5 stars" not in html


def test_bug_reports_per_day_are_drawn_day_by_day_since_the_release(client, feedback_board, product):
    from datetime import timedelta

    from django.utils import timezone

    # Given a build released 9 days ago and a bug filed against it today
    release = make_release(
        product=product, version="1.6.0", live=True, released_on=timezone.localdate() - timedelta(days=9)
    )
    make_item(board=feedback_board, title="Keyboard lags", release=release)
    html = client.get(_release_url(product, "1.6.0")).content.decode()
    # Then the chart has a bar place for each of the 10 days, the empty ones at 0
    chart = html.split('aria-label="New bug reports per day since the release"', 1)[1].split("</svg>", 1)[0]
    assert chart.count("<rect") == 1  # one day with a report draws a bar
    first_day = timezone.localdate() - timedelta(days=9)
    assert f"{first_day:%d %b}" in chart and "Bug" not in chart.replace("bug", "")
