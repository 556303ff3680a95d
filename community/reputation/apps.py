from django.apps import AppConfig


class ReputationConfig(AppConfig):
    name = "community.reputation"
    label = "reputation"
    verbose_name = "Reputation"
    default_auto_field = "django.db.models.BigAutoField"

