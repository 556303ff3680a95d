"""Cached HTML of the part of a post that is the same for every reader.

A post on the thread page is two parts: its core (author, badges, number, time, the reply-to
quote and the body) which every reader who may see the post sees alike, and the per-person part
(the "new" marker, the vote button in the reader's state, reply, bookmark, edit and moderation
links, CSRF tokens) in ``forum/includes/post_footer.html``, cached per state on the post, never
per person (``attach_footers``).

The core is cached under a key made of everything it shows that can change: the post's edit
count and visibility state (which the actions change: edit_post, set_post_visibility, ...), its
author as the person component shows them (name, avatar, level title, team mark: person_key) and
the verified-owner badge, the quoted post's edit count, the theme, and a digest of
the template itself. Any action that changes what the core shows changes its key, so a cached core
is never stale and nothing needs deleting. Per-person data never enters the core: the template is
rendered with the post alone, no request, no user, no CSRF token (tests/forum/test_fragments.py).
"""

import hashlib
import re
import zlib

from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.template.loader import get_template

from community.cache import TIMEOUT
from community.profiles.people import person_key
from community.reputation.levels import cached_level_table
from themes.active import get_active_theme

CORE_TEMPLATE = "forum/includes/post_core.html"
_template_digests: dict[tuple[str, str], str] = {}


_INCLUDE = re.compile(r"""{%\s*include\s+["']([^"']+)["']""")


def _sources(name: str, seen: set[str]):
    """The template's source and those of the templates it includes by name, recursively (the
    components it shows: components/person.html, avatar.html, icon.html...)."""
    if name in seen:
        return
    seen.add(name)
    source = get_template(name).template.source
    yield source
    for included in _INCLUDE.findall(source):
        yield from _sources(included, seen)


def _template_digest(theme: str, name: str = CORE_TEMPLATE) -> str:
    """Cached HTML follows its template and the templates it includes: a deploy that changes any
    of them starts new keys."""
    if (theme, name) not in _template_digests:
        source = "\x00".join(_sources(name, set()))
        _template_digests[theme, name] = hashlib.blake2b(source.encode(), digest_size=6).hexdigest()
    return _template_digests[theme, name]


def _name(user) -> str:
    return user.public_name if user is not None else ""


def core_key(post, theme: str, table: list[tuple[str, int]] | None = None) -> str:
    """The key of a post's core fragment (``table``: the level table, read once for a page's posts)."""
    parts = (
        # the HTML's digest: a post rendered again (a product it names appeared) shows at once
        post.pk, post.number, post.edit_count, post.edited_at, post.renderer_version, zlib.crc32(post.body_html.encode()),
        post.created_at,
        post.is_hidden, post.deleted_at, post.is_approved, post.hidden_reason,
        post.author_id, _name(post.author), getattr(post, "is_verified_owner", False), person_key(post.author, table),
        post.reply_to_id, getattr(post, "reply_to_number", None), getattr(post, "reply_to_edit_count", None),
        getattr(post, "reply_to_author_name", None),
    )  # fmt: skip
    digest = hashlib.blake2b(repr(parts).encode(), digest_size=12).hexdigest()
    return f"forum.post-core:{theme}:{_template_digest(theme)}:{post.pk}:{digest}"


def _cached(objects, key_of, render) -> list:
    """Each object's fragment: the cached ones in one read, the missing ones rendered and stored."""
    keys = [key_of(obj) for obj in objects]
    found = cache.get_many(keys)
    missing = {}
    fragments = []
    for obj, key in zip(objects, keys, strict=True):
        fragment = found.get(key)
        if fragment is None:
            fragment = missing[key] = render(obj)
        fragments.append(fragment)
    if missing:
        cache.set_many(missing, TIMEOUT)
    return fragments


def attach_cores(posts) -> None:
    """Set ``post.core_html`` on each post: cached cores in one read, the missing ones rendered and stored."""
    if not posts:
        return
    theme = get_active_theme()
    template = get_template(CORE_TEMPLATE)
    table = cached_level_table()
    cores = _cached(
        posts, lambda post: core_key(post, theme, table), lambda post: template.render({"post": post})
    )
    for post, html in zip(posts, cores, strict=True):
        post.core_html = html


LIST_TEMPLATE = "forum/includes/post_list.html"


def anonymous_post_list(page, thread) -> str | None:
    """The whole list of posts as an anonymous visitor sees it (cores plus vote counts; no
    personal controls exist for them), cached under a key made of every post's core key and
    score. Pages with live product cards (price and stock change by the minute) are not cached."""
    posts = page.posts
    if any(post.cards for post in posts):
        return None
    theme = get_active_theme()
    table = cached_level_table()
    parts = [(core_key(post, theme, table), post.score) for post in posts]
    parts.append(
        (thread.pk, page.page, page.can_reply, page.can_moderate, _template_digest(theme, LIST_TEMPLATE))
    )
    digest = hashlib.blake2b(repr(parts).encode(), digest_size=16).hexdigest()
    key = f"forum.post-list:{theme}:{thread.pk}:{digest}"
    html = cache.get(key)
    if html is None:
        html = get_template(LIST_TEMPLATE).render({"page": page, "thread": thread, "user": AnonymousUser()})
        cache.set(key, html, TIMEOUT)
    return html


ROW_TEMPLATE = "forum/includes/thread_row_core.html"
READER_HOLE = "<!--canopy:reader-->"


def _avatar_name(user) -> str:
    """The person's uploaded avatar as the row brought it ("" when none or not brought)."""
    profile = getattr(getattr(user, "_state", None), "fields_cache", {}).get("profile") if user else None
    return profile.avatar.name if profile is not None and profile.avatar else ""


def _row_key(thread, board, pinned: bool, theme: str) -> str:
    last_author = thread.last_post.author if thread.last_post_id and thread.last_post else None
    parts = (
        thread.pk, thread.title, thread.score, thread.reply_count, thread.created_at, thread.last_post_id,
        thread.last_post_at, thread.is_pinned_globally, pinned, thread.is_locked, thread.is_approved,
        thread.is_hidden, thread.deleted_at, tuple(getattr(thread, "tag_list", ())), _name(thread.author),
        thread.author.username if thread.author else "", _avatar_name(thread.author),
        _name(last_author), thread.board_id, thread.board.name, thread.board.slug, board.pk if board else None,
        thread.first_image_url, tuple(getattr(thread, "list_badges", ())),
    )  # fmt: skip
    digest = hashlib.blake2b(repr(parts).encode(), digest_size=12).hexdigest()
    return f"forum.thread-row:{theme}:{_template_digest(theme, ROW_TEMPLATE)}:{thread.pk}:{digest}"


def attach_rows(threads, *, board, pinned: bool = False) -> None:
    """Set ``thread.row_head`` and ``thread.row_tail``: a listing row as everyone sees it, split
    where the reader's own "new" marker goes. Cached under keys made of everything the row shows
    (times are rendered as dates that the page's script shows as "3 hours ago", so a cached row
    does not age). ``board`` is the board listed, or None for a listing across boards (the home
    page's latest threads), where each row names its board."""
    if not threads:
        return
    theme = get_active_theme()
    template = get_template(ROW_TEMPLATE)

    def render(thread):
        head, _, tail = template.render({"thread": thread, "board": board, "pinned": pinned}).partition(
            READER_HOLE
        )
        return head, tail

    rows = _cached(threads, lambda thread: _row_key(thread, board, pinned, theme), render)
    for thread, (head, tail) in zip(threads, rows, strict=True):
        thread.row_head, thread.row_tail = head, tail


FOOTER_TEMPLATE = "forum/includes/post_footer.html"
CSRF_PLACEHOLDER = "canopy-csrf-placeholder-0b7e"


class _SignedIn:
    """What the footer template may know of the reader: that they are signed in. Nothing else."""

    is_authenticated = True
    is_anonymous = False


def _footer_key(post, page, thread, theme: str) -> str:
    parts = (
        post.pk, post.number, post.score, post.is_public, post.is_approved, post.deleted_at,
        post.author.username if post.author is not None else None,
        post.is_own, post.has_voted, post.is_bookmarked, post.can_see_revisions,
        page.can_reply, page.can_moderate, thread.pk,
    )  # fmt: skip
    digest = hashlib.blake2b(repr(parts).encode(), digest_size=12).hexdigest()
    return f"forum.post-footer:{theme}:{_template_digest(theme, FOOTER_TEMPLATE)}:{post.pk}:{digest}"


def attach_footers(page, thread, csrf_token: str) -> None:
    """Set ``post.footer_html`` for a signed-in reader: the controls as anyone in the same state on
    that post sees them (the key holds the state, not the person), with this request's CSRF token
    put in after the cache."""
    posts = page.posts
    if not posts:
        return
    theme = get_active_theme()
    template = get_template(FOOTER_TEMPLATE)

    def render(post):
        context = {
            "post": post,
            "page": page,
            "thread": thread,
            "user": _SignedIn(),
            "csrf_token": CSRF_PLACEHOLDER,
        }
        return template.render(context)

    footers = _cached(posts, lambda post: _footer_key(post, page, thread, theme), render)
    for post, html in zip(posts, footers, strict=True):
        post.footer_html = html.replace(CSRF_PLACEHOLDER, csrf_token)
