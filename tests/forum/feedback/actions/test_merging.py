import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from community.notifications.models import Notification
from forum.feedback.actions.merging import merge_duplicate
from forum.feedback.models import FeedbackItem
from forum.models import Thread, ThreadWatch, Vote
from tests.factories import UserFactory
from tests.forum.feedback.factories import make_item, vote

pytestmark = pytest.mark.django_db


@pytest.fixture
def pair(feedback_board):
    survivor = make_item(
        board=feedback_board, title="Battery drains overnight", author=UserFactory(username="first")
    )
    duplicate = make_item(
        board=feedback_board, title="Battery empty every morning", author=UserFactory(username="second")
    )
    return duplicate, survivor


def test_overlapping_voters_are_counted_once(pair, team):
    duplicate, survivor = pair
    both = [UserFactory(username=f"both{i}") for i in range(3)]
    only_dup = [UserFactory(username=f"dup{i}") for i in range(2)]
    only_keep = [UserFactory(username="keep0")]
    vote(duplicate, *both, *only_dup)
    vote(survivor, *both, *only_keep)

    merge_duplicate(actor=team, duplicate=duplicate, survivor=survivor)

    keep_thread = Thread.objects.get(pk=survivor.thread_id)
    voters = list(
        Vote.objects.filter(post_id=keep_thread.first_post_id).values_list("user__username", flat=True)
    )
    # 3 shared + 2 from the duplicate + 1 own + the duplicate's reporter ("me too") = 7, nobody twice
    assert sorted(voters) == sorted({*[u.username for u in both + only_dup + only_keep], "second"})
    assert keep_thread.score == 7
    assert Vote.objects.filter(post_id=duplicate.thread.first_post_id).count() == 0


def test_survivors_reporter_does_not_vote_for_their_own(pair, team):
    duplicate, survivor = pair
    vote(duplicate, survivor.thread.author)
    merge_duplicate(actor=team, duplicate=duplicate, survivor=survivor)
    assert not Vote.objects.filter(
        post_id=survivor.thread.first_post_id, user=survivor.thread.author
    ).exists()


def test_followers_move_keep_a_link_back_and_are_told(pair, team):
    duplicate, survivor = pair
    follower = UserFactory(username="follower")
    ThreadWatch.objects.create(user=follower, thread=duplicate.thread, created_at=duplicate.created_at)

    merge_duplicate(actor=team, duplicate=duplicate, survivor=survivor, comment="Same bug.")

    duplicate = FeedbackItem.objects.select_related("status", "thread").get(pk=duplicate.pk)
    assert duplicate.status.key == "duplicate" and duplicate.duplicate_of_id == survivor.pk
    assert duplicate.thread.merged_into_id == survivor.thread_id and duplicate.thread.is_locked
    assert list(survivor.duplicates.all()) == [duplicate]
    assert ThreadWatch.objects.filter(user=follower, thread=survivor.thread).exists()
    told = Notification.objects.filter(recipient=follower).get()
    assert "merged into" in told.text and told.url == survivor.get_absolute_url()


def test_only_the_team_merges_and_not_twice(pair, team, feedback_board):
    duplicate, survivor = pair
    with pytest.raises(PermissionDenied):
        merge_duplicate(actor=duplicate.thread.author, duplicate=duplicate, survivor=survivor)
    with pytest.raises(ValidationError):
        merge_duplicate(actor=team, duplicate=survivor, survivor=survivor)
    merge_duplicate(actor=team, duplicate=duplicate, survivor=survivor)
    with pytest.raises(ValidationError):
        merge_duplicate(
            actor=team,
            duplicate=make_item(board=feedback_board, title="Third report here"),
            survivor=duplicate,
        )
