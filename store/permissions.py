"""Who may manage the store: members of staff with the store's order permission (or superusers)."""

from django.core.exceptions import PermissionDenied

MANAGE_ORDERS_PERMISSION = "store.change_order"


def can_manage_orders(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active and user.has_perm(MANAGE_ORDERS_PERMISSION))


def check_can_manage_orders(user) -> None:
    if not can_manage_orders(user):
        raise PermissionDenied("You cannot manage store orders.")


def check_can_view_order(*, user, session, order) -> bool:
    """The buyer, a visitor whose session placed it, or the team may see an order."""
    if order.user_id is not None and getattr(user, "pk", None) == order.user_id:
        return True
    if order.user_id is None and order.number in session.get("store_orders", []):
        return True
    return can_manage_orders(user)
