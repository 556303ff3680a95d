"""Who may do what. ``check_*`` raise (Http404 when the thing must look absent, PermissionDenied
otherwise); ``filter_*`` narrow a queryset; ``access_for`` computes a person's board access once
per user object with a fixed number of queries (boards, groups, moderated boards) and keeps it for
as long as that object lives (a request's ``request.user``), in ``_access_by_user`` rather than on
the object itself."""

from dataclasses import dataclass, field

from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils import timezone

from community.cache import TIMEOUT, bump, versioned_key
from community.memberships import group_rows
from community.objcache import PerObjectCache
from forum import conf
from forum.models import Board, Post, Suspension, Thread

_access_by_user = PerObjectCache()


@dataclass
class Access:
    user_id: int | None
    is_global_moderator: bool = False
    boards: dict[int, dict] = field(default_factory=dict)
    readable: set[int] = field(default_factory=set)
    moderated: set[int] = field(default_factory=set)
    group_ids: set[int] = field(default_factory=set)
    group_names: set[str] = field(default_factory=set)

    def allows(self, board_id: int, level: str) -> bool:
        board = self.boards.get(board_id)
        if board is None:
            return False
        if self.is_global_moderator or board_id in self.moderated:
            return True
        if level == Board.Access.EVERYONE:
            return True
        if self.user_id is None:
            return False
        if level == Board.Access.MEMBERS:
            return True
        if level == Board.Access.GROUP:
            return board["access_group_id"] is not None and board["access_group_id"] in self.group_ids
        return False

    def reads(self, board_id: int) -> bool:
        """The read rule: the board and every board above it let this person read."""
        board, depth = self.boards.get(board_id), 0
        while board is not None and depth <= 20:
            if not self.allows(board["id"], board["read_access"]):
                return False
            if board["parent_id"] is None:
                return True
            board, depth = self.boards.get(board["parent_id"]), depth + 1
        return False

    def can_read(self, board_id: int) -> bool:
        return board_id in self.readable

    def can_moderate(self, board_id: int) -> bool:
        return board_id in self.readable and (self.is_global_moderator or board_id in self.moderated)

    def can_start(self, board_id: int) -> bool:
        board = self.boards.get(board_id)
        if board is None or self.user_id is None or not self.can_read(board_id):
            return False
        if board["kind"] == Board.Kind.SECTION:
            return False
        if board["kind"] == Board.Kind.ANNOUNCEMENTS:
            return self.can_moderate(board_id)
        return self.allows(board_id, board["start_access"])

    def can_reply(self, board_id: int) -> bool:
        board = self.boards.get(board_id)
        return (
            board is not None
            and self.user_id is not None
            and self.can_read(board_id)
            and self.allows(board_id, board["reply_access"])
        )


ACCESS_VERSION = "forum.access"


def _board_rows() -> dict[int, dict]:
    """Every board's access columns: one query, then the shared cache until a board changes."""
    key = versioned_key(ACCESS_VERSION, "boards")
    rows = cache.get(key)
    if rows is None:
        rows = {
            row["id"]: row
            for row in Board.objects.values(
                "id", "parent_id", "kind", "read_access", "start_access", "reply_access", "access_group_id"
            )
        }
        cache.set(key, rows, TIMEOUT)
    return rows


def _moderated_boards(user) -> set[int]:
    """The boards a person moderates, cached until boards, groups or moderators change."""
    key = versioned_key(ACCESS_VERSION, "moderates", user.pk)
    found = cache.get(key)
    if found is None:
        found = set(
            Board.moderators.through.objects.filter(user_id=user.pk).values_list("board_id", flat=True)
        )
        cache.set(key, found, TIMEOUT)
    return found


def forget_all_access(**kwargs) -> None:
    """Signal receiver: boards, groups, memberships or moderators changed (see forum.apps)."""
    from community.notifications.badge import forget_visibility

    bump(ACCESS_VERSION)
    forget_visibility()


def access_for(user) -> Access:
    cached = _access_by_user.get(user) if user is not None else None
    if cached is not None:
        return cached
    authenticated = bool(user and user.is_authenticated)
    access = Access(user_id=user.pk if authenticated else None)
    if authenticated:
        groups = group_rows(user)
        moderated = _moderated_boards(user)
        access.group_ids = {gid for gid, _ in groups}
        access.group_names = {name for _, name in groups}
        access.is_global_moderator = (
            user.is_superuser or conf.moderator_group() in access.group_names
        )
        access.moderated = set(moderated)
    access.boards = _board_rows()
    access.readable = {board_id for board_id in access.boards if access.reads(board_id)}
    if user is not None:
        _access_by_user.set(user, access)
    return access


def access_covering(user, board_id: int) -> Access:
    """``access_for``, recomputed when the board is newer than the cached snapshot."""
    access = access_for(user)
    if board_id not in access.boards:
        forget_access(user)
        access = access_for(user)
    return access


def forget_access(user) -> None:
    if user is not None:
        _access_by_user.discard(user)


def readers_among(board_id: int, user_ids) -> set[int]:
    """The people among ``user_ids`` who can read the board (and every board above it): the rule of
    ``access_for`` (``Access.reads``) for many people at once, in a fixed number of queries."""
    from django.contrib.auth import get_user_model

    ids = {pk for pk in user_ids if pk is not None}
    if not ids:
        return set()
    User = get_user_model()
    boards = _board_rows()
    if board_id not in boards:  # a board newer than the cached rows
        bump(ACCESS_VERSION)
        boards = _board_rows()
    users = dict(User.objects.filter(pk__in=ids, is_active=True).values_list("pk", "is_superuser"))
    chain, board = [], boards.get(board_id)
    while board is not None and len(chain) <= 20:
        chain.append(board)
        board = boards.get(board["parent_id"])
    if not users or not chain:
        return set()
    if all(board["read_access"] in (Board.Access.EVERYONE, Board.Access.MEMBERS) for board in chain):
        return set(users)  # every active member reads it: no group or moderator needs looking up
    group_ids: dict[int, set[int]] = {pk: set() for pk in users}
    group_names: dict[int, set[str]] = {pk: set() for pk in users}
    for user_id, group_id, name in User.groups.through.objects.filter(user_id__in=users).values_list(
        "user_id", "group_id", "group__name"
    ):
        group_ids[user_id].add(group_id)
        group_names[user_id].add(name)
    moderated: dict[int, set[int]] = {pk: set() for pk in users}
    for user_id, moderated_id in Board.moderators.through.objects.filter(user_id__in=users).values_list(
        "user_id", "board_id"
    ):
        moderated[user_id].add(moderated_id)
    moderator_group = conf.moderator_group()
    return {
        user_id
        for user_id, is_superuser in users.items()
        if Access(
            user_id=user_id,
            is_global_moderator=is_superuser or moderator_group in group_names[user_id],
            boards=boards,
            moderated=moderated[user_id],
            group_ids=group_ids[user_id],
        ).reads(board_id)
    }


# --- querysets -----------------------------------------------------------------------------------


def filter_boards(user, queryset):
    return queryset.filter(id__in=access_for(user).readable)


def public_condition(access: Access, prefix: str = ""):
    from django.db.models import Q

    visible = Q(**{f"{prefix}is_hidden": False, f"{prefix}deleted_at__isnull": True})
    approved = Q(**{f"{prefix}is_approved": True})
    if access.user_id is not None:
        approved |= Q(**{f"{prefix}author_id": access.user_id})
    return visible & approved


def public_condition_sql(access: Access, *, using: str = "default") -> tuple[str, list]:
    """``public_condition`` over the post table as (SQL, params), for hand-written queries
    (``forum.queries``): compiled by the ORM from the same condition, so the rule is written once."""
    from django.db import connections
    from django.db.models.sql import Query

    query = Query(Post)
    connection = connections[using]
    where = query.build_where(public_condition(access))
    sql, params = where.as_sql(query.get_compiler(connection=connection), connection)
    return sql, list(params)


def _moderated(access: Access) -> set[int]:
    return access.readable if access.is_global_moderator else access.moderated & access.readable


def filter_threads(user, queryset):
    """Threads in readable boards; hidden, deleted or unapproved ones only for moderators
    (and unapproved ones for their author)."""
    from django.db.models import Q

    access = access_for(user)
    return queryset.filter(board_id__in=access.readable).filter(
        public_condition(access) | Q(board_id__in=_moderated(access))
    )


def filter_posts(user, queryset):
    """Posts the person can see: in a readable board, and both the post and its thread public
    (or their own while awaiting approval), unless they moderate the board."""
    from django.db.models import Q

    access = access_for(user)
    return queryset.filter(thread__board_id__in=access.readable).filter(
        (public_condition(access) & public_condition(access, "thread__"))
        | Q(thread__board_id__in=_moderated(access))
    )


# --- checks ----------------------------------------------------------------------------------------


def can_see_thread(user, thread: Thread) -> bool:
    access = access_covering(user, thread.board_id)
    if not access.can_read(thread.board_id):
        return False
    if access.can_moderate(thread.board_id):
        return True
    if thread.is_hidden or thread.deleted_at is not None:
        return False
    return thread.is_approved or (access.user_id is not None and thread.author_id == access.user_id)


def can_see_post(user, post: Post) -> bool:
    if not can_see_thread(user, post.thread):
        return False
    access = access_for(user)
    if access.can_moderate(post.thread.board_id):
        return True
    if post.is_hidden or post.deleted_at is not None:
        return False
    return post.is_approved or (access.user_id is not None and post.author_id == access.user_id)


def check_see_board(user, board: Board) -> None:
    if not access_covering(user, board.pk).can_read(board.pk):
        raise Http404("No such board.")


def check_see_thread(user, thread: Thread) -> None:
    if not can_see_thread(user, thread):
        raise Http404("No such thread.")


def check_see_post(user, post: Post) -> None:
    if not can_see_post(user, post):
        raise Http404("No such post.")


def active_suspension(user) -> Suspension | None:
    now = timezone.now()
    return (
        Suspension.objects.filter(user_id=user.pk, lifted_at__isnull=True, starts_at__lte=now)
        .exclude(ends_at__lte=now)
        .order_by("-starts_at")
        .first()
    )


def check_not_suspended(user) -> None:
    if not user.is_authenticated:
        raise PermissionDenied("Sign in first.")
    suspension = active_suspension(user)
    if suspension is not None:
        until = f" until {suspension.ends_at:%Y-%m-%d %H:%M} UTC" if suspension.ends_at else ""
        raise PermissionDenied(f"Your account is suspended{until}: {suspension.reason}")


def check_start_thread(user, board: Board) -> None:
    check_see_board(user, board)
    if not access_for(user).can_start(board.pk):
        raise PermissionDenied("You cannot start threads in this board.")
    check_not_suspended(user)


def check_reply(user, thread: Thread) -> None:
    check_see_thread(user, thread)
    access = access_for(user)
    if not access.can_reply(thread.board_id):
        raise PermissionDenied("You cannot reply in this board.")
    if thread.is_locked and not access.can_moderate(thread.board_id):
        raise PermissionDenied("This thread is locked.")
    check_not_suspended(user)


def check_edit_post(user, post: Post) -> None:
    check_see_post(user, post)
    access = access_for(user)
    if access.can_moderate(post.thread.board_id):
        return
    if post.author_id != access.user_id or access.user_id is None:
        raise PermissionDenied("You can only edit your own posts.")
    if post.thread.is_locked:
        raise PermissionDenied("This thread is locked.")
    check_not_suspended(user)


def check_moderate(user, board_id: int) -> None:
    if not access_for(user).can_moderate(board_id):
        raise PermissionDenied("Only moderators of this board can do that.")


def check_vote(user, post: Post) -> None:
    check_see_post(user, post)
    if post.author_id is not None and post.author_id == getattr(user, "pk", None):
        raise PermissionDenied("You cannot vote for your own post.")
    check_not_suspended(user)


def can_see_revisions(user, post: Post) -> bool:
    access = access_for(user)
    return access.can_moderate(post.thread.board_id) or (
        access.user_id is not None and post.author_id == access.user_id
    )
