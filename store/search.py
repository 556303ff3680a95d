"""What the store makes searchable (registered with search; search imports nothing from here).

Products: active ones are documents and entities for the linker (name, aliases, SKUs, version pattern).
"""

from search import registry
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
