"""Moderator actions on threads and posts. Each checks the board's moderators, writes the audit
log, tells the author, recounts what it touched and updates the search index."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from community.notifications.badge import forget_visibility
from community.notifications.models import NotificationKind
from forum import reputation as forum_reputation
from forum.actions.common import log_moderation, notify_readers, reindex
from forum.actions.synchronize import synchronize_board, synchronize_thread
from forum.keys import post_key, thread_key
from forum.models import Board, Post, Thread
from forum.permissions import check_moderate, check_see_board
from forum.validation import clean_title
from search.indexing import index_queryset_later


def _lock_thread(thread: Thread) -> Thread:
    return Thread.objects.select_for_update().select_related("board").get(pk=thread.pk)


def _tell_author(*, actor, thread: Thread, post: Post | None, text: str, reason: str):
    author_id = post.author_id if post is not None else thread.author_id
    notify_readers(
        board_id=thread.board_id,
        recipient_ids=[author_id],
        kind=NotificationKind.MODERATION,
        text=text + (f" Reason: {reason}" if reason else ""),
        url=post.get_absolute_url() if post is not None else thread.get_absolute_url(),
        actor=actor,
        target_key=post_key(post) if post is not None else thread_key(thread),
    )


def _follow_reputation(*, state: str, post_id: int | None, board: Board) -> None:
    """A post a moderator hides or deletes loses what it earned; restored, it gets it back;
    approved, it earns its creation points."""
    if post_id is None:
        return
    if state in {"hidden", "deleted"}:
        forum_reputation.post_removed(post_id=post_id)
    elif state == "visible":
        forum_reputation.post_restored(post_id=post_id)
    if state in {"visible", "approved"}:
        post = Post.objects.select_related("author").get(pk=post_id)
        if post.is_public:
            forum_reputation.post_written(post=post, board=board)


@transaction.atomic
def pin_thread(*, actor, thread: Thread, pinned: bool, globally: bool = False, reason: str = "") -> Thread:
    thread = _lock_thread(thread)
    check_moderate(actor, thread.board_id)
    field = "is_pinned_globally" if globally else "is_pinned"
    setattr(thread, field, pinned)
    Thread.objects.filter(pk=thread.pk).update(**{field: pinned})
    action = ("pin" if pinned else "unpin") + ("_globally" if globally else "")
    log_moderation(actor=actor, action=action, thread=thread, reason=reason)
    return thread


@transaction.atomic
def lock_thread(*, actor, thread: Thread, locked: bool, reason: str = "") -> Thread:
    thread = _lock_thread(thread)
    check_moderate(actor, thread.board_id)
    thread.is_locked = locked
    Thread.objects.filter(pk=thread.pk).update(is_locked=locked)
    log_moderation(actor=actor, action="lock" if locked else "unlock", thread=thread, reason=reason)
    if locked:
        _tell_author(
            actor=actor,
            thread=thread,
            post=None,
            text=f"Your thread “{thread.title}” was locked.",
            reason=reason,
        )
    return thread


def _visibility_updates(state: str, reason: str, *, approvable: bool) -> dict:
    """The fields a visibility change writes; hiding and removing need a reason the author will see."""
    if state in {"hidden", "deleted"} and not reason.strip():
        raise ValidationError("Give a reason: the author sees it.")
    updates = {
        "hidden": {"is_hidden": True, "hidden_reason": reason[:300]},
        "deleted": {"deleted_at": timezone.now(), "hidden_reason": reason[:300]},
        "visible": {"is_hidden": False, "deleted_at": None, "is_approved": True, "hidden_reason": ""},
    }
    if approvable:
        updates["approved"] = {"is_approved": True}
    if state not in updates:
        raise ValidationError("Unknown visibility.")
    return updates[state]


@transaction.atomic
def set_thread_visibility(*, actor, thread: Thread, state: str, reason: str = "") -> Thread:
    """state: "hidden", "deleted" (soft) or "visible" (restore, also approves)."""
    thread = _lock_thread(thread)
    check_moderate(actor, thread.board_id)
    updates = _visibility_updates(state, reason, approvable=False)
    forget_visibility()  # notification badges count only what people can still see
    Thread.objects.filter(pk=thread.pk).update(**updates)
    for name, value in updates.items():
        setattr(thread, name, value)
    if state == "visible":
        Post.objects.filter(thread=thread, number=1).update(is_approved=True)
    synchronize_board(thread.board)
    _follow_reputation(state=state, post_id=thread.first_post_id, board=thread.board)
    log_moderation(actor=actor, action=f"thread_{state}", thread=thread, reason=reason)
    verb = {"hidden": "hidden", "deleted": "removed", "visible": "restored"}[state]
    _tell_author(
        actor=actor, thread=thread, post=None, text=f"Your thread “{thread.title}” was {verb}.", reason=reason
    )
    reindex(thread)
    index_queryset_later(Post.objects.filter(thread=thread))
    return thread


@transaction.atomic
def set_post_visibility(*, actor, post: Post, state: str, reason: str = "") -> Post:
    """Hide, soft-delete, restore or approve one post. The opening post stands for its thread."""
    post = Post.objects.select_for_update().select_related("thread__board").get(pk=post.pk)
    thread = post.thread
    check_moderate(actor, thread.board_id)
    forget_visibility()  # notification badges count only what people can still see
    if post.number == 1 and state in {"hidden", "deleted", "visible"}:
        set_thread_visibility(actor=actor, thread=thread, state=state, reason=reason)
        return post
    updates = _visibility_updates(state, reason, approvable=True)
    was_public = post.is_public
    Post.objects.filter(pk=post.pk).update(**updates)
    for name, value in updates.items():
        setattr(post, name, value)
    if state == "approved" and post.number == 1:
        Thread.objects.filter(pk=thread.pk).update(is_approved=True)
        thread.is_approved = True
    synchronize_thread(thread)
    synchronize_board(thread.board)
    _follow_reputation(state=state, post_id=post.pk, board=thread.board)
    log_moderation(
        actor=actor, action=f"post_{state}", thread=thread, post=post, target_user=post.author, reason=reason
    )
    verb = {"hidden": "hidden", "deleted": "removed", "visible": "restored", "approved": "approved"}[state]
    _tell_author(
        actor=actor,
        thread=thread,
        post=post,
        text=f"Your post in “{thread.title}” was {verb}.",
        reason=reason,
    )
    if state == "approved" and not was_public and post.is_public:
        from forum.actions.notifying import notify_new_post

        notify_new_post(actor=post.author, thread=thread, post=post, reply_to=post.reply_to)
    reindex(post)
    return post


@transaction.atomic
def move_thread(*, actor, thread: Thread, board: Board, reason: str = "") -> Thread:
    thread = _lock_thread(thread)
    old_board = thread.board
    check_moderate(actor, old_board.pk)
    forget_visibility()  # notification badges count only what people can still see
    check_see_board(actor, board)
    check_moderate(actor, board.pk)
    if board.is_section:
        raise ValidationError("Threads live in boards, not sections.")
    if board.pk == old_board.pk:
        return thread
    Thread.objects.filter(pk=thread.pk).update(board=board)
    thread.board = board
    synchronize_board(old_board)
    synchronize_board(board)
    log_moderation(
        actor=actor,
        action="move",
        thread=thread,
        reason=reason,
        from_board=old_board.slug,
        to_board=board.slug,
    )
    reindex(thread)
    index_queryset_later(Post.objects.filter(thread=thread))
    return thread


@transaction.atomic
def merge_threads(*, actor, source: Thread, target: Thread, reason: str = "") -> Thread:
    """Move every post of ``source`` to the end of ``target`` (in time order); ``source`` is soft
    deleted and points at ``target`` so its old URL redirects."""
    if source.pk == target.pk:
        raise ValidationError("Pick another thread to merge into.")
    forget_visibility()  # notification badges count only what people can still see
    first, second = sorted([source.pk, target.pk])
    locked = {
        t.pk: t
        for t in Thread.objects.select_for_update().select_related("board").filter(pk__in=[first, second])
    }
    source, target = locked[source.pk], locked[target.pk]
    check_moderate(actor, source.board_id)
    check_moderate(actor, target.board_id)
    next_number = target.next_post_number
    for post in Post.objects.filter(thread=source).order_by("created_at", "number"):
        Post.objects.filter(pk=post.pk).update(thread=target, number=next_number)
        next_number += 1
    # Votes of the old opening post stay on that post (now a reply); the thread scores are recounted.
    Thread.objects.filter(pk=target.pk).update(next_post_number=next_number)
    Thread.objects.filter(pk=source.pk).update(
        deleted_at=timezone.now(), merged_into=target, hidden_reason="Merged"
    )
    from forum.models import Poll, ThreadWatch

    for user_id in ThreadWatch.objects.filter(thread=source).values_list("user_id", flat=True):
        ThreadWatch.objects.get_or_create(
            user_id=user_id, thread=target, defaults={"created_at": timezone.now()}
        )
    if not Poll.objects.filter(thread=target).exists():
        Poll.objects.filter(thread=source).update(thread=target)
    synchronize_thread(source)
    synchronize_thread(target)
    synchronize_board(source.board)
    if target.board_id != source.board_id:
        synchronize_board(target.board)
    log_moderation(actor=actor, action="merge", thread=target, reason=reason, merged_thread=source.pk)
    reindex(source, target)
    index_queryset_later(Post.objects.filter(thread=target))
    return target


@transaction.atomic
def split_posts(
    *, actor, thread: Thread, post_ids: list[int], title: str, board: Board | None = None, reason: str = ""
) -> Thread:
    """Move some replies of a thread into a new thread (the earliest becomes its opening post)."""
    thread = _lock_thread(thread)
    check_moderate(actor, thread.board_id)
    board = board or thread.board
    forget_visibility()  # notification badges count only what people can still see
    check_moderate(actor, board.pk)
    if board.is_section:
        raise ValidationError("Threads live in boards, not sections.")
    title = clean_title(title)
    posts = list(Post.objects.filter(thread=thread, pk__in=post_ids).exclude(number=1).order_by("number"))
    if not posts or len(posts) != len(set(post_ids)):
        raise ValidationError("Pick replies of this thread (not its opening post) to split off.")
    opening = posts[0]
    new = Thread.objects.create(
        board=board,
        title=title,
        author_id=opening.author_id,
        created_at=opening.created_at,
        last_post_at=posts[-1].created_at,
    )
    for number, post in enumerate(posts, start=1):
        Post.objects.filter(pk=post.pk).update(
            thread=new, number=number, reply_to=None if number == 1 else post.reply_to_id
        )
    synchronize_thread(new)
    synchronize_thread(thread)
    synchronize_board(board)
    if board.pk != thread.board_id:
        synchronize_board(thread.board)
    log_moderation(
        actor=actor,
        action="split",
        thread=new,
        reason=reason,
        from_thread=thread.pk,
        posts=[p.pk for p in posts],
    )
    reindex(new, thread)
    index_queryset_later(Post.objects.filter(thread=new))
    return new
