"""Verified owners: a paid order of a product (not fully refunded) makes the buyer an owner.

This module is the one place for that rule. The forum calls these to badge owners' posts in a
product's boards and to count owners' votes on feedback (``owners_subquery`` inside its queries).
"""

from collections.abc import Iterable

from store.models import Order, OrderLine


def owners_subquery(product_ref, *, user_ref=None):
    """A ``values("order__user_id")`` queryset of the owners of ``product_ref`` (an id or an
    ``OuterRef``), for ``user_id__in=...`` or ``Exists(...)`` inside another query. With ``user_ref``
    (an id or an ``OuterRef``) it is narrowed to that one person."""
    lines = OrderLine.objects.filter(product_id=product_ref, order__status__in=Order.OWNER_STATUSES)
    if user_ref is not None:
        lines = lines.filter(order__user_id=user_ref)
    return lines.values("order__user_id")


def owner_user_ids(*, product_id: int, user_ids: Iterable[int]) -> set[int]:
    """Which of ``user_ids`` own ``product_id``. One query, whatever the number of users."""
    ids = {int(user_id) for user_id in user_ids if user_id is not None}
    if not ids:
        return set()
    return set(
        owners_subquery(product_id)
        .filter(order__user_id__in=ids)
        .values_list("order__user_id", flat=True)
        .distinct()
    )


def is_verified_owner(*, user, product) -> bool:
    if user is None or not getattr(user, "is_authenticated", False):
        return False
    product_id = getattr(product, "pk", product)
    return bool(owner_user_ids(product_id=product_id, user_ids=[user.pk]))
