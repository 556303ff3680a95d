import csv
import io
import re

import pytest
from django.urls import reverse

from forum.feedback.actions.status import set_feedback_status
from forum.feedback.models import FeedbackItem, Status
from forum.models import Post, Thread, Vote
from tests.factories import UserFactory
from tests.forum.feedback.factories import make_item, make_owner, vote

pytestmark = pytest.mark.django_db
URL = reverse("forum:feedback:triage")


def bulk_items(board, count: int, voters):
    """Many items quickly: one filed through the action, the rest copied with their own threads and votes."""
    template = make_item(board=board, title="Template report for the bulk")
    for i in range(count - 1):
        thread = Thread.objects.create(
            board=board,
            title=f"Bulk report {i}",
            author=voters[i % len(voters)],
            created_at=template.created_at,
            last_post_at=template.created_at,
        )
        post = Post.objects.create(
            thread=thread,
            number=1,
            author=thread.author,
            body="x",
            body_html="x",
            created_at=thread.created_at,
        )
        Thread.objects.filter(pk=thread.pk).update(first_post=post, score=len(voters))
        FeedbackItem.objects.create(
            thread=thread,
            product_id=board.product_id,
            kind="BUG" if i % 2 else "SUGGESTION",
            status=template.status,
            created_at=template.created_at,
            status_changed_at=template.created_at,
        )
        Vote.objects.bulk_create([Vote(user=v, post=post, created_at=template.created_at) for v in voters])


@pytest.fixture
def team_client(client, team):
    client.force_login(team)
    return client


@pytest.mark.parametrize("count", [5, 100])
def test_triage_board_runs_a_fixed_number_of_queries(
    team_client, feedback_board, count, django_assert_max_num_queries
):
    voters = [UserFactory(username=f"voter{i}") for i in range(6)]
    bulk_items(feedback_board, count, voters)
    with django_assert_max_num_queries(22):  # whole page: session, user, site settings, header, board
        response = team_client.get(URL, {"sort": "owner_votes"})
    assert response.status_code == 200
    assert len(response.context["items"]) == count


def test_triage_query_count_does_not_grow_with_items_and_votes(team_client, feedback_board):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    voters = [UserFactory(username=f"voter{i}") for i in range(4)]
    bulk_items(feedback_board, 5, voters)
    team_client.get(URL)  # warm per-process caches
    with CaptureQueriesContext(connection) as few:
        team_client.get(URL, {"sort": "trend", "owners_only": ""})
    bulk_items(feedback_board, 60, voters + [UserFactory(username=f"more{i}") for i in range(8)])
    team_client.get(URL)  # new people and groups moved the cached access on: warm it again
    with CaptureQueriesContext(connection) as many:
        response = team_client.get(URL, {"sort": "trend", "owners_only": ""})
    assert len(response.context["items"]) == 65
    assert len(many) == len(few)


def test_triage_is_team_only(client, reporter):
    client.force_login(reporter)
    assert client.get(URL).status_code == 403
    assert client.get(reverse("forum:feedback:triage_csv")).status_code == 403


def test_bad_filters_give_form_errors_not_500(team_client, item):
    response = team_client.get(
        URL, {"status": "nope", "product": "missing", "release": "abc", "sort": "evil"}
    )
    assert response.status_code == 400
    assert response.context["form"].errors


def test_csv_export_matches_the_boards_filter(team_client, feedback_board, variant, team):
    owner = UserFactory(username="owner")
    make_owner(owner, variant)
    a = make_item(board=feedback_board, title="=HYPERLINK bad title")
    b = make_item(board=feedback_board, title="Suggestion about widgets", kind="SUGGESTION")
    c = make_item(board=feedback_board, title="Planned bug here")
    vote(a, owner)
    set_feedback_status(actor=team, item=c, status=Status.objects.get(key="planned"), comment="ok")
    for params in (
        {},
        {"kind": "BUG"},
        {"status": "planned"},
        {"owners_only": "on"},
        {"kind": "SUGGESTION", "sort": "age"},
    ):
        board_ids = [i.thread_id for i in team_client.get(URL, params).context["items"]]
        response = team_client.get(reverse("forum:feedback:triage_csv"), params)
        rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
        assert rows[0][0] == "id"
        assert [int(r[0]) for r in rows[1:]] == board_ids, params
    rows = list(
        csv.reader(
            io.StringIO(
                b"".join(
                    team_client.get(
                        reverse("forum:feedback:triage_csv"), {"owners_only": "on"}
                    ).streaming_content
                ).decode()
            )
        )
    )
    assert rows[1][1].startswith("'=") and rows[1][8] == "1"
    assert b.thread_id not in [int(r[0]) for r in rows[1:]]


def test_bulk_status_change(team_client, feedback_board):
    items = [make_item(board=feedback_board, title=f"Bulk change me {i}") for i in range(3)]
    response = team_client.post(
        reverse("forum:feedback:bulk_status"),
        {
            "items": [i.thread_id for i in items[:2]],
            "bulk-status": Status.objects.get(key="acknowledged").pk,
            "bulk-comment": "Seen",
        },
    )
    assert response.status_code == 302
    keys = dict(FeedbackItem.objects.values_list("pk", "status__key"))
    assert [keys[i.pk] for i in items] == ["acknowledged", "acknowledged", "new"]
    response = team_client.post(reverse("forum:feedback:bulk_status"), {"items": ["x"], "bulk-status": "999"})
    assert response.status_code == 302


def test_weekly_report_renders_svg_charts(team_client, item, team, feedback_board):
    make_item(board=feedback_board, title="Still open and voted")
    set_feedback_status(actor=team, item=item, status=Status.objects.get(key="fixed"), comment="Done")
    response = team_client.get(reverse("forum:feedback:report"))
    assert response.status_code == 200
    body = response.content.decode()
    assert body.count("<svg") >= 2 and "median time from report to fix" in body
    assert response.context["data"].median_days_to_fix is not None


@pytest.mark.parametrize("sort", ["votes", "owner_votes"])
def test_triage_board_stays_in_the_signed_in_budget(team_client, feedback_board, variant, sort):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    # Given items with votes, some by verified owners
    voters = [UserFactory(username=f"voter{i}") for i in range(4)]
    make_owner(voters[0], variant)
    bulk_items(feedback_board, 30, voters)
    team_client.get(URL, {"sort": sort})  # the first visit fills the cached access and settings
    team_client.get(URL, {"sort": sort})
    # When the board is served in steady state, then issue #8's budget holds (8 signed in)
    with CaptureQueriesContext(connection) as ctx:
        response = team_client.get(URL, {"sort": sort})
    assert len(ctx) <= 8, "\n".join(q["sql"][:150] for q in ctx.captured_queries)
    items = response.context["items"]
    assert len(items) == 30  # the bulk's 29 copies have each voter's vote, the template none
    assert sorted((item.owner_votes, item.trend) for item in items) == [(0, 0)] + [(1, 4)] * 29


def test_default_sort_counts_votes_for_the_page_rows_as_the_counted_sorts_do(team_client, feedback_board, variant):
    from forum.feedback.queries import TriageFilter, triage_page, triage_queryset

    # Given items with different scores and owner votes
    owner, other = UserFactory(username="owner"), UserFactory(username="other")
    make_owner(owner, variant)
    first, _second, third = (make_item(board=feedback_board, title=f"Report number {n}") for n in range(3))
    vote(first, owner, other)
    vote(third, other)
    team = team_client.get(URL).wsgi_request.user
    # When the first page is read by score (votes counted for its rows only)
    page = triage_page(team, TriageFilter(sort="votes"), 1, per_page=2)
    # Then it is the first two rows of the fully counted query, with the same counts
    expected = list(triage_queryset(team, TriageFilter(sort="votes"))[:2])
    assert [i.pk for i in page.object_list] == [i.pk for i in expected] == [first.pk, third.pk]
    assert [(i.owner_votes, i.trend) for i in page.object_list] == [(i.owner_votes, i.trend) for i in expected]
    assert page.paginator.count == 3


def test_items_of_threads_a_reader_cannot_see_are_left_out(feedback_board, reporter):
    from forum.feedback.queries import visible_items

    # Given two items, one of them in a thread hidden by a moderator
    shown = make_item(board=feedback_board, title="A visible report")
    hidden = make_item(board=feedback_board, title="A hidden report")
    Thread.objects.filter(pk=hidden.thread_id).update(is_hidden=True)
    # Then a reader who is not the author sees only the visible one
    assert list(visible_items(reporter).values_list("pk", flat=True)) == [shown.pk]


def test_the_bulk_form_and_the_filter_do_not_share_field_ids(team_client, item):
    page = team_client.get(reverse("forum:feedback:triage")).content.decode()
    ids = re.findall(r'\bid="([^"]+)"', page)
    assert not [i for i in set(ids) if ids.count(i) > 1]
    assert 'id="id_bulk-status"' in page and 'for="id_bulk-status"' in page


@pytest.mark.parametrize("params", [{}, {"sort": "owner_votes", "owners_only": "on"}])
def test_triage_board_charts_its_items_per_status_from_its_count_query(
    team_client, feedback_board, team, variant, params
):
    import xml.etree.ElementTree as ET

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    # Given three new items, two of them acknowledged and one fixed, each voted by a verified owner
    owner = UserFactory(username="owner")
    make_owner(owner, variant)
    items = [make_item(board=feedback_board, title=f"Chart me {i}") for i in range(6)]
    for item in items:
        vote(item, owner)
    for item, key in zip(items, ["acknowledged", "acknowledged", "fixed"], strict=False):
        set_feedback_status(actor=team, item=item, status=Status.objects.get(key=key), comment="Seen")
    team_client.get(URL, params)  # the first visits fill the cached access and settings
    team_client.get(URL, params)
    # When the board is served
    with CaptureQueriesContext(connection) as ctx:
        response = team_client.get(URL, params)
    # Then its count query counted by status: the chart is drawn from it, in workflow order, and
    # the page's total is its sum (the budget holds: five and the session's user)
    assert len(ctx) == 6, "\n".join(q["sql"][:150] for q in ctx.captured_queries)
    board = response.context["triage"]
    assert [(status.key, n) for status, n in board.by_status] == [("new", 3), ("acknowledged", 2), ("fixed", 1)]
    assert board.page.paginator.count == 6
    svg = response.context["status_chart"]
    root = ET.fromstring(svg)
    assert root.get("role") == "img"
    assert root.get("aria-label") == "Items per status for this filter: New 3, Acknowledged 2, Fixed 1"
    assert svg in response.content.decode()
    # and a filter that finds nothing draws no chart
    empty = team_client.get(URL, {**params, "q": "nothing like this"})
    assert empty.context["status_chart"] == "" and b'class="chart"' not in empty.content
