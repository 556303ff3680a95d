"""The layout on a phone (390 px) and a desktop (1366 px): the header, the tab bar, the listings.

At 390 px: the header is one row (at most 64 px), the bottom tab bar shows its five items, board and
thread rows are at most 80 px tall, buttons and navigation are at least 44 px tap targets, and nothing
is wider than the screen. At 1366 px nothing is wider than the screen either. Screenshots of the home
page, the forum index, a board and a feedback board (signed out) at both widths, light and dark, go to
test-artifacts/layout-*.png.
"""

import pytest
from playwright.sync_api import expect

from forum.models import Board
from tests.browser.test_forum import sign_in
from tests.factories import UserFactory, make_team_member
from tests.forum.factories import BoardFactory, make_replies, make_thread

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 900}
LONG_TITLE = (
    "After the 14.0.5 update the phone no longer reconnects to the car's Bluetooth when I start the "
    "engine, and the wheel's media keys stop working"
)


@pytest.fixture
def forum(db):
    from devdata.demo import ensure_home_page
    from forum.limits import limits_off
    from tests.forum.feedback.factories import make_item
    from tests.store.factories import ProductFactory

    ensure_home_page()
    product = ProductFactory(name="Aurora 14", slug="aurora-14")
    section = BoardFactory(slug="products", name="Products", kind=Board.Kind.SECTION)
    phone = BoardFactory(
        slug="aurora-14",
        name="Aurora 14",
        parent=section,
        product=product,
        description="Questions, tips and discussion about the Aurora 14, the phone people keep for years.",
    )
    BoardFactory(slug="aurora-14-cases", name="Cases and covers", parent=phone)
    feedback = BoardFactory(
        slug="aurora-14-feedback",
        name="Aurora 14: bugs and ideas",
        parent=section,
        product=product,
        kind=Board.Kind.FEEDBACK,
        description="Report a bug or suggest a feature for the Aurora 14.",
    )
    people = [UserFactory(username=name) for name in ("nadia", "omar", "li")]
    with limits_off():
        long_thread = make_thread(board=phone, author=people[0], title=LONG_TITLE, body="It worked before.")
        make_thread(
            board=phone,
            author=people[1],
            title="My desk setup with the new case",
            body="![desk](/media/forum/thumbnails/desk-thumb.png) Looks good, right?",
            tags=["setup", "accessories"],
        )
        for i in range(6):
            make_thread(board=phone, author=people[i % 3], title=f"Battery life after update {i}")
        make_replies(long_thread, 3, authors=people)
        make_item(board=feedback, author=people[2], title=LONG_TITLE)
        make_item(board=feedback, author=people[0], title="Screen flickers at very low brightness")
    return {"phone": phone, "feedback": feedback}


def _no_overflow(page) -> None:
    widths = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert widths[0] <= widths[1], f"{page.url}: the page is {widths[0]} px wide on a {widths[1]} px screen"


def _heights(page, selector: str) -> list[float]:
    return page.locator(selector).evaluate_all(
        "(nodes) => nodes.map((n) => n.getBoundingClientRect().height)"
    )


def _small_targets(page, selector: str) -> list[str]:
    """Visible elements under ``selector`` whose box is less than 44 px high or wide."""
    return page.locator(selector).evaluate_all(
        """(nodes) => nodes.filter((n) => {
            const box = n.getBoundingClientRect();
            return box.width > 0 && box.height > 0 && (box.height < 44 || box.width < 44);
        }).map((n) => `${n.tagName} ${(n.getAttribute('aria-label') || n.textContent).trim().slice(0, 40)}`
            + ` ${Math.round(n.getBoundingClientRect().width)}x${Math.round(n.getBoundingClientRect().height)}`)"""
    )


def _check_phone(page, path: str) -> None:
    header = page.locator(".site-header").bounding_box()
    assert header["height"] <= 64, f"{path}: the header is {header['height']} px tall"
    tabbar = page.get_by_role("navigation", name="Sections")
    expect(tabbar).to_be_visible()
    items = tabbar.locator(".tabbar__item")
    expect(items).to_have_count(5)
    for index in range(5):
        expect(items.nth(index)).to_be_visible()
    small = _small_targets(
        page,
        ".site-header a, .site-header button, .site-header summary, .tabbar__item, .forum-actions .btn, "
        ".tabs__tab, .pager .btn",
    )
    assert not small, f"{path}: tap targets under 44 px: {small}"
    _no_overflow(page)


def _shoot(page, artifacts_dir, name: str) -> None:
    page.screenshot(path=str(artifacts_dir / f"layout-{name}.png"), full_page=True)


def test_phone_layout_for_a_visitor(page, live_server, artifacts_dir, forum):
    page.set_viewport_size(PHONE)
    pages = {
        "home": "/",
        "forum": "/forum/",
        "board": forum["phone"].get_absolute_url(),
        "feedback": forum["feedback"].get_absolute_url(),
    }
    for scheme in ("light", "dark"):
        page.context.add_cookies([{"name": "color_scheme", "value": scheme, "url": live_server.url}])
        for name, path in pages.items():
            page.goto(live_server.url + path)
            _check_phone(page, path)
            if name == "forum":
                rows = _heights(page, ".board-row")
                assert rows and max(rows) <= 80, f"board rows: {rows}"
            if name in ("home", "board", "feedback"):
                rows = _heights(page, ".thread-row")
                assert rows and max(rows) <= 80, f"{path}: thread rows: {rows}"
            if name == "feedback":
                expect(page.get_by_role("link", name="Report a bug")).to_be_visible()
                expect(page.get_by_role("link", name="Suggest a feature")).to_be_visible()
                expect(page.locator(".thread-row .chip").first).to_be_visible()
            _shoot(page, artifacts_dir, f"{name}-390-{scheme}")


def test_phone_layout_for_a_member_with_the_me_menu(page, live_server, artifacts_dir, forum):
    sign_in(page, live_server.url, "omar")
    page.set_viewport_size(PHONE)
    page.goto(live_server.url + forum["phone"].get_absolute_url())
    _check_phone(page, "board, signed in")
    # "Me" opens the account menu above the tab bar
    me = page.locator(".tabbar__me > summary")
    me.click()
    menu = page.locator(".tabbar__me .menu__panel")
    expect(menu.get_by_role("link", name="Notifications")).to_be_visible()
    expect(menu.get_by_role("button", name="Sign out")).to_be_visible()
    assert not _small_targets(page, ".tabbar__me .menu__item")
    _no_overflow(page)
    _shoot(page, artifacts_dir, "me-menu-390-light")
    page.keyboard.press("Escape")
    expect(menu).to_be_hidden()


def test_desktop_layout_has_no_overflow_and_a_one_row_header(page, live_server, artifacts_dir, forum):
    page.set_viewport_size(DESKTOP)
    pages = {
        "home": "/",
        "forum": "/forum/",
        "board": forum["phone"].get_absolute_url(),
        "feedback": forum["feedback"].get_absolute_url(),
    }
    for scheme in ("light", "dark"):
        page.context.add_cookies([{"name": "color_scheme", "value": scheme, "url": live_server.url}])
        for name, path in pages.items():
            page.goto(live_server.url + path)
            assert page.locator(".site-header").bounding_box()["height"] <= 64
            expect(page.get_by_role("navigation", name="Sections")).to_be_hidden()
            expect(page.get_by_role("search")).to_be_visible()
            _no_overflow(page)
            _shoot(page, artifacts_dir, f"{name}-1366-{scheme}")


def _wider_than_the_screen(page, selector: str) -> list[str]:
    """Elements under ``selector`` whose right edge passes the screen's (a clipped overflow does not
    widen the document, so scrollWidth alone would miss it)."""
    return page.locator(selector).evaluate_all(
        """(nodes) => nodes.filter((n) => n.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
            .map((n) => `${n.tagName} ${n.textContent.trim().slice(0, 30)} ${Math.round(n.getBoundingClientRect().right)}`)"""
    )


def test_the_team_webhook_pages_fit_a_phone_and_a_desktop(page, live_server, artifacts_dir):
    """/cms/webhooks/: the subscriptions, the delivery log and a delivery's attempts are stacked rows on a
    phone (their eight columns were 660-850 px wide at 390 px), tables on a desktop."""

    from webhooks.actions.subscriptions import create_subscription
    from webhooks.models import Delivery

    mira = make_team_member()
    # an endpoint on 127.0.0.1 that refuses: each delivery fails with an error in the log
    url = "http://127.0.0.1:9/hooks/canopy/community-events-and-feedback-sync?source=forum&tenant=aurora"
    subscription, _ = create_subscription(
        actor=mira, url=url, events=["thread.started"], description="CRM sync"
    )
    make_thread(board=BoardFactory(slug="lounge", name="Lounge"), author=UserFactory(username="leo"))
    delivery = Delivery.objects.get()
    sign_in(page, live_server.url, "mira")
    pages = {
        "webhooks": "/cms/webhooks/",
        "webhook-log": f"/cms/webhooks/{subscription.pk}/",
        "webhook-delivery": f"/cms/webhooks/{subscription.pk}/deliveries/{delivery.pk}/",
    }
    for width, viewport in (("390", PHONE), ("1366", DESKTOP)):
        page.set_viewport_size(viewport)
        for name, path in pages.items():
            page.goto(live_server.url + path)
            expect(page.locator(".webhook-table tbody tr").first).to_be_visible()
            _no_overflow(page)
            wide = _wider_than_the_screen(
                page, ".webhooks-page, .webhook-table, .webhook-table tbody tr, .w-header__title"
            )
            assert not wide, f"{path} at {width} px: wider than the screen: {wide}"
            _shoot(page, artifacts_dir, f"{name}-{width}")
    # on the phone each cell is named by its column; on the desktop the table keeps its header row
    page.set_viewport_size(PHONE)
    page.goto(live_server.url + pages["webhook-log"])
    row = page.locator(".webhook-table tbody tr").first
    assert (
        row.locator("td[data-label='Status']").evaluate("(td) => getComputedStyle(td, '::before').content")
        == '"Status"'
    )
    expect(page.locator(".webhook-table thead")).to_have_count(1)
