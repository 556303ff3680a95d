"""forum/limits.py: new-account limits hold until reputation unlocks the ability, and come back
when the points are taken back."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from community.reputation import api as reputation
from forum.actions.reports import report_post
from forum.actions.threads import needs_approval, start_thread
from forum.models import Report
from tests.factories import UserFactory
from tests.forum.factories import make_thread

LINKS = " ".join(f"[l{i}](https://example.com/{i})" for i in range(3))


def give(user, points: int):
    source = ("forum.board", user.pk)  # any row id: the award is keyed per person
    reputation.award(user=user, rule=reputation.MODERATOR_AWARD, source=source, points=points)
    reputation.forget_standing(user)
    return source


def take_back(user, source):
    reputation.reverse_entries(source=source, reason="test")
    reputation.forget_standing(user)


def post_links(user, board, n):
    return start_thread(actor=user, board=board, title=f"Links {n}", body=f"{LINKS} ({n})")


def test_a_new_member_cannot_post_links_until_their_level_unlocks_it_and_again_after_reversal(board):
    member = UserFactory()
    with pytest.raises(ValidationError, match="links"):
        post_links(member, board, 1)
    source = give(member, 500)
    assert post_links(member, board, 2).pk
    take_back(member, source)
    with pytest.raises(ValidationError, match="links"):
        post_links(member, board, 3)


def test_an_established_member_is_not_limited_whatever_their_points(board):
    member = UserFactory(date_joined=timezone.now() - timedelta(days=365))
    assert post_links(member, board, 1).pk


def test_staff_are_not_limited(board):
    assert post_links(UserFactory(is_staff=True), board, 1).pk


def test_a_new_member_starts_polls_once_unlocked(board):
    member = UserFactory()
    poll = {"poll_question": "Which colour?", "poll_choices": ["Black", "Silver"]}
    with pytest.raises(ValidationError, match="polls"):
        start_thread(actor=member, board=board, title="Colours", body="Pick one.", **poll)
    give(member, 500)
    thread = start_thread(actor=member, board=board, title="Colours", body="Pick one please.", **poll)
    assert thread.poll.question == "Which colour?"


def test_approval_for_new_accounts_is_skipped_once_unlocked(board, settings):
    settings.FORUM_APPROVE_NEW_ACCOUNTS = True
    member = UserFactory()
    assert needs_approval(member, board.pk)
    source = give(member, 5000)
    assert not needs_approval(member, board.pk)
    take_back(member, source)
    assert needs_approval(member, board.pk)


def test_a_report_carries_the_reporters_weight(board):
    thread = make_thread(board=board)
    newcomer, expert = UserFactory(), UserFactory()
    give(expert, 5000)
    report_post(actor=newcomer, post=thread.first_post, reason="Spam links")
    report_post(actor=expert, post=thread.first_post, reason="Spam links")
    assert dict(Report.objects.values_list("reporter_id", "weight")) == {newcomer.pk: 1, expert.pk: 2}
