"""The pages the benchmark measures and who visits them, discovered by query (no slug is assumed)."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.db.models import Count, Q
from django.urls import reverse

from community.teams import team_group_name
from forum import queries
from forum.models import Board, Post, Thread
from forum.permissions import access_for, filter_posts, filter_threads
from tests.bench.visitors import ANONYMOUS, MEMBER, TEAM

LOAD_PERSON = "load0001"
LOAD_TEAM_PERSON = "loadteam"
DEEP_PAGE = 50
STOPWORDS = {
    "about", "after", "again", "also", "does", "from", "have", "into", "just", "more", "only", "other",
    "over", "some", "than", "that", "their", "them", "then", "there", "these", "they", "this", "what",
    "when", "where", "which", "while", "with", "would", "your",
}  # fmt: skip


class SetupError(RuntimeError):
    """The data the benchmark needs is not there (no board, no thread, no product...)."""


@dataclass
class Page:
    key: str  # stable id in the JSON: board_index, board_first, ...
    label: str
    url: str
    visitors: tuple[str, ...] = (ANONYMOUS, MEMBER)
    note: str = ""


@dataclass
class Discovery:
    pages: list[Page]
    people: dict[str, object]  # visitor name -> User (absent for anonymous)
    data: dict = field(default_factory=dict)  # posts, threads, people, and what was picked


def _busiest_board(anonymous) -> Board:
    readable = access_for(anonymous).readable
    board = (
        Board.objects.filter(pk__in=readable)
        .exclude(kind=Board.Kind.FEEDBACK)
        .order_by("-thread_count", "pk")
        .first()
    ) or Board.objects.filter(pk__in=readable).order_by("-thread_count", "pk").first()
    if board is None:
        raise SetupError("no board an anonymous visitor can read: generate data first")
    return board


def _deep_cursor(anonymous, board: Board, depth: int) -> tuple[str, int]:
    """Follow the listing's keyset cursor to page ``depth`` (or the last page there is)."""
    cursor, reached = "", 1
    while reached < depth:
        listing = queries.board_listing(anonymous, board, cursor=cursor)
        if not listing.next_cursor:
            break
        cursor, reached = listing.next_cursor, reached + 1
    return cursor, reached


def _longest_thread(anonymous) -> tuple[Thread, int]:
    thread = (
        filter_threads(anonymous, Thread.objects.all())
        .filter(merged_into__isnull=True)
        .order_by("-reply_count", "pk")
        .first()
    )
    if thread is None:
        raise SetupError("no thread an anonymous visitor can read: generate data first")
    total = filter_posts(anonymous, Post.objects.filter(thread=thread)).count()
    return thread, queries.page_count_for(total)


def _product():
    from store.models import Product

    product = (
        Product.objects.active().annotate(threads=Count("boards__threads")).order_by("-threads", "pk").first()
    )
    if product is None:
        raise SetupError("no active product with a product page: generate data first")
    return product


def _common_word(anonymous) -> str:
    titles = (
        filter_threads(anonymous, Thread.objects.all()).order_by("-pk").values_list("title", flat=True)[:500]
    )
    words = Counter(
        word for title in titles for word in re.findall(r"[a-z]{4,}", title.lower()) if word not in STOPWORDS
    )
    if not words:
        raise SetupError("no thread titles to search for")
    return words.most_common(1)[0][0]


def _member():
    User = get_user_model()
    person = User.objects.filter(username=LOAD_PERSON, is_active=True).first()
    if person is None:  # not generated data: any active member outside the team
        person = (
            User.objects.filter(is_active=True, is_staff=False, is_superuser=False)
            .exclude(groups__name=team_group_name())
            .order_by("pk")
            .first()
        )
    if person is None:
        raise SetupError("no active member to sign in as: generate data first")
    return person


def _team_member():
    """A product-team person who is not a superuser (a superuser skips permission queries)."""
    User = get_user_model()
    person = User.objects.filter(username=LOAD_TEAM_PERSON, is_active=True).first()
    if person is None:
        team = Q(is_staff=True) | Q(groups__name=team_group_name())
        person = User.objects.filter(team, is_active=True, is_superuser=False).order_by("pk").first()
    if person is None:
        raise SetupError(
            f"no product team member (staff or the {team_group_name()!r} group) for the triage board"
        )
    return person


def discover(*, deep_page: int = DEEP_PAGE) -> Discovery:
    anonymous = AnonymousUser()
    board = _busiest_board(anonymous)
    deep_cursor, deep_reached = _deep_cursor(anonymous, board, deep_page)
    thread, last_page = _longest_thread(anonymous)
    product = _product()
    word = _common_word(anonymous)
    board_url = board.get_absolute_url()
    thread_url = thread.get_absolute_url()
    pages = [
        Page("board_index", "board index", reverse("forum:index")),
        Page("board_first", "board listing, page 1", board_url),
        Page(
            "board_deep",
            f"board listing, page {deep_reached}",
            f"{board_url}?{urlencode({'after': deep_cursor})}" if deep_cursor else board_url,
            note="" if deep_reached == deep_page else f"the board has only {deep_reached} pages",
        ),
        Page("thread_first", "thread, first page", thread_url),
        Page("thread_last", f"thread, last page ({last_page})", f"{thread_url}?page={last_page}"),
        Page("product", "product page", reverse("store:product", args=[product.slug])),
        Page(
            "triage",
            "feedback triage board",
            reverse("forum:feedback:triage"),
            visitors=(TEAM,),
            note="team only: an anonymous visitor is sent to log in",
        ),
        Page("search", f"search '{word}'", f"{reverse('search:search')}?{urlencode({'q': word})}"),
    ]
    User = get_user_model()
    data = {
        "posts": Post.objects.count(),
        "threads": Thread.objects.count(),
        "boards": Board.objects.count(),
        "people": User.objects.count(),
        "board": {"slug": board.slug, "threads": board.thread_count, "deep_page": deep_reached},
        "thread": {"id": thread.pk, "posts": thread.reply_count + 1, "pages": last_page},
        "product": product.slug,
        "search_word": word,
    }
    member, team = _member(), _team_member()
    data["visitors"] = {MEMBER: member.get_username(), TEAM: team.get_username()}
    return Discovery(pages=pages, people={MEMBER: member, TEAM: team}, data=data)
