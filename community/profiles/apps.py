from django.apps import AppConfig


class ProfilesConfig(AppConfig):
    name = "community.profiles"
    label = "profiles"
    verbose_name = "Profiles"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from community import hooks
        from community.profiles.demo import seed_people_demo
        from community.profiles.testers import beta_tester_holders

        hooks.register("demo.seed", seed_people_demo, order=50)
        hooks.register("reputation.badge_holders", beta_tester_holders)
