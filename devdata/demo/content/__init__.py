"""What the demo's members wrote, per board. A thread is ``T(title, author, body, replies, ...)``;
a reply is ``R(author, text)`` (``author`` None: someone who has not spoken in the thread yet).
In a text, ``{op}`` is an @mention of the thread's author and ``{prev}`` of the previous post's
author. ``R(..., quote=n)`` quotes post ``n`` of the thread; ``R(..., reply_to=n)`` answers it.
``[[product:slug]]`` puts a live product card in the post."""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class R:
    author: str | None
    text: str
    quote: int | None = None
    reply_to: int | None = None


@dataclass(frozen=True)
class T:
    title: str
    author: str
    body: str
    replies: list[R] = field(default_factory=list)
    days_ago: float = 10
    votes: int = 3  # opening-post votes
    tags: tuple = ()
    poll: dict | None = None
    screenshot: tuple | None = None  # (title, [lines]) drawn and attached to the opening post
