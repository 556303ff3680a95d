"""Posts (read, edit, hide), votes and bookmarks, and the caller's bookmarks and watches: the forum's
permission functions, actions and the bookmarks page's reads."""

from django.db.models import F
from django.http import Http404
from ninja import Router

from api.auth import MEMBER, PUBLIC, WRITE, user_of
from api.common import id_path
from api.routers.forum import (
    ANONYMOUS_OK,
    Bookmarked,
    BookmarkList,
    EditIn,
    HideIn,
    PostOut,
    Voted,
    WatchList,
    post_dict,
    thread_dict,
)
from forum.actions.moderation import set_post_visibility
from forum.actions.posts import edit_post
from forum.actions.reading import toggle_bookmark
from forum.actions.votes import toggle_vote
from forum.models import Bookmark, Post, Thread, ThreadWatch, Vote
from forum.permissions import check_moderate, check_vote, filter_posts, filter_threads
from forum.views.helpers import get_post

router = Router(tags=["forum"])


# --- posts ------------------------------------------------------------------------------------------


def _post_with_reader(request, user, post_id: int) -> dict:
    post = get_post(user, post_id)
    data = post_dict(request, post)
    data["reply_to"] = post.reply_to.number if post.reply_to_id else None
    if user.is_authenticated:
        data["has_voted"] = Vote.objects.filter(user=user, post=post).exists()
        data["is_bookmarked"] = Bookmark.objects.filter(user=user, post=post).exists()
    return data


@router.get("posts/{post_id}", response=PostOut, auth=PUBLIC, openapi_extra=ANONYMOUS_OK, summary="A post")
def read_post(request, post_id: int = id_path("The post's id")):
    user = user_of(request)
    post = (
        filter_posts(user, Post.objects.filter(pk=post_id))
        .select_related("author", "thread__board")
        .annotate(reply_to_number=_reply_to_number())
        .first()
    )
    if post is None:
        raise Http404("No such post.")
    data = post_dict(request, post)
    if user.is_authenticated:
        data["has_voted"] = Vote.objects.filter(user=user, post=post).exists()
        data["is_bookmarked"] = Bookmark.objects.filter(user=user, post=post).exists()
    return data


def _reply_to_number():
    return F("reply_to__number")


@router.patch("posts/{post_id}", response=PostOut, auth=WRITE, summary="Edit a post")
def update_post(request, payload: EditIn, post_id: int = id_path("The post's id")):
    user = user_of(request)
    post = get_post(user, post_id)
    edit_post(
        actor=user,
        post=post,
        body=payload.body,
        title=payload.title,
        reason=payload.reason,
        tags=payload.tags,
    )
    return _post_with_reader(request, user, post.pk)


@router.post("posts/{post_id}/hide", response=PostOut, auth=WRITE, summary="Hide or restore (moderators)")
def hide_post(request, payload: HideIn, post_id: int = id_path("The post's id")):
    user = user_of(request)
    post = get_post(user, post_id)
    check_moderate(user, post.thread.board_id)
    set_post_visibility(
        actor=user, post=post, state="hidden" if payload.hidden else "visible", reason=payload.reason
    )
    return _post_with_reader(request, user, post.pk)


def _set_vote(request, post_id: int, wanted: bool) -> dict:
    user = user_of(request)
    post = get_post(user, post_id)
    if Vote.objects.filter(user=user, post=post).exists() == wanted:
        check_vote(user, post)
        return {"voted": wanted, "score": post.score}
    voted, score = toggle_vote(actor=user, post=post)
    return {"voted": voted, "score": score}


@router.put("posts/{post_id}/vote", response=Voted, auth=WRITE, summary="Vote for a post")
def vote(request, post_id: int = id_path("The post's id")):
    return _set_vote(request, post_id, True)


@router.delete("posts/{post_id}/vote", response=Voted, auth=WRITE, summary="Take a vote back")
def unvote(request, post_id: int = id_path("The post's id")):
    return _set_vote(request, post_id, False)


def _set_bookmark(request, post_id: int, wanted: bool) -> dict:
    user = user_of(request)
    post = get_post(user, post_id)
    if Bookmark.objects.filter(user=user, post=post).exists() != wanted:
        toggle_bookmark(user=user, post=post)
    return {"bookmarked": wanted}


@router.put("posts/{post_id}/bookmark", response=Bookmarked, auth=WRITE, summary="Bookmark a post")
def bookmark(request, post_id: int = id_path("The post's id")):
    return _set_bookmark(request, post_id, True)


@router.delete("posts/{post_id}/bookmark", response=Bookmarked, auth=WRITE, summary="Remove a bookmark")
def unbookmark(request, post_id: int = id_path("The post's id")):
    return _set_bookmark(request, post_id, False)


# --- the caller's bookmarks and watches (forum/bookmarks/) ---------------------------------------------


@router.get("me/bookmarks", response=BookmarkList, auth=MEMBER, tags=["me"], summary="My bookmarks")
def my_bookmarks(request):
    """The bookmarks page's list: posts the caller bookmarked and can still see, newest first."""
    user = user_of(request)
    visible = filter_posts(user, Post.objects.all())
    rows = (
        Bookmark.objects.filter(user=user, post__in=visible)
        .select_related("post__thread", "post__author")
        .order_by("-created_at")[:200]
    )
    return {"items": [{"created_at": row.created_at, "post": post_dict(request, row.post)} for row in rows]}


@router.get("me/watches", response=WatchList, auth=MEMBER, tags=["me"], summary="Threads I watch")
def my_watches(request):
    user = user_of(request)
    threads = (
        filter_threads(
            user, Thread.objects.filter(pk__in=ThreadWatch.objects.filter(user=user).values("thread_id"))
        )
        .select_related("board", "author")
        .order_by("-last_post_at")[:200]
    )
    return {"items": [thread_dict(request, thread) for thread in threads]}
