from django.db import models


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


class Product(models.Model):
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
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ProductQuerySet.as_manager()

    def __str__(self) -> str:
        return self.name
