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
        self.connect_team_signal()

    @staticmethod
    def connect_team_signal() -> None:
        """Joining or leaving the product team moves the team mark stored beside the person's name
        elsewhere (community.profiles.people.team_membership_changed)."""
        from django.contrib.auth import get_user_model
        from django.db.models.signals import m2m_changed

        from community.profiles.people import team_membership_changed

        m2m_changed.connect(
            team_membership_changed,
            sender=get_user_model().groups.through,
            dispatch_uid="profiles.people.team_membership",
        )
