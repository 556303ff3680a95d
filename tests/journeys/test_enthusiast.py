"""The enthusiast's loop, on the seeded demo: sign up and verify by the link in the mail, post a thread
with markdown, a mention and a product card; a second member quotes it, attaches an image and votes;
the first sees the notification and the unread marker, files a structured bug with its environment
(similar reports are offered while typing), watches it move through statuses to "Fixed in <version>"
when the team ships a release, and rates the build."""

import re
import uuid

import pytest
from playwright.sync_api import expect

from tests.journeys.conftest import links_in, mail_text

pytestmark = pytest.mark.journey


def photo_png() -> bytes:
    """A small real photo-like PNG (a gradient), as a phone would send."""
    import io

    from PIL import Image

    image = Image.linear_gradient("L").resize((320, 240)).convert("RGB")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def sign_up_and_verify(person, site, username: str, address: str) -> None:
    page = person.page
    person.goto("/accounts/signup/")
    person.shot("sign-up")
    page.get_by_label("Email").fill(address)
    page.get_by_label("Username").fill(username)
    page.locator("#id_password1").fill("a-long-enough-passphrase-2026")
    page.locator("#id_password2").fill("a-long-enough-passphrase-2026")
    page.locator("form").filter(has=page.locator("#id_password1")).locator("button[type=submit]").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(re.compile("verify|confirm", re.I))

    # The link in the mail opens the site on the host and port it is served from.
    message = site.wait_for_mail(address, subject="")
    text = mail_text(message)
    assert "example.com" not in text
    links = links_in(text)
    assert links and all(link.startswith(site.url + "/") for link in links), links
    confirm = next(link for link in links if "confirm" in link)
    person.goto(confirm)
    person.shot("confirm-email")
    page.get_by_role("button", name=re.compile("confirm", re.I)).click()
    person.sign_in(username, "a-long-enough-passphrase-2026")


def test_enthusiast(people, demo_site):
    site = demo_site
    suffix = uuid.uuid4().hex[:6]
    username, address = f"nadia{suffix}", f"nadia{suffix}@example.org"
    nadia = people("nadia")
    page = nadia.page

    # Nadia signs up and verifies her address from the mail.
    sign_up_and_verify(nadia, site, username, address)

    # She starts a thread in the phone's board with markdown, a mention and a product card.
    nadia.goto("/forum/b/aurora-14/")
    page.get_by_role("link", name=re.compile("start a thread|new thread", re.I)).first.click()
    title = f"First week with the Aurora 14 ({suffix})"
    page.get_by_label("Title").fill(title)
    page.get_by_label(re.compile("^(Body|Message|Text)", re.I)).first.fill(
        "Loving it so far. **The screen** is *gorgeous*.\n\n- battery: two days\n- camera: great\n\n"
        "@leo what case do you use?\n\n[[product:aurora-14-case]]\n"
    )
    # A brand-new account is not offered an upload it would be refused.
    expect(page.get_by_role("button", name="Upload an image")).to_be_disabled()
    page.get_by_role("button", name=re.compile("post thread", re.I)).click()
    expect(page.get_by_role("heading", level=1, name=title)).to_be_visible()
    first_post = page.locator(".post").first
    expect(first_post.locator("strong", has_text="The screen")).to_be_visible()
    expect(first_post.get_by_role("link", name="@leo")).to_be_visible()
    expect(first_post.locator("[data-product-card]").first).to_contain_text("Silicone Case")
    expect(first_post).not_to_contain_text("[[product:")
    thread_url = page.url
    nadia.shot("thread-posted")

    # Leo, a member of long standing, quotes her, attaches an image, and votes for her post.
    leo = people("leo")
    leo.sign_in("leo")
    leo.goto(thread_url)
    leo.page.locator(".post").first.get_by_role("link", name=re.compile("^Quote", re.I)).click()
    composer = leo.page.locator("form").filter(has=leo.page.locator("textarea[name=body]")).first
    body = composer.locator("textarea[name=body]")
    expect(body).to_have_value(re.compile("wrote"))
    with leo.page.expect_file_chooser() as chooser:
        composer.get_by_role("link", name="Upload an image").click()
    chooser.value.set_files({"name": "case.png", "mimeType": "image/png", "buffer": photo_png()})
    expect(body).to_have_value(re.compile(r"!\[[^\]]*\]\([^)]+\)"))
    body.fill(body.input_value() + "\nThe silicone one, it survived two drops already.")
    leo.page.get_by_role("button", name=re.compile("post reply", re.I)).click()
    expect(leo.page.locator(".post").last).to_contain_text("survived two drops")
    expect(leo.page.locator(".post").last.locator("img").first).to_be_visible()
    leo.page.locator(".post").first.get_by_role("button", name=re.compile("vote up", re.I)).click()
    expect(leo.page.locator(".post").first.locator("[data-score]")).to_have_text("1")
    leo.shot("quoted-and-voted")

    # Nadia sees the notification and the unread marker.
    nadia.goto("/")
    expect(page.get_by_role("link", name=re.compile(r"Notifications: \d+ unread"))).to_be_visible()
    nadia.goto("/notifications/")
    expect(page.locator("main")).to_contain_text(re.compile(r"Leo Park.*(quoted|replied)", re.I))
    nadia.shot("notifications")
    nadia.goto("/forum/b/aurora-14/")
    row = page.locator("li.thread-row").filter(has_text=title).first
    expect(row.locator("[data-unread-marker]")).to_have_text("New replies")

    # She files a structured bug in the feedback board; similar reports are offered as she types.
    nadia.goto("/forum/b/aurora-14-feedback/")
    page.get_by_role("link", name=re.compile("report a bug", re.I)).first.click()
    page.get_by_label("Bug").check()
    page.get_by_label("Title").press_sequentially("Bluetooth drops in the car", delay=30)
    expect(page.locator("#similar")).to_contain_text(re.compile("Bluetooth", re.I), timeout=10_000)
    nadia.shot("similar-while-typing")
    page.get_by_label("Title").fill(f"Bluetooth audio stutters with two devices paired ({suffix})")
    page.get_by_label("Description").fill("With the buds and the watch paired, audio cuts out every minute.")
    page.get_by_label("Steps to reproduce").fill("Pair buds and a watch. Play music. Wait a minute.")
    page.get_by_label("Actual result").fill("Audio cuts out for a second every minute.")
    environment = page.locator("fieldset", has_text="Environment")
    for select in environment.locator("select").all():
        options = [o for o in select.locator("option").all() if o.get_attribute("value")]
        if options:
            select.select_option(options[0].get_attribute("value"))
    for box in environment.locator("input[type=text]").all():
        box.fill("Germany")
    page.get_by_role("button", name="File feedback").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Bluetooth audio stutters")
    expect(page.locator("main")).to_contain_text("With the buds and the watch paired")
    item_url = page.url
    nadia.shot("bug-filed")

    # The team moves it along; a release fixes it; she is told and sees "Fixed in".
    mira = people("mira")
    mira.sign_in("mira")
    mira.goto(item_url)
    for status, comment in (
        ("Acknowledged", "We can reproduce it with buds and a watch."),
        ("Planned", "Fix planned for the next build."),
    ):
        triage = mira.page.locator("form").filter(has=mira.page.get_by_role("button", name="Change status"))
        triage.get_by_label("Status").select_option(label=status)
        triage.get_by_label("Comment").fill(comment)
        triage.get_by_role("button", name="Change status").click()
        expect(mira.page.locator(".fb-badge").first).to_have_text(status)
    thread_id = re.search(r"/(\d+)/", item_url).group(1)
    version = f"V14.9.{int(suffix, 16) % 900 + 10}.0"
    from tests.journeys.test_team import publish_release_in_cms

    publish_release_in_cms(
        mira,
        product="Aurora 14",
        version=version,
        changelog=f"## Fixed\n- Bluetooth stutter (#{thread_id})\n",
    )

    nadia.goto(item_url)
    expect(page.locator(".fb-badge").first).to_contain_text(f"Fixed in {version}")
    nadia.goto("/notifications/")
    expect(
        page.locator("main").get_by_text(re.compile(f"fixed in .*{re.escape(version)}", re.I))
    ).to_have_count(1)
    nadia.shot("fixed-in-release")

    # She rates the build on the release page, reached from her report's timeline.
    nadia.goto(item_url)
    page.locator(".fb-timeline").get_by_role("link", name=version).first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(version)
    page.locator("fieldset.star-rating label[title='4 stars']").click()
    expect(page.get_by_role("radio", name="4 stars")).to_be_checked()
    page.get_by_role("button", name="Rate this build").click()
    expect(page.locator("fieldset.star-rating legend")).to_contain_text("now 4 of 5")
    nadia.shot("rated-build")
    assert not nadia.errors and not leo.errors, nadia.errors + leo.errors
