from community import hooks
from community.notifications.models import DEFAULT_EMAIL_MODES, NotificationPreference


def visible(user, rows):
    """Drop rows (dicts or Notifications with ``target_key``) whose target the person can no longer
    see, asking every ``notifications.visible_keys`` hook about the keys it knows."""
    keys = {(row["target_key"] if isinstance(row, dict) else row.target_key) for row in rows}
    keys.discard("")
    if not keys or user is None:
        return list(rows)
    hidden: set[str] = set()
    for check in hooks.get(hooks.Hook.NOTIFICATIONS_VISIBLE_KEYS):
        known = {key for key in keys if key.split(":", 1)[0] in getattr(check, "prefixes", ())}
        if known:
            hidden |= known - set(check(user, known))
    return [
        row for row in rows if (row["target_key"] if isinstance(row, dict) else row.target_key) not in hidden
    ]


def notification_centre(user, *, limit: int = 50):
    rows = list(user.notifications.select_related("actor").order_by("-created_at", "-id")[:limit])
    return visible(user, rows)


def email_preferences(user) -> dict[str, str]:
    modes = dict(DEFAULT_EMAIL_MODES)
    modes.update(NotificationPreference.objects.filter(user=user).values_list("kind", "email_mode"))
    return modes
