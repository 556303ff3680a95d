from django.db import models
from django.urls import reverse
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.models import Orderable

from store import conf


class Category(models.Model):
    name = models.CharField(max_length=80)
    slug = models.SlugField(max_length=80, unique=True)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name_plural = "categories"

    def __str__(self) -> str:
        return self.name


class ProductQuerySet(models.QuerySet):
    def active(self):
        return self.filter(status=Product.Status.ACTIVE)


class Product(ClusterableModel):
    """A product people buy and discuss. Boards, releases and feedback belong to a product."""

    class Status(models.TextChoices):
        DRAFT = "DRAFT", "Draft"
        ACTIVE = "ACTIVE", "Active"

    name = models.CharField(max_length=120)
    slug = models.SlugField(max_length=120, unique=True)
    category = models.ForeignKey(
        Category, null=True, blank=True, on_delete=models.SET_NULL, related_name="products"
    )
    description = models.TextField(blank=True, help_text="Markdown.")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    aliases = models.JSONField(
        default=list, blank=True, help_text="Other names people use for it (search links threads by these)."
    )
    version_pattern = models.CharField(
        max_length=200,
        blank=True,
        help_text="A regular expression that matches this product's release versions, e.g. V\\d+(\\.\\d+){3} "
        "or \\d+\\.\\d+\\.\\d+. Empty uses semantic versions.",
    )
    max_per_order = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        help_text="The most units of one variant in an order. Empty uses the store default.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ProductQuerySet.as_manager()

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("store:product", kwargs={"slug": self.slug})

    @property
    def quantity_limit(self) -> int:
        limit = conf.max_quantity_per_line()
        return min(limit, self.max_per_order) if self.max_per_order else limit


class Variant(Orderable):
    """One buyable form of a product (a colour and storage size, say), with its own SKU, price and stock."""

    product = ParentalKey(Product, on_delete=models.CASCADE, related_name="variants")
    sku = models.CharField("SKU", max_length=64, unique=True)
    options = models.JSONField(
        default=dict,
        blank=True,
        help_text='Option name to value, e.g. {"Colour": "Black", "Storage": "256 GB"}.',
    )
    price_minor = models.PositiveIntegerField(help_text="Price in minor units (cents): 129900 is 1,299.00.")
    currency = models.CharField(max_length=3, default=conf.default_currency)
    stock = models.IntegerField(
        default=0, help_text="Units available to sell (reserved units are not counted)."
    )
    is_active = models.BooleanField(default=True)

    class Meta(Orderable.Meta):
        constraints = [
            models.CheckConstraint(condition=models.Q(stock__gte=0), name="store_variant_stock_gte_0"),
            models.CheckConstraint(condition=models.Q(price_minor__gte=0), name="store_variant_price_gte_0"),
        ]

    def __str__(self) -> str:
        return f"{self.product.name} {self.label}".strip() if self.product_id else self.sku

    @property
    def label(self) -> str:
        return " / ".join(str(value) for value in (self.options or {}).values())

    @property
    def in_stock(self) -> bool:
        return self.is_active and self.stock > 0


class ProductImage(Orderable):
    """One picture in a product's gallery, in the team's order (the first is the product card's)."""

    product = ParentalKey(Product, on_delete=models.CASCADE, related_name="images")
    image = models.ForeignKey("wagtailimages.Image", on_delete=models.CASCADE, related_name="+")
    alt_text = models.CharField(max_length=200, blank=True)
    option_value = models.CharField(
        max_length=80,
        blank=True,
        help_text="The option this picture shows, e.g. the colour Forest Green: picking a version "
        "with that value shows this picture, and its version button carries it as a swatch. "
        "Empty for a picture of every version.",
    )

    def __str__(self) -> str:
        return self.alt_text or str(self.image)
