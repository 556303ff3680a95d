import io

import pytest
from django.core.files.images import ImageFile
from django.template.loader import render_to_string
from django.test import RequestFactory
from PIL import Image as PILImage
from wagtail.images import get_image_model

from store.cards import PRODUCT_TOKEN_RE, cards_for_slugs
from store.models import Product, ProductImage
from tests.store.factories import ProductFactory, VariantFactory

pytestmark = pytest.mark.django_db


def test_token_regex_finds_product_slugs():
    text = "Get the [[product:aurora-14]] or [[product:home-hub]]; not [[product:Bad Slug]] nor [product:x]."
    assert [m.group("slug") for m in PRODUCT_TOKEN_RE.finditer(text)] == ["aurora-14", "home-hub"]


def _picture(name):
    buffer = io.BytesIO()
    PILImage.new("RGB", (64, 48), (10, 120, 80)).save(buffer, format="PNG")
    return get_image_model().objects.create(title=name, file=ImageFile(buffer, name=f"{name}.png"))


def test_cards_load_in_a_fixed_number_of_queries(django_assert_num_queries):
    for n in range(6):
        product = ProductFactory(slug=f"p-{n}")
        VariantFactory(product=product, price_minor=1000 + n, stock=n)
        VariantFactory(product=product, price_minor=2000, stock=0)
        if n % 2:
            ProductImage.objects.create(product=product, image=_picture(f"p{n}"), alt_text=f"P{n}")
    ProductFactory(slug="draft-one", status=Product.Status.DRAFT)
    slugs = [f"p-{n}" for n in range(6)] + ["draft-one", "missing"]
    cards_for_slugs(slugs)  # the first view generates the renditions

    # products, variants, product images, images, their renditions, drops
    with django_assert_num_queries(6):
        cards = cards_for_slugs(slugs)

    assert sorted(cards) == [f"p-{n}" for n in range(6)]
    card = cards["p-3"]
    assert card.url == "/store/p-3/"
    assert card.price_display == "from $10.03"
    assert card.stock_state == "low_stock"
    assert [v.price_display for v in card.variants] == ["$10.03", "$20.00"]
    assert cards["p-0"].stock_state == "sold_out" and not cards["p-0"].buyable
    assert cards["p-5"].buyable
    assert cards["p-1"].image_url.endswith(".png") and cards["p-1"].image_alt == "P1"
    assert cards["p-2"].image_url == ""


def test_card_template_posts_to_cart_with_the_thread(client):
    VariantFactory(product=ProductFactory(slug="buds"), stock=3)
    card = cards_for_slugs(["buds"])["buds"]
    request = RequestFactory().get("/")
    html = render_to_string(
        "store/includes/product_card.html", {"card": card, "source_thread_id": 321}, request=request
    )
    assert 'action="/store/cart/add/"' in html
    assert 'name="source_thread_id" value="321"' in html
    assert f'name="variant" value="{card.variants[0].id}"' in html
    # "Add to cart" is the first action, "Buy now" (straight to checkout) the second
    assert html.index(">Add to cart</button>") < html.index('name="buy_now" value="1"') < html.index(">Buy now<")

    response = client.post(
        "/store/cart/add/",
        {"variant": card.variants[0].id, "quantity": 1, "source_thread_id": 321, "buy_now": 1},
    )
    assert response.status_code == 302 and response.url == "/store/checkout/"
    from store.models import CartLine

    assert CartLine.objects.get().source_thread_id == 321


def test_sold_out_card_has_no_buy_button():
    VariantFactory(product=ProductFactory(slug="gone"), stock=0)
    html = render_to_string("store/includes/product_card.html", {"card": cards_for_slugs(["gone"])["gone"]})
    assert "Sold out" in html and "Add to cart" not in html and "Buy now" not in html
