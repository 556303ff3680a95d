from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from forum.limits import hit
from forum.models import Poll, PollChoice, PollVote
from forum.permissions import check_not_suspended, check_see_thread


@transaction.atomic
def vote_in_poll(*, actor, poll: Poll, choice_ids: list[int]) -> Poll:
    """Cast a ballot once. Single-choice polls take exactly one choice; results show after voting."""
    poll = Poll.objects.select_for_update().select_related("thread__board").get(pk=poll.pk)
    check_see_thread(actor, poll.thread)
    check_not_suspended(actor)
    if poll.is_closed:
        raise PermissionDenied("This poll is closed.")
    if poll.thread.is_locked:
        raise PermissionDenied("This thread is locked.")
    ids = sorted(set(choice_ids))
    if not ids:
        raise ValidationError("Pick a choice first.")
    if len(ids) > 1 and not poll.allows_multiple:
        raise ValidationError("This poll takes one choice.")
    choices = list(PollChoice.objects.filter(poll=poll, pk__in=ids))
    if len(choices) != len(ids):
        raise ValidationError("That choice is not part of this poll.")
    if PollVote.objects.filter(poll=poll, user=actor).exists():
        raise ValidationError("You already voted in this poll.")
    hit(actor, "vote")
    now = timezone.now()
    PollVote.objects.bulk_create([PollVote(poll=poll, choice=c, user=actor, created_at=now) for c in choices])
    PollChoice.objects.filter(pk__in=ids).update(vote_count=F("vote_count") + 1)
    Poll.objects.filter(pk=poll.pk).update(voter_count=F("voter_count") + 1)
    poll.refresh_from_db()
    return poll
