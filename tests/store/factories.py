"""Store factories. Orders are made through the real actions (see ``place_test_order``)."""

from datetime import timedelta

import factory
from django.utils import timezone

from store.actions.cart import add_to_cart
from store.actions.checkout import ShippingAddress, place_order
from store.models import Category, Drop, Product, Variant


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Category
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Category {n}")
    slug = factory.Sequence(lambda n: f"category-{n}")


class ProductFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Product

    name = factory.Sequence(lambda n: f"Product {n}")
    slug = factory.Sequence(lambda n: f"product-{n}")
    status = Product.Status.ACTIVE
    description = "A **good** thing."


class VariantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Variant

    product = factory.SubFactory(ProductFactory)
    sku = factory.Sequence(lambda n: f"SKU-{n}")
    options = factory.LazyFunction(lambda: {"Colour": "Black"})
    price_minor = 2500
    currency = "USD"
    stock = 10


class DropFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Drop

    product = factory.SubFactory(ProductFactory)
    title = factory.Sequence(lambda n: f"Drop {n}")
    slug = factory.Sequence(lambda n: f"drop-{n}")
    starts_at = factory.LazyFunction(lambda: timezone.now() - timedelta(minutes=1))
    quantity = 10
    remaining = factory.SelfAttribute("quantity")
    per_person_limit = 1


ADDRESS = ShippingAddress(
    name="Ada Buyer", line1="1 Main St", city="Springfield", postal_code="12345", country="US"
)


def place_test_order(
    *, user=None, variant, quantity: int = 1, session=None, email="buyer@example.com", **kwargs
):
    """Add ``variant`` to the cart of ``user`` (or of ``session`` for a visitor) and place the order."""
    session = {} if session is None else session
    add_to_cart(user=user, session=session, variant_id=variant.pk, quantity=quantity, **kwargs)
    return place_order(user=user, session=session, email=email, address=ADDRESS)
