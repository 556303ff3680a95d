"""forum/feedback/candidates.py: what a duplicate can be merged into, for what the team typed."""

import pytest
from django.contrib.auth.models import Group

from forum.feedback.actions.merging import merge_duplicate
from forum.feedback.candidates import merge_candidates
from forum.models import Board
from tests.factories import UserFactory
from tests.forum.factories import BoardFactory
from tests.forum.feedback.factories import make_item, vote
from tests.store.factories import ProductFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def board_items(feedback_board, team, django_capture_on_commit_callbacks):
    """The duplicate being merged and the reports around it, indexed for search."""
    with django_capture_on_commit_callbacks(execute=True):
        items = {
            "duplicate": make_item(board=feedback_board, title="Car bluetooth keeps disconnecting"),
            "original": make_item(board=feedback_board, title="Bluetooth audio stutters in the car"),
            "other_bt": make_item(board=feedback_board, title="Bluetooth pairing fails with a watch"),
            "battery": make_item(board=feedback_board, title="Battery drains overnight on standby"),
            "merged": make_item(board=feedback_board, title="Bluetooth drops in the car again"),
        }
        merge_duplicate(actor=team, duplicate=items["merged"], survivor=items["original"])
        other_board = BoardFactory(
            slug="buds-feedback", kind=Board.Kind.FEEDBACK, product=ProductFactory(slug="buds")
        )
        items["other_product"] = make_item(board=other_board, title="Bluetooth car audio cuts out")
    return items


def titles(items):
    return [item.thread.title for item in items]


def test_same_product_unmerged_matches_best_first_never_the_item_itself(board_items, team):
    # Given the team on the duplicate "Car bluetooth keeps disconnecting"
    duplicate = board_items["duplicate"]

    # When they type "Bluetooth car"
    found = merge_candidates(team, duplicate, "Bluetooth car")

    # Then both words' report comes first, then the one with "Bluetooth" only; not the duplicate
    # itself, not the merged one, not the other product's, not the battery report
    assert titles(found) == ["Bluetooth audio stutters in the car", "Bluetooth pairing fails with a watch"]
    assert found[0].status.key and found[0].thread.score >= 1  # what a row shows is loaded


def test_titles_with_more_of_the_typed_words_come_first(
    feedback_board, team, django_capture_on_commit_callbacks
):
    # Given titles in the index with one of the words each
    with django_capture_on_commit_callbacks(execute=True):
        duplicate = make_item(board=feedback_board, title="Car bluetooth keeps disconnecting")
        car = make_item(board=feedback_board, title="Car mode")
        bluetooth = make_item(board=feedback_board, title="Bluetooth off")
    # and one with both, filed a moment ago (not in the index yet: found by its title)
    both = make_item(board=feedback_board, title="Bluetooth car kit drops calls")

    found = merge_candidates(team, duplicate, "Bluetooth car")

    # Then the one with both words comes first
    assert found[0] == both and set(found[1:]) == {car, bluetooth}


def test_an_item_number_finds_that_item_first(board_items, team):
    duplicate, battery = board_items["duplicate"], board_items["battery"]
    assert merge_candidates(team, duplicate, f"#{battery.thread_id}")[0] == battery
    assert merge_candidates(team, duplicate, str(battery.thread_id))[0] == battery
    # its own number, a merged item's or another product's finds nothing
    for item in ("duplicate", "merged", "other_product"):
        assert board_items[item] not in merge_candidates(team, duplicate, f"#{board_items[item].thread_id}")


def test_a_title_not_yet_in_the_index_is_found_by_its_words(feedback_board, team, board_items):
    # Given an item filed without the on-commit index update (the index has not caught up)
    fresh = make_item(board=feedback_board, title="Speaker crackles at full volume")
    # When the team types part of its title, it is found all the same
    assert merge_candidates(team, board_items["duplicate"], "crackles at full") == [fresh]


def test_short_or_empty_text_finds_nothing_and_queries_nothing(board_items, team, django_assert_num_queries):
    with django_assert_num_queries(0):
        assert merge_candidates(team, board_items["duplicate"], "") == []
        assert merge_candidates(team, board_items["duplicate"], "  b \n") == []


def test_only_what_the_viewer_reads(board_items, feedback_board, django_capture_on_commit_callbacks):
    # Given a beta testers' board of the same product
    beta = Group.objects.create(name="Beta testers")
    tester = UserFactory(username="tester")
    tester.groups.add(beta)
    beta_board = BoardFactory(
        slug="aurora-beta-feedback",
        kind=Board.Kind.FEEDBACK,
        product=feedback_board.product,
        read_access=Board.Access.GROUP,
        start_access=Board.Access.GROUP,
        access_group=beta,
    )
    with django_capture_on_commit_callbacks(execute=True):
        secret = make_item(board=beta_board, author=tester, title="Bluetooth car kit beta crash")
    # and two staff members of the product team (not its moderating group), one a beta tester
    outsider = UserFactory(username="staff-outsider", is_staff=True)
    insider = UserFactory(username="staff-tester", is_staff=True)
    insider.groups.add(beta)

    # When the one who does not read the beta board searches for it by words or by number,
    # it is not offered
    duplicate = board_items["duplicate"]
    assert [c.pk for c in merge_candidates(outsider, duplicate, "Bluetooth car kit beta")] == [
        board_items["original"].pk,
        board_items["other_bt"].pk,
    ]
    assert merge_candidates(outsider, duplicate, f"#{secret.thread_id}") == []
    # but the beta tester is offered it, first
    assert merge_candidates(insider, duplicate, "Bluetooth car kit beta")[0] == secret
    assert merge_candidates(insider, duplicate, f"#{secret.thread_id}") == [secret]


def test_votes_decide_among_title_matches(board_items, team, feedback_board):
    a = make_item(board=feedback_board, title="Crackle in calls")
    b = make_item(board=feedback_board, title="Crackle in music")
    vote(b, UserFactory(), UserFactory())
    assert merge_candidates(team, board_items["duplicate"], "crackle") == [b, a]
