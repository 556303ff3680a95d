"""Product cards in posts: in place of their placeholders, live, loaded once per page, and buying
from them puts the product in the cart first ("Buy now" is the second choice)."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from store.models import CartLine
from tests.factories import UserFactory
from tests.forum.factories import make_thread
from tests.store.factories import ProductFactory, VariantFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(db):
    product = ProductFactory(name="Aurora 14 Case", slug="aurora-14-case")
    VariantFactory(product=product, sku="AUR-CASE-BLK", price_minor=2900, stock=4)
    return product


def _body(html: str) -> str:
    return html.split('class="post__body">', 1)[1].split("</footer>", 1)[0]


def test_cards_stand_where_their_tokens_were_and_unknown_slugs_read_as_text(client, board, member, case):
    hub = ProductFactory(name="Home Hub", slug="home-hub")
    VariantFactory(product=hub, price_minor=9900, stock=50)
    thread = make_thread(
        board=board,
        author=member,
        body="Before\n\n[[product:aurora-14-case]]\n\nBetween\n\n[[product:home-hub]]\n\n[[product:no-such-thing]]\n\nAfter",
    )
    body = _body(client.get(thread.get_absolute_url()).content.decode())
    # each card in place, in the order written, between the paragraphs around it
    order = [
        body.index("<p>Before</p>"),
        body.index('<article class="product-card" data-product-card="aurora-14-case">'),
        body.index("<p>Between</p>"),
        body.index('<article class="product-card" data-product-card="home-hub">'),
        body.index('<div data-product-card="no-such-thing">no-such-thing</div>'),
        body.index("<p>After</p>"),
    ]
    assert order == sorted(order)
    assert "$29.00" in body and "$99.00" in body and "[[product:" not in body
    assert body.count('<article class="product-card"') == 2  # not repeated after the post


def test_a_card_inline_in_emphasis_is_a_link_to_the_product(client, board, member, case):
    thread = make_thread(board=board, author=member, body="Look at **[[product:aurora-14-case]]** here")
    body = _body(client.get(thread.get_absolute_url()).content.decode())
    assert '<a class="product-link" href="/store/aurora-14-case/">Aurora 14 Case</a>' in body


def test_prices_and_stock_stay_live_under_the_fragment_cache(client, board, member, case):
    thread = make_thread(board=board, author=member, body="[[product:aurora-14-case]]")
    client.get(thread.get_absolute_url())  # caches the post's core
    case.variants.update(price_minor=3100, stock=0)
    body = _body(client.get(thread.get_absolute_url()).content.decode())
    assert "$31.00" in body and "Sold out" in body and "$29.00" not in body


def test_add_to_cart_comes_back_to_the_thread_and_buy_now_goes_to_checkout(client, board, member, case):
    thread = make_thread(board=board, author=member, body="[[product:aurora-14-case]]")
    client.force_login(UserFactory(username="buyer"))
    page = client.get(thread.get_absolute_url()).content.decode()
    form = page.split('<form method="post" action="/store/cart/add/" class="product-card__buy">', 1)[1].split(
        "</form>"
    )[0]
    # the first button adds to the cart; "Buy now" is the second choice
    buttons = re.findall(r"<button[^>]*>([^<]+)</button>", form)
    assert buttons == ["Add to cart", "Buy now"]
    fields = dict(re.findall(r'name="([a-z_]+)" value="([^"]*)"', form))
    assert fields["source_thread_id"] == str(thread.pk)
    assert fields["next"] == f"{thread.get_absolute_url()}#p1"
    data = {k: v for k, v in fields.items() if k != "buy_now"}

    response = client.post("/store/cart/add/", data, follow=True)
    assert response.redirect_chain[0][0] == f"{thread.get_absolute_url()}#p1"
    assert "to your cart" in response.content.decode()
    assert CartLine.objects.get().source_thread_id == thread.pk

    response = client.post("/store/cart/add/", {**data, "buy_now": "1"})
    assert response.status_code == 302 and response.url == "/store/checkout/"
    assert CartLine.objects.get().source_thread_id == thread.pk


def test_the_card_picks_the_first_version_in_stock(client, board, member):
    product = ProductFactory(name="Buds", slug="buds")
    VariantFactory(product=product, sku="BUDS-W", options={"Colour": "White"}, stock=0, sort_order=1)
    in_stock = VariantFactory(
        product=product, sku="BUDS-B", options={"Colour": "Black"}, stock=3, sort_order=2
    )
    thread = make_thread(board=board, author=member, body="[[product:buds]]")
    page = client.get(thread.get_absolute_url()).content.decode()
    assert f'<option value="{in_stock.pk}" selected>' in page
    assert "(sold out)</option>" in page


def _queries(client, url) -> int:
    client.get(url)  # the first visits fill the page's caches (cores, board access, settings)
    client.get(url)
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_cards_load_in_one_batch_whatever_their_number(client, board, member):
    slugs = []
    for n in range(4):
        product = ProductFactory(slug=f"thing-{n}")
        VariantFactory(product=product, stock=5)
        slugs.append(product.slug)
    one = make_thread(board=board, author=member, title="One card", body="[[product:thing-0]]")
    four = make_thread(
        board=board, author=member, title="Four cards", body="\n\n".join(f"[[product:{s}]]" for s in slugs)
    )
    one_url, four_url = one.get_absolute_url(), four.get_absolute_url()
    counts = [_queries(client, url) for url in (one_url, four_url, one_url, four_url)]
    assert counts == [counts[0]] * 4, counts
