"""Verified owners: a paid order of a product (not fully refunded) makes the buyer an owner.

The forum calls these to badge owners' posts in a product's boards.
"""

from collections.abc import Iterable

from store.models import Order, OrderLine


def owner_user_ids(*, product_id: int, user_ids: Iterable[int]) -> set[int]:
    """Which of ``user_ids`` own ``product_id``. One query, whatever the number of users."""
    ids = {int(user_id) for user_id in user_ids if user_id is not None}
    if not ids:
        return set()
    return set(
        OrderLine.objects.filter(
            product_id=product_id,
            order__user_id__in=ids,
            order__status__in=Order.OWNER_STATUSES,
        )
        .values_list("order__user_id", flat=True)
        .distinct()
    )


def is_verified_owner(*, user, product) -> bool:
    if user is None or not getattr(user, "is_authenticated", False):
        return False
    product_id = getattr(product, "pk", product)
    return bool(owner_user_ids(product_id=product_id, user_ids=[user.pk]))
