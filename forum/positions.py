"""Where a post is in a long thread: the thread page's position control (page N of M, first unread,
last post, go to post #) leads through ``forum:goto_post``, which finds the post and its page here.

The control itself reads nothing: it is built from what ``queries.thread_page`` already read (the
page, the page count, the reader's watermark and the thread's last post number).
"""

from forum import conf
from forum.models import Post, Thread
from forum.permissions import filter_posts


def post_at_number(user, thread: Thread, number: int) -> tuple[Post, int] | None:
    """The post the reader asked for by its number, with the page it is on: post #``number`` when they
    may see it, else the nearest visible one before it (a hidden or deleted post, or a number past the
    end: the last post), else the first. Two queries: the post, then how many visible posts precede
    it. None when the reader sees no post of the thread."""
    visible = filter_posts(user, Post.objects.filter(thread=thread)).only("pk", "number", "thread_id")
    post = visible.filter(number__lte=number).order_by("-number").first()
    if post is None:
        post = visible.order_by("number").first()
        if post is None:
            return None
        return post, 1
    before = visible.filter(number__lt=post.number).count()
    return post, before // conf.posts_per_page() + 1


def post_url(thread: Thread, number: int, page: int) -> str:
    """The thread page holding post #``number``, scrolled to it."""
    return thread.get_absolute_url() + (f"?page={page}" if page > 1 else "") + f"#p{number}"
