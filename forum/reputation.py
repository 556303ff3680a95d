"""Reputation from forum actions: the one place the forum talks to the ledger.

Every function here is called inside the calling action's transaction and is idempotent (the ledger
keys an award by (rule, source, person)), so an action replayed changes no total twice.
"""

from community.reputation import api as reputation
from forum.keys import post_key, thread_key

ABUSE_REASON = "post removed for abuse"
VOTE_RETRACTED = "vote retracted"


def post_subject(post_id: int) -> str:
    return post_key(post_id)


def thread_subject(thread_id: int) -> str:
    return thread_key(thread_id)


def vote_cast(*, vote, post, board) -> None:
    reputation.award(
        user=post.author,
        rule=reputation.VOTE_RECEIVED,
        source=vote,
        actor=vote.user_id,
        subject=post_subject(post.pk),
        product_id=board.product_id,
    )


def vote_retracted(*, vote_id: int) -> None:
    reputation.reverse_entries(source=("forum.vote", vote_id), reason=VOTE_RETRACTED)


def post_written(*, post, board) -> None:
    """Points for a public post (one awaiting approval earns when it is approved)."""
    if not post.is_approved:
        return
    reputation.award(
        user=post.author,
        rule=reputation.POST_CREATED,
        source=post,
        subject=post_subject(post.pk),
        product_id=board.product_id,
    )


def post_removed(*, post_id: int) -> None:
    """A moderator hid or deleted the post: everything it earned its author is taken back."""
    reputation.reverse_entries(subject=post_subject(post_id), reason=ABUSE_REASON)


def post_restored(*, post_id: int) -> None:
    """Give back what the removal took, except votes retracted meanwhile (a moderator can still see
    and un-vote a hidden post): those stay taken back."""
    from django.contrib.contenttypes.models import ContentType

    from community.reputation.models import ReputationEntry
    from forum.models import Vote

    reputation.restore_entries(subject=post_subject(post_id), reason=ABUSE_REASON)
    vote_type = ContentType.objects.get_for_model(Vote)
    gone = (
        ReputationEntry.objects.filter(
            subject=post_subject(post_id), source_type=vote_type, reversed_at__isnull=True
        )
        .exclude(source_id__in=Vote.objects.filter(post_id=post_id).values("pk"))
        .values_list("source_id", flat=True)
    )
    for vote_id in list(gone):
        vote_retracted(vote_id=vote_id)
