from django.apps import AppConfig


def team_permissions() -> list[str]:
    """The product team moderates every board and keeps the board tree (community.teams)."""
    return ["forum.moderate_forum", "forum.view_board", "forum.add_board", "forum.change_board"]


class ForumConfig(AppConfig):
    name = "forum"
    verbose_name = "Forum"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from community import hooks
        from forum import people
        from forum.home import announcements, featured_boards, latest_panel
        from forum.queries import visible_notification_keys

        hooks.register(hooks.Hook.HOME_FEATURED_BOARDS, featured_boards)
        hooks.register(hooks.Hook.HOME_ANNOUNCEMENTS, announcements)
        hooks.register(hooks.Hook.HOME_LATEST, latest_panel)
        hooks.register(hooks.Hook.NOTIFICATIONS_VISIBLE_KEYS, visible_notification_keys)
        hooks.register(hooks.Hook.PROFILES_ACTIVITY_TABS, people.activity_tabs)
        hooks.register(hooks.Hook.PROFILES_FEED_ITEMS, people.feed_items)
        hooks.register(hooks.Hook.PROFILES_EXPORT, people.export)
        hooks.register(hooks.Hook.PROFILES_ACCOUNT_DELETED, people.account_deleted)
        hooks.register(hooks.Hook.PROFILES_NAME_CHANGED, people.name_changed)
        hooks.register(hooks.Hook.PROFILES_PERSON_CHANGED, people.person_changed)
        hooks.register(hooks.Hook.TEAM_PERMISSIONS, team_permissions)
        from forum.rendering import entities_changed

        hooks.register(hooks.Hook.SEARCH_ENTITIES_CHANGED, entities_changed)
        self.connect_access_signals()

    @staticmethod
    def connect_access_signals():
        """Cached board access (forum.permissions) moves on when boards, groups or memberships change."""
        from django.contrib.auth import get_user_model
        from django.contrib.auth.models import Group
        from django.db.models.signals import m2m_changed, post_delete, post_save

        from forum.models import Board
        from forum.permissions import forget_all_access

        for model in (Board, Group):
            post_save.connect(
                forget_all_access, sender=model, dispatch_uid=f"forum.access.{model.__name__}.save"
            )
            post_delete.connect(
                forget_all_access, sender=model, dispatch_uid=f"forum.access.{model.__name__}.del"
            )
        for through in (Board.moderators.through, get_user_model().groups.through):
            m2m_changed.connect(
                forget_all_access, sender=through, dispatch_uid=f"forum.access.{through.__name__}"
            )
