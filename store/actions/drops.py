"""Limited drops: granting purchase-right codes to members."""

from django.db import transaction

from store.models import Drop, PurchaseRight
from store.models.drops import new_purchase_code
from store.permissions import check_can_manage_orders


@transaction.atomic
def grant_purchase_right(*, drop: Drop, user, actor) -> PurchaseRight:
    """Give ``user`` (a user or a user id) a one-use code for ``drop``."""
    check_can_manage_orders(actor)
    return PurchaseRight.objects.create(
        drop=drop, user_id=getattr(user, "pk", user), code=new_purchase_code()
    )
