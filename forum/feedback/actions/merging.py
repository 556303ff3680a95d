"""Merging a duplicate: its votes, followers and reporter move to the survivor, each person once."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from community.events import Event, announce
from forum.actions.synchronize import synchronize_board, synchronize_thread
from forum.feedback.actions.common import interested_user_ids, notify_about_item, reindex_item
from forum.feedback.actions.status import apply_status
from forum.feedback.models import FeedbackItem, Status
from forum.feedback.permissions import check_team
from forum.feedback.validation import clean_text
from forum.models import Post, Thread, ThreadWatch, Vote
from forum.permissions import check_see_thread


@transaction.atomic
def merge_duplicate(
    *, actor, duplicate: FeedbackItem, survivor: FeedbackItem, comment: str = ""
) -> FeedbackItem:
    check_team(actor)
    if duplicate.pk == survivor.pk:
        raise ValidationError("An item cannot duplicate itself.")
    locked = {
        item.pk: item
        for item in FeedbackItem.objects.select_for_update(of=("self",))
        .select_related("thread__board", "status")
        .filter(pk__in=sorted([duplicate.pk, survivor.pk]))
        .order_by("pk")
    }
    duplicate, survivor = locked[duplicate.pk], locked[survivor.pk]
    check_see_thread(actor, duplicate.thread)
    check_see_thread(actor, survivor.thread)
    if duplicate.product_id != survivor.product_id:
        raise ValidationError("Only items about the same product can be merged.")
    if survivor.duplicate_of_id is not None:
        raise ValidationError("That item is itself a duplicate; merge into the item it points to.")
    if duplicate.duplicate_of_id is not None:
        raise ValidationError("This item was already merged.")
    comment = clean_text(comment, "The comment", max_length=2000) or f"Duplicate of #{survivor.thread_id}."
    now = timezone.now()
    dup_thread, keep_thread = duplicate.thread, survivor.thread
    Thread.objects.select_for_update().filter(pk__in=sorted([dup_thread.pk, keep_thread.pk])).exists()
    told = interested_user_ids(dup_thread)

    # Votes: the duplicate's voters and its reporter become "me too" votes on the survivor,
    # except for people who already voted there and the survivor's own reporter.
    dup_votes = dict(
        Vote.objects.filter(post_id=dup_thread.first_post_id).values_list("user_id", "created_at")
    )
    if dup_thread.author_id is not None:
        dup_votes.setdefault(dup_thread.author_id, duplicate.created_at)
    already = set(Vote.objects.filter(post_id=keep_thread.first_post_id).values_list("user_id", flat=True))
    moving = {
        user_id: at
        for user_id, at in dup_votes.items()
        if user_id not in already and user_id != keep_thread.author_id
    }
    Vote.objects.bulk_create(
        [
            Vote(user_id=user_id, post_id=keep_thread.first_post_id, created_at=at)
            for user_id, at in moving.items()
        ],
        ignore_conflicts=True,
    )
    Vote.objects.filter(post_id=dup_thread.first_post_id).delete()
    ThreadWatch.objects.bulk_create(
        [ThreadWatch(user_id=user_id, thread=keep_thread, created_at=now) for user_id in told],
        ignore_conflicts=True,
    )

    duplicate_status = Status.objects.get(key=Status.DUPLICATE)
    apply_status(item=duplicate, status=duplicate_status, actor=actor, comment=comment, now=now)
    FeedbackItem.objects.filter(pk=duplicate.pk).update(duplicate_of=survivor)
    duplicate.duplicate_of = survivor
    # The old thread redirects to the survivor (the forum's merged-thread convention) and is locked.
    Thread.objects.filter(pk=dup_thread.pk).update(
        merged_into=keep_thread, is_locked=True, deleted_at=now, hidden_reason="Merged as a duplicate"
    )
    Post.objects.filter(pk=dup_thread.first_post_id).update(score=0)
    synchronize_thread(keep_thread)
    synchronize_thread(dup_thread)
    synchronize_board(dup_thread.board)
    keep_thread.refresh_from_db()
    survivor.thread = keep_thread
    notify_about_item(
        item=survivor,
        recipient_ids=told,
        text=f"“{dup_thread.title}” was merged into “{keep_thread.title}”: the discussion continues there",
        actor=actor,
    )
    reindex_item(duplicate)
    reindex_item(survivor)
    announce(Event.FEEDBACK_MERGED, duplicate_id=duplicate.pk, survivor_id=survivor.pk)
    return survivor
