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

from urllib.parse import quote

from django.contrib.auth.models import Group
from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Exists, OuterRef
from django.db.models.query import ValuesListIterable
from django.urls import reverse

from community import hooks
from community.hooks import Hook
from community.models import User
from community.profiles.people import snapshot_of, team_member_condition
from forum import conf
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
_url_patterns: dict[str, str] = {}
_access: dict[int, tuple[str, tuple[int, ...]]] = {}  # board_access per board, until the next refresh
_URL_PK, _URL_SLUG = 987654321987, "canopyslugplaceholder"


def refresh_board_access() -> None:
    """Re-read every board's access. Each type's ``queryset()`` calls it, so an index batch never builds
    documents from access that changed since the last batch (a long-running worker keeps this module)."""
    _boards.clear()
    _url_patterns.clear()
    _access.clear()
    for row in Board.objects.values("id", "parent_id", "read_access", "access_group_id", "product_id"):
        _boards[row["id"]] = row


def board_access(board_id: int) -> tuple[str, tuple[int, ...]]:
    """(access, group_ids) for a board, the most restrictive along its ancestors."""
    if board_id not in _boards:
        refresh_board_access()
    found = _access.get(board_id)
    if found is None:
        found = _board_access(board_id)
        if found[0] in (registry.ACCESS_PUBLIC, registry.ACCESS_MEMBERS):  # (no group looked up)
            _access[board_id] = found
    return found


def _board_access(board_id: int) -> tuple[str, tuple[int, ...]]:
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
        Group.objects.filter(name=conf.moderator_group()).values_list("id", flat=True).first()
    )
    if level == Board.Access.MODERATORS and moderators:
        return registry.ACCESS_GROUPS, (moderators,)
    return registry.ACCESS_STAFF, ()  # no single group can read it: staff and superusers only


def _url_pattern(name: str, **kwargs) -> str:
    """``reverse()`` once per batch with placeholders, then plain string formatting per document
    (the same URL ``get_absolute_url`` gives: pks are digits; slugs are quoted by ``thread_url``)."""
    pattern = _url_patterns.get(name)
    if pattern is None:
        pattern = reverse(name, kwargs=kwargs).replace(str(_URL_PK), "{pk}").replace(_URL_SLUG, "{slug}")
        _url_patterns[name] = pattern
    return pattern


def thread_url(thread: Thread) -> str:
    """``thread.get_absolute_url()``, without a ``reverse()`` per thread."""
    slug = thread.slug  # letters of any script: percent-encoded as reverse() does
    slug = slug if slug.isascii() else quote(slug)
    return _url_pattern("forum:thread", pk=_URL_PK, slug=_URL_SLUG).format(pk=thread.pk, slug=slug)


def post_url(post: Post) -> str:
    """``post.get_absolute_url()``, without a ``reverse()`` per post."""
    return _url_pattern("forum:post", pk=_URL_PK).format(pk=post.pk)


def author_fields(user) -> dict:
    """What the person component shows of the author, for the document (search.registry.Document):
    a results page draws the hit's author from it without reading the people. The batch's query
    brings it (``AUTHOR_COLUMNS``); a person's later changes re-index their documents
    (forum.people.person_changed)."""
    if user is None:
        return {}
    if not hasattr(user, "avatar_name"):  # a model, not a batch row: its own queries
        user = snapshot_of(user, on_team=getattr(user, "on_team", None))
    return {
        "author_name": user.public_name,
        "author_username": user.username,
        "author_avatar": user.avatar_name or "",
        "author_points": user.points or 0,
        "author_is_team": bool(user.on_team or user.is_staff or user.is_superuser),
    }


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
        url=thread_url(thread),
        created_at=thread.created_at,
        author_id=thread.author_id,
        **author_fields(thread.author),
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
        url=post_url(post),
        created_at=post.created_at,
        author_id=post.author_id,
        **author_fields(post.author),
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


# What the documents read, and nothing else (a reply's body_html, a person's password hash... are
# not loaded), as plain rows: making model instances was most of the cost of a batch.
_VISIBLE = ("is_hidden", "deleted_at", "is_approved")
POST_FIELDS = ("id", "number", "thread_id", "author_id", "body", "score", "created_at", *_VISIBLE)
THREAD_OF_POST_FIELDS = ("id", "title", "board_id", "merged_into_id", *_VISIBLE)
THREAD_FIELDS = ("id", "title", "board_id", "author_id", "created_at", "score", "merged_into_id", *_VISIBLE)


class _Row:
    """A row read with ``values_list``, read like the model it comes from (attributes, ``pk``,
    the model's own properties), without making model instances: a reply's document needs a post,
    its thread and its author, and a full rebuild reads a few hundred thousand of them."""

    def __init__(self, **fields):
        self.__dict__.update(fields)

    @classmethod
    def of(cls, names: tuple[str, ...], values):
        row = cls.__new__(cls)
        row.__dict__ = dict(zip(names, values, strict=True))
        return row

    @property
    def pk(self):
        return self.id


class _PostRow(_Row):
    is_public = property(Post.is_public.fget)


class _ThreadRow(_Row):
    is_public = property(Thread.is_public.fget)
    slug = property(Thread.slug.fget)


class _AuthorRow(_Row):
    public_name = property(User.public_name.fget)


# The author's columns in a batch's query: their name and what the person component shows beside
# it (uploaded avatar, points for the level, team membership: ``author_in_team`` is annotated).
AUTHOR_FIELDS = ("username", "display_name", "avatar_name", "points", "is_staff", "is_superuser", "on_team")


def author_columns(prefix: str = "author") -> tuple[str, ...]:
    return (
        f"{prefix}__username",
        f"{prefix}__display_name",
        f"{prefix}__profile__avatar",
        f"{prefix}__reputation__points",
        f"{prefix}__is_staff",
        f"{prefix}__is_superuser",
        "author_in_team",
    )


def with_author_team(queryset, prefix: str = "author"):
    """Annotate ``author_in_team`` (one correlated subquery in the batch's statement)."""
    return queryset.annotate(author_in_team=team_member_condition(prefix))


def _author(cache: dict, author_id, values) -> "_AuthorRow | None":
    """The batch's one ``_AuthorRow`` per author, from ``author_columns()`` values."""
    if author_id is None:
        return None
    author = cache.get(author_id)
    if author is None:
        author = cache[author_id] = _AuthorRow(id=author_id, **dict(zip(AUTHOR_FIELDS, values, strict=True)))
    return author


_POST_COLUMNS = (
    *POST_FIELDS,
    *(f"thread__{name}" for name in THREAD_OF_POST_FIELDS),
    *author_columns(),
    "author_is_owner",
)


class _PostRows(ValuesListIterable):
    """``_posts()`` rows: one ``_PostRow`` per post; threads and authors made once per batch."""

    def __iter__(self):
        threads: dict[int, _ThreadRow] = {}
        authors: dict[int, _AuthorRow] = {}
        width = len(POST_FIELDS)
        thread_end = width + len(THREAD_OF_POST_FIELDS)
        for row in super().__iter__():
            post = _PostRow.of(POST_FIELDS, row[:width])
            thread = threads.get(post.thread_id)
            if thread is None:
                thread = threads[post.thread_id] = _ThreadRow.of(THREAD_OF_POST_FIELDS, row[width:thread_end])
            post.thread = thread
            post.author = _author(authors, post.author_id, row[thread_end : thread_end + len(AUTHOR_FIELDS)])
            post.author_is_owner = row[-1]
            yield post


def _posts():
    """Replies for documents, as ``_PostRow`` objects (see ``_Row``)."""
    refresh_board_access()
    queryset = with_author_team(
        Post.objects.annotate(author_is_owner=author_owns("thread__board__product_id"))
    ).values_list(*_POST_COLUMNS)
    queryset._iterable_class = _PostRows
    return queryset


_THREAD_COLUMNS = (
    *THREAD_FIELDS,
    *author_columns(),
    "first_post_id",
    "first_post__body",
    "feedback__id",
    "author_is_owner",
)


class _ThreadRows(ValuesListIterable):
    """``_threads_with_feedback()`` rows: one ``_ThreadRow`` per thread, with its author, opening
    post (``body``) and ``feedback`` (the feedback item's id, None when the thread carries none)."""

    def __iter__(self):
        authors: dict[int, _AuthorRow] = {}
        width = len(THREAD_FIELDS)
        for row in super().__iter__():
            thread = _ThreadRow.of(THREAD_FIELDS, row[:width])
            author_end = width + len(AUTHOR_FIELDS)
            first_post_id, first_body, feedback_id, owner = row[author_end:]
            thread.author = _author(authors, thread.author_id, row[width:author_end])
            # (a post's body is never NULL: None means no opening post, like select_related's None)
            thread.first_post = None if first_body is None else _Row(id=first_post_id, body=first_body)
            thread.feedback = feedback_id
            thread.author_is_owner = owner
            yield thread


def board_labels(ids: list[int]) -> dict[int, str]:
    return dict(Board.objects.filter(pk__in=ids).values_list("pk", "name"))


registry.register(
    "post", model=Post, build=post_document, queryset=_posts, label="Replies", link_entities=True
)
registry.register_labels("board", board_labels, models=(Board,))


# --- threads that carry feedback are indexed by forum/feedback/search.py ---------------------------


def _has_feedback(thread: Thread) -> bool:
    """(A batch row holds the feedback item's id; a model raises when the thread carries none.)"""
    try:
        return thread.feedback is not None
    except ObjectDoesNotExist:
        return False


def thread_or_none(thread: Thread) -> registry.Document | None:
    """Threads that carry feedback are searched as feedback (one hit, with status and releases)."""
    return None if _has_feedback(thread) else thread_document(thread)


def _threads_with_feedback():
    """Threads for documents, as ``_ThreadRow`` objects (see ``_Row``)."""
    refresh_board_access()
    queryset = with_author_team(
        Thread.objects.annotate(author_is_owner=author_owns("board__product_id"))
    ).values_list(*_THREAD_COLUMNS)
    queryset._iterable_class = _ThreadRows
    return queryset


def _dependents(thread: Thread):
    """Rows whose documents embed the thread, re-indexed with it: what the one provider of
    Hook.FORUM_THREAD_DEPENDENTS gives (feedback: the thread's feedback item), else none."""
    providers = hooks.get(Hook.FORUM_THREAD_DEPENDENTS)
    return providers[0](thread) if providers else Thread.objects.none()


registry.register(
    "thread",
    model=Thread,
    build=thread_or_none,
    queryset=_threads_with_feedback,
    label="Threads",
    suggest=True,
    link_entities=True,
    dependents=_dependents,
)
