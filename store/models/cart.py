from django.conf import settings
from django.db import models


class Cart(models.Model):
    """A member's cart (``user``) or an anonymous visitor's (``session_key``); never both."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="store_cart"
    )
    session_key = models.CharField(max_length=64, null=True, blank=True, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(user__isnull=False, session_key__isnull=True)
                | models.Q(user__isnull=True, session_key__isnull=False),
                name="store_cart_owner_xor_session",
            )
        ]

    def __str__(self) -> str:
        return f"cart {self.pk}"


class CartLine(models.Model):
    cart = models.ForeignKey(Cart, on_delete=models.CASCADE, related_name="lines")
    variant = models.ForeignKey("store.Variant", on_delete=models.CASCADE, related_name="+")
    quantity = models.PositiveIntegerField()
    source_thread_id = models.PositiveBigIntegerField(
        null=True, blank=True, help_text="The forum thread whose product card added this line."
    )
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["cart", "variant"], name="store_cartline_one_per_variant"),
            models.CheckConstraint(condition=models.Q(quantity__gt=0), name="store_cartline_quantity_gt_0"),
        ]

    def __str__(self) -> str:
        return f"{self.quantity} x {self.variant_id}"
