"""The stable string keys the forum names its things by, spelt here only: notification targets and
reputation subjects (``forum.post:12``, ``forum.thread:7``, checked by the forum's
``notifications.visible_keys`` hook) and draft places (``thread:7``, ``board:3``). Each helper takes
the model or its id (bulk writers and the ledger have only ids)."""

from forum.models import Board, Post, Thread

POST_PREFIX = "forum.post:"
THREAD_PREFIX = "forum.thread:"


def _pk(thing) -> int:
    return int(getattr(thing, "pk", thing))


def post_key(post: Post | int) -> str:
    return f"{POST_PREFIX}{_pk(post)}"


def thread_key(thread: Thread | int) -> str:
    return f"{THREAD_PREFIX}{_pk(thread)}"


def draft_key(*, board: Board | int | None = None, thread: Thread | int | None = None) -> str:
    return f"thread:{_pk(thread)}" if thread is not None else f"board:{_pk(board)}"


def ids_in(keys, prefix: str) -> set[int]:
    """The ids of the keys that start with ``prefix`` (POST_PREFIX or THREAD_PREFIX); others are skipped."""
    return {
        int(key[len(prefix) :]) for key in keys if key.startswith(prefix) and key[len(prefix) :].isdigit()
    }
