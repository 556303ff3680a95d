from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path

import community.parsing  # noqa: F401  (registers the <id:...> path converter)
from forum.feeds import BoardFeed, ThreadFeed
from forum.sitemaps import SITEMAPS
from forum.views import boards, composer, moderation, personal, threads

app_name = "forum"

urlpatterns = [
    path("", boards.index, name="index"),
    path("sitemap.xml", sitemap_views.sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("b/<slug:slug>/", boards.board, name="board"),
    path("b/<slug:slug>/new/", threads.new_thread, name="new_thread"),
    path("b/<slug:slug>/watch/", boards.watch_board, name="watch_board"),
    path("b/<slug:slug>/feed/", BoardFeed(), name="board_feed"),
    path("t/<id:pk>/", threads.thread, name="thread_short"),
    # Titles in any script: the slug may hold Chinese letters, which the slug converter (ASCII) refuses.
    path("t/<id:pk>/<str:slug>/", threads.thread, name="thread"),
    path("t/<id:pk>/-/reply/", threads.reply_view, name="reply"),
    path("t/<id:pk>/-/unread/", threads.first_unread, name="first_unread"),
    path("t/<id:pk>/-/goto/", threads.goto_post, name="goto_post"),
    path("t/<id:pk>/-/read/", threads.read_marker, name="read_marker"),
    path("t/<id:pk>/-/watch/", threads.watch_thread, name="watch_thread"),
    path("t/<id:pk>/-/poll/", threads.poll_vote, name="poll_vote"),
    path("t/<id:pk>/-/feed/", ThreadFeed(), name="thread_feed"),
    path("t/<id:pk>/-/mod/<slug:action>/", moderation.thread_action, name="thread_action"),
    path("p/<id:pk>/", threads.post_permalink, name="post"),
    path("p/<id:pk>/edit/", threads.edit_view, name="edit_post"),
    path("p/<id:pk>/revisions/", threads.revisions, name="revisions"),
    path("p/<id:pk>/vote/", threads.vote, name="vote"),
    path("p/<id:pk>/bookmark/", threads.bookmark, name="bookmark"),
    path("p/<id:pk>/report/", threads.report, name="report"),
    path("p/<id:pk>/delete/", threads.delete_own, name="delete_own"),
    path("p/<id:pk>/mod/<slug:action>/", moderation.post_action, name="post_action"),
    path("drafts/", threads.draft, name="draft"),
    path("bookmarks/", personal.bookmarks, name="bookmarks"),
    path("mentions/", composer.people, name="mentions"),
    path("composer/products/", composer.products, name="composer_products"),
    path("composer/preview/", composer.preview, name="preview"),
    path("uploads/", personal.upload, name="upload"),
    path("mod/", moderation.queue, name="mod_queue"),
    path("mod/reports/<id:pk>/", moderation.report_outcome, name="report_outcome"),
    path("mod/log/", moderation.log, name="mod_log"),
    path("mod/members/<str:username>/suspend/", moderation.suspend, name="suspend"),
    path("", include("forum.feedback.urls")),  # feedback, releases, roadmap, changelog (forum/feedback)
]
