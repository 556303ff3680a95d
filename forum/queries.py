"""Read paths the pages share. Each runs a fixed number of SQL queries whatever the data size."""

import base64
import json
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.db.models import Q
from django.utils import timezone

from forum import conf
from forum.models import (
    Board,
    BoardWatch,
    Bookmark,
    Poll,
    PollVote,
    Post,
    ReadMark,
    Thread,
    ThreadWatch,
    Vote,
)
from forum.permissions import access_for, can_see_revisions, filter_posts, filter_threads

SORTS = {
    "active": ("last_post_at", "Latest activity"),
    "hot": ("hot_rank", "Hot"),
    "new": ("created_at", "New"),
    "top": ("score", "Top"),
    "unanswered": ("created_at", "Unanswered"),
}
PERIODS = {"day": timedelta(days=1), "week": timedelta(days=7), "month": timedelta(days=30), "all": None}


@dataclass
class BoardNode:
    board: Board
    children: list["BoardNode"] = field(default_factory=list)


def board_tree(user) -> list[BoardNode]:
    """Every board the person can read, as a tree ordered by hand (position, then id)."""
    access = access_for(user)
    boards = list(
        Board.objects.filter(pk__in=access.readable)
        .select_related("last_thread", "product")
        .order_by("position", "id")
    )
    nodes = {board.pk: BoardNode(board) for board in boards}
    roots: list[BoardNode] = []
    for board in boards:
        parent = nodes.get(board.parent_id)
        (parent.children if parent else roots).append(nodes[board.pk])
    return roots


# --- board listing with keyset pagination ---------------------------------------------------------


def encode_cursor(value, pk: int) -> str:
    if isinstance(value, datetime):
        value = {"t": value.isoformat()}
    raw = json.dumps([value, pk], separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str, sort: str):
    """Returns (value, pk) or None for a missing or malformed cursor (then the first page shows)."""
    if not cursor or len(cursor) > 200:
        return None
    try:
        value, pk = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
        if isinstance(value, dict):
            value = datetime.fromisoformat(value["t"])
        if not isinstance(pk, int) or isinstance(pk, bool):
            return None
        expected = (int, float) if sort in {"hot", "top"} else datetime
        if not isinstance(value, expected) or isinstance(value, bool):
            return None
        return value, pk
    except (ValueError, TypeError, KeyError, json.JSONDecodeError, UnicodeDecodeError):
        return None


@dataclass
class BoardListing:
    board: Board
    pinned: list[Thread]
    threads: list[Thread]
    children: list[Board]
    sort: str
    period: str
    next_cursor: str | None
    is_first_page: bool
    is_watching: bool = False
    tag: str = ""


def _annotate_unread(user, threads: list[Thread]) -> None:
    marks = {}
    if user.is_authenticated and threads:
        marks = dict(
            ReadMark.objects.filter(user=user, thread_id__in=[t.pk for t in threads]).values_list(
                "thread_id", "last_read_number"
            )
        )
    for thread in threads:
        read = marks.get(thread.pk)
        thread.last_read_number = read
        thread.is_unread = user.is_authenticated and (read is None or read < thread.last_post_number)


def board_listing(
    user, board: Board, *, sort: str = "active", period: str = "all", cursor: str = "", tag: str = ""
) -> BoardListing:
    sort = sort if sort in SORTS else "active"
    period = period if period in PERIODS else "all"
    field_name = SORTS[sort][0]
    access = access_for(user)
    base = filter_threads(user, Thread.objects.all()).select_related("author", "last_post__author", "board")
    regular = base.filter(board=board, is_pinned=False, is_pinned_globally=False)
    if tag:
        regular = regular.filter(tags__slug=tag)
    if sort == "unanswered":
        regular = regular.filter(reply_count=0)
    if sort == "top" and PERIODS[period] is not None:
        regular = regular.filter(created_at__gte=timezone.now() - PERIODS[period])
    position = decode_cursor(cursor, sort)
    if position is not None:
        value, pk = position
        regular = regular.filter(Q(**{f"{field_name}__lt": value}) | Q(**{field_name: value, "pk__lt": pk}))
    size = conf.get("FORUM_THREADS_PER_PAGE")
    rows = list(regular.prefetch_related("tags").order_by(f"-{field_name}", "-pk")[: size + 1])
    next_cursor = (
        encode_cursor(getattr(rows[size - 1], field_name), rows[size - 1].pk) if len(rows) > size else None
    )
    threads = rows[:size]
    pinned = []
    if position is None:
        pinned = list(
            base.filter(Q(board=board, is_pinned=True) | Q(is_pinned_globally=True))
            .prefetch_related("tags")
            .order_by("-is_pinned_globally", "-last_post_at", "-pk")[:20]
        )
    _annotate_unread(user, pinned + threads)
    children = list(
        Board.objects.filter(parent=board, pk__in=access.readable)
        .select_related("last_thread")
        .order_by("position", "id")
    )
    watching = user.is_authenticated and BoardWatch.objects.filter(user=user, board=board).exists()
    return BoardListing(
        board, pinned, threads, children, sort, period, next_cursor, position is None, watching, tag
    )


# --- the thread page --------------------------------------------------------------------------------


@dataclass
class ThreadPage:
    thread: Thread
    posts: list[Post]
    page: int
    page_count: int
    total: int
    first_unread_number: int | None
    is_watching: bool
    can_moderate: bool
    can_reply: bool
    poll: Poll | None = None
    poll_choices: list = field(default_factory=list)
    poll_voted_ids: set[int] = field(default_factory=set)


def page_count_for(total: int) -> int:
    size = conf.get("FORUM_POSTS_PER_PAGE")
    return max((total + size - 1) // size, 1)


def thread_page(user, thread: Thread, *, page: int = 1) -> ThreadPage:
    access = access_for(user)
    size = conf.get("FORUM_POSTS_PER_PAGE")
    visible = filter_posts(user, Post.objects.filter(thread=thread))
    total = visible.count()
    pages = page_count_for(total)
    page = min(max(page, 1), pages)
    posts = list(
        visible.select_related("author", "reply_to__author").order_by("number")[
            (page - 1) * size : page * size
        ]
    )
    ids = [post.pk for post in posts]
    voted: set[int] = set()
    bookmarked: set[int] = set()
    read_number = None
    watching = False
    if user.is_authenticated:
        voted = set(Vote.objects.filter(user=user, post_id__in=ids).values_list("post_id", flat=True))
        bookmarked = set(
            Bookmark.objects.filter(user=user, post_id__in=ids).values_list("post_id", flat=True)
        )
        read_number = (
            ReadMark.objects.filter(user=user, thread=thread)
            .values_list("last_read_number", flat=True)
            .first()
        )
        watching = ThreadWatch.objects.filter(user=user, thread=thread).exists()
    first_unread = None
    for post in posts:
        post.has_voted = post.pk in voted
        post.is_bookmarked = post.pk in bookmarked
        post.is_unread = user.is_authenticated and read_number is not None and post.number > read_number
        post.is_own = user.is_authenticated and post.author_id == user.pk
        post.can_see_revisions = post.edit_count > 0 and can_see_revisions(user, post)
        if post.is_unread and first_unread is None:
            first_unread = post.number
    can_moderate = access.can_moderate(thread.board_id)
    result = ThreadPage(
        thread=thread,
        posts=posts,
        page=page,
        page_count=pages,
        total=total,
        first_unread_number=first_unread,
        is_watching=watching,
        can_moderate=can_moderate,
        can_reply=access.can_reply(thread.board_id) and (not thread.is_locked or can_moderate),
    )
    poll = Poll.objects.filter(thread=thread).prefetch_related("choices").first()
    if poll is not None:
        result.poll = poll
        result.poll_choices = sorted(poll.choices.all(), key=lambda c: (c.position, c.pk))
        if user.is_authenticated:
            result.poll_voted_ids = set(
                PollVote.objects.filter(poll=poll, user=user).values_list("choice_id", flat=True)
            )
    return result


def page_of_post(user, post: Post) -> int:
    before = filter_posts(user, Post.objects.filter(thread_id=post.thread_id, number__lt=post.number)).count()
    return before // conf.get("FORUM_POSTS_PER_PAGE") + 1


def first_unread_post(user, thread: Thread) -> Post | None:
    read = 0
    if user.is_authenticated:
        read = (
            ReadMark.objects.filter(user=user, thread=thread)
            .values_list("last_read_number", flat=True)
            .first()
            or 0
        )
    visible = filter_posts(user, Post.objects.filter(thread=thread))
    return visible.filter(number__gt=read).order_by("number").first() or visible.order_by("-number").first()


# --- cross-app hooks ----------------------------------------------------------------------------------


def visible_notification_keys(user, keys: set[str]) -> set[str]:
    """For community's notification centre: which forum.post:<id> / forum.thread:<id> keys are still visible."""
    post_ids = {
        int(k.split(":")[1]) for k in keys if k.startswith("forum.post:") and k.split(":")[1].isdigit()
    }
    thread_ids = {
        int(k.split(":")[1]) for k in keys if k.startswith("forum.thread:") and k.split(":")[1].isdigit()
    }
    visible = set()
    if post_ids:
        ids = filter_posts(user, Post.objects.filter(pk__in=post_ids))
        visible |= {f"forum.post:{pk}" for pk in ids.values_list("pk", flat=True)}
    if thread_ids:
        ids = filter_threads(user, Thread.objects.filter(pk__in=thread_ids)).values_list("pk", flat=True)
        visible |= {f"forum.thread:{pk}" for pk in ids}
    return visible


visible_notification_keys.prefixes = ("forum.post", "forum.thread")
