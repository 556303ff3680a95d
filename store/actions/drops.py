"""Limited drops: the team creating and editing them, and granting purchase-right codes to members."""

from django.db import transaction
from django.db.models import F

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


@transaction.atomic
def create_drop(*, drop: Drop) -> Drop:
    """Save a new drop (from the team's admin form): ``remaining`` starts equal to ``quantity``."""
    drop.remaining = drop.quantity
    drop.save()
    return drop


@transaction.atomic
def update_drop(*, drop: Drop, fields: list[str], previous_quantity: int) -> Drop:
    """Save the team's edit of ``fields``; ``remaining`` moves by the change in quantity, with F() so
    units sold meanwhile are kept (the database refuses a negative rest)."""
    drop.save(update_fields=[name for name in fields if name != "remaining"])
    delta = drop.quantity - previous_quantity
    if delta:
        Drop.objects.filter(pk=drop.pk).update(remaining=F("remaining") + delta)
    return drop
