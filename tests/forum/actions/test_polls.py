from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from forum.actions.polls import vote_in_poll
from forum.models import Poll
from tests.forum.factories import make_thread

pytestmark = pytest.mark.django_db


def _poll(board, author, **kwargs):
    thread = make_thread(
        board=board,
        author=author,
        poll_question="Which colour?",
        poll_choices=["Green", "Black", "Sand"],
        **kwargs,
    )
    return Poll.objects.get(thread=thread)


def test_single_choice_poll_counts_once(board, member, other_member):
    poll = _poll(board, member)
    green, black, _ = poll.choices.order_by("position")
    vote_in_poll(actor=other_member, poll=poll, choice_ids=[green.pk])
    with pytest.raises(ValidationError, match="already"):
        vote_in_poll(actor=other_member, poll=poll, choice_ids=[black.pk])
    with pytest.raises(ValidationError, match="one choice"):
        vote_in_poll(actor=member, poll=poll, choice_ids=[green.pk, black.pk])
    poll.refresh_from_db()
    green.refresh_from_db()
    assert poll.voter_count == 1 and green.vote_count == 1


def test_multiple_choice_and_foreign_choices(board, member, other_member):
    poll = _poll(board, member, poll_allows_multiple=True)
    other_poll = _poll(board, member)
    ids = list(poll.choices.values_list("pk", flat=True))
    with pytest.raises(ValidationError, match="not part"):
        vote_in_poll(actor=other_member, poll=poll, choice_ids=[other_poll.choices.first().pk])
    vote_in_poll(actor=other_member, poll=poll, choice_ids=ids[:2])
    assert sorted(poll.choices.values_list("vote_count", flat=True)) == [0, 1, 1]


def test_closed_poll_refuses_votes(board, member, other_member):
    poll = _poll(board, member, poll_closes_at=timezone.now() + timedelta(hours=1))
    Poll.objects.filter(pk=poll.pk).update(closes_at=timezone.now() - timedelta(minutes=1))
    with pytest.raises(PermissionDenied, match="closed"):
        vote_in_poll(actor=other_member, poll=poll, choice_ids=[poll.choices.first().pk])


def test_closing_date_must_be_in_the_future(board, member):
    with pytest.raises(ValidationError, match="future"):
        _poll(board, member, poll_closes_at=timezone.now() - timedelta(days=1))
