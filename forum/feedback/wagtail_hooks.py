"""The team's back office in Wagtail: releases (drafts, revisions, publish), statuses and
per-product environment fields as snippets. Publishing a release in the admin runs
``publish_release`` (see signals.py)."""

from wagtail.admin.panels import FieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from forum.feedback.models import EnvironmentSchema, Release, Status


class ReleaseViewSet(SnippetViewSet):
    model = Release
    icon = "date"
    menu_label = "Releases"
    list_display = ["__str__", "channel", "released_on", "live"]
    list_filter = ["product", "channel", "live"]
    search_fields = ["version", "changelog"]
    ordering = ["-released_on", "-pk"]
    panels = [
        FieldPanel("product"),
        FieldPanel("version"),
        FieldPanel("channel"),
        FieldPanel("released_on"),
        FieldPanel("changelog"),
    ]


class StatusViewSet(SnippetViewSet):
    model = Status
    icon = "tag"
    menu_label = "Statuses"
    list_display = ["name", "key", "category", "position"]
    ordering = ["position", "pk"]
    panels = [
        FieldPanel("name"),
        FieldPanel("key"),
        FieldPanel("category"),
        FieldPanel("position"),
        FieldPanel("description"),
    ]


class EnvironmentSchemaViewSet(SnippetViewSet):
    model = EnvironmentSchema
    icon = "form"
    menu_label = "Environment fields"
    list_display = ["__str__"]
    ordering = ["product__name"]
    panels = [FieldPanel("product"), FieldPanel("fields")]


class FeedbackGroup(SnippetViewSetGroup):
    menu_label = "Feedback"
    menu_icon = "help"
    menu_order = 250
    items = (ReleaseViewSet, StatusViewSet, EnvironmentSchemaViewSet)


register_snippet(FeedbackGroup)
