from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "api"
    verbose_name = "JSON API"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from api.actions.tokens import account_deleted
        from community import hooks

        hooks.register(hooks.Hook.PROFILES_ACCOUNT_DELETED, account_deleted)
