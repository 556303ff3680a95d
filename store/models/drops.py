import secrets

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone

_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def new_purchase_code() -> str:
    return "".join(secrets.choice(_CODE_ALPHABET) for _ in range(10))


class Drop(models.Model):
    """A limited sale: opens at a time, sells a fixed number of units, caps what one person can buy."""

    product = models.ForeignKey("store.Product", on_delete=models.CASCADE, related_name="drops")
    title = models.CharField(max_length=120)
    slug = models.SlugField(max_length=120, unique=True)
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField(null=True, blank=True)
    quantity = models.PositiveIntegerField(help_text="Units on sale in this drop.")
    remaining = models.IntegerField(help_text="Units not yet reserved or sold. Starts equal to quantity.")
    per_person_limit = models.PositiveSmallIntegerField(default=1)
    requires_code = models.BooleanField(
        default=False, help_text="Only members holding a purchase-right code can buy."
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.CheckConstraint(condition=models.Q(remaining__gte=0), name="store_drop_remaining_gte_0"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("store:drop", kwargs={"slug": self.slug})

    def is_open(self, now=None) -> bool:
        now = now or timezone.now()
        return self.starts_at <= now and (self.ends_at is None or now < self.ends_at)

    def has_ended(self, now=None) -> bool:
        now = now or timezone.now()
        return self.ends_at is not None and now >= self.ends_at


class DropEntry(models.Model):
    """How many units of a drop one member holds (reserved or bought); enforces the per-person limit."""

    drop = models.ForeignKey(Drop, on_delete=models.CASCADE, related_name="entries")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    quantity = models.IntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["drop", "user"], name="store_dropentry_one_per_user"),
            models.CheckConstraint(
                condition=models.Q(quantity__gte=0), name="store_dropentry_quantity_gte_0"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} in {self.drop_id}: {self.quantity}"


class PurchaseRight(models.Model):
    """A one-use code that lets a member buy in a drop that requires one."""

    drop = models.ForeignKey(Drop, on_delete=models.CASCADE, related_name="purchase_rights")
    code = models.CharField(max_length=32, unique=True, default=new_purchase_code)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="purchase_rights"
    )
    granted_at = models.DateTimeField(auto_now_add=True)
    used_at = models.DateTimeField(null=True, blank=True)
    order = models.ForeignKey(
        "store.Order", null=True, blank=True, on_delete=models.SET_NULL, related_name="purchase_rights"
    )

    def __str__(self) -> str:
        return self.code
