"""Helpers the actions share: audit log, who may read a board, notifications, search updates."""

from django.db.models import Q
from django.utils import timezone

from community.models import User
from community.notifications.actions import notify
from forum import conf
from forum.models import Board, ModerationLog, Post, Thread
from search.indexing import index_later


def log_moderation(
    *, actor, action: str, board=None, thread=None, post=None, target_user=None, reason="", **details
):
    return ModerationLog.objects.create(
        actor=actor,
        action=action,
        board=board or (thread.board if thread is not None else None),
        thread=thread,
        post=post,
        target_user=target_user,
        reason=reason[:500],
        details=details,
        created_at=timezone.now(),
    )


def readers_among(board_id: int, user_ids) -> set[int]:
    """The people among ``user_ids`` who can read the board (and every board above it)."""
    ids = {pk for pk in user_ids if pk is not None}
    if not ids:
        return set()
    boards = {
        row["id"]: row for row in Board.objects.values("id", "parent_id", "read_access", "access_group_id")
    }
    chain, current = [], boards.get(board_id)
    while current is not None and len(chain) < 20:
        chain.append(current)
        current = boards.get(current["parent_id"])
    users = User.objects.filter(pk__in=ids, is_active=True)
    moderator_group = conf.moderator_group()
    global_mods = set(
        users.filter(Q(is_superuser=True) | Q(groups__name=moderator_group)).values_list("pk", flat=True)
    )
    allowed = set(users.values_list("pk", flat=True))
    for board in chain:
        level = board["read_access"]
        if level in (Board.Access.EVERYONE, Board.Access.MEMBERS):
            continue
        board_mods = set(
            Board.moderators.through.objects.filter(board_id=board["id"], user_id__in=ids).values_list(
                "user_id", flat=True
            )
        )
        passing = global_mods | board_mods
        if level == Board.Access.GROUP and board["access_group_id"]:
            passing |= set(users.filter(groups__id=board["access_group_id"]).values_list("pk", flat=True))
        allowed &= passing
    return allowed


def notify_readers(*, board_id: int, recipient_ids, kind: str, text: str, url: str, actor, target_key: str):
    readers = readers_among(board_id, recipient_ids)
    if readers:
        notify(recipient_ids=readers, kind=kind, text=text, url=url, actor=actor, target_key=target_key)


def post_key(post: Post) -> str:
    return f"forum.post:{post.pk}"


def thread_key(thread: Thread) -> str:
    return f"forum.thread:{thread.pk}"


def reindex(*instances) -> None:
    for instance in instances:
        if instance is not None:
            index_later(instance)
