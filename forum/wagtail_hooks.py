"""The team's forum admin in Wagtail: the board tree (ordered by hand: drag to reorder), per-board
access and moderators. The moderation queue and audit log live at /forum/mod/ (linked from the menu)."""

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from forum.models import Board


class BoardViewSet(SnippetViewSet):
    model = Board
    icon = "list-ul"
    menu_label = "Boards"
    menu_order = 210
    add_to_admin_menu = True
    sort_order_field = "position"
    list_display = ["name", "parent", "kind", "read_access", "product", "thread_count"]
    list_filter = ["kind", "read_access"]
    search_fields = ["name", "slug", "description"]
    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("description"),
        FieldPanel("parent"),
        FieldPanel("kind"),
        FieldPanel("product"),
        MultiFieldPanel(
            [
                FieldPanel("read_access"),
                FieldPanel("start_access"),
                FieldPanel("reply_access"),
                FieldPanel("access_group"),
            ],
            heading="Who may read, start threads and reply",
        ),
        FieldPanel("moderators"),
    ]


register_snippet(BoardViewSet)


@hooks.register("register_admin_menu_item")
def register_moderation_queue_menu_item():
    return MenuItem("Forum moderation", "/forum/mod/", icon_name="warning", order=211)


@hooks.register("after_create_snippet")
@hooks.register("after_edit_snippet")
def reindex_board_after_admin_edit(request, instance):
    """The team edits boards in the admin (a write path that is Wagtail's, not an action): search must
    follow any change of access or parent at once, for the board and every board under it."""
    if isinstance(instance, Board):
        from forum.actions.boards import reindex_board_tree

        reindex_board_tree(board=instance)
