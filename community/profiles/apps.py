from django.apps import AppConfig


def team_permissions() -> list[str]:
    """The product team runs the tester programmes (community.teams)."""
    return [
        "profiles.manage_testers",
        *(f"profiles.{verb}_testerprogramme" for verb in ("view", "add", "change")),
    ]


class ProfilesConfig(AppConfig):
    name = "community.profiles"
    label = "profiles"
    verbose_name = "Profiles"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from community import hooks
        from community.profiles.testers import beta_tester_holders

        hooks.register(hooks.Hook.REPUTATION_BADGE_HOLDERS, beta_tester_holders)
        hooks.register(hooks.Hook.TEAM_PERMISSIONS, team_permissions)
