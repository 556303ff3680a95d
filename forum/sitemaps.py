from django.contrib.auth.models import AnonymousUser
from django.contrib.sitemaps import Sitemap

from forum.models import Board, Thread
from forum.permissions import filter_boards, filter_threads


class BoardSitemap(Sitemap):
    changefreq = "hourly"
    priority = 0.6

    def items(self):
        return filter_boards(AnonymousUser(), Board.objects.exclude(kind=Board.Kind.SECTION)).order_by("pk")

    def lastmod(self, board):
        return board.last_post_at


class ThreadSitemap(Sitemap):
    changefreq = "daily"
    priority = 0.5
    limit = 5000

    def items(self):
        return (
            filter_threads(AnonymousUser(), Thread.objects.all())
            .only("pk", "title", "last_post_at")
            .order_by("pk")
        )

    def lastmod(self, thread):
        return thread.last_post_at


SITEMAPS = {"forum-boards": BoardSitemap, "forum-threads": ThreadSitemap}
