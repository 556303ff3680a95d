from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from community.notifications.models import NotificationKind
from forum import conf
from forum.actions.common import notify_readers, reindex
from forum.keys import post_key
from forum.limits import hit
from forum.models import Post, Thread, Vote
from forum.permissions import check_vote
from forum.ranking import hot_rank
from forum.reputation import vote_cast, vote_retracted


@transaction.atomic
def toggle_vote(*, actor, post: Post) -> tuple[bool, int]:
    """Up-vote a post, or take the vote back. Returns (voted now, new score). A vote on the opening
    post is the thread's vote: the thread's score and hot rank follow it."""
    post = Post.objects.select_for_update().select_related("thread__board").get(pk=post.pk)
    check_vote(actor, post)
    hit(actor, "vote")
    vote_ids = list(Vote.objects.filter(user=actor, post=post).values_list("pk", flat=True))
    deleted, _ = Vote.objects.filter(pk__in=vote_ids).delete()
    if deleted:
        delta, voted = -1, False
        for vote_id in vote_ids:
            vote_retracted(vote_id=vote_id)
    else:
        try:
            with transaction.atomic():
                vote = Vote.objects.create(user=actor, post=post, created_at=timezone.now())
        except IntegrityError:  # a concurrent request voted first: that vote stands
            return True, Post.objects.get(pk=post.pk).score
        delta, voted = 1, True
        vote_cast(vote=vote, post=post, board=post.thread.board)
    Post.objects.filter(pk=post.pk).update(score=F("score") + delta)
    score = post.score + delta
    if post.number == 1:
        thread = post.thread
        Thread.objects.filter(pk=thread.pk).update(
            score=score,
            hot_rank=hot_rank(score=score, reply_count=thread.reply_count, created_at=thread.created_at),
        )
    # Search documents carry the vote count (ranking by votes): the thread's, and with it its
    # feedback item's (a search dependent of the thread), or the reply's. After commit, by id.
    reindex(post.thread if post.number == 1 else post)
    if voted and score in conf.vote_milestones():
        notify_readers(
            board_id=post.thread.board_id,
            recipient_ids=[post.author_id],
            kind=NotificationKind.VOTES,
            text=f"Your post in “{post.thread.title}” reached {score} votes",
            url=post.get_absolute_url(),
            actor=None,
            target_key=post_key(post),
        )
    return voted, score
