from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from community.events import Event, announce
from community.notifications.badge import forget_visibility
from community.notifications.models import NotificationKind
from forum.actions.common import log_moderation, notify_readers, reindex
from forum.actions.notifying import notify_new_post
from forum.actions.synchronize import synchronize_board, synchronize_thread
from forum.actions.threads import needs_approval
from forum.images import first_image_url
from forum.keys import draft_key, post_key
from forum.limits import check_content, hit
from forum.markdown import RENDERER_VERSION, render_markdown
from forum.models import Board, Draft, Post, PostRevision, ReadMark, Thread, ThreadWatch
from forum.permissions import access_for, can_see_post, check_edit_post, check_reply
from forum.ranking import hot_rank
from forum.reputation import post_written
from forum.validation import clean_body, clean_tags, clean_title
from search.indexing import index_queryset_later


@transaction.atomic
def reply(
    *, actor, thread: Thread, body: str, reply_to: Post | None = None, quote_of: Post | None = None
) -> Post:
    """Add a post to a thread; ``reply_to`` links it to a post, ``quote_of`` tells a quoted author."""
    thread = Thread.objects.select_for_update().select_related("board").get(pk=thread.pk)
    check_reply(actor, thread)
    body = clean_body(body)
    for other in (reply_to, quote_of):
        if other is not None and (other.thread_id != thread.pk or not can_see_post(actor, other)):
            raise ValidationError("You can only reply to or quote a post of this thread.")
    body_html = render_markdown(body, product_id=thread.board.product_id)
    check_content(actor, body=body, body_html=body_html)
    hit(actor, "post")
    approved = not needs_approval(actor, thread.board_id)
    now = timezone.now()
    post = Post.objects.create(
        thread=thread,
        number=thread.next_post_number,
        author=actor,
        body=body,
        body_html=body_html,
        renderer_version=RENDERER_VERSION,
        reply_to=reply_to,
        created_at=now,
        is_approved=approved,
    )
    if approved:
        Thread.objects.filter(pk=thread.pk).update(
            next_post_number=F("next_post_number") + 1,
            reply_count=F("reply_count") + 1,
            last_post=post,
            last_post_at=now,
            last_post_number=post.number,
            hot_rank=hot_rank(
                score=thread.score, reply_count=thread.reply_count + 1, created_at=thread.created_at
            ),
        )
        if thread.is_public:
            Board.objects.filter(pk=thread.board_id).update(
                post_count=F("post_count") + 1, last_thread=thread, last_post_at=now
            )
    else:
        Thread.objects.filter(pk=thread.pk).update(next_post_number=F("next_post_number") + 1)
    ThreadWatch.objects.get_or_create(user=actor, thread=thread, defaults={"created_at": now})
    ReadMark.objects.update_or_create(
        user=actor, thread=thread, defaults={"last_read_number": post.number, "updated_at": now}
    )
    Draft.objects.filter(user=actor, key=draft_key(thread=thread)).delete()
    notify_new_post(actor=actor, thread=thread, post=post, reply_to=reply_to, quote_of=quote_of)
    post_written(post=post, board=thread.board)
    reindex(post, thread)
    announce(Event.POST_CREATED, post_id=post.pk)
    return post


@transaction.atomic
def edit_post(
    *,
    actor,
    post: Post,
    body: str,
    title: str | None = None,
    reason: str = "",
    tags: list[str] | str | None = None,
) -> Post:
    """Change a post's text (and the thread title, for an opening post), keeping the old text as a revision."""
    post = Post.objects.select_for_update().select_related("thread__board").get(pk=post.pk)
    check_edit_post(actor, post)
    body = clean_body(body)
    thread = post.thread
    new_title = clean_title(title) if title is not None and post.number == 1 else thread.title
    new_tags = clean_tags(tags) if tags is not None and post.number == 1 else None
    if new_tags is not None and set(new_tags) != set(thread.tags.values_list("name", flat=True)):
        thread.tags.set(new_tags)
    if body == post.body and new_title == thread.title:
        if new_tags is not None:
            reindex(thread)
        return post
    body_html = render_markdown(body, product_id=thread.board.product_id)
    if actor.pk == post.author_id:
        check_content(actor, body=body + "\n(edit)", body_html=body_html)
    now = timezone.now()
    PostRevision.objects.create(
        post=post,
        body=post.body,
        title=thread.title if post.number == 1 else "",
        editor=actor,
        reason=reason[:300],
        created_at=now,
    )
    Post.objects.filter(pk=post.pk).update(
        body=body,
        body_html=body_html,
        renderer_version=RENDERER_VERSION,
        edited_at=now,
        edit_count=F("edit_count") + 1,
    )
    post.body, post.body_html, post.edited_at = body, body_html, now
    if new_title != thread.title:
        Thread.objects.filter(pk=thread.pk).update(title=new_title)
        thread.title = new_title
    if post.number == 1:
        image_url = first_image_url(body_html)
        if image_url != thread.first_image_url:
            Thread.objects.filter(pk=thread.pk).update(first_image_url=image_url)
            thread.first_image_url = image_url
    if actor.pk != post.author_id:
        log_moderation(
            actor=actor, action="edit_post", thread=thread, post=post, target_user=post.author, reason=reason
        )
        notify_readers(
            board_id=thread.board_id,
            recipient_ids=[post.author_id],
            kind=NotificationKind.MODERATION,
            text=f"A moderator edited your post in “{thread.title}”" + (f": {reason}" if reason else ""),
            url=post.get_absolute_url(),
            actor=actor,
            target_key=post_key(post),
        )
    reindex(post, thread if post.number == 1 else None)
    return post


@transaction.atomic
def delete_own_post(*, actor, post: Post) -> Post:
    """An author withdraws a reply (soft delete: the row and its revisions stay)."""
    post = Post.objects.select_for_update().select_related("thread__board").get(pk=post.pk)
    check_edit_post(actor, post)
    if post.author_id != actor.pk and not access_for(actor).can_moderate(post.thread.board_id):
        raise PermissionDenied("You can only delete your own posts.")
    if post.number == 1:
        raise ValidationError(
            "The opening post cannot be deleted on its own; ask a moderator to remove the thread."
        )
    if post.deleted_at is None:
        post.deleted_at = timezone.now()
        Post.objects.filter(pk=post.pk).update(deleted_at=post.deleted_at)
        forget_visibility()
        synchronize_thread(post.thread)
        synchronize_board(post.thread.board)
        reindex(post)
    return post


@transaction.atomic
def remove_posts_of(*, user) -> int:
    """A person closing their account asked for their content to go: soft-delete every post and
    thread they started (rows stay, as everywhere), then recount what changed. Returns the count."""
    now = timezone.now()
    reason = "Removed at the author's request"
    thread_ids = set(Thread.objects.filter(author=user, deleted_at__isnull=True).values_list("pk", flat=True))
    posts = Post.objects.filter(author=user, deleted_at__isnull=True)
    thread_ids |= set(posts.values_list("thread_id", flat=True))
    count = posts.update(deleted_at=now, hidden_reason=reason)
    forget_visibility()
    Thread.objects.filter(author=user, deleted_at__isnull=True).update(deleted_at=now, hidden_reason=reason)
    threads = list(Thread.objects.filter(pk__in=thread_ids).select_related("board").order_by("pk"))
    for thread in threads:
        synchronize_thread(thread)
    for board in {thread.board_id: thread.board for thread in threads}.values():
        synchronize_board(board)
    for thread in threads:
        reindex(thread)
    index_queryset_later(Post.objects.filter(author=user))
    return count


def reindex_posts_of(*, user) -> int:
    """Build the search documents of everything ``user`` (a person or their id) wrote again after the
    commit (their name, avatar, level or team mark changed, or their account closed with the posts
    kept): threads (and with them their feedback items) and replies. Returns how many rows were
    queued."""
    return index_queryset_later(Thread.objects.filter(author=user)) + index_queryset_later(
        Post.objects.filter(author=user, number__gt=1)
    )
