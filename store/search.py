"""What the store makes searchable (registered with search; search imports nothing from here).

Products: active ones are documents and entities for the linker (name, aliases, SKUs, version pattern).
A product saved (in the Wagtail admin, with its variants) is indexed again after commit, which tells
the linker, and through it the posts that may name the product (search.index ``_entities_changed``).
"""

from django.db.models.signals import post_save

from search import registry
from search.indexing import index_later
from store.models import Product


def product_document(product: Product) -> registry.Document | None:
    if product.status != Product.Status.ACTIVE:
        return None
    skus = " ".join(variant.sku for variant in product.variants.all())
    aliases = " ".join(str(alias) for alias in (product.aliases or []))
    return registry.Document(
        title=product.name,
        body=f"{aliases}\n{skus}\n{product.description}".strip(),
        url=product.get_absolute_url(),
        created_at=product.created_at,
        product_ids=(product.pk,),
    )


def product_entities():
    for product in Product.objects.active().prefetch_related("variants").order_by("pk"):
        names = [product.name, *(str(a) for a in (product.aliases or []) if a)]
        names += [variant.sku for variant in product.variants.all() if variant.sku]
        yield registry.Entity(
            kind="product",
            id=product.pk,
            names=tuple(names),
            product_id=product.pk,
            version_pattern=product.version_pattern,
            title=product.name,
            url=product.get_absolute_url(),
        )


def product_labels(ids: list[int]) -> dict[int, str]:
    return dict(Product.objects.filter(pk__in=ids).values_list("pk", "name"))


registry.register(
    "product",
    model=Product,
    build=product_document,
    queryset=lambda: Product.objects.prefetch_related("variants"),
    label="Products",
    suggest=True,
)
registry.register_entities("product", product_entities)
registry.register_labels("product", product_labels, models=(Product,))


def _product_saved(sender, instance: Product, **kwargs) -> None:
    """Products are written in the Wagtail admin (a write path we do not own): index after commit."""
    index_later(instance)


post_save.connect(_product_saved, sender=Product, dispatch_uid="store.search.product_saved")
