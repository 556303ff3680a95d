"""Who manages webhooks: the product team (its group holds the permission, community.teams) and
superusers. A subscription's payloads follow its owner's own reading rights (webhooks.payloads)."""

from django.core.exceptions import PermissionDenied

MANAGE_PERMISSION = "webhooks.change_subscription"


def can_manage_webhooks(user) -> bool:
    return bool(
        user is not None
        and getattr(user, "is_authenticated", False)
        and user.is_active
        and user.has_perm(MANAGE_PERMISSION)
    )


def check_manage_webhooks(user) -> None:
    if not can_manage_webhooks(user):
        raise PermissionDenied("Only the product team manages webhooks.")
