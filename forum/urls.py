from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path

from forum.feeds import BoardFeed, ThreadFeed
from forum.sitemaps import SITEMAPS
from forum.views import boards, moderation, personal, threads

app_name = "forum"

urlpatterns = [
    path("", boards.index, name="index"),
    path("sitemap.xml", sitemap_views.sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("b/<slug:slug>/", boards.board, name="board"),
    path("b/<slug:slug>/new/", threads.new_thread, name="new_thread"),
    path("b/<slug:slug>/watch/", boards.watch_board, name="watch_board"),
    path("b/<slug:slug>/feed/", BoardFeed(), name="board_feed"),
    path("t/<int:pk>/", threads.thread, name="thread_short"),
    # Titles in any script: the slug may hold Chinese letters, which the slug converter (ASCII) refuses.
    path("t/<int:pk>/<str:slug>/", threads.thread, name="thread"),
    path("t/<int:pk>/-/reply/", threads.reply_view, name="reply"),
    path("t/<int:pk>/-/unread/", threads.first_unread, name="first_unread"),
    path("t/<int:pk>/-/watch/", threads.watch_thread, name="watch_thread"),
    path("t/<int:pk>/-/poll/", threads.poll_vote, name="poll_vote"),
    path("t/<int:pk>/-/feed/", ThreadFeed(), name="thread_feed"),
    path("t/<int:pk>/-/mod/<slug:action>/", moderation.thread_action, name="thread_action"),
    path("p/<int:pk>/", threads.post_permalink, name="post"),
    path("p/<int:pk>/edit/", threads.edit_view, name="edit_post"),
    path("p/<int:pk>/revisions/", threads.revisions, name="revisions"),
    path("p/<int:pk>/vote/", threads.vote, name="vote"),
    path("p/<int:pk>/bookmark/", threads.bookmark, name="bookmark"),
    path("p/<int:pk>/report/", threads.report, name="report"),
    path("p/<int:pk>/delete/", threads.delete_own, name="delete_own"),
    path("p/<int:pk>/mod/<slug:action>/", moderation.post_action, name="post_action"),
    path("drafts/", threads.draft, name="draft"),
    path("bookmarks/", personal.bookmarks, name="bookmarks"),
    path("mentions/", personal.mention_suggestions, name="mentions"),
    path("uploads/", personal.upload, name="upload"),
    path("mod/", moderation.queue, name="mod_queue"),
    path("mod/reports/<int:pk>/", moderation.report_outcome, name="report_outcome"),
    path("mod/log/", moderation.log, name="mod_log"),
    path("mod/members/<str:username>/suspend/", moderation.suspend, name="suspend"),
    path("", include("forum.feedback.urls")),  # feedback, releases, roadmap, changelog (forum/feedback)
]
