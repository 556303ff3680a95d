"""Helpers for reputation tests: sources are referenced as ("app_label.model", pk), the way the
forum passes a vote or post it owns (the community never imports the forum)."""

from itertools import count

_ids = count(1000)


def vote_source() -> tuple[str, int]:
    return ("forum.vote", next(_ids))


def post_source() -> tuple[str, int]:
    return ("forum.post", next(_ids))


def thread_source() -> tuple[str, int]:
    return ("forum.thread", next(_ids))
