"""Tester programmes in the Wagtail admin: the team edits a programme (rules, product, group) here;
admitting, declining and removing happen on the programme's manage page
(/people/programmes/<slug>/manage/), which calls the actions."""

from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet

from community.profiles.models import TesterProgramme


class TesterProgrammeViewSet(ModelViewSet):
    model = TesterProgramme
    name = "tester_programmes"
    url_prefix = "community/tester-programmes"
    icon = "group"
    menu_label = "Tester programmes"
    menu_order = 270
    add_to_admin_menu = True
    list_display = ["name", "product_id", "is_open", "minimum_score"]
    ordering = ["name"]
    copy_view_enabled = False
    inspect_view_enabled = False


@hooks.register("register_admin_viewset")
def register_tester_programmes():
    return TesterProgrammeViewSet()
