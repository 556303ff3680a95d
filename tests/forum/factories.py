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


def make_thread(*, board=None, author=None, title="How do I pair the remote?", body="It blinks twice and stops.", **kwargs):
    board = board or BoardFactory()
    author = author or UserFactory()
    with limits_off():
        return start_thread(actor=author, board=board, title=title, body=body, **kwargs)


def make_replies(thread, count: int, *, authors=None):
    authors = authors or [UserFactory(username=f"replier{i}") for i in range(3)]
    posts = []
    with limits_off():
        for i in range(count):
            posts.append(reply(actor=authors[i % len(authors)], thread=thread, body=f"Reply number {i} with some detail."))
    return posts
