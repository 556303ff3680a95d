"""The team edits rules and badges in the Wagtail admin (the code creates them: no add or delete
there, so a rule or badge the code names never goes missing). Levels live in Settings."""

from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup

from community.reputation.models import Badge, ReputationRule


class _EditOnly(ModelViewSet):
    copy_view_enabled = False
    inspect_view_enabled = False

    def get_index_view_kwargs(self, **kwargs):
        return super().get_index_view_kwargs(add_url_name=None, **kwargs)


class RuleViewSet(_EditOnly):
    model = ReputationRule
    name = "reputation_rules"
    url_prefix = "reputation/rules"
    icon = "list-ol"
    menu_label = "Reputation rules"
    list_display = ["name", "code", "points", "daily_cap", "is_active", "position"]
    ordering = ["position", "id"]


class BadgeViewSet(_EditOnly):
    model = Badge
    name = "reputation_badges"
    url_prefix = "reputation/badges"
    icon = "success"
    menu_label = "Badges"
    list_display = ["icon", "name", "code", "threshold", "position"]
    ordering = ["position", "id"]


class ReputationViewSetGroup(ModelViewSetGroup):
    menu_label = "Reputation"
    menu_icon = "pick"
    menu_order = 260
    items = (RuleViewSet, BadgeViewSet)


@hooks.register("register_admin_viewset")
def register_reputation_viewsets():
    return ReputationViewSetGroup()
