from datetime import timedelta

import pytest
from django.utils import timezone

from store.actions.cart import add_to_cart
from store.actions.checkout import ShippingAddress, place_order
from store.actions.payments import settle_demo_payment
from store.errors import StoreError
from store.models import Order, OrderEvent, PurchaseRight, StockReservation
from tests.factories import UserFactory
from tests.store.factories import ADDRESS, DropFactory, VariantFactory, place_test_order

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _flat_rates(settings, demo_payments):
    settings.STORE_FLAT_SHIPPING_MINOR = 500
    settings.STORE_FREE_SHIPPING_FROM_MINOR = 10000
    settings.STORE_TAX_RATE_BASIS_POINTS = 1000


def test_order_snapshots_lines_reserves_stock_and_adds_up(member):
    variant = VariantFactory(price_minor=2500, stock=5, sku="CASE-1", options={"Colour": "Sage"})

    order = place_test_order(user=member, variant=variant, quantity=2, source_thread_id=77)

    variant.refresh_from_db()
    assert variant.stock == 3
    assert order.status == Order.Status.PENDING
    assert order.provider == Order.Provider.DEMO
    assert (order.subtotal_minor, order.shipping_minor, order.tax_minor) == (5000, 500, 550)
    assert order.total_minor == 6050
    assert order.source_thread_id == 77
    line = order.lines.get()
    assert (line.title, line.sku, line.unit_price_minor, line.quantity) == (
        f"{variant.product.name} (Sage)",
        "CASE-1",
        2500,
        2,
    )
    reservation = StockReservation.objects.get(order=order)
    assert reservation.quantity == 2 and reservation.status == StockReservation.Status.ACTIVE
    assert OrderEvent.objects.filter(order=order, kind="placed").exists()
    assert not member.store_cart.lines.exists()


def test_lines_keep_their_price_when_the_catalog_changes(member):
    variant = VariantFactory(price_minor=2500)
    order = place_test_order(user=member, variant=variant)
    variant.price_minor = 9900
    variant.save()
    assert order.lines.get().unit_price_minor == 2500


def test_free_shipping_from_threshold(member):
    order = place_test_order(user=member, variant=VariantFactory(price_minor=10000))
    assert order.shipping_minor == 0 and order.total_minor == 11000


def test_a_changed_total_is_refused(member):
    """The checkout page posts the total it showed; a different server total means the price changed
    or the form was tampered with: no order, no reservation."""
    variant = VariantFactory(price_minor=2500, stock=5)
    session: dict = {}
    add_to_cart(user=member, session=session, variant_id=variant.pk, quantity=1)

    with pytest.raises(StoreError, match="total changed"):
        place_order(
            user=member, session=session, email="a@example.com", address=ADDRESS, expected_total_minor=1
        )

    assert not Order.objects.exists()
    variant.refresh_from_db()
    assert variant.stock == 5


def test_sold_out_between_cart_and_checkout(member, other_member):
    variant = VariantFactory(stock=1)
    session: dict = {}
    add_to_cart(user=member, session=session, variant_id=variant.pk, quantity=1)
    place_test_order(user=other_member, variant=variant)

    with pytest.raises(StoreError, match="Sold out"):
        place_order(user=member, session=session, email="a@example.com", address=ADDRESS)
    assert Order.objects.count() == 1


def test_empty_cart_is_refused(member):
    with pytest.raises(StoreError, match="empty"):
        place_order(user=member, session={}, email="a@example.com", address=ADDRESS)


def test_mixed_currencies_are_refused(member):
    session: dict = {}
    add_to_cart(user=member, session=session, variant_id=VariantFactory(currency="USD").pk, quantity=1)
    add_to_cart(user=member, session=session, variant_id=VariantFactory(currency="EUR").pk, quantity=1)
    with pytest.raises(StoreError, match="different currencies"):
        place_order(user=member, session=session, email="a@example.com", address=ADDRESS)
    assert not Order.objects.exists()


def test_expired_reservations_are_released_before_a_new_order(member, other_member):
    variant = VariantFactory(stock=1)
    stale = place_test_order(user=member, variant=variant)
    Order.objects.filter(pk=stale.pk).update(reserved_until=timezone.now() - timedelta(seconds=1))

    fresh = place_test_order(user=other_member, variant=variant)

    stale.refresh_from_db()
    assert stale.status == Order.Status.CANCELLED
    assert fresh.status == Order.Status.PENDING
    variant.refresh_from_db()
    assert variant.stock == 0


class TestDrops:
    def test_not_open_yet(self, member):
        drop = DropFactory(starts_at=timezone.now() + timedelta(hours=1))
        variant = VariantFactory(product=drop.product)
        with pytest.raises(StoreError, match="opens at"):
            place_test_order(user=member, variant=variant)
        assert not Order.objects.exists()

    def test_visitors_must_sign_in(self):
        drop = DropFactory()
        with pytest.raises(StoreError, match="Sign in"):
            place_test_order(user=None, variant=VariantFactory(product=drop.product))

    def test_per_person_limit(self, member):
        drop = DropFactory(per_person_limit=1)
        variant = VariantFactory(product=drop.product, stock=5)
        place_test_order(user=member, variant=variant)
        with pytest.raises(StoreError, match="1 per person"):
            place_test_order(user=member, variant=variant)
        drop.refresh_from_db()
        assert drop.remaining == 9

    def test_drop_sold_out(self, member, other_member):
        drop = DropFactory(quantity=1, remaining=1, per_person_limit=2)
        variant = VariantFactory(product=drop.product, stock=5)
        place_test_order(user=member, variant=variant)
        with pytest.raises(StoreError, match="sold out"):
            place_test_order(user=other_member, variant=variant)
        variant.refresh_from_db()
        assert variant.stock == 4  # the refused order's stock was not taken

    def test_drop_items_sell_alone(self, member):
        drop = DropFactory()
        session: dict = {}
        add_to_cart(
            user=member, session=session, variant_id=VariantFactory(product=drop.product).pk, quantity=1
        )
        add_to_cart(user=member, session=session, variant_id=VariantFactory().pk, quantity=1)
        with pytest.raises(StoreError, match="on their own"):
            place_order(user=member, session=session, email="a@example.com", address=ADDRESS)

    def test_purchase_right_code_is_required_and_used_once(self, member, other_member):
        drop = DropFactory(requires_code=True, per_person_limit=5)
        variant = VariantFactory(product=drop.product)
        right = PurchaseRight.objects.create(drop=drop, user=member, code="CODE123456")
        session: dict = {}
        add_to_cart(user=member, session=session, variant_id=variant.pk, quantity=1)

        with pytest.raises(StoreError, match="needs a purchase-right code"):
            place_order(user=member, session=session, email="a@example.com", address=ADDRESS)
        other_session: dict = {}
        add_to_cart(user=other_member, session=other_session, variant_id=variant.pk, quantity=1)
        with pytest.raises(StoreError, match="not yours"):
            place_order(
                user=other_member,
                session=other_session,
                email="o@example.com",
                address=ADDRESS,
                purchase_code="CODE123456",
            )

        order = place_order(
            user=member, session=session, email="a@example.com", address=ADDRESS, purchase_code="code123456"
        )
        right.refresh_from_db()
        assert right.used_at is not None and right.order == order

        add_to_cart(user=member, session=session, variant_id=variant.pk, quantity=1)
        with pytest.raises(StoreError, match="already used"):
            place_order(
                user=member,
                session=session,
                email="a@example.com",
                address=ADDRESS,
                purchase_code="CODE123456",
            )

    def test_ended_drop_no_longer_governs(self, member):
        drop = DropFactory(
            starts_at=timezone.now() - timedelta(days=2), ends_at=timezone.now() - timedelta(days=1)
        )
        order = place_test_order(user=member, variant=VariantFactory(product=drop.product))
        assert order.drop is None


def test_a_member_buys_as_themselves_a_visitor_as_a_guest():
    buyer = UserFactory()
    assert place_test_order(user=buyer, variant=VariantFactory()).user == buyer
    assert place_test_order(user=None, variant=VariantFactory()).user is None


class TestRepeatedSubmission:
    """The same checkout form submitted again (a double click, a resend) never makes a second order."""

    def test_the_same_checkout_key_returns_the_first_order(self, member):
        variant = VariantFactory(stock=5)
        add_to_cart(user=member, session={}, variant_id=variant.pk, quantity=2)
        key = "k" * 32

        first = place_order(user=member, session={}, email=member.email, address=ADDRESS, checkout_key=key)
        again = place_order(user=member, session={}, email=member.email, address=ADDRESS, checkout_key=key)

        assert again.pk == first.pk
        assert Order.objects.count() == 1
        assert StockReservation.objects.get().quantity == 2
        variant.refresh_from_db()
        assert variant.stock == 3
        assert first.cart is not None and first.checkout_key == key

    def test_the_same_cart_submitted_again_without_a_key_is_refused(self, member):
        variant = VariantFactory(stock=5)
        add_to_cart(user=member, session={}, variant_id=variant.pk, quantity=1)
        place_order(user=member, session={}, email=member.email, address=ADDRESS)

        with pytest.raises(StoreError, match="cart is empty"):
            place_order(user=member, session={}, email=member.email, address=ADDRESS)
        assert Order.objects.count() == 1
        variant.refresh_from_db()
        assert variant.stock == 4

    def test_a_key_from_another_cart_does_not_return_its_order(self, member, other_member):
        key = "s" * 32
        add_to_cart(user=member, session={}, variant_id=VariantFactory().pk, quantity=1)
        mine = place_order(user=member, session={}, email=member.email, address=ADDRESS, checkout_key=key)
        add_to_cart(user=other_member, session={}, variant_id=VariantFactory().pk, quantity=1)

        theirs = place_order(
            user=other_member, session={}, email=other_member.email, address=ADDRESS, checkout_key=key
        )

        assert theirs.pk != mine.pk and theirs.user == other_member


def test_an_unknown_country_is_refused(member):
    variant = VariantFactory()
    add_to_cart(user=member, session={}, variant_id=variant.pk, quantity=1)
    address = ShippingAddress(name="Ada", line1="1 Main St", city="Berlin", postal_code="10115", country="XX")
    with pytest.raises(StoreError, match="country from the list"):
        place_order(user=member, session={}, email=member.email, address=address)
    assert not Order.objects.exists()


def test_reservations_of_other_products_are_left_to_the_sweep(member, other_member):
    """Checkout releases lapsed holds on what it buys, not every lapsed hold in the store."""
    phone, case = VariantFactory(stock=3), VariantFactory(stock=3)
    stale_case = place_test_order(user=member, variant=case)
    Order.objects.filter(pk=stale_case.pk).update(reserved_until=timezone.now() - timedelta(seconds=1))

    place_test_order(user=other_member, variant=phone)

    stale_case.refresh_from_db()
    assert stale_case.status == Order.Status.PENDING  # the periodic sweep releases it
    case.refresh_from_db()
    assert case.stock == 2


class TestProviderChoice:
    def test_demo_orders_can_be_recorded_while_stripe_is_configured(self, member, settings):
        """The demo seeder records demo-provider orders whatever provider the site is configured with."""
        settings.STRIPE_SECRET_KEY = "sk_test_configured"
        variant = VariantFactory(stock=2)
        add_to_cart(user=member, session={}, variant_id=variant.pk, quantity=1)

        order = place_order(
            user=member, session={}, email=member.email, address=ADDRESS, provider=Order.Provider.DEMO
        )
        assert order.provider == Order.Provider.DEMO
        assert settle_demo_payment(order=order, succeed=True, actor=member)
        order.refresh_from_db()
        assert order.status == Order.Status.PAID

    def test_the_configured_provider_is_the_default(self, member, settings):
        settings.STRIPE_SECRET_KEY = "sk_test_configured"
        assert place_test_order(user=member, variant=VariantFactory()).provider == Order.Provider.STRIPE

    def test_an_unknown_provider_is_refused(self, member):
        add_to_cart(user=member, session={}, variant_id=VariantFactory().pk, quantity=1)
        with pytest.raises(ValueError):
            place_order(user=member, session={}, email=member.email, address=ADDRESS, provider="PAYPAL")
        assert not Order.objects.exists()
