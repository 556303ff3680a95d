"""Boards, threads, posts, votes, watches, bookmarks and polls: what the forum's pages show and do,
through the same query functions (forum.queries), permission functions and actions."""

from datetime import datetime

from django.core.exceptions import ValidationError
from django.http import Http404
from ninja import Field, Query, Router, Schema

from api.auth import PUBLIC, WRITE, user_of
from api.common import Person, id_path, next_link, page_cursor, person, read_page_cursor
from forum import queries
from forum.actions.moderation import lock_thread, pin_thread
from forum.actions.polls import vote_in_poll
from forum.actions.posts import reply
from forum.actions.reading import set_board_watch, set_thread_watch
from forum.actions.threads import start_thread
from forum.models import Board, Poll, Post, Thread
from forum.permissions import access_for, check_moderate, filter_threads
from forum.views.helpers import get_board, get_post, get_thread

router = Router(tags=["forum"])
ANONYMOUS_OK = {"x-anonymous": True}


# --- schemas --------------------------------------------------------------------------------------


class BoardRef(Schema):
    slug: str
    name: str


class BoardOut(Schema):
    id: int
    slug: str
    name: str
    description: str
    kind: str
    parent: str | None
    product: str | None
    thread_count: int
    post_count: int
    last_post_at: datetime | None
    url: str


class BoardNodeOut(BoardOut):
    children: list["BoardNodeOut"] = []


class BoardTree(Schema):
    items: list[BoardNodeOut]


class BoardDetail(BoardOut):
    can_start: bool
    is_watching: bool


class ThreadOut(Schema):
    id: int
    title: str
    board: BoardRef
    author: Person | None
    created_at: datetime
    last_post_at: datetime
    last_post_number: int
    reply_count: int
    score: int
    is_pinned: bool
    is_pinned_globally: bool
    is_locked: bool
    is_public: bool
    tags: list[str]
    is_unread: bool | None = None
    url: str


class ThreadList(Schema):
    sort: str
    period: str
    pinned: list[ThreadOut]
    items: list[ThreadOut]
    next: str | None


class PollChoiceOut(Schema):
    id: int
    text: str
    votes: int | None = Field(
        None, description="Shown once the caller voted, the poll closed, or to visitors."
    )
    chosen: bool


class PollOut(Schema):
    question: str
    allows_multiple: bool
    closes_at: datetime | None
    is_closed: bool
    voter_count: int
    has_voted: bool
    choices: list[PollChoiceOut]


class ThreadDetail(ThreadOut):
    post_count: int
    is_watching: bool
    can_reply: bool
    can_moderate: bool
    poll: PollOut | None


class PostOut(Schema):
    id: int
    thread_id: int
    number: int
    author: Person | None
    body: str = Field(description="Markdown, as written.")
    body_html: str = Field(description="Rendered and sanitised.")
    score: int
    created_at: datetime
    edited_at: datetime | None
    edit_count: int
    reply_to: int | None = Field(description="The number of the post this one answers.")
    is_public: bool
    has_voted: bool | None = None
    is_bookmarked: bool | None = None
    url: str


class PostList(Schema):
    total: int
    items: list[PostOut]
    next: str | None


class ThreadIn(Schema):
    title: str = Field(max_length=10_000)
    body: str = Field(max_length=100_000)
    tags: list[str] = Field([], max_length=20)


class ReplyIn(Schema):
    body: str = Field(max_length=100_000)
    reply_to: int | None = Field(None, ge=1, le=2**63 - 1, description="Id of the post this answers.")
    quote_of: int | None = Field(None, ge=1, le=2**63 - 1, description="Id of the post this quotes.")


class EditIn(Schema):
    body: str = Field(max_length=100_000)
    title: str | None = Field(None, max_length=10_000, description="The thread title (opening post only).")
    tags: list[str] | None = Field(None, max_length=20, description="The thread's tags (opening post only).")
    reason: str = Field("", max_length=300)


class LockIn(Schema):
    locked: bool
    reason: str = Field("", max_length=300)


class PinIn(Schema):
    pinned: bool
    globally: bool = False
    reason: str = Field("", max_length=300)


class HideIn(Schema):
    hidden: bool
    reason: str = Field("", max_length=300, description="Needed to hide: the author sees it.")


class Watching(Schema):
    watching: bool


class Voted(Schema):
    voted: bool
    score: int


class Bookmarked(Schema):
    bookmarked: bool


class PollVoteIn(Schema):
    choices: list[int] = Field(max_length=50)


class BookmarkOut(Schema):
    created_at: datetime
    post: PostOut


class BookmarkList(Schema):
    items: list[BookmarkOut]


class WatchList(Schema):
    items: list[ThreadOut]


class ListParams(Schema):
    sort: str = Field("active", description="active, hot, new, top or unanswered (the board page's sorts).")
    period: str = Field("all", description="day, week, month or all (for sort=top).")
    tag: str = Field("", max_length=30)
    cursor: str = Field("", max_length=200, description="The `next` link's cursor.")


# --- shaping rows -----------------------------------------------------------------------------------


def board_dict(request, board: Board) -> dict:
    return {
        "id": board.pk,
        "slug": board.slug,
        "name": board.name,
        "description": board.description,
        "kind": board.kind,
        "parent": board.parent.slug if board.parent_id and "parent" in board._state.fields_cache else None,
        "product": board.product.slug
        if board.product_id and "product" in board._state.fields_cache
        else None,
        "thread_count": board.thread_count,
        "post_count": board.post_count,
        "last_post_at": board.last_post_at,
        "url": request.build_absolute_uri(board.get_absolute_url()),
    }


def thread_dict(request, thread: Thread) -> dict:
    tags = getattr(thread, "tag_list", None)
    return {
        "id": thread.pk,
        "title": thread.title,
        "board": {"slug": thread.board.slug, "name": thread.board.name},
        "author": person(thread.author),
        "created_at": thread.created_at,
        "last_post_at": thread.last_post_at,
        "last_post_number": thread.last_post_number,
        "reply_count": thread.reply_count,
        "score": thread.score,
        "is_pinned": thread.is_pinned,
        "is_pinned_globally": thread.is_pinned_globally,
        "is_locked": thread.is_locked,
        "is_public": thread.is_public,
        "tags": [name for name, _ in tags] if tags is not None else [],
        "is_unread": getattr(thread, "is_unread", None),
        "url": request.build_absolute_uri(thread.get_absolute_url()),
    }


def post_dict(request, post: Post, thread: Thread | None = None) -> dict:
    return {
        "id": post.pk,
        "thread_id": post.thread_id,
        "number": post.number,
        "author": person(post.author),
        "body": post.body,
        "body_html": post.body_html,
        "score": post.score,
        "created_at": post.created_at,
        "edited_at": post.edited_at,
        "edit_count": post.edit_count,
        "reply_to": getattr(post, "reply_to_number", None),
        "is_public": post.is_public,
        "has_voted": getattr(post, "has_voted", None),
        "is_bookmarked": getattr(post, "is_bookmarked", None),
        "url": request.build_absolute_uri(post.get_absolute_url()),
    }


def poll_dict(user, poll: Poll | None, choices, voted_ids: set[int]) -> dict | None:
    if poll is None:
        return None
    shown = bool(voted_ids) or poll.is_closed or not user.is_authenticated
    return {
        "question": poll.question,
        "allows_multiple": poll.allows_multiple,
        "closes_at": poll.closes_at,
        "is_closed": poll.is_closed,
        "voter_count": poll.voter_count,
        "has_voted": bool(voted_ids),
        "choices": [
            {
                "id": choice.pk,
                "text": choice.text,
                "votes": choice.vote_count if shown else None,
                "chosen": choice.pk in voted_ids,
            }
            for choice in choices
        ],
    }


def _tree(request, nodes) -> list[dict]:
    return [{**board_dict(request, node.board), "children": _tree(request, node.children)} for node in nodes]


# --- boards -----------------------------------------------------------------------------------------


@router.get("boards", response=BoardTree, auth=PUBLIC, openapi_extra=ANONYMOUS_OK, summary="The board tree")
def list_boards(request):
    """Every board the caller can read, as a tree (forum.queries.board_tree)."""
    tree = queries.board_tree(user_of(request))
    parents = {}
    for node in _walk(tree):
        parents[node.board.pk] = node.board
    for node in _walk(tree):
        if node.board.parent_id in parents:
            node.board.parent = parents[node.board.parent_id]
    return {"items": _tree(request, tree)}


def _walk(nodes):
    for node in nodes:
        yield node
        yield from _walk(node.children)


@router.get("boards/{slug}", response=BoardDetail, auth=PUBLIC, openapi_extra=ANONYMOUS_OK, summary="A board")
def read_board(request, slug: str):
    user = user_of(request)
    board = queries.board_for_reader(user, slug[:100])
    return {
        **board_dict(request, board),
        "can_start": access_for(user).can_start(board.pk),
        "is_watching": bool(getattr(board, "reader_is_watching", False)),
    }


@router.get(
    "boards/{slug}/threads",
    response=ThreadList,
    auth=PUBLIC,
    openapi_extra=ANONYMOUS_OK,
    summary="A board's threads",
)
def list_threads(request, slug: str, params: Query[ListParams]):
    """The board page's listing (forum.queries.board_listing): its sorts, and a keyset cursor in the
    `next` link. Pinned threads come with the first page only."""
    user = user_of(request)
    board = queries.board_for_reader(user, slug[:100])
    listing = queries.board_listing(
        user, board, sort=params.sort, period=params.period, cursor=params.cursor, tag=params.tag
    )
    return {
        "sort": listing.sort,
        "period": listing.period,
        "pinned": [thread_dict(request, thread) for thread in listing.pinned],
        "items": [thread_dict(request, thread) for thread in listing.threads],
        "next": next_link(request, cursor=listing.next_cursor) if listing.next_cursor else None,
    }


@router.post("boards/{slug}/threads", response={201: ThreadDetail}, auth=WRITE, summary="Start a thread")
def create_thread(request, slug: str, payload: ThreadIn):
    user = user_of(request)
    board = get_board(user, slug[:100])
    if board.kind == Board.Kind.FEEDBACK:
        raise ValidationError("Feedback is filed with POST /api/v1/boards/{slug}/feedback.")
    thread = start_thread(actor=user, board=board, title=payload.title, body=payload.body, tags=payload.tags)
    return 201, _thread_detail(request, user, thread.pk)


@router.put("boards/{slug}/watch", response=Watching, auth=WRITE, summary="Watch a board")
def watch_board(request, slug: str):
    user = user_of(request)
    return {"watching": set_board_watch(user=user, board=get_board(user, slug[:100]), watching=True)}


@router.delete("boards/{slug}/watch", response=Watching, auth=WRITE, summary="Stop watching a board")
def unwatch_board(request, slug: str):
    user = user_of(request)
    return {"watching": set_board_watch(user=user, board=get_board(user, slug[:100]), watching=False)}


# --- threads ----------------------------------------------------------------------------------------


def _thread_detail(request, user, thread_id: int) -> dict:
    thread = queries.thread_for_reader(user, thread_id)
    if thread.merged_away:
        target = filter_threads(user, Thread.objects.filter(pk=thread.merged_into_id)).first()
        raise Http404(
            f"No such thread: it was merged into thread {target.pk}." if target else "No such thread."
        )
    access = access_for(user)
    poll, choices, voted = queries._poll_of(user, thread)
    can_moderate = access.can_moderate(thread.board_id)
    return {
        **thread_dict(request, thread),
        "post_count": thread.visible_total,
        "is_watching": bool(getattr(thread, "reader_is_watching", False)),
        "can_reply": user.is_authenticated
        and access.can_reply(thread.board_id)
        and (not thread.is_locked or can_moderate),
        "can_moderate": can_moderate,
        "poll": poll_dict(user, poll, choices, voted),
    }


@router.get(
    "threads/{thread_id}", response=ThreadDetail, auth=PUBLIC, openapi_extra=ANONYMOUS_OK, summary="A thread"
)
def read_thread(request, thread_id: int = id_path("The thread's id")):
    return _thread_detail(request, user_of(request), thread_id)


@router.get(
    "threads/{thread_id}/posts",
    response=PostList,
    auth=PUBLIC,
    openapi_extra=ANONYMOUS_OK,
    summary="A thread's posts",
)
def list_posts(
    request,
    thread_id: int = id_path("The thread's id"),
    cursor: str = Query("", max_length=40, description="The `next` link's cursor."),
):
    """The thread page's posts (forum.queries.thread_page), a page at a time, oldest first."""
    user = user_of(request)
    page = queries.thread_page(user, thread_id, page=read_page_cursor(cursor))
    if page.moved_to is not None:
        raise Http404(f"No such thread: it was merged into thread {page.moved_to.pk}.")
    return {
        "total": page.total,
        "items": [post_dict(request, post) for post in page.posts],
        "next": next_link(request, cursor=page_cursor(page.page + 1))
        if page.page < page.page_count
        else None,
    }


@router.post("threads/{thread_id}/posts", response={201: PostOut}, auth=WRITE, summary="Reply")
def create_post(request, payload: ReplyIn, thread_id: int = id_path("The thread's id")):
    user = user_of(request)
    thread = get_thread(user, thread_id)
    others = {}
    for name in ("reply_to", "quote_of"):
        pk = getattr(payload, name)
        if pk is not None:
            try:
                others[name] = get_post(user, pk)
            except Http404:
                raise ValidationError({name: "No such post in this thread."}) from None
    post = reply(actor=user, thread=thread, body=payload.body, **others)
    post.reply_to_number = others["reply_to"].number if "reply_to" in others else None
    return 201, post_dict(request, post)


@router.put("threads/{thread_id}/watch", response=Watching, auth=WRITE, summary="Watch a thread")
def watch_thread(request, thread_id: int = id_path("The thread's id")):
    user = user_of(request)
    return {"watching": set_thread_watch(user=user, thread=get_thread(user, thread_id), watching=True)}


@router.delete("threads/{thread_id}/watch", response=Watching, auth=WRITE, summary="Stop watching a thread")
def unwatch_thread(request, thread_id: int = id_path("The thread's id")):
    user = user_of(request)
    return {"watching": set_thread_watch(user=user, thread=get_thread(user, thread_id), watching=False)}


@router.post(
    "threads/{thread_id}/lock", response=ThreadDetail, auth=WRITE, summary="Lock or unlock (moderators)"
)
def lock(request, payload: LockIn, thread_id: int = id_path("The thread's id")):
    user = user_of(request)
    thread = get_thread(user, thread_id)
    check_moderate(user, thread.board_id)
    lock_thread(actor=user, thread=thread, locked=payload.locked, reason=payload.reason)
    return _thread_detail(request, user, thread.pk)


@router.post(
    "threads/{thread_id}/pin", response=ThreadDetail, auth=WRITE, summary="Pin or unpin (moderators)"
)
def pin(request, payload: PinIn, thread_id: int = id_path("The thread's id")):
    user = user_of(request)
    thread = get_thread(user, thread_id)
    check_moderate(user, thread.board_id)
    pin_thread(
        actor=user, thread=thread, pinned=payload.pinned, globally=payload.globally, reason=payload.reason
    )
    return _thread_detail(request, user, thread.pk)


@router.get(
    "threads/{thread_id}/poll", response=PollOut, auth=PUBLIC, openapi_extra=ANONYMOUS_OK, summary="A poll"
)
def read_poll(request, thread_id: int = id_path("The thread's id")):
    user = user_of(request)
    thread = queries.thread_for_reader(user, thread_id)
    if thread.merged_away:
        raise Http404("No such thread.")
    poll = poll_dict(user, *queries._poll_of(user, thread))
    if poll is None:
        raise Http404("No such poll: this thread has none.")
    return poll


@router.post("threads/{thread_id}/poll/votes", response=PollOut, auth=WRITE, summary="Vote in a poll")
def vote_poll(request, payload: PollVoteIn, thread_id: int = id_path("The thread's id")):
    user = user_of(request)
    thread = get_thread(user, thread_id)
    poll = Poll.objects.filter(thread=thread).first()
    if poll is None:
        raise Http404("No such poll: this thread has none.")
    vote_in_poll(actor=user, poll=poll, choice_ids=[pk for pk in payload.choices if 0 < pk < 2**63])
    return read_poll(request, thread_id)
