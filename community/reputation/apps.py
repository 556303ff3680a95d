from django.apps import AppConfig


def team_permissions() -> list[str]:
    """The product team awards points by hand and tunes rules and badges (community.teams)."""
    return [
        "reputation.add_manualaward",
        "reputation.view_reputationrule",
        "reputation.change_reputationrule",
        "reputation.view_badge",
        "reputation.change_badge",
    ]


class ReputationConfig(AppConfig):
    name = "community.reputation"
    label = "reputation"
    verbose_name = "Reputation"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.db.models.signals import post_save

        from community import hooks
        from community.reputation.exports import export_reputation
        from community.reputation.levels import forget_level_table
        from community.reputation.models import LevelSettings

        post_save.connect(forget_level_table, sender=LevelSettings, dispatch_uid="reputation.levels.forget")
        hooks.register(hooks.Hook.PROFILES_EXPORT, export_reputation, order=10)
        hooks.register(hooks.Hook.TEAM_PERMISSIONS, team_permissions)
