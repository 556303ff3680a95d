import pytest

from community.notifications.actions import notify
from community.notifications.models import Notification, NotificationPreference

pytestmark = pytest.mark.django_db


def test_centre_lists_and_badge_counts(member_client, member):
    notify(recipient_ids=[member.pk], kind="MENTION", text="Sofia mentioned you", url="/forum/")
    page = member_client.get("/notifications/").content.decode()
    assert "Sofia mentioned you" in page and "data-unread-notifications>1<" in page
    note = Notification.objects.get()
    response = member_client.get(f"/notifications/{note.pk}/")
    assert response.url == "/forum/"
    assert "data-unread-notifications" not in member_client.get("/notifications/").content.decode()


def test_someone_elses_notification_is_404(member_client, other_member):
    [note] = notify(recipient_ids=[other_member.pk], kind="MENTION", text="Private", url="/forum/")
    assert member_client.get(f"/notifications/{note.pk}/").status_code == 404


def test_offsite_urls_are_not_followed(member_client, member):
    [note] = notify(recipient_ids=[member.pk], kind="MENTION", text="x", url="//evil.example/")
    assert member_client.get(f"/notifications/{note.pk}/").url == "/"


def test_preferences_form(member_client, member):
    response = member_client.post("/notifications/preferences/", {"REPLY": "DAILY"})
    assert response.status_code == 302
    assert NotificationPreference.objects.get(user=member, kind="REPLY").email_mode == "DAILY"
    response = member_client.post("/notifications/preferences/", {"REPLY": "SOMETIMES"})
    assert response.status_code == 400 and response.context["errors"]


def test_centre_needs_sign_in(client):
    assert client.get("/notifications/").status_code == 302


def test_centre_is_paged_filtered_grouped_by_day_and_marks_unread(member_client, member):
    for i in range(35):
        notify(recipient_ids=[member.pk], kind="REPLY", text=f"Reply number {i}", url="/forum/")
    notify(recipient_ids=[member.pk], kind="MENTION", text="Sofia mentioned you", url="/forum/")

    html = member_client.get("/notifications/").content.decode()
    # a page, not a wall: 30 rows, an "Older" link; today's group; unread said in words
    assert html.count('class="notification notification--unread"') == 30
    assert ">Today</time></h2>" in html and "New<span" in html
    assert 'rel="next">Older »</a>' in html
    older = html.split("&amp;before=", 1)[1].split('"', 1)[0]
    second = member_client.get(f"/notifications/?show=all&before={older}").content.decode()
    assert second.count('class="notification notification--unread"') == 6
    assert "« Newest</a>" in second and "Older »" not in second
    # filters
    mentions = member_client.get("/notifications/?show=mentions").content.decode()
    assert "Sofia mentioned you" in mentions and "Reply number" not in mentions
    assert '<a class="tabs__tab" href="?show=mentions" aria-current="page">Mentions</a>' in mentions
    assert (
        "No notifications of this kind yet."
        in member_client.get("/notifications/?show=store").content.decode()
    )
    # a made-up cursor or filter is not an error: the first page of everything
    assert member_client.get("/notifications/?show=x&before=zz").status_code == 200


def test_mark_all_read_keeps_the_filter_and_says_how_many(member_client, member):
    notify(recipient_ids=[member.pk], kind="MENTION", text="Only one", url="/forum/")
    response = member_client.post("/notifications/read-all/", {"show": "mentions"}, follow=True)
    assert response.redirect_chain[-1][0] == "/notifications/?show=mentions"
    html = response.content.decode()
    assert "1 notification marked read." in html
    assert 'class="notification"' in html and "notification--unread" not in html
    assert "Mark all read" not in html  # nothing left to mark
    assert Notification.objects.filter(read_at__isnull=True).count() == 0


def test_centre_query_count_is_fixed(member_client, member, django_assert_num_queries):
    def assert_queries():
        for _ in range(2):  # the site, its settings and the header are cached after the first pages
            member_client.get("/notifications/")
        # the user, the page of notifications, whether any is unread
        with django_assert_num_queries(3):
            assert member_client.get("/notifications/").status_code == 200

    notify(recipient_ids=[member.pk], kind="REPLY", text="one", url="/forum/")
    assert_queries()
    for i in range(80):
        notify(recipient_ids=[member.pk], kind="REPLY", text=f"more {i}", url="/forum/")
    assert_queries()


def _replies_by(member, usernames, title="Battery drain"):
    from tests.factories import UserFactory

    rows = []
    for username in usernames:
        rows += notify(
            recipient_ids=[member.pk],
            kind="REPLY",
            actor=UserFactory(username=username),
            text=f"replied to your thread “{title}”",
            url="/forum/t/7/",
            text_follows_actor=True,
        )
    return rows


def test_centre_shows_replies_to_one_thread_as_one_row_and_opening_it_reads_them_all(member_client, member):
    # Given three people's replies to one thread and one reply to another
    grouped = _replies_by(member, ["sofia", "leo", "amara"])
    [other] = _replies_by(member, ["kenji"], title="Camera")
    html = member_client.get("/notifications/").content.decode()
    # Then the three are one row naming the newest and how many others, with their avatars
    assert "Amara and 2 others replied to your thread “Battery drain”" in html
    assert "3 notifications" in html and html.count('class="notification notification--unread"') == 2
    rows = html.split('<ul class="notification-list">', 1)[1]
    assert rows.count('class="avatar avatar--sm') == 4
    assert f'href="/notifications/{grouped[-1].pk}/"' in html
    assert f'href="/notifications/{grouped[0].pk}/"' not in html
    # When the row is opened, then the whole group is read and the other thread's reply is not
    response = member_client.get(f"/notifications/{grouped[-1].pk}/")
    assert response.status_code == 302 and response.url == "/forum/t/7/"
    assert not Notification.objects.filter(pk__in=[n.pk for n in grouped], read_at__isnull=True).exists()
    assert Notification.objects.get(pk=other.pk).read_at is None


def test_centre_with_groups_keeps_its_query_count(member_client, member, django_assert_num_queries):
    # Given groups of several people (each with a profile for the avatar)
    _replies_by(member, [f"p{i}" for i in range(5)])
    _replies_by(member, [f"q{i}" for i in range(5)], title="Other")
    for _ in range(2):
        member_client.get("/notifications/")
    # the user, the page of notifications with their actors, whether any is unread
    with django_assert_num_queries(3):
        html = member_client.get("/notifications/").content.decode()
    assert html.count("5 notifications") == 2
