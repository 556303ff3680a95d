"""What the store tells the people apps, through the hooks they name (registered in ``StoreConfig.ready``).
Each is one query (none when there is nothing to ask)."""

from django.urls import reverse

from community.reputation.api import VERIFIED_OWNER
from store.models import Order, OrderLine, Product


def owned_products(user) -> list[dict]:
    """``profiles.owned_products``: the products ``user`` verifiably owns (store/ownership.py's rule)."""
    if user is None or getattr(user, "pk", None) is None:
        return []
    owned = OrderLine.objects.filter(order__user_id=user.pk, order__status__in=Order.OWNER_STATUSES)
    return [
        {"product_id": pk, "name": name, "url": reverse("store:product", kwargs={"slug": slug})}
        for pk, name, slug in Product.objects.filter(pk__in=owned.values("product_id"))
        .order_by("name", "pk")
        .values_list("pk", "name", "slug")
    ]


def product_names(product_ids) -> dict[int, str]:
    """``community.product_names``: {id: name} of the products that exist among ``product_ids``."""
    ids = {int(pk) for pk in product_ids if pk is not None}
    if not ids:
        return {}
    return dict(Product.objects.filter(pk__in=ids).values_list("pk", "name"))


def product_choices() -> list[tuple[int, str]]:
    """``community.product_choices``: (id, name) of the products on sale, by name."""
    return list(Product.objects.active().order_by("name", "pk").values_list("pk", "name"))


def badge_holders() -> dict[str, set[int]]:
    """``reputation.badge_holders``: everyone who verifiably owns a product holds ``verified-owner``."""
    return {
        VERIFIED_OWNER: set(
            Order.objects.owned()
            .filter(user__isnull=False, lines__isnull=False)
            .values_list("user_id", flat=True)
            .distinct()
        )
    }
