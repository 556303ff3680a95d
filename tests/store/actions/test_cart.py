import pytest
from django.contrib.auth.signals import user_logged_in
from django.test import RequestFactory

from store.actions.cart import add_to_cart, merge_session_cart, parse_quantity, set_cart_quantity
from store.carts import SESSION_COUNT_KEY, SESSION_TOKEN_KEY, cart_item_count, find_cart
from store.errors import StoreError
from store.models import Cart, CartLine, Product
from tests.store.factories import ProductFactory, VariantFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("raw", ["-1", "0", "abc", "1.5", "  "])
def test_bad_quantities_get_a_clear_message(raw):
    if raw.strip() == "":
        assert parse_quantity(raw.strip()) == 1  # empty means one
        return
    with pytest.raises(StoreError, match="Quantity must be"):
        parse_quantity(raw)


def test_visitor_cart_lives_in_the_session():
    variant = VariantFactory()
    session: dict = {}
    add_to_cart(user=None, session=session, variant_id=variant.pk, quantity=2)
    cart = find_cart(user=None, session=session)
    assert cart.user is None and cart.session_key == session[SESSION_TOKEN_KEY]
    assert cart.lines.get().quantity == 2


def test_adding_again_adds_up_within_the_limit(member, settings):
    settings.STORE_MAX_QUANTITY_PER_LINE = 3
    variant = VariantFactory(stock=50)
    add_to_cart(user=member, session={}, variant_id=variant.pk, quantity=2)
    with pytest.raises(StoreError, match="at most 3"):
        add_to_cart(user=member, session={}, variant_id=variant.pk, quantity=2)
    assert CartLine.objects.get(cart__user=member).quantity == 2


def test_product_limit_is_lower_than_the_store_default(member):
    variant = VariantFactory(product=ProductFactory(max_per_order=1), stock=50)
    with pytest.raises(StoreError, match="at most 1"):
        add_to_cart(user=member, session={}, variant_id=variant.pk, quantity=2)


def test_huge_quantity_is_refused(member):
    variant = VariantFactory(stock=50)
    with pytest.raises(StoreError, match="at most"):
        add_to_cart(user=member, session={}, variant_id=variant.pk, quantity=10**12)
    assert not CartLine.objects.exists()


def test_more_than_in_stock_is_refused(member):
    variant = VariantFactory(stock=2)
    with pytest.raises(StoreError, match="Only 2"):
        add_to_cart(user=member, session={}, variant_id=variant.pk, quantity=3)


def test_sold_out_variant_is_refused(member):
    variant = VariantFactory(stock=0)
    with pytest.raises(StoreError, match="sold out"):
        add_to_cart(user=member, session={}, variant_id=variant.pk, quantity=1)


@pytest.mark.parametrize("variant_id", [None, "", "x", 999999])
def test_unknown_variant_is_refused(member, variant_id):
    with pytest.raises(StoreError):
        add_to_cart(user=member, session={}, variant_id=variant_id, quantity=1)
    assert not CartLine.objects.exists()


def test_draft_products_and_inactive_variants_cannot_be_added(member):
    draft = VariantFactory(product=ProductFactory(status=Product.Status.DRAFT))
    inactive = VariantFactory(is_active=False)
    for variant in (draft, inactive):
        with pytest.raises(StoreError, match="no longer sold"):
            add_to_cart(user=member, session={}, variant_id=variant.pk, quantity=1)


def test_set_quantity_and_remove(member):
    variant = VariantFactory(stock=5)
    add_to_cart(user=member, session={}, variant_id=variant.pk, quantity=1)
    set_cart_quantity(user=member, session={}, variant_id=variant.pk, quantity=4)
    assert CartLine.objects.get().quantity == 4
    set_cart_quantity(user=member, session={}, variant_id=variant.pk, quantity=0)
    assert not CartLine.objects.exists()


def test_source_thread_is_kept_on_the_line(member):
    variant = VariantFactory()
    add_to_cart(user=member, session={}, variant_id=variant.pk, quantity=1, source_thread_id=42)
    assert CartLine.objects.get().source_thread_id == 42


def test_visitor_cart_merges_into_member_cart(member):
    shared, only_visitor = VariantFactory(stock=20), VariantFactory(stock=20)
    add_to_cart(user=member, session={}, variant_id=shared.pk, quantity=1)
    session: dict = {}
    add_to_cart(user=None, session=session, variant_id=shared.pk, quantity=2)
    add_to_cart(user=None, session=session, variant_id=only_visitor.pk, quantity=1, source_thread_id=9)

    assert merge_session_cart(user=member, session=session) == 2

    lines = {line.variant_id: line for line in member.store_cart.lines.all()}
    assert lines[shared.pk].quantity == 3
    assert lines[only_visitor.pk].quantity == 1 and lines[only_visitor.pk].source_thread_id == 9
    assert Cart.objects.count() == 1
    assert SESSION_TOKEN_KEY not in session


def test_merge_caps_at_the_limit(member, settings):
    settings.STORE_MAX_QUANTITY_PER_LINE = 3
    variant = VariantFactory(stock=20)
    add_to_cart(user=member, session={}, variant_id=variant.pk, quantity=2)
    session: dict = {}
    add_to_cart(user=None, session=session, variant_id=variant.pk, quantity=3)
    merge_session_cart(user=member, session=session)
    assert member.store_cart.lines.get().quantity == 3


def test_log_in_signal_merges_the_cart(client, member):
    """Logging in through Django/allauth sends user_logged_in; the visitor's cart follows the member."""
    variant = VariantFactory()
    client.post("/store/cart/add/", {"variant": variant.pk, "quantity": 2})
    assert Cart.objects.filter(user__isnull=True).count() == 1

    client.force_login(member)  # sends user_logged_in with the request's session

    assert member.store_cart.lines.get().quantity == 2
    assert not Cart.objects.filter(user__isnull=True).exists()


def test_log_in_without_a_visitor_cart_does_nothing(member):
    request = RequestFactory().get("/")
    request.session = {}
    user_logged_in.send(sender=type(member), request=request, user=member)
    assert not Cart.objects.exists()


def test_the_cart_actions_keep_the_headers_item_count_in_the_session(member):
    # The header shows how many items the cart holds without a query: the actions keep it in the session.
    first, second = VariantFactory(stock=20), VariantFactory(stock=20)
    session: dict = {}
    add_to_cart(user=None, session=session, variant_id=first.pk, quantity=2)
    assert cart_item_count(session) == 2
    add_to_cart(user=None, session=session, variant_id=second.pk, quantity=1)
    assert cart_item_count(session) == 3
    set_cart_quantity(user=None, session=session, variant_id=first.pk, quantity=5)
    assert cart_item_count(session) == 6
    set_cart_quantity(user=None, session=session, variant_id=first.pk, quantity=0)
    assert cart_item_count(session) == 1


def test_a_refused_change_leaves_the_count_as_it_was(member):
    variant = VariantFactory(stock=2)
    session: dict = {}
    add_to_cart(user=member, session=session, variant_id=variant.pk, quantity=2)
    with pytest.raises(StoreError):
        add_to_cart(user=member, session=session, variant_id=variant.pk, quantity=1)
    assert cart_item_count(session) == 2


@pytest.mark.parametrize("stored", [None, "junk", -3])
def test_a_missing_or_damaged_count_shows_as_empty(stored):
    session = {} if stored is None else {SESSION_COUNT_KEY: stored}
    assert cart_item_count(session) == 0
    assert cart_item_count(None) == 0


def test_signing_in_shows_the_members_cart_count(client, member):
    # Given a member whose cart (from another device) holds 3 items, and a visitor's cart of 2 others
    add_to_cart(user=member, session={}, variant_id=VariantFactory(stock=9).pk, quantity=3)
    client.post("/store/cart/add/", {"variant": VariantFactory(stock=9).pk, "quantity": 2})
    assert cart_item_count(client.session) == 2
    # When they sign in, the header counts the merged cart
    client.force_login(member)
    assert cart_item_count(client.session) == 5
    assert 'aria-label="Cart: 5 items"' in client.get("/forum/").text
