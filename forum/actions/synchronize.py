"""Recompute stored counters from source rows. Each function returns the drift it repaired
({field: (stored, actual)}), so ``manage.py forum_synchronize`` can report it."""

from django.db.models import Count, Max
from django.db.models.functions import Coalesce

from forum.images import first_image_url
from forum.models import Board, Poll, PollChoice, Post, Thread, Vote
from forum.ranking import hot_rank

PUBLIC = {"is_hidden": False, "deleted_at__isnull": True, "is_approved": True}


def _apply(instance, actual: dict) -> dict:
    drift = {}
    for name, value in actual.items():
        stored = getattr(instance, name)
        if isinstance(value, float) and isinstance(stored, float):
            same = abs(stored - value) < 1e-6
        else:
            same = stored == value
        if not same:
            drift[name] = (stored, value)
            setattr(instance, name, value)
    if drift:
        type(instance).objects.filter(pk=instance.pk).update(**{name: actual[name] for name in drift})
    return drift


def synchronize_post_scores(thread: Thread) -> dict:
    drift = {}
    counts = dict(Post.objects.filter(thread=thread).annotate(n=Count("votes")).values_list("pk", "n"))
    for post in Post.objects.filter(thread=thread).only("pk", "score"):
        if post.score != counts.get(post.pk, 0):
            drift[f"post {post.pk} score"] = (post.score, counts.get(post.pk, 0))
            Post.objects.filter(pk=post.pk).update(score=counts.get(post.pk, 0))
    return drift


def synchronize_thread(thread: Thread) -> dict:
    drift = synchronize_post_scores(thread)
    posts = Post.objects.filter(thread=thread)
    public = posts.filter(**PUBLIC).order_by("number")
    first = posts.order_by("number").first()
    last = public.order_by("-number").first() or first
    public_count = public.count()
    score = Vote.objects.filter(post=first).count() if first else 0
    reply_count = max(public_count - (1 if first is not None and first.is_public else 0), 0)
    actual = {
        "first_post_id": first.pk if first else None,
        "last_post_id": last.pk if last else None,
        "last_post_at": last.created_at if last else thread.created_at,
        "last_post_number": last.number if last else 1,
        "next_post_number": (posts.aggregate(n=Coalesce(Max("number"), 0))["n"] or 0) + 1,
        "reply_count": reply_count,
        "score": score,
        "hot_rank": hot_rank(score=score, reply_count=reply_count, created_at=thread.created_at),
        # the listing's thumbnail: the opening post's first uploaded image, as start_thread and
        # edit_post keep it (forum.images)
        "first_image_url": first_image_url(first.body_html) if first else "",
    }
    drift.update(_apply(thread, actual))
    poll = Poll.objects.filter(thread=thread).first()
    if poll is not None:
        drift.update(synchronize_poll(poll))
    return drift


def synchronize_poll(poll: Poll) -> dict:
    drift = {}
    voters = poll.votes.values("user_id").distinct().count()
    drift.update({f"poll {poll.pk} {k}": v for k, v in _apply(poll, {"voter_count": voters}).items()})
    for choice in PollChoice.objects.filter(poll=poll).annotate(n=Count("votes")):
        if choice.vote_count != choice.n:
            drift[f"choice {choice.pk} vote_count"] = (choice.vote_count, choice.n)
            PollChoice.objects.filter(pk=choice.pk).update(vote_count=choice.n)
    return drift


def synchronize_board(board: Board) -> dict:
    threads = Thread.objects.filter(board=board, **PUBLIC)
    last = threads.order_by("-last_post_at", "-id").first()
    post_count = Post.objects.filter(thread__in=threads, **PUBLIC).count()
    actual = {
        "thread_count": threads.count(),
        "post_count": post_count,
        "last_thread_id": last.pk if last else None,
        "last_post_at": last.last_post_at if last else None,
    }
    return _apply(board, actual)


def synchronize_all(*, stdout=None) -> dict[str, dict]:
    """Recount every thread and board. Returns {"thread 12": {...drift}, "board 3": {...}} for rows that drifted."""
    report: dict[str, dict] = {}
    for thread in Thread.objects.order_by("pk").iterator(chunk_size=500):
        drift = synchronize_thread(thread)
        if drift:
            report[f"thread {thread.pk}"] = drift
    for board in Board.objects.order_by("pk"):
        drift = synchronize_board(board)
        if drift:
            report[f"board {board.slug}"] = drift
    return report
