"""Atom feeds per board and per thread. Feeds are read as an anonymous visitor: a board or thread
that visitors cannot read has no feed (404), and hidden content never appears."""

from django.contrib.auth.models import AnonymousUser
from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed

from forum.models import Post, Thread
from forum.permissions import filter_posts, filter_threads
from forum.views.helpers import get_board, get_thread

FEED_SIZE = 30


class BoardFeed(Feed):
    feed_type = Atom1Feed

    def get_object(self, request, slug):
        return get_board(AnonymousUser(), slug)

    def title(self, board):
        return f"{board.name} · Canopy forum"

    def link(self, board):
        return board.get_absolute_url()

    def subtitle(self, board):
        return board.description

    def items(self, board):
        threads = filter_threads(AnonymousUser(), Thread.objects.filter(board=board))
        return list(threads.select_related("author", "first_post").order_by("-created_at", "-pk")[:FEED_SIZE])

    def item_title(self, thread):
        return thread.title

    def item_description(self, thread):
        return thread.first_post.body_html if thread.first_post else ""

    def item_author_name(self, thread):
        return thread.author.public_name if thread.author else "Former member"

    def item_pubdate(self, thread):
        return thread.created_at

    def item_updateddate(self, thread):
        return thread.last_post_at


class ThreadFeed(Feed):
    feed_type = Atom1Feed

    def get_object(self, request, pk):
        return get_thread(AnonymousUser(), pk)

    def title(self, thread):
        return thread.title

    def link(self, thread):
        return thread.get_absolute_url()

    def items(self, thread):
        posts = filter_posts(AnonymousUser(), Post.objects.filter(thread=thread))
        return list(posts.select_related("author", "thread").order_by("-number")[:FEED_SIZE])

    def item_title(self, post):
        return f"#{post.number} by {post.author.public_name if post.author else 'Former member'}"

    def item_description(self, post):
        return post.body_html

    def item_link(self, post):
        return post.get_absolute_url()

    def item_pubdate(self, post):
        return post.created_at

    def item_updateddate(self, post):
        return post.edited_at or post.created_at
