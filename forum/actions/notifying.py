"""Who hears about a new post: mentioned people, the people replied to or quoted, watchers."""

from community.models import User
from community.notifications.models import NotificationKind
from forum.actions.common import notify_readers
from forum.keys import post_key
from forum.markdown import mentioned_usernames
from forum.models import BoardWatch, Post, Thread, ThreadWatch

MAX_MENTIONS = 20


def notify_new_post(
    *, actor, thread: Thread, post: Post, reply_to: Post | None = None, quote_of: Post | None = None
):
    if not post.is_public or not thread.is_public:
        return
    # Texts follow the actor's name, which is read when each notification is shown (their current one).
    recipients: dict[int, tuple[str, str]] = {}

    def offer(user_id, kind, text):
        if user_id is None or user_id == actor.pk or user_id in recipients:
            return
        recipients[user_id] = (kind, text)

    usernames = sorted(mentioned_usernames(post.body))[:MAX_MENTIONS]
    if usernames:
        for user_id in User.objects.filter(username__in=usernames).values_list("pk", flat=True):
            offer(user_id, NotificationKind.MENTION, f"mentioned you in “{thread.title}”")
    if reply_to is not None:
        offer(reply_to.author_id, NotificationKind.REPLY, f"replied to your post in “{thread.title}”")
    if post.number > 1:
        offer(thread.author_id, NotificationKind.REPLY, f"replied to your thread “{thread.title}”")
    if quote_of is not None:
        offer(quote_of.author_id, NotificationKind.QUOTE, f"quoted you in “{thread.title}”")
    watcher_text = (
        f"posted in “{thread.title}”"
        if post.number > 1
        else f"started “{thread.title}” in {thread.board.name}"
    )
    for user_id in ThreadWatch.objects.filter(thread=thread).values_list("user_id", flat=True):
        offer(user_id, NotificationKind.WATCHED, watcher_text)
    for user_id in BoardWatch.objects.filter(board_id=thread.board_id).values_list("user_id", flat=True):
        offer(user_id, NotificationKind.WATCHED, watcher_text)

    by_kind: dict[tuple[str, str], list[int]] = {}
    for user_id, key in recipients.items():
        by_kind.setdefault(key, []).append(user_id)
    url = post.get_absolute_url()
    for (kind, text), user_ids in by_kind.items():
        notify_readers(
            board_id=thread.board_id,
            recipient_ids=user_ids,
            kind=kind,
            text=text,
            url=url,
            actor=actor,
            target_key=post_key(post),
            text_follows_actor=True,
        )
