"""Helpers the feedback actions share: who cares about an item, and telling them."""

from community.notifications.models import NotificationKind
from forum.actions.common import notify_readers
from forum.keys import thread_key
from forum.models import ThreadWatch, Vote
from search.indexing import index_later

# status changes, merges, fixes and release news: people choose how they hear about them
FEEDBACK_KIND = NotificationKind.FEEDBACK


def interested_user_ids(thread) -> set[int]:
    """The reporter, everyone who voted "me too" and everyone following the thread."""
    ids = set(Vote.objects.filter(post_id=thread.first_post_id).values_list("user_id", flat=True))
    ids |= set(ThreadWatch.objects.filter(thread=thread).values_list("user_id", flat=True))
    if thread.author_id:
        ids.add(thread.author_id)
    return ids


def notify_about_item(*, item, recipient_ids, text: str, actor, url: str = "") -> None:
    notify_readers(
        board_id=item.thread.board_id,
        recipient_ids=recipient_ids,
        kind=FEEDBACK_KIND,
        text=text,
        url=url or item.get_absolute_url(),
        actor=actor,
        target_key=thread_key(item.thread_id),
    )


def reindex_item(item) -> None:
    index_later(item)
    index_later(item.thread)
