from django.urls import path

import community.parsing  # noqa: F401  (registers the <id:...> path converter)
from forum.feedback.feeds import ChangelogFeed
from forum.feedback.views import items, releases, triage

app_name = "feedback"

urlpatterns = [
    path("feedback/new/<slug:slug>/", items.new_feedback, name="new"),
    path("feedback/similar/", items.similar, name="similar"),
    path("feedback/triage/", triage.board, name="triage"),
    path("feedback/triage.csv", triage.export_csv, name="triage_csv"),
    path("feedback/triage/bulk/", triage.bulk_status, name="bulk_status"),
    path("feedback/report/", triage.weekly_report, name="report"),
    path("feedback/<id:pk>/", items.item_detail, name="item"),
    path("feedback/<id:pk>/status/", items.change_status, name="status"),
    path("feedback/<id:pk>/note/", items.add_note, name="note"),
    path("feedback/<id:pk>/merge/", items.merge, name="merge"),
    path("feedback/<id:pk>/merge/candidates/", items.merge_candidates_view, name="merge_candidates"),
    path("releases/<slug:product>/<str:version>/", releases.release, name="release"),
    path("releases/<slug:product>/<str:version>/rate/", releases.rate, name="rate"),
    path("releases/<slug:product>/<str:version>/publish/", releases.publish, name="publish"),
    path("changelog/<slug:product>/", releases.changelog, name="changelog"),
    path("changelog/<slug:product>/feed/", ChangelogFeed(), name="changelog_feed"),
    path("changelog/<slug:product>/subscribe/", releases.subscribe, name="subscribe"),
    path("roadmap/<slug:product>/", releases.roadmap_view, name="roadmap"),
]
