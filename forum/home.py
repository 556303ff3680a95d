"""Providers for the home page blocks (community.blocks): featured boards and announcements.
The home page is public, so both show only what anonymous visitors may read."""

from django.contrib.auth.models import AnonymousUser
from django.template.defaultfilters import truncatechars
from django.utils.translation import ngettext

from community.blocks import FeaturedItem
from forum.models import Board, Thread
from forum.permissions import filter_boards, filter_threads


def featured_boards(*, slugs: list[str], limit: int) -> list[FeaturedItem]:
    boards = filter_boards(AnonymousUser(), Board.objects.exclude(kind=Board.Kind.SECTION))
    if slugs:
        by_slug = {b.slug: b for b in boards.filter(slug__in=slugs)}
        chosen = [by_slug[s] for s in slugs if s in by_slug][:limit]
    else:
        chosen = list(boards.order_by("-post_count", "position", "pk")[:limit])
    return [
        FeaturedItem(
            title=b.name,
            url=b.get_absolute_url(),
            summary=b.description,
            meta=" · ".join(
                (
                    ngettext("%(n)d thread", "%(n)d threads", b.thread_count) % {"n": b.thread_count},
                    ngettext("%(n)d post", "%(n)d posts", b.post_count) % {"n": b.post_count},
                )
            ),
        )
        for b in chosen
    ]


def announcements(*, slugs: list[str], limit: int) -> list[FeaturedItem]:
    threads = filter_threads(AnonymousUser(), Thread.objects.filter(board__kind=Board.Kind.ANNOUNCEMENTS))
    rows = threads.select_related("board", "first_post").order_by("-created_at", "-pk")[:limit]
    return [
        FeaturedItem(
            title=t.title,
            url=t.get_absolute_url(),
            summary=truncatechars(t.first_post.body if t.first_post else "", 180),
            meta=f"{t.board.name} · {t.created_at:%d %b %Y}",
        )
        for t in rows
    ]


def latest_panel(*, request) -> str:
    """home.latest: the home page's "Latest" list, the most recently active threads of every board
    the reader may see (forum.queries.latest_threads: one query), rendered with the listing's rows
    (cached as every reader sees them, forum/fragments.py) and the reader's "new" markers."""
    from django.template.loader import render_to_string

    from forum.fragments import attach_rows
    from forum.queries import latest_threads

    threads = latest_threads(request.user)
    attach_rows(threads, board=None)
    return render_to_string("forum/includes/latest.html", {"threads": threads}, request=request)
