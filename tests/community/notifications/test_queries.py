from datetime import timedelta

import pytest
from django.utils import timezone

from community.notifications.actions import notify
from community.notifications.models import Notification
from community.notifications.queries import PER_PAGE, notification_page, read_cursor

pytestmark = pytest.mark.django_db


def _make(member, count, *, kind="REPLY", url="/forum/", text="Reply {i}"):
    for i in range(count):
        notify(recipient_ids=[member.pk], kind=kind, text=text.format(i=i), url=url)


def _texts(page):
    return [n.text for _, rows in page.days for n in rows]


def test_pages_walk_every_notification_once_newest_first_even_with_equal_times(member):
    _make(member, 100)
    # half of them share one instant (as one notify() call to many gives them)
    same = timezone.now() - timedelta(hours=1)
    Notification.objects.filter(
        pk__in=list(Notification.objects.order_by("pk").values_list("pk", flat=True)[:50])
    ).update(created_at=same)
    seen, before, pages = [], "", 0
    while True:
        page = notification_page(member, before=before)
        pages += 1
        rows = [n for _, day in page.days for n in day]
        assert len(rows) <= PER_PAGE
        seen += [n.pk for n in rows]
        if not page.older:
            break
        before = page.older
    assert pages == 4
    assert sorted(seen) == sorted(Notification.objects.values_list("pk", flat=True))  # each once
    ordered = list(Notification.objects.order_by("-created_at", "-pk").values_list("pk", flat=True))
    assert seen == ordered


def test_filters_keep_their_kinds(member):
    _make(member, 2, kind="REPLY", text="reply {i}")
    _make(member, 1, kind="MENTION", text="mention {i}")
    _make(member, 1, kind="QUOTE", text="quote {i}")
    _make(member, 1, kind="FEEDBACK", text="feedback {i}", url="/forum/feedback/3/")
    _make(member, 1, kind="PROGRAMME", text="drop right {i}", url="/store/drops/summer/")
    assert sorted(_texts(notification_page(member, show="mentions"))) == ["mention 0", "quote 0"]
    assert sorted(_texts(notification_page(member, show="replies"))) == ["reply 0", "reply 1"]
    assert _texts(notification_page(member, show="feedback")) == ["feedback 0"]
    assert _texts(notification_page(member, show="store")) == ["drop right 0"]
    everything = notification_page(member, show="nonsense")
    assert everything.show == "all" and len(_texts(everything)) == 6


def test_days_group_the_rows_in_the_current_time_zone(member):
    _make(member, 3)
    now = timezone.now()
    for n, age in zip(
        Notification.objects.order_by("pk"), (timedelta(days=3), timedelta(days=1), timedelta(0)), strict=True
    ):
        Notification.objects.filter(pk=n.pk).update(created_at=now - age)
    page = notification_page(member)
    today = timezone.localdate()
    assert [day for day, _ in page.days] == [today, today - timedelta(days=1), today - timedelta(days=3)]


@pytest.mark.parametrize("cursor", ["", "abc", "12-x", "-1-2", "9" * 30 + "-1", "1" * 18 + "-1"])
def test_a_cursor_that_is_not_ours_is_read_as_none_or_a_real_place(cursor):
    parsed = read_cursor(cursor)
    assert parsed is None or (parsed[0].tzinfo is not None and parsed[1] == 1)


def test_the_page_costs_two_queries_whatever_the_number(member, django_assert_num_queries):
    _make(member, 5)
    with django_assert_num_queries(2):
        notification_page(member)
    _make(member, 60)
    with django_assert_num_queries(2):
        page = notification_page(member)
    assert page.has_unread and page.older
