"""Limited drops: granting purchase-right codes to members."""

import secrets

from django.db import transaction

from store.models import Drop, PurchaseRight
from store.permissions import check_can_manage_orders

_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def new_code() -> str:
    return "".join(secrets.choice(_CODE_ALPHABET) for _ in range(10))


@transaction.atomic
def grant_purchase_right(*, drop: Drop, user, actor) -> PurchaseRight:
    """Give ``user`` a one-use code for ``drop``."""
    check_can_manage_orders(actor)
    return PurchaseRight.objects.create(drop=drop, user=user, code=new_code())
