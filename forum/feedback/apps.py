from django.apps import AppConfig


def team_permissions() -> list[str]:
    """The product team ships releases (drafts, publish) and keeps statuses and environment fields."""
    return [
        *(f"feedback.{verb}_release" for verb in ("view", "add", "change", "publish")),
        *(f"feedback.{verb}_status" for verb in ("view", "add", "change")),
        *(f"feedback.{verb}_environmentschema" for verb in ("view", "add", "change")),
    ]


class FeedbackConfig(AppConfig):
    """Bug reports and suggestions on forum threads, statuses, releases and the changelog (issue 6)."""

    name = "forum.feedback"
    label = "feedback"
    verbose_name = "Feedback and releases"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from community import hooks
        from forum.feedback import hooks as feedback_hooks
        from forum.feedback import signals

        signals.connect()
        hooks.register(hooks.Hook.TEAM_PERMISSIONS, team_permissions)
        hooks.register(hooks.Hook.FORUM_THREAD_BADGES, feedback_hooks.thread_badges)
        hooks.register(hooks.Hook.FORUM_LISTING_BADGES, feedback_hooks.listing_badges)
        hooks.register(hooks.Hook.FORUM_NAV_LINKS, feedback_hooks.nav_links)
        hooks.register(hooks.Hook.FORUM_THREAD_DEPENDENTS, feedback_hooks.thread_dependents)
        hooks.register(hooks.Hook.PROFILES_ACTIVITY_TABS, feedback_hooks.activity_tabs, order=10)
