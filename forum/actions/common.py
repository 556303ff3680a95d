"""Helpers the actions share: audit log, notifying the readers of a board, search updates."""

from django.utils import timezone

from community.notifications.actions import notify
from forum.models import ModerationLog
from forum.permissions import readers_among
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


def notify_readers(
    *,
    board_id: int,
    recipient_ids,
    kind: str,
    text: str,
    url: str,
    actor,
    target_key: str,
    text_follows_actor: bool = False,
):
    readers = readers_among(board_id, recipient_ids)
    if readers:
        notify(
            recipient_ids=readers,
            kind=kind,
            text=text,
            url=url,
            actor=actor,
            target_key=target_key,
            text_follows_actor=text_follows_actor,
        )


def reindex(*instances) -> None:
    for instance in instances:
        if instance is not None:
            index_later(instance)
