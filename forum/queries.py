"""Read paths the pages share. Each runs a fixed number of SQL queries whatever the data size."""

import base64
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.db import connections
from django.db.models import Exists, F, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce, NullIf, Substr
from django.utils import timezone

from community import hooks
from community.hooks import Hook
from community.profiles.people import attach_people, with_people
from forum import conf
from forum.cards import attach_cards
from forum.keys import draft_key
from forum.models import (
    Board,
    BoardWatch,
    Bookmark,
    Draft,
    Poll,
    PollChoice,
    PollVote,
    Post,
    ReadMark,
    Thread,
    ThreadWatch,
    Vote,
)
from forum.permissions import (
    access_covering,
    access_for,
    can_see_revisions,
    can_see_thread,
    filter_posts,
    filter_threads,
    public_condition,
    public_condition_sql,
)

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


def _with_read_marks(user, threads):
    """Annotate each thread with the person's watermark (in the same query)."""
    if not user.is_authenticated:
        return threads
    return threads.annotate(
        reader_read_number=Subquery(
            ReadMark.objects.filter(user=user, thread_id=OuterRef("pk")).values("last_read_number")[:1]
        )
    )


def _mark_unread(user, threads: list[Thread]) -> None:
    for thread in threads:
        read = getattr(thread, "reader_read_number", None)
        thread.last_read_number = read
        thread.is_unread = user.is_authenticated and (read is None or read < thread.last_post_number)


# What a thread row shows: the listing reads these columns only (no post bodies, no passwords).
LISTING_COLUMNS = (
    "title", "created_at", "last_post_at", "last_post_number", "reply_count", "score", "hot_rank",
    "is_pinned", "is_pinned_globally", "is_locked", "is_hidden", "deleted_at", "is_approved", "hidden_reason",
    "first_image_url",
    "author__username", "author__display_name", "author__profile__avatar",
    "board__name", "board__slug", "board__kind",
    "last_post__author__username", "last_post__author__display_name",
)  # fmt: skip
LISTING_RELATED = ("author", "author__profile", "last_post__author", "board")


@dataclass(frozen=True)
class ListingBadges:
    """What an app above the forum core adds to listing rows (``Hook.FORUM_LISTING_BADGES``):
    ``annotations`` are read in the listing's own query (joins, never a query per row), and
    ``badges(thread)`` turns them into the row's badges. Badges are about the thread, never the
    reader: they go into the cached row (forum/fragments.py)."""

    annotations: dict
    badges: Callable[[Thread], list["ThreadBadge"]]


def listing_badges(board: Board | None) -> list[ListingBadges]:
    """The providers' additions for a listing of ``board`` (None: a listing across boards)."""
    return [extra for provider in hooks.get(Hook.FORUM_LISTING_BADGES) if (extra := provider(board=board))]


def _annotate_badges(queryset, extras: list[ListingBadges]):
    for extra in extras:
        queryset = queryset.annotate(**extra.annotations)
    return queryset


def _attach_badges(threads: list[Thread], extras: list[ListingBadges]) -> None:
    for thread in threads:
        thread.list_badges = [badge for extra in extras for badge in extra.badges(thread)]


def attach_tags(threads: list[Thread]) -> None:
    """``thread.tag_list`` for each thread: (name, slug) pairs in one query for the whole list."""
    from django.contrib.contenttypes.models import ContentType
    from taggit.models import TaggedItem

    by_thread: dict[int, list[tuple[str, str]]] = {thread.pk: [] for thread in threads}
    if by_thread:
        rows = (
            TaggedItem.objects.filter(
                content_type_id=ContentType.objects.get_for_model(Thread).pk, object_id__in=list(by_thread)
            )
            .order_by("tag__name")
            .values_list("object_id", "tag__name", "tag__slug")
        )
        for thread_id, name, slug in rows:
            by_thread[thread_id].append((name, slug))
    for thread in threads:
        thread.tag_list = by_thread[thread.pk]


def board_for_reader(user, slug: str) -> Board:
    """The board a listing shows, with its parent and product, and whether the person watches it
    (one query). Raises Http404 when it is absent or out of sight."""
    from django.http import Http404

    boards = Board.objects.filter(slug=slug).select_related("product", "parent")
    if user.is_authenticated:
        boards = boards.annotate(
            reader_is_watching=Exists(BoardWatch.objects.filter(user=user, board_id=OuterRef("pk")))
        )
    board = boards.first()
    if board is None or not access_covering(user, board.pk).can_read(board.pk):
        raise Http404("No such board.")
    return board


def board_listing(
    user, board: Board, *, sort: str = "active", period: str = "all", cursor: str = "", tag: str = ""
) -> BoardListing:
    sort = sort if sort in SORTS else "active"
    period = period if period in PERIODS else "all"
    field_name = SORTS[sort][0]
    access = access_for(user)
    extras = listing_badges(board)
    base = _with_read_marks(
        user,
        _annotate_badges(
            filter_threads(user, Thread.objects.all())
            .select_related(*LISTING_RELATED)
            .only(*LISTING_COLUMNS),
            extras,
        ),
    )
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
    size = conf.threads_per_page()
    rows = list(regular.order_by(f"-{field_name}", "-pk")[: size + 1])
    next_cursor = (
        encode_cursor(getattr(rows[size - 1], field_name), rows[size - 1].pk) if len(rows) > size else None
    )
    threads = rows[:size]
    pinned = []
    if position is None:
        pinned = list(
            base.filter(Q(board=board, is_pinned=True) | Q(is_pinned_globally=True)).order_by(
                "-is_pinned_globally", "-last_post_at", "-pk"
            )[:20]
        )
    attach_tags(pinned + threads)
    _attach_badges(pinned + threads, extras)
    _mark_unread(user, pinned + threads)
    children = list(
        Board.objects.filter(parent=board, pk__in=access.readable)
        .select_related("last_thread")
        .order_by("position", "id")
    )
    watching = getattr(board, "reader_is_watching", None)
    if watching is None:
        watching = user.is_authenticated and BoardWatch.objects.filter(user=user, board=board).exists()
    return BoardListing(
        board, pinned, threads, children, sort, period, next_cursor, position is None, watching, tag
    )


# --- the home page's latest threads --------------------------------------------------------------------

LATEST_LIMIT = 12


def latest_threads(user, *, limit: int = LATEST_LIMIT) -> list[Thread]:
    """The most recently active public threads of every board the person may read, newest first,
    with their authors, last posters, boards, the badges' columns (``Hook.FORUM_LISTING_BADGES``)
    and the reader's watermark: one query. Hidden, deleted and unapproved threads stay out, even for
    moderators (this is a front page, not a queue); private boards show only to their readers."""
    extras = listing_badges(None)
    rows = _with_read_marks(
        user,
        _annotate_badges(
            filter_threads(
                user, Thread.objects.filter(is_hidden=False, deleted_at__isnull=True, is_approved=True)
            )
            .select_related(*LISTING_RELATED)
            .only(*LISTING_COLUMNS),
            extras,
        ),
    )
    threads = list(rows.order_by("-last_post_at", "-pk")[:limit])
    for thread in threads:
        thread.tag_list = []
    _attach_badges(threads, extras)
    _mark_unread(user, threads)
    return threads


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
    read_number: int | None = None
    draft_body: str = ""  # the reader's saved reply draft
    cards: dict = field(default_factory=dict)  # live product cards by slug (also on each ``post.cards``)
    badges: list["ThreadBadge"] = field(default_factory=list)  # status badges other apps give the thread
    moved_to: Thread | None = None  # merged away: where the reader is sent (nothing else is read)


@dataclass(frozen=True)
class ThreadBadge:
    """A badge shown under a thread's title, given by an app above the forum core through
    ``Hook.FORUM_THREAD_BADGES`` (feedback gives "Bug · Fixed in 1.4.2", linking to the item)."""

    label: str
    url: str = ""
    title: str = ""
    tone: str = ""  # the status chip's tone (components/status_chip.html); "" for a plain badge


def page_count_for(total: int) -> int:
    size = conf.posts_per_page()
    return max((total + size - 1) // size, 1)


def thread_for_reader(user, pk: int) -> Thread:
    """The thread page's read of the thread: the thread with its board (and parent), then one
    hand-written query for what goes with it: its poll, the number of posts the person can see,
    and their watermark, watch and reply draft. Raises Http404 when the thread is absent or out of
    sight. (The ORM spent longer building that second query as subqueries than the database
    spent running it.) A thread merged into another and removed comes back bare, marked
    ``merged_away``, to a reader of its board: its old address leads to where it went."""
    from django.http import Http404

    thread = Thread.objects.filter(pk=pk).select_related("board", "board__parent").first()
    if thread is None:
        raise Http404("No such thread.")
    thread.merged_away = False
    if not can_see_thread(user, thread):
        if (
            thread.merged_into_id
            and thread.deleted_at
            and access_covering(user, thread.board_id).can_read(thread.board_id)
        ):
            thread.merged_away = True
            return thread
        raise Http404("No such thread.")
    _read_extras(user, thread)
    attach_tags([thread])
    return thread


def _read_extras(user, thread: Thread) -> None:
    poll, post, readmark, watch, draft = (
        model._meta.db_table for model in (Poll, Post, ReadMark, ThreadWatch, Draft)
    )
    columns = [f"(SELECT id FROM {poll} WHERE thread_id = %s)"]
    params: list = [thread.pk]
    if user.is_authenticated:
        count = f"SELECT COUNT(*) FROM {post} WHERE thread_id = %s"
        count_params: list = [thread.pk]
        access = access_for(user)
        if not access.can_moderate(thread.board_id):  # public, or their own awaiting approval
            condition, condition_params = public_condition_sql(access, using=Thread.objects.db)
            count += f" AND {condition}"
            count_params += condition_params
        columns += [
            f"({count})",
            f"(SELECT last_read_number FROM {readmark} WHERE user_id = %s AND thread_id = %s)",
            f"(SELECT COUNT(*) FROM {watch} WHERE user_id = %s AND thread_id = %s)",
            f"(SELECT body FROM {draft} WHERE user_id = %s AND key = %s)",
        ]
        params += [*count_params, user.pk, thread.pk, user.pk, thread.pk, user.pk, draft_key(thread=thread)]
    with connections[Thread.objects.db].cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(columns), params)
        row = cursor.fetchone()
    thread.poll_ref = row[0]
    if user.is_authenticated:
        thread.visible_total, thread.reader_read_number = row[1], row[2]
        thread.reader_is_watching, thread.reader_draft_body = bool(row[3]), row[4]
    else:
        # An anonymous visitor sees a public thread's public posts: the stored counter (kept by the
        # actions, checked by forum_synchronize) is that number; the opening post stands with its thread.
        thread.visible_total = thread.reply_count + 1


def _reader_state(user, thread: Thread) -> tuple[int | None, bool]:
    """(watermark, watching) as thread_for_reader read them, or queried for a bare thread."""
    if not user.is_authenticated:
        return None, False
    if hasattr(thread, "reader_is_watching"):
        return thread.reader_read_number, thread.reader_is_watching
    read_number = (
        ReadMark.objects.filter(user=user, thread=thread).values_list("last_read_number", flat=True).first()
    )
    return read_number, ThreadWatch.objects.filter(user=user, thread=thread).exists()


def thread_page(user, pk: int, *, page: int = 1) -> ThreadPage:
    """Everything the thread page shows, read without writing anything (the reader's watermark moves
    by a POST from the page script: ``forum.actions.reading.mark_read``). A fixed number of queries,
    pinned in tests/forum/test_queries.py: the thread with its board, one hand-written query for
    what goes with it (``_read_extras``), its tags, one page of posts with the reader's votes and
    bookmarks; then only when the thread has them: its poll (one query), product cards and
    verified owners (forum.cards), badges from other apps (feedback: one query on feedback boards).
    A merged thread that was removed reads only where it went (``moved_to``). Raises Http404 when
    the thread is absent or out of sight."""
    thread = thread_for_reader(user, pk)
    if thread.merged_away:
        target = Thread.objects.filter(pk=thread.merged_into_id).select_related("board").first()
        if target is None or not can_see_thread(user, target):
            from django.http import Http404

            raise Http404("No such thread.")
        return ThreadPage(thread, [], 1, 1, 0, None, False, False, False, moved_to=target)
    result = posts_page(user, thread, page=page)
    result.poll, result.poll_choices, result.poll_voted_ids = _poll_of(user, thread)
    result.draft_body = getattr(thread, "reader_draft_body", None) or ""
    result.cards = attach_cards(result.posts, thread=thread)
    result.badges = [
        badge for provider in hooks.get(Hook.FORUM_THREAD_BADGES) for badge in provider(thread=thread)
    ]
    return result


def posts_page(user, thread: Thread, *, page: int = 1) -> ThreadPage:
    """One page of posts with the reader's votes and bookmarks on each (one query for the posts;
    given a thread from ``thread_for_reader``, nothing else is read for the count or the reader)."""
    access = access_for(user)
    size = conf.posts_per_page()
    visible = Post.objects.filter(thread=thread)
    if not access.can_moderate(thread.board_id):  # the thread is visible: only the posts' own state matters
        visible = visible.filter(public_condition(access))
    total = getattr(thread, "visible_total", None)
    if total is None:
        total = visible.count()
    pages = page_count_for(total)
    page = min(max(page, 1), pages)
    # Authors by select_related; the quoted post's few shown fields as annotations (no models).
    posts = with_people(visible, "author").annotate(
        reply_to_number=F("reply_to__number"),
        reply_to_edit_count=F("reply_to__edit_count"),
        reply_to_author_name=Coalesce(
            NullIf(F("reply_to__author__display_name"), Value("")), F("reply_to__author__username")
        ),
        reply_to_excerpt=Substr("reply_to__body", 1, 420),
    )
    if user.is_authenticated:
        posts = posts.annotate(
            has_voted=Exists(Vote.objects.filter(user=user, post_id=OuterRef("pk"))),
            is_bookmarked=Exists(Bookmark.objects.filter(user=user, post_id=OuterRef("pk"))),
        )
    posts = list(posts.order_by("number")[(page - 1) * size : page * size])
    attach_people(posts, "author")
    read_number, watching = _reader_state(user, thread)
    first_unread = None
    for post in posts:
        if not user.is_authenticated:
            post.has_voted = post.is_bookmarked = False
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
        read_number=read_number,
    )
    return result


def _poll_of(user, thread: Thread) -> tuple[Poll | None, list[PollChoice], set[int]]:
    """(poll, its choices in order, the ids the reader voted for) in one query of the choices with
    their poll and the reader's vote on each; none when the thread has no poll (thread_for_reader
    knows whether it has: ``poll_ref``)."""
    if hasattr(thread, "poll_ref") and thread.poll_ref is None:
        return None, [], set()
    choices = PollChoice.objects.filter(poll__thread=thread).select_related("poll")
    if user.is_authenticated:
        choices = choices.annotate(
            reader_voted=Exists(PollVote.objects.filter(choice_id=OuterRef("pk"), user=user))
        )
    choices = list(choices.order_by("position", "pk"))
    if not choices:  # (the actions never make a poll without choices)
        return None, [], set()
    voted = {choice.pk for choice in choices if getattr(choice, "reader_voted", False)}
    return choices[0].poll, choices, voted


def page_of_post(user, post: Post) -> int:
    before = filter_posts(user, Post.objects.filter(thread_id=post.thread_id, number__lt=post.number)).count()
    return before // conf.posts_per_page() + 1


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
    """For community's notification centre: which post and thread keys (forum.keys) are still visible."""
    from forum.keys import POST_PREFIX, THREAD_PREFIX, ids_in, post_key, thread_key

    post_ids, thread_ids = ids_in(keys, POST_PREFIX), ids_in(keys, THREAD_PREFIX)
    visible = set()
    if post_ids:
        ids = filter_posts(user, Post.objects.filter(pk__in=post_ids))
        visible |= {post_key(pk) for pk in ids.values_list("pk", flat=True)}
    if thread_ids:
        ids = filter_threads(user, Thread.objects.filter(pk__in=thread_ids)).values_list("pk", flat=True)
        visible |= {thread_key(pk) for pk in ids}
    return visible


visible_notification_keys.prefixes = ("forum.post", "forum.thread")
