from django.apps import AppConfig


class ReputationConfig(AppConfig):
    name = "community.reputation"
    label = "reputation"
    verbose_name = "Reputation"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from community import hooks
        from community.reputation.exports import export_reputation

        hooks.register("profiles.export", export_reputation, order=10)
