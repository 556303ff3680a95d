"""Rows for search tests, made directly (search tests the index, not the forum's actions)."""

from itertools import count

from django.utils import timezone

from forum.models import Board, Post, Thread
from store.models import Product

_seq = count(1)


def make_product(name="Nimbus Phone", *, aliases=(), version_pattern="", status=Product.Status.ACTIVE, **kw):
    n = next(_seq)
    return Product.objects.create(
        name=name,
        slug=f"product-{n}",
        aliases=list(aliases),
        version_pattern=version_pattern,
        status=status,
        **kw,
    )


def make_board(name="General", *, read_access=Board.Access.EVERYONE, parent=None, product=None, group=None):
    n = next(_seq)
    return Board.objects.create(
        name=name,
        slug=f"board-{n}",
        read_access=read_access,
        parent=parent,
        product=product,
        access_group=group,
    )


def make_thread(board, title, body="", *, author=None, score=0, created_at=None, **flags):
    now = created_at or timezone.now()
    thread = Thread.objects.create(
        board=board, title=title, author=author, created_at=now, last_post_at=now, score=score, **flags
    )
    post = Post.objects.create(
        thread=thread, number=1, author=author, body=body, body_html=body, created_at=now
    )
    thread.first_post = post
    thread.save(update_fields=["first_post"])
    return thread


def make_reply(thread, body, *, author=None, number=None, **flags):
    number = number or (thread.posts.count() + 1)
    return Post.objects.create(
        thread=thread,
        number=number,
        author=author,
        body=body,
        body_html=body,
        created_at=timezone.now(),
        **flags,
    )
