"""What the forum makes searchable (registered with search; search imports nothing from here).

Threads are documents (title + opening post); replies are documents of their own (posts after the
first). Threads that carry feedback are searched as "feedback" instead, which forum/feedback/search.py
registers together with releases. A thread or post that is hidden, soft-deleted or not approved is not searchable, and neither
is anything in a thread that is. Visibility comes from the board and its ancestors:

    EVERYONE -> public, MEMBERS -> signed-in members, GROUP -> the board's access group,
    MODERATORS -> the moderator group (FORUM_MODERATOR_GROUP); superusers see everything.

Board access is read once per index batch (``queryset()`` refreshes it), not once per document.
So is ownership: ``queryset()`` annotates ``author_is_owner`` (the author has a paid order of the
board's product, the store's "verified owner" rule) in the batch's one query, for the "owners only"
filter.
"""

from django.contrib.auth.models import Group
from django.db.models import Exists, OuterRef

from forum import conf
from forum.feedback.models import FeedbackItem
from forum.models import Board, Post, Thread
from search import registry
from store.ownership import owners_subquery

_RESTRICTIVENESS = {
    Board.Access.EVERYONE: 0,
    Board.Access.MEMBERS: 1,
    Board.Access.GROUP: 2,
    Board.Access.MODERATORS: 3,
}
_boards: dict[int, dict] = {}


def refresh_board_access() -> None:
    """Re-read every board's access. Each type's ``queryset()`` calls it, so an index batch never builds
    documents from access that changed since the last batch (a long-running worker keeps this module)."""
    _boards.clear()
    for row in Board.objects.values("id", "parent_id", "read_access", "access_group_id", "product_id"):
        _boards[row["id"]] = row


def board_access(board_id: int) -> tuple[str, tuple[int, ...]]:
    """(access, group_ids) for a board, the most restrictive along its ancestors."""
    if board_id not in _boards:
        refresh_board_access()
    levels, groups, seen = [], set(), set()
    current = _boards.get(board_id)
    while current is not None and current["id"] not in seen:
        seen.add(current["id"])
        levels.append(current["read_access"])
        if current["read_access"] == Board.Access.GROUP:
            groups.add(current["access_group_id"])
        current = _boards.get(current["parent_id"]) if current["parent_id"] else None
    level = max(levels, key=_RESTRICTIVENESS.get, default=Board.Access.MODERATORS)
    if level == Board.Access.EVERYONE:
        return registry.ACCESS_PUBLIC, ()
    if level == Board.Access.MEMBERS:
        return registry.ACCESS_MEMBERS, ()
    if level == Board.Access.GROUP and len(groups) == 1 and None not in groups:
        return registry.ACCESS_GROUPS, (groups.pop(),)
    moderators = (
        Group.objects.filter(name=conf.get("FORUM_MODERATOR_GROUP")).values_list("id", flat=True).first()
    )
    if level == Board.Access.MODERATORS and moderators:
        return registry.ACCESS_GROUPS, (moderators,)
    return registry.ACCESS_STAFF, ()  # no single group can read it: staff and superusers only


def _author_name(user) -> str:
    return user.public_name if user is not None else ""


def _product_ids(board_id: int) -> tuple[int, ...]:
    product_id = (_boards.get(board_id) or {}).get("product_id")
    return (product_id,) if product_id else ()


def thread_document(thread: Thread) -> registry.Document | None:
    if not thread.is_public or thread.merged_into_id:
        return None
    access, group_ids = board_access(thread.board_id)
    first = thread.first_post
    return registry.Document(
        title=thread.title,
        body=first.body if first is not None else "",
        url=thread.get_absolute_url(),
        created_at=thread.created_at,
        author_id=thread.author_id,
        author_name=_author_name(thread.author),
        board_id=thread.board_id,
        thread_id=thread.pk,
        status=str(getattr(thread, "status", "") or ""),
        votes=thread.score,
        product_ids=_product_ids(thread.board_id),
        access=access,
        group_ids=group_ids,
        is_owner=bool(getattr(thread, "author_is_owner", False)),
    )


def post_document(post: Post) -> registry.Document | None:
    thread = post.thread
    if post.number == 1 or not post.is_public or not thread.is_public or thread.merged_into_id:
        return None  # the opening post is searched as its thread
    access, group_ids = board_access(thread.board_id)
    return registry.Document(
        title=thread.title,
        index_title=False,
        body=post.body,
        url=post.get_absolute_url(),
        created_at=post.created_at,
        author_id=post.author_id,
        author_name=_author_name(post.author),
        board_id=thread.board_id,
        thread_id=thread.pk,
        votes=post.score,
        product_ids=_product_ids(thread.board_id),
        access=access,
        group_ids=group_ids,
        is_owner=bool(getattr(post, "author_is_owner", False)),
    )


def author_owns(product_path: str, author_path: str = "author_id") -> Exists:
    """True when the row's author is a verified owner of the product at ``product_path`` (an
    annotation: one correlated subquery in the batch's query, not a query per document)."""
    return Exists(owners_subquery(OuterRef(product_path), user_ref=OuterRef(author_path)))


def _threads():
    refresh_board_access()
    return Thread.objects.select_related("author", "first_post").annotate(
        author_is_owner=author_owns("board__product_id")
    )


def _posts():
    refresh_board_access()
    return Post.objects.select_related("author", "thread").annotate(
        author_is_owner=author_owns("thread__board__product_id")
    )


def board_labels(ids: list[int]) -> dict[int, str]:
    return dict(Board.objects.filter(pk__in=ids).values_list("pk", "name"))


registry.register(
    "post", model=Post, build=post_document, queryset=_posts, label="Replies", link_entities=True
)
registry.register_labels("board", board_labels)


# --- threads that carry feedback are indexed by forum/feedback/search.py ---------------------------


def _has_feedback(thread: Thread) -> bool:
    try:
        return thread.feedback is not None
    except FeedbackItem.DoesNotExist:
        return False


def thread_or_none(thread: Thread) -> registry.Document | None:
    """Threads that carry feedback are searched as feedback (one hit, with status and releases)."""
    return None if _has_feedback(thread) else thread_document(thread)


def _threads_with_feedback():
    return _threads().select_related("feedback")


def _feedback_of(thread: Thread):
    """A feedback item's document embeds its thread (title, opening post, votes, board access)."""
    return FeedbackItem.objects.filter(thread=thread)


registry.register(
    "thread",
    model=Thread,
    build=thread_or_none,
    queryset=_threads_with_feedback,
    label="Threads",
    suggest=True,
    link_entities=True,
    dependents=_feedback_of,
)
