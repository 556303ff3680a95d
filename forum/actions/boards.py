from django.db import transaction

from forum.actions.common import log_moderation
from forum.models import Board, Post, Thread
from forum.permissions import forget_access
from search.indexing import index_queryset_later

ACCESS_FIELDS = ("read_access", "start_access", "reply_access", "access_group")


@transaction.atomic
def set_board_access(*, actor, board: Board, **changes) -> Board:
    """Change who may read, start or reply in a board (and its access group). Re-indexes the board's
    threads and posts so search follows the new visibility. Only global moderators do this."""
    from django.core.exceptions import PermissionDenied

    from forum.permissions import access_for

    if not access_for(actor).is_global_moderator:
        raise PermissionDenied("Only forum administrators can change board access.")
    unknown = set(changes) - set(ACCESS_FIELDS)
    if unknown:
        raise ValueError(f"Not access fields: {sorted(unknown)}")
    board = Board.objects.select_for_update().get(pk=board.pk)
    for name, value in changes.items():
        setattr(board, name, value)
    board.full_clean()
    board.save(update_fields=[("access_group" if n == "access_group" else n) for n in changes])
    log_moderation(actor=actor, action="board_access", board=board, **{k: str(v) for k, v in changes.items()})
    forget_access(actor)
    reindex_board_tree(board=board)
    return board


def reindex_board_tree(*, board: Board) -> None:
    """Search follows visibility, and a board's access is inherited by the boards below it: re-index the
    threads and posts of the board and of every board under it (after commit, by id)."""
    children: dict[int | None, list[int]] = {}
    for pk, parent_id in Board.objects.values_list("id", "parent_id"):
        children.setdefault(parent_id, []).append(pk)
    tree, pending = [], [board.pk]
    while pending:
        pk = pending.pop()
        if pk not in tree:
            tree.append(pk)
            pending.extend(children.get(pk, []))
    index_queryset_later(Thread.objects.filter(board_id__in=tree))
    index_queryset_later(Post.objects.filter(thread__board_id__in=tree))
