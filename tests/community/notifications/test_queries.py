from datetime import timedelta

import pytest
from django.utils import timezone

from community.notifications.actions import notify
from community.notifications.models import Notification
from community.notifications.queries import PER_PAGE, ROWS_PER_GROUP_READ, notification_page, read_cursor
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _make(member, count, *, kind="REPLY", url="/forum/", text="Reply {i}"):
    for i in range(count):
        notify(recipient_ids=[member.pk], kind=kind, text=text.format(i=i), url=url)


def _rows(page):
    return [n for group in page.groups for n in group.rows]


def _texts(page):
    return [n.text for n in _rows(page)]


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
        rows = _rows(page)
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


def _reply(member, actor, title="Battery drain", kind="REPLY", text="replied to your thread “{title}”"):
    [row] = notify(
        recipient_ids=[member.pk],
        kind=kind,
        actor=actor,
        text=text.format(title=title),
        url="/forum/t/1/",
        target_key="",
        text_follows_actor=True,
    )
    return row


def test_the_same_thing_by_several_people_on_one_day_is_one_group(member):
    # Given replies by three people (one of them twice) to one thread, one to another thread and a
    # notification that names no one
    sofia, leo, amara = (UserFactory(username=name) for name in ("sofia", "leo", "amara"))
    first = _reply(member, sofia)
    _reply(member, leo)
    _reply(member, sofia)
    newest = _reply(member, amara)
    other = _reply(member, leo, title="Camera")
    _make(member, 1, kind="FEEDBACK", text="“Battery drain” is fixed in 1.2")
    # When the page is read
    page = notification_page(member)
    # Then the four replies to "Battery drain" are one group, newest first, its people each once
    [(_, groups)] = page.days
    messages = [g.message for g in groups]
    assert messages == [
        "“Battery drain” is fixed in 1.2",
        "Leo replied to your thread “Camera”",
        "Amara and 2 others replied to your thread “Battery drain”",
    ]
    group = groups[2]
    assert group.count == 4 and group.pk == newest.pk and group.rows[-1].pk == first.pk
    assert [p.username for p in group.actors] == ["amara", "sofia", "leo"]
    assert group.is_unread and sorted(group.unread_ids) == sorted(r.pk for r in group.rows)
    assert groups[1].rows == [other] and groups[1].count == 1
    assert not groups[0].names_actor and groups[0].kind_label == "Feedback" and groups[0].icon == "bug"


def test_two_people_are_named_and_a_renamed_actor_reads_as_now(member):
    sofia, leo = UserFactory(username="sofia"), UserFactory(username="leo")
    _reply(member, sofia, kind="MENTION", text="mentioned you in “{title}”")
    _reply(member, leo, kind="MENTION", text="mentioned you in “{title}”")
    leo.display_name = "Leo Park"
    leo.save(update_fields=["display_name"])
    [group] = notification_page(member).groups
    assert group.message == "Leo Park and Sofia mentioned you in “Battery drain”"


def test_groups_do_not_span_days(member):
    sofia, leo = UserFactory(username="sofia"), UserFactory(username="leo")
    old = _reply(member, sofia)
    _reply(member, leo)
    Notification.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=2))
    page = notification_page(member)
    assert [len(groups) for _, groups in page.days] == [1, 1]
    assert [g.message for g in page.groups] == [
        "Leo replied to your thread “Battery drain”",
        "Sofia replied to your thread “Battery drain”",
    ]


def _walk(member, per_page):
    seen, before, shapes = [], "", []
    while True:
        page = notification_page(member, before=before, per_page=per_page)
        assert len(page.groups) <= per_page
        shapes.append([g.count for g in page.groups])
        seen += [n.pk for n in _rows(page)]
        if not page.older:
            return seen, shapes
        before = page.older


def test_a_page_holds_per_page_groups_and_every_row_once(member):
    # Given thread A replied to by 3 people, then thread B by 3, then 5 lone notifications
    people = [UserFactory(username=f"p{i}") for i in range(3)]
    for title in ("A", "B"):
        for person in people:
            _reply(member, person, title=title)
    _make(member, 5, kind="FEEDBACK", text="news {i}")
    # When it is read two groups a page
    seen, shapes = _walk(member, per_page=2)
    # Then the lone ones come two by two, then the threads, each with its three replies
    assert shapes == [[1, 1], [1, 1], [1, 3], [3]]
    assert sorted(seen) == sorted(Notification.objects.values_list("pk", flat=True))  # each once


def test_interleaved_groups_split_at_the_page_end_but_show_every_row_once(member):
    # Given replies to threads A, B and C by three people in turn (A, B, C, A, B, C, ...)
    for person in [UserFactory(username=f"p{i}") for i in range(3)]:
        for title in ("A", "B", "C"):
            _reply(member, person, title=title)
    # Then a page of three groups has them all; a page of two ends where a third would start
    assert _walk(member, per_page=3)[1] == [[3, 3, 3]]
    seen, shapes = _walk(member, per_page=2)
    assert shapes[0] == [1, 1] and sum(map(sum, shapes)) == 9
    assert sorted(seen) == sorted(Notification.objects.values_list("pk", flat=True))


def test_a_page_reads_a_bounded_window_of_rows(member):
    # Given more replies to one thread than a page reads
    sofia = UserFactory(username="sofia")
    for _ in range(2 * ROWS_PER_GROUP_READ + 3):
        _reply(member, sofia)
    page = notification_page(member, per_page=2)
    # Then the page is one group of the rows it read, and the next page goes on from there
    assert [g.count for g in page.groups] == [2 * ROWS_PER_GROUP_READ] and page.older
    rest = notification_page(member, per_page=2, before=page.older)
    assert [g.count for g in rest.groups] == [3] and not rest.older


def test_grouped_pages_cost_two_queries_with_actors_and_their_avatars(member, django_assert_num_queries):
    people = [UserFactory(username=f"p{i}") for i in range(6)]
    for person in people:
        _reply(member, person)
        _reply(member, person, title="Other")
    with django_assert_num_queries(2):
        page = notification_page(member)
        # the actors (their names and avatars' profiles) came with the rows
        for group in page.groups:
            assert group.message and [getattr(p, "profile", None) for p in group.actors]
    assert [g.count for g in page.groups] == [6, 6]
