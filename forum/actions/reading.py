"""Reading state: watermarks, watching, bookmarks, server-side drafts."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.db.models.functions import Greatest
from django.utils import timezone

from forum import conf
from forum.models import Board, BoardWatch, Bookmark, Draft, Post, ReadMark, Thread, ThreadWatch
from forum.permissions import check_see_board, check_see_post, check_see_thread


def mark_read(*, user, thread: Thread, up_to_number: int, known: int | None = None) -> None:
    """Move the person's watermark forward (never back) to ``up_to_number``. ``known`` is the
    watermark the caller read in this request: when it is already there, nothing is written."""
    if not user.is_authenticated or (known is not None and known >= up_to_number):
        return
    now = timezone.now()
    updated = ReadMark.objects.filter(user=user, thread=thread).update(
        last_read_number=Greatest(F("last_read_number"), up_to_number), updated_at=now
    )
    if not updated:
        ReadMark.objects.get_or_create(
            user=user, thread=thread, defaults={"last_read_number": up_to_number, "updated_at": now}
        )


def _require_member(user):
    if not user.is_authenticated:
        raise PermissionDenied("Sign in first.")


@transaction.atomic
def set_thread_watch(*, user, thread: Thread, watching: bool) -> bool:
    _require_member(user)
    check_see_thread(user, thread)
    if watching:
        ThreadWatch.objects.get_or_create(user=user, thread=thread, defaults={"created_at": timezone.now()})
    else:
        ThreadWatch.objects.filter(user=user, thread=thread).delete()
    return watching


@transaction.atomic
def set_board_watch(*, user, board: Board, watching: bool) -> bool:
    _require_member(user)
    check_see_board(user, board)
    if watching:
        BoardWatch.objects.get_or_create(user=user, board=board, defaults={"created_at": timezone.now()})
    else:
        BoardWatch.objects.filter(user=user, board=board).delete()
    return watching


@transaction.atomic
def toggle_bookmark(*, user, post: Post) -> bool:
    _require_member(user)
    check_see_post(user, post)
    deleted, _ = Bookmark.objects.filter(user=user, post=post).delete()
    if deleted:
        return False
    Bookmark.objects.create(user=user, post=post, created_at=timezone.now())
    return True


@transaction.atomic
def save_draft(*, user, key: str, title: str = "", body: str = "") -> Draft | None:
    """Keep a half-written post on the server; an empty draft removes the saved one."""
    _require_member(user)
    kind, _, pk = key.partition(":")
    if kind not in {"board", "thread"} or not pk.isdigit():
        raise ValidationError("Unknown draft place.")
    target = (Board if kind == "board" else Thread).objects.filter(pk=int(pk)).first()
    if target is None:
        raise ValidationError("Unknown draft place.")
    (check_see_board if kind == "board" else check_see_thread)(user, target)
    if len(body) > conf.post_max_length() or len(title) > 200:
        raise ValidationError("The draft is too long to keep.")
    if not title.strip() and not body.strip():
        Draft.objects.filter(user=user, key=key).delete()
        return None
    draft, _ = Draft.objects.update_or_create(
        user=user, key=key, defaults={"title": title, "body": body, "updated_at": timezone.now()}
    )
    return draft
