"""The composer in Chromium: toolbar and shortcuts, an @mention and a product card picked as you type,
images pasted and dropped (uploaded with progress), a preview equal to the post it becomes; and the
long thread's "Go to post #". Screenshots at 1366 and 390 px in test-artifacts/."""

import base64
import io
import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.test_forum import sign_in
from tests.factories import UserFactory
from tests.forum.factories import BoardFactory, bulk_posts, make_thread
from tests.store.factories import ProductFactory, VariantFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PASTE = """(area, file) => {
  const bytes = Uint8Array.from(atob(file.b64), (c) => c.charCodeAt(0));
  const data = new DataTransfer();
  data.items.add(new File([bytes], file.name, {type: file.type}));
  const event = file.drop
    ? new DragEvent("drop", {dataTransfer: data, bubbles: true, cancelable: true})
    : new ClipboardEvent("paste", {clipboardData: data, bubbles: true, cancelable: true});
  area.dispatchEvent(event);
}"""


def png(colour: str = "teal") -> str:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), colour).save(buffer, format="PNG")
    return base64.b64encode(buffer.getvalue()).decode()


def _per_request(html: str) -> str:
    """A card's per-page bits left out: this request's CSRF token, the thread the card is in and where
    "Add to cart" comes back to (a new thread has neither yet), the ids that keep copies apart."""
    html = re.sub(
        r'<input type="hidden" name="(csrfmiddlewaretoken|next|source_thread_id)" value="[^"]*"[^>]*>',
        "",
        html,
    )
    html = html.replace(' style=""', "")  # an empty attribute the browser's DOM may add
    return re.sub(r'(for|id)="card-([a-z0-9-]+?)-[a-z0-9-]+"', r"\1", html)


def test_write_with_the_toolbar_mention_card_images_and_preview(page, live_server, artifacts_dir):
    phone = ProductFactory(name="Aurora 14", slug="aurora-14")
    VariantFactory(product=phone, sku="AUR14-128", price_minor=49900, stock=3)
    board = BoardFactory(slug="aurora", name="Aurora 14", product=phone)
    UserFactory(username="writer", date_joined=timezone.now() - timedelta(days=90))
    UserFactory(username="leonie", display_name="Leonie Kraus")
    problems = []
    # a script error or a CSP violation is a defect (pictures kept in memory answer 404: not the page's)
    page.on(
        "console",
        lambda message: (
            re.search("Content Security Policy|Uncaught", message.text) and problems.append(message.text)
        ),
    )

    sign_in(page, live_server.url, "writer")
    page.goto(f"{live_server.url}/forum/b/{board.slug}/new/")
    page.get_by_label("Title").fill("Two weeks with the Aurora 14")
    toolbar = page.get_by_role("toolbar", name="Formatting")
    expect(toolbar).to_be_visible()
    area = page.get_by_label("Text (Markdown)")

    # The toolbar and the shortcuts wrap what is typed
    area.click()
    toolbar.get_by_role("button", name="Bold").click()
    page.keyboard.type("Battery")
    page.keyboard.press("End")
    page.keyboard.type(" lasts two days, ")
    page.keyboard.press("Control+i")
    page.keyboard.type("really")
    page.keyboard.press("End")
    page.keyboard.type(".\n\n")
    toolbar.get_by_role("button", name="Bulleted list").click()
    page.keyboard.type("camera: great")
    expect(area).to_have_value("**Battery** lasts two days, _really_.\n\n- camera: great")

    # An @mention offers people by name; Enter inserts the username
    page.keyboard.type("\n\nAsk @Leon")
    people = page.get_by_role("listbox", name="People to mention")
    expect(people.get_by_role("option", name=re.compile("Leonie Kraus"))).to_be_visible()
    page.keyboard.press("Enter")
    expect(area).to_have_value(re.compile(r"Ask @leonie $"))

    # The product button searches the catalogue; picking inserts the card's token on its own line
    toolbar.get_by_role("button", name="Product card").click()
    page.get_by_role("combobox", name="Find a product").fill("auro")
    page.get_by_role("listbox", name="Products").get_by_role("option", name=re.compile("Aurora 14")).click()
    expect(area).to_have_value(re.compile(r"Ask @leonie \n\n\[\[product:aurora-14\]\]\n\n$"))

    # A pasted image and a dropped one upload with progress; their markdown replaces the placeholders
    area.evaluate(PASTE, {"b64": png("teal"), "name": "pasted.png", "type": "image/png"})
    area.evaluate(PASTE, {"b64": png("orange"), "name": "dropped.png", "type": "image/png", "drop": True})
    expect(area).to_have_value(re.compile(r"!\[pasted\]\([^)]+\)"))
    expect(area).to_have_value(re.compile(r"!\[dropped\]\([^)]+\)"))
    expect(area).not_to_have_value(re.compile("Uploading"))
    expect(page.locator("[data-composer-uploads]")).to_contain_text("pasted.png: uploaded")
    # a file the server refuses leaves the text as it was and says why
    before = area.input_value()
    area.evaluate(
        PASTE, {"b64": base64.b64encode(b"not a picture").decode(), "name": "notes.png", "type": "image/png"}
    )
    expect(page.get_by_role("alert").filter(has_text="notes.png")).to_be_visible()
    expect(area).to_have_value(re.compile(r"\*\*Battery\*\*"))
    assert area.input_value().strip() == before.strip()

    # Preview: the server renders it as the post will show
    toolbar.get_by_role("button", name="Preview").click()
    preview = page.get_by_role("region", name="Preview")
    expect(preview.locator("strong", has_text="Battery")).to_be_visible()
    expect(preview.locator("em", has_text="really")).to_be_visible()
    expect(preview.get_by_role("link", name="@leonie")).to_be_visible()
    expect(preview.locator(".product-card")).to_contain_text("$499.00")
    expect(area).to_be_hidden()
    expect(toolbar.get_by_role("button", name="Bold")).to_be_disabled()
    page.screenshot(path=str(artifacts_dir / "composer-preview-1366.png"), full_page=True)
    previewed = preview.locator(".post__body").inner_html()

    # Back to writing, and the thread posts what the preview showed
    toolbar.get_by_role("button", name="Preview").click()
    expect(area).to_be_visible()
    page.screenshot(path=str(artifacts_dir / "composer-write-1366.png"), full_page=True)
    page.get_by_role("button", name="Post thread").click()
    expect(page.get_by_role("heading", level=1, name="Two weeks with the Aurora 14")).to_be_visible()
    posted = page.locator("#p1 .post__body").inner_html()
    assert _per_request(posted) == _per_request(previewed)
    assert previewed.count("<form") == 1  # the card's own form, apart from the composer's
    assert problems == []

    # At 390 px the toolbar's buttons are 44 px tap targets
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(page.url.split("#")[0])
    reply_toolbar = page.get_by_role("toolbar", name="Formatting")
    reply_toolbar.scroll_into_view_if_needed()
    for button in reply_toolbar.get_by_role("button").all():
        box = button.bounding_box()
        assert box["width"] >= 44 and box["height"] >= 44, button.get_attribute("aria-label")
    page.get_by_label("Your reply (Markdown)").fill("Same here: **two days**.")
    reply_toolbar.get_by_role("button", name="Product card").click()
    page.get_by_role("combobox", name="Find a product").fill("aurora")
    expect(page.get_by_role("listbox", name="Products").get_by_role("option").first).to_be_visible()
    page.locator(".reply-box").screenshot(path=str(artifacts_dir / "composer-picker-390.png"))
    page.keyboard.press("Escape")
    reply_toolbar.get_by_role("button", name="Preview").click()
    expect(page.get_by_role("region", name="Preview").locator("strong")).to_have_text("two days")
    page.locator(".reply-box").screenshot(path=str(artifacts_dir / "composer-preview-390.png"))
    assert problems == []


def test_a_long_thread_goes_to_a_post_number(page, live_server, artifacts_dir, settings):
    board = BoardFactory(slug="lounge", name="Lounge")
    authors = [UserFactory(username=f"poster{i}") for i in range(3)]
    thread = make_thread(board=board, author=authors[0], title="The long thread")
    bulk_posts(thread, 59, authors=authors)  # 60 posts: three pages of 20
    for width in (1366, 390):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(f"{live_server.url}{thread.get_absolute_url()}")
        position = page.get_by_role("navigation", name="Position in this thread")
        expect(position).to_contain_text("Page 1 of 3")
        position.get_by_label("Go to post #").fill("47")
        position.get_by_role("button", name="Go").click()
        expect(page).to_have_url(re.compile(r"\?page=3#p47$"))
        expect(page.get_by_role("navigation", name="Position in this thread")).to_contain_text("Page 3 of 3")
        expect(page.locator("#p47")).to_be_in_viewport()
        page.screenshot(path=str(artifacts_dir / f"thread-position-{width}.png"))
        page.get_by_role("navigation", name="Position in this thread").get_by_role(
            "link", name="Previous page"
        ).click()
        expect(page).to_have_url(re.compile(r"\?page=2$"))
