import secrets

from django.conf import settings
from django.db import models
from django.urls import reverse
from django_countries.fields import CountryField

_NUMBER_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def new_order_number() -> str:
    return "CN-" + "".join(secrets.choice(_NUMBER_ALPHABET) for _ in range(8))


class OrderQuerySet(models.QuerySet):
    def owned(self):
        """Orders that make the buyer an owner: paid and not fully refunded."""
        return self.filter(status__in=Order.OWNER_STATUSES)


class Order(models.Model):
    class Status(models.TextChoices):
        PENDING = "PENDING", "Awaiting payment"
        PAID = "PAID", "Paid"
        CANCELLED = "CANCELLED", "Cancelled"
        PARTIALLY_REFUNDED = "PARTIALLY_REFUNDED", "Partially refunded"
        REFUNDED = "REFUNDED", "Refunded"

    class Provider(models.TextChoices):
        STRIPE = "STRIPE", "Stripe"
        DEMO = "DEMO", "Demo (no money moves)"

    class Fulfilment(models.TextChoices):
        """Where the parcel is, apart from the payment: only forward, only for a paid order
        (store.actions.fulfilment)."""

        UNFULFILLED = "UNFULFILLED", "Not packed yet"
        PACKED = "PACKED", "Packed"
        SHIPPED = "SHIPPED", "Shipped"
        DELIVERED = "DELIVERED", "Delivered"

    OWNER_STATUSES = (Status.PAID, Status.PARTIALLY_REFUNDED)
    # Payment states in which the parcel may still move: an unpaid, cancelled or fully refunded order
    # is not packed or shipped.
    FULFILLABLE_STATUSES = (Status.PAID, Status.PARTIALLY_REFUNDED)

    number = models.CharField(max_length=16, unique=True, default=new_order_number)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="store_orders",
    )
    email = models.EmailField()
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PENDING)
    provider = models.CharField(max_length=10, choices=Provider.choices)
    currency = models.CharField(max_length=3)
    subtotal_minor = models.PositiveIntegerField()
    shipping_minor = models.PositiveIntegerField()
    tax_minor = models.PositiveIntegerField()
    total_minor = models.PositiveIntegerField()
    refunded_minor = models.PositiveIntegerField(default=0)

    shipping_name = models.CharField(max_length=120)
    shipping_line1 = models.CharField(max_length=200)
    shipping_line2 = models.CharField(max_length=200, blank=True)
    shipping_city = models.CharField(max_length=120)
    shipping_postal_code = models.CharField(max_length=20)
    # Chosen from the ISO 3166 list at checkout; blank only on orders from before the list whose free
    # text was not a country code (migration 0006 records an event on those).
    shipping_country = CountryField(blank=True, help_text="ISO 3166 alpha-2 code.")

    source_thread_id = models.PositiveBigIntegerField(
        null=True, blank=True, help_text="The forum thread the order was placed from."
    )
    drop = models.ForeignKey(
        "store.Drop", null=True, blank=True, on_delete=models.PROTECT, related_name="orders"
    )
    cart = models.ForeignKey(
        "store.Cart",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The cart this order was placed from.",
    )
    checkout_key = models.CharField(
        max_length=64,
        blank=True,
        help_text="The checkout form's one-time key: submitting the same form again returns this order.",
    )
    stripe_checkout_session_id = models.CharField(max_length=255, null=True, blank=True, unique=True)
    stripe_checkout_url = models.TextField(blank=True)
    stripe_payment_intent_id = models.CharField(max_length=255, blank=True)
    fulfilment_status = models.CharField(
        max_length=12, choices=Fulfilment.choices, default=Fulfilment.UNFULFILLED
    )
    carrier = models.CharField(
        max_length=60, blank=True, help_text="Who carries the parcel (store.carriers names the known ones)."
    )
    tracking_number = models.CharField(max_length=120, blank=True)

    reserved_until = models.DateTimeField(help_text="Unpaid orders release their stock at this time.")
    created_at = models.DateTimeField(auto_now_add=True)
    paid_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = OrderQuerySet.as_manager()

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(refunded_minor__lte=models.F("total_minor")),
                name="store_order_refund_lte_total",
            ),
            models.CheckConstraint(
                condition=models.Q(
                    total_minor=models.F("subtotal_minor")
                    + models.F("shipping_minor")
                    + models.F("tax_minor")
                ),
                name="store_order_total_adds_up",
            ),
            models.UniqueConstraint(
                fields=["cart", "checkout_key"],
                condition=~models.Q(checkout_key=""),
                name="store_order_one_per_checkout_key",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "created_at"]),
            models.Index(fields=["user", "created_at"]),
            models.Index(fields=["fulfilment_status", "created_at"]),
        ]

    def __str__(self) -> str:
        return self.number

    def get_absolute_url(self) -> str:
        return reverse("store:order", kwargs={"number": self.number})

    def total_display(self) -> str:
        from store.money import format_money

        return format_money(self.total_minor, self.currency)

    total_display.short_description = "Total"

    @property
    def refundable_minor(self) -> int:
        return self.total_minor - self.refunded_minor

    @property
    def is_pending(self) -> bool:
        return self.status == self.Status.PENDING

    @property
    def tracking_url(self) -> str:
        """The carrier's tracking page for this parcel, or "" for a carrier store.carriers does not know."""
        from store.carriers import tracking_url

        return tracking_url(carrier=self.carrier, tracking_number=self.tracking_number)


class OrderLine(models.Model):
    """What was sold, as it was sold: title, SKU and unit price are copied, not looked up."""

    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="lines")
    product = models.ForeignKey(
        "store.Product", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    variant = models.ForeignKey(
        "store.Variant", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    title = models.CharField(max_length=250)
    sku = models.CharField(max_length=64)
    unit_price_minor = models.PositiveIntegerField()
    quantity = models.PositiveIntegerField()
    total_minor = models.PositiveIntegerField()
    source_thread_id = models.PositiveBigIntegerField(null=True, blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(condition=models.Q(quantity__gt=0), name="store_orderline_quantity_gt_0"),
            models.CheckConstraint(
                condition=models.Q(total_minor=models.F("unit_price_minor") * models.F("quantity")),
                name="store_orderline_total_adds_up",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.quantity} x {self.title}"


class OrderEvent(models.Model):
    """One row per thing that happened to an order: status moves, payments, refunds, shipping."""

    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=40)
    from_status = models.CharField(max_length=20, blank=True)
    to_status = models.CharField(max_length=20, blank=True)
    message = models.CharField(max_length=500, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    data = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.order_id} {self.kind}"


class StockReservation(models.Model):
    class Status(models.TextChoices):
        ACTIVE = "ACTIVE", "Active"
        CONSUMED = "CONSUMED", "Consumed by payment"
        RELEASED = "RELEASED", "Released"

    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="reservations")
    variant = models.ForeignKey("store.Variant", on_delete=models.CASCADE, related_name="reservations")
    quantity = models.PositiveIntegerField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.ACTIVE)
    expires_at = models.DateTimeField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["status", "expires_at"])]

    def __str__(self) -> str:
        return f"{self.quantity} x {self.variant_id} ({self.status})"


class Refund(models.Model):
    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="refunds")
    amount_minor = models.PositiveIntegerField()
    stripe_refund_id = models.CharField(max_length=255, null=True, blank=True, unique=True)
    reason = models.CharField(max_length=200, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.amount_minor} on {self.order_id}"


class StripeEvent(models.Model):
    """One row per Stripe event id: the unique constraint makes handling an event twice impossible."""

    event_id = models.CharField(max_length=255, unique=True)
    type = models.CharField(max_length=100)
    order = models.ForeignKey(Order, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    outcome = models.CharField(max_length=200, blank=True)
    received_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.event_id
