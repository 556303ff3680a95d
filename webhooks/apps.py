from django.apps import AppConfig


def team_permissions() -> list[str]:
    """The product team subscribes URLs to events, reads the delivery log, replays and rotates."""
    return [f"webhooks.{verb}_subscription" for verb in ("view", "add", "change", "delete")]


class WebhooksConfig(AppConfig):
    """Outgoing webhooks (Standard Webhooks): the events the actions announce (community.events),
    signed and delivered by the task worker to the URLs the team subscribed."""

    name = "webhooks"
    verbose_name = "Webhooks"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from community import hooks
        from webhooks.receivers import event_happened

        hooks.register(hooks.Hook.EVENTS_HAPPENED, event_happened)
        hooks.register(hooks.Hook.TEAM_PERMISSIONS, team_permissions)
