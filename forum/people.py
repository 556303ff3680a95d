"""What the forum adds to profiles (community/profiles hooks, registered in ForumConfig.ready()):
activity tabs (threads, replies; forum/feedback/hooks.py adds its own), the feed, the data export,
a change of name and account deletion. Every read respects what the viewer may see; each loaded
tab or feed is one query (plus the viewer's cached board access)."""

from community.profiles.queries import ActivityItem, ActivityTab, FeedItem
from forum.models import Post, Thread, Vote
from forum.permissions import filter_posts, filter_threads


def _thread_items(threads) -> list[ActivityItem]:
    return [
        ActivityItem(title=t.title, url=t.get_absolute_url(), created_at=t.created_at, summary=t.board.name)
        for t in threads
    ]


def activity_tabs(*, user, viewer) -> list[ActivityTab]:
    def threads(limit: int) -> list[ActivityItem]:
        queryset = filter_threads(viewer, Thread.objects.filter(author=user)).select_related("board")
        return _thread_items(queryset.order_by("-created_at", "-pk")[:limit])

    def replies(limit: int) -> list[ActivityItem]:
        queryset = filter_posts(viewer, Post.objects.filter(author=user, number__gt=1)).select_related(
            "thread__board"
        )
        return [
            ActivityItem(
                title=post.thread.title,
                url=post.get_absolute_url(),
                created_at=post.created_at,
                summary=post.body[:200],
            )
            for post in queryset.order_by("-created_at", "-pk")[:limit]
        ]

    return [
        ActivityTab(slug="threads", label="Threads", load=threads),
        ActivityTab(slug="replies", label="Replies", load=replies),
    ]


def feed_items(*, user_ids, viewer, limit: int) -> list[FeedItem]:
    """Recent threads and replies by ``user_ids`` in boards ``viewer`` can read."""
    queryset = (
        filter_posts(viewer, Post.objects.filter(author_id__in=list(user_ids)))
        .select_related("thread", "author__profile")
        .order_by("-created_at", "-pk")[:limit]
    )
    return [
        FeedItem(
            user=post.author,
            verb="started" if post.number == 1 else "replied in",
            title=post.thread.title,
            url=post.thread.get_absolute_url() if post.number == 1 else post.get_absolute_url(),
            created_at=post.created_at,
        )
        for post in queryset
    ]


def export(user) -> dict:
    posts = Post.objects.filter(author=user).select_related("thread").order_by("created_at", "pk")
    votes = Vote.objects.filter(user=user).order_by("created_at", "pk")
    return {
        "forum_posts": [
            {
                "id": post.pk,
                "thread": post.thread_id,
                "thread_title": post.thread.title,
                "number": post.number,
                "body": post.body,
                "created_at": post.created_at,
                "deleted": post.deleted_at is not None,
            }
            for post in posts
        ],
        "forum_votes": [{"post": vote.post_id, "created_at": vote.created_at} for vote in votes],
    }


def name_changed(*, user) -> None:
    """The person's public name changed: their threads and replies are searched and shown under it
    (search documents keep the author's name), so they are indexed again after the commit."""
    from forum.actions.posts import reindex_posts_of

    reindex_posts_of(user=user)


def person_changed(*, user_id: int) -> None:
    """Their avatar, level or team mark changed: search documents show it beside the author's name
    (a results page reads no people), so their threads and replies are indexed again after the
    commit, through the same task as a change of name."""
    from forum.actions.posts import reindex_posts_of

    reindex_posts_of(user=user_id)


def account_deleted(*, user, remove_content: bool) -> None:
    """Remove the person's posts if they asked; otherwise the posts stay under the anonymised row,
    and their search documents are built again after the commit, under its placeholder name."""
    from forum.actions.posts import reindex_posts_of, remove_posts_of

    if remove_content:
        remove_posts_of(user=user)
    else:
        reindex_posts_of(user=user)
