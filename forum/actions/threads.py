from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from community.events import Event, announce
from forum import conf
from forum.actions.common import reindex
from forum.actions.notifying import notify_new_post
from forum.images import first_image_url
from forum.keys import draft_key
from forum.limits import check_content, check_start_poll, hit, is_limited
from forum.markdown import RENDERER_VERSION, render_markdown
from forum.models import Board, Draft, Poll, PollChoice, Post, ReadMark, Thread, ThreadWatch
from forum.permissions import access_for, check_start_thread
from forum.ranking import hot_rank
from forum.reputation import post_written
from forum.validation import clean_body, clean_poll, clean_tags, clean_title


def needs_approval(user, board_id: int) -> bool:
    return (
        conf.approve_new_accounts()
        and is_limited(user, "skip_approval")
        and not access_for(user).can_moderate(board_id)
    )


@transaction.atomic
def start_thread(
    *,
    actor,
    board: Board,
    title: str,
    body: str,
    poll_question: str = "",
    poll_choices: list[str] | None = None,
    poll_allows_multiple: bool = False,
    poll_closes_at: datetime | None = None,
    tags: list[str] | str = (),
) -> Thread:
    board = Board.objects.select_for_update().get(pk=board.pk)
    check_start_thread(actor, board)
    title, body, tags = clean_title(title), clean_body(body), clean_tags(tags)
    has_poll = bool(poll_question or any(c.strip() for c in poll_choices or []))
    if has_poll:
        check_start_poll(actor)
        poll_question, poll_choices = clean_poll(poll_question, poll_choices or [])
        if poll_closes_at is not None and poll_closes_at <= timezone.now():
            raise ValidationError("The poll's closing date must be in the future.")
    body_html = render_markdown(body, product_id=board.product_id)
    check_content(actor, body=body, body_html=body_html)
    hit(actor, "thread")
    hit(actor, "post")
    approved = not needs_approval(actor, board.pk)
    now = timezone.now()
    thread = Thread.objects.create(
        board=board,
        title=title,
        author=actor,
        created_at=now,
        last_post_at=now,
        last_post_number=1,
        next_post_number=2,
        is_approved=approved,
        hot_rank=hot_rank(score=0, reply_count=0, created_at=now),
        first_image_url=first_image_url(body_html),
    )
    post = Post.objects.create(
        thread=thread,
        number=1,
        author=actor,
        body=body,
        body_html=body_html,
        renderer_version=RENDERER_VERSION,
        created_at=now,
        is_approved=approved,
    )
    thread.first_post = thread.last_post = post
    Thread.objects.filter(pk=thread.pk).update(first_post=post, last_post=post)
    if has_poll:
        poll = Poll.objects.create(
            thread=thread,
            question=poll_question,
            allows_multiple=poll_allows_multiple,
            closes_at=poll_closes_at,
        )
        PollChoice.objects.bulk_create(
            [PollChoice(poll=poll, text=text, position=i) for i, text in enumerate(poll_choices)]
        )
    if tags:
        thread.tags.set(tags)
    if approved:
        Board.objects.filter(pk=board.pk).update(
            thread_count=F("thread_count") + 1,
            post_count=F("post_count") + 1,
            last_thread=thread,
            last_post_at=now,
        )
    ThreadWatch.objects.get_or_create(user=actor, thread=thread, defaults={"created_at": now})
    ReadMark.objects.update_or_create(
        user=actor, thread=thread, defaults={"last_read_number": 1, "updated_at": now}
    )
    Draft.objects.filter(user=actor, key=draft_key(board=board)).delete()
    thread.board = board
    notify_new_post(actor=actor, thread=thread, post=post)
    post_written(post=post, board=board)
    reindex(thread, post)
    announce(Event.THREAD_STARTED, thread_id=thread.pk)
    return thread
