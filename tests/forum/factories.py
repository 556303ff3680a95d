"""Forum test data: boards by factory, threads and posts through the actions (as people create them)."""

import factory

from forum.actions.posts import reply
from forum.actions.threads import start_thread
from forum.limits import limits_off
from forum.models import Board
from tests.factories import UserFactory


class BoardFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Board
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Board {n}")
    slug = factory.Sequence(lambda n: f"board-{n}")
    kind = Board.Kind.DISCUSSION


def make_thread(
    *, board=None, author=None, title="How do I pair the remote?", body="It blinks twice and stops.", **kwargs
):
    board = board or BoardFactory()
    author = author or UserFactory()
    with limits_off():
        return start_thread(actor=author, board=board, title=title, body=body, **kwargs)


def make_replies(thread, count: int, *, authors=None):
    authors = authors or [UserFactory(username=f"replier{i}") for i in range(3)]
    posts = []
    with limits_off():
        for i in range(count):
            posts.append(
                reply(
                    actor=authors[i % len(authors)], thread=thread, body=f"Reply number {i} with some detail."
                )
            )
    return posts


def bulk_posts(thread, count: int, *, authors):
    """Many replies at once for size tests (counters rebuilt by the recount, as forum_synchronize does)."""
    from django.utils import timezone

    from forum.actions.synchronize import synchronize_board, synchronize_thread
    from forum.markdown import render_markdown
    from forum.models import Post, Vote

    thread.refresh_from_db()
    start = thread.next_post_number
    now = timezone.now()
    posts = Post.objects.bulk_create(
        [
            Post(
                thread=thread,
                number=start + i,
                author=authors[i % len(authors)],
                body=f"Reply {i}: tried it again with **{i}** devices.",
                body_html=render_markdown(f"Reply {i}: tried it again with **{i}** devices."),
                created_at=now,
            )
            for i in range(count)
        ]
    )
    Vote.objects.bulk_create(
        [
            Vote(user=voter, post=post, created_at=now)
            for post in posts
            for voter in authors
            if voter.pk != post.author_id
        ]
    )
    synchronize_thread(thread)
    synchronize_board(thread.board)
    thread.refresh_from_db()
    return posts
