from django.apps import AppConfig


class ProfilesConfig(AppConfig):
    name = "community.profiles"
    label = "profiles"
    verbose_name = "Profiles"
    default_auto_field = "django.db.models.BigAutoField"

