"""Every kind of page loads in Chromium with the Content-Security-Policy on and nothing violates it:
no blocked inline script, handler, style or resource (``securitypolicyviolation`` events and console
errors are collected on every page)."""

import pytest
from django.test import Client
from playwright.sync_api import expect

from forum.models import Board
from tests.factories import UserFactory, make_team_member
from tests.forum.factories import BoardFactory, make_thread
from tests.forum.feedback.factories import make_item, make_release
from tests.store.factories import ProductFactory, VariantFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

WATCH = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", function (event) {
  window.__violations.push(event.violatedDirective + " " + (event.blockedURI || "inline") + " " +
    (event.sourceFile || "") + ":" + event.lineNumber);
});
"""


@pytest.fixture(autouse=True)
def _demo_provider(settings):
    settings.STRIPE_SECRET_KEY = ""


def sign_in(context, live_server, user):
    client = Client()
    client.force_login(user)
    context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}])


def test_every_page_type_loads_without_a_policy_violation(page, live_server):
    product = ProductFactory(name="Aurora 14", slug="aurora-14")
    VariantFactory(product=product, sku="A14-BLK", options={"Colour": "Black"}, price_minor=49900, stock=5)
    board = BoardFactory(slug="general", name="General")
    feedback_board = BoardFactory(
        slug="aurora-14-feedback", name="Aurora 14 feedback", kind=Board.Kind.FEEDBACK, product=product
    )
    member = UserFactory(username="nadia")
    team = make_team_member()
    thread = make_thread(board=board, author=team, title="Welcome to the forum", body="Say **hello**.")
    item = make_item(board=feedback_board, author=team)
    release = make_release(product=product, version="V14.0.3.0", changelog="## Fixed\n- Standby drain\n", live=True)

    problems: list[str] = []
    page.on("console", lambda message: message.type == "error" and problems.append(f"console: {message.text}"))
    page.add_init_script(WATCH)
    sign_in(page.context, live_server, member)

    def visit(path: str) -> None:
        response = page.goto(live_server.url + path)
        assert response.status < 400, f"{path}: {response.status}"
        assert "content-security-policy" in response.headers, path
        page.wait_for_load_state("load")
        problems.extend(f"{path}: {v}" for v in page.evaluate("window.__violations"))

    for path in [
        "/",
        "/forum/",
        f"/forum/b/{board.slug}/",
        thread.get_absolute_url(),
        f"/forum/b/{board.slug}/new/",
        f"/store/{product.slug}/",
        "/search/?q=welcome",
        f"/people/{member.username}/",
        "/notifications/",
        item.get_absolute_url(),
        release.get_absolute_url(),
    ]:
        visit(path)

    # The cart and the checkout, with something in the cart.
    visit(f"/store/{product.slug}/")
    page.get_by_role("button", name="Add to cart").click()
    visit("/store/cart/")
    visit("/store/checkout/")
    expect(page.get_by_role("heading", name="Checkout")).to_be_visible()

    # Wagtail's admin, on its own (relaxed) policy.
    page.context.clear_cookies()
    visit("/cms/login/")

    assert problems == []
