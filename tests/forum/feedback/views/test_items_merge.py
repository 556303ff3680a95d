"""The item page's "Merge into…" (forum/feedback/views/items.py: item_detail, merge_candidates_view,
merge): the team searches, picks a candidate radio and merges; without JavaScript the search is a GET
of the item page; bad picks are form errors on the page, never a 500."""

import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.urls import reverse

from forum.feedback.models import FeedbackItem
from forum.models import Board, Vote
from tests.factories import UserFactory
from tests.forum.factories import BoardFactory
from tests.forum.feedback.factories import make_item, vote
from tests.store.factories import ProductFactory

pytestmark = pytest.mark.django_db

# The candidates endpoint from a cold cache: the site and its settings, the session and its user, the
# item, the viewer's groups, moderated boards and the board tree (forum access), the search engine's
# statements (SQLite: page bound, title hits, body hits, highlights, count; PostgreSQL: three; inside a
# savepoint pair in a test's transaction, none in a request's autocommit), then one query for the
# candidates' rows.
CANDIDATE_QUERIES = {"sqlite": 16, "postgresql": 14}


@pytest.fixture
def items(feedback_board, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        made = {
            "duplicate": make_item(board=feedback_board, title="Car bluetooth keeps disconnecting"),
            "original": make_item(board=feedback_board, title="Bluetooth audio stutters in the car"),
            "watch": make_item(board=feedback_board, title="Bluetooth pairing fails with a watch"),
            "battery": make_item(board=feedback_board, title="Battery drains overnight on standby"),
        }
        other_board = BoardFactory(
            slug="buds-feedback", kind=Board.Kind.FEEDBACK, product=ProductFactory(slug="buds")
        )
        made["other_product"] = make_item(board=other_board, title="Bluetooth car audio cuts out")
    return made


def candidates_url(item, q="Bluetooth car"):
    return reverse("forum:feedback:merge_candidates", args=[item.thread_id]) + f"?merge_q={q}"


def radios(html: str) -> list[str]:
    return re.findall(r'<input type="radio" name="survivor" value="(\d+)"', html)


def test_candidates_are_the_same_products_unmerged_items_without_the_item_itself(client, team, items):
    client.force_login(team)
    response = client.get(candidates_url(items["duplicate"]), headers={"HX-Request": "true"})
    html = response.content.decode()
    assert response.status_code == 200
    assert radios(html) == [str(items["original"].thread_id), str(items["watch"].thread_id)]
    assert "Bluetooth audio stutters in the car" in html and "<legend>" in html
    assert "Bluetooth car audio cuts out" not in html  # another product's
    # the partial carries the query, so a failed merge shows the same list again
    assert 'name="merge_q" value="Bluetooth car"' in html


def test_a_merged_item_is_no_candidate(client, team, items):
    client.force_login(team)
    client.post(
        reverse("forum:feedback:merge", args=[items["watch"].thread_id]),
        {"survivor": items["original"].thread_id},
    )
    html = client.get(candidates_url(items["duplicate"])).content.decode()
    assert radios(html) == [str(items["original"].thread_id)]


def test_nothing_found_says_so(client, team, items):
    client.force_login(team)
    html = client.get(candidates_url(items["duplicate"], q="zebra")).content.decode()
    assert radios(html) == [] and "matches “zebra”" in html


def test_candidates_are_for_the_team_only(client, reporter, items):
    url = candidates_url(items["duplicate"])
    assert client.get(url).status_code == 302  # to the log-in page
    client.force_login(reporter)
    response = client.get(url)
    assert response.status_code == 403 and b"Bluetooth audio" not in response.content
    # an item that does not exist is 404 for anyone
    assert client.get(reverse("forum:feedback:merge_candidates", args=[999999])).status_code == 404


def test_candidates_are_only_what_the_team_member_reads(client, items, feedback_board):
    # Given a beta board of the same product, and a staff member of the team who is no beta tester
    # (the team's group moderates, and so reads, every board; staff read what their groups may)
    from django.contrib.auth.models import Group

    beta = Group.objects.create(name="Beta testers")
    tester = UserFactory(username="tester")
    tester.groups.add(beta)
    beta_board = BoardFactory(
        slug="beta-feedback",
        kind=Board.Kind.FEEDBACK,
        product=feedback_board.product,
        read_access=Board.Access.GROUP,
        start_access=Board.Access.GROUP,
        access_group=beta,
    )
    secret = make_item(board=beta_board, author=tester, title="Bluetooth car kit crash in beta")
    client.force_login(UserFactory(username="staff", is_staff=True))
    html = client.get(candidates_url(items["duplicate"], q="Bluetooth car kit")).content.decode()
    assert radios(html) == [str(items["original"].thread_id), str(items["watch"].thread_id)]
    assert "in beta" not in html
    # nor can it be merged into by its number
    response = client.post(
        reverse("forum:feedback:merge", args=[items["duplicate"].thread_id]), {"survivor": secret.thread_id}
    )
    assert response.status_code == 400 and f"There is no feedback item #{secret.thread_id}." in (
        response.content.decode()
    )


def test_candidates_run_a_fixed_number_of_queries(
    client, team, items, feedback_board, django_assert_num_queries, django_capture_on_commit_callbacks
):
    client.force_login(team)
    url = candidates_url(items["duplicate"])

    client.get(url)  # the site's settings row is made on the first request ever

    def measured(url):
        cache.clear()  # from a cold cache, so the site and its settings are read too
        with django_assert_num_queries(CANDIDATE_QUERIES[connection.vendor]):
            return client.get(url).content.decode()

    assert len(radios(measured(url))) == 2
    # Given many more matching items, with voters, in the index
    with django_capture_on_commit_callbacks(execute=True):
        for i in range(12):
            extra = make_item(board=feedback_board, title=f"Bluetooth car problem number {i}")
            vote(extra, UserFactory(), UserFactory())
    # Then a page of candidates costs the same
    assert len(radios(measured(url + "+problem"))) == 8


def test_without_javascript_the_search_is_a_get_of_the_item_page(client, team, items):
    client.force_login(team)
    duplicate = items["duplicate"]
    html = client.get(duplicate.get_absolute_url() + "?merge_q=Bluetooth+car").content.decode()
    # the labelled search box keeps the words; the candidates are radios in a fieldset with a legend
    assert re.search(r'<label for="merge-q">Merge into…</label>', html)
    assert re.search(
        r'<input type="search" id="merge-q" name="merge_q" form="merge-search" value="Bluetooth car"', html
    )
    assert radios(html) == [str(items["original"].thread_id), str(items["watch"].thread_id)]
    assert 'id="merge-candidates" class="fb-merge__results" aria-live="polite"' in html
    # the search's own GET form posts nothing: its action is this page
    assert re.search(
        f'<form id="merge-search" method="get" action="{duplicate.get_absolute_url()}#merge-form"', html
    )


def test_members_see_no_merge_box_even_with_the_query(client, reporter, items):
    client.force_login(reporter)
    html = client.get(items["duplicate"].get_absolute_url() + "?merge_q=Bluetooth+car").content.decode()
    assert "merge-q" not in html and radios(html) == []


def test_merging_the_picked_candidate_moves_its_votes(client, team, items):
    duplicate, original = items["duplicate"], items["original"]
    voters = [UserFactory(username=f"voter{i}") for i in range(3)]
    vote(duplicate, *voters)
    client.force_login(team)
    response = client.post(
        reverse("forum:feedback:merge", args=[duplicate.thread_id]),
        {"survivor": str(original.thread_id), "merge_q": "Bluetooth car", "comment": ""},
    )
    assert response.status_code == 302 and response.url == original.get_absolute_url()
    duplicate.refresh_from_db()
    assert duplicate.duplicate_of_id == original.pk
    # the three voters and the duplicate's reporter now vote for the original
    movers = {*(v.pk for v in voters), duplicate.thread.author_id}
    assert movers <= set(
        Vote.objects.filter(post_id=original.thread.first_post_id).values_list("user_id", flat=True)
    )
    page = client.get(response.url).content.decode()
    assert "Merged duplicates" in page and "Car bluetooth keeps disconnecting" in page


@pytest.mark.parametrize(
    ("picked", "error"),
    [
        ({}, "Pick the item this one duplicates."),
        ({"survivor": ""}, "Pick the item this one duplicates."),
        ({"survivor": "abc"}, "Pick one of the items found, or give an item number."),
        ({"survivor": "-3"}, "Pick one of the items found, or give an item number."),
        ({"survivor": "99999999999999999999999"}, "Pick one of the items found, or give an item number."),
        (
            {"survivor": "\uff11\uff12"},
            "Pick one of the items found, or give an item number.",
        ),  # full-width digits
        ({"survivor": "999999"}, "There is no feedback item #999999."),
        ("self", "An item cannot duplicate itself"),
        ("other_product", "is about another product"),
        ("merged", "was itself merged"),
    ],
)
def test_bad_picks_are_form_errors_never_500(client, team, items, picked, error):
    duplicate = items["duplicate"]
    client.force_login(team)
    if picked == "merged":
        client.post(
            reverse("forum:feedback:merge", args=[items["watch"].thread_id]),
            {"survivor": items["original"].thread_id},
        )
        picked = {"survivor": items["watch"].thread_id}
    elif picked == "self":
        picked = {"survivor": duplicate.thread_id}
    elif picked == "other_product":
        picked = {"survivor": items["other_product"].thread_id}
    response = client.post(
        reverse("forum:feedback:merge", args=[duplicate.thread_id]), {**picked, "merge_q": "Bluetooth car"}
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert error in html
    assert FeedbackItem.objects.get(pk=duplicate.pk).duplicate_of_id is None
    # the page shows the candidates that were on it, to pick again
    assert str(items["original"].thread_id) in radios(html)


def test_the_action_has_the_last_word(client, team, items, monkeypatch):
    # Given an item merged between the form's check and the action (another tab, a colleague)
    from forum.feedback import forms

    duplicate, original = items["duplicate"], items["original"]
    checked = forms.MergeForm.clean_survivor

    def merged_meanwhile(form):
        survivor = checked(form)
        FeedbackItem.objects.filter(pk=duplicate.pk).update(duplicate_of=items["battery"])
        return survivor

    monkeypatch.setattr(forms.MergeForm, "clean_survivor", merged_meanwhile)
    client.force_login(team)
    response = client.post(
        reverse("forum:feedback:merge", args=[duplicate.thread_id]), {"survivor": original.thread_id}
    )
    # Then the action's refusal is a form error on the page
    assert response.status_code == 400 and "This item was already merged." in response.content.decode()


def test_members_cannot_merge(client, reporter, items):
    client.force_login(reporter)
    response = client.post(
        reverse("forum:feedback:merge", args=[items["duplicate"].thread_id]),
        {"survivor": items["original"].thread_id},
    )
    assert response.status_code == 403
    assert FeedbackItem.objects.get(pk=items["duplicate"].pk).duplicate_of_id is None
