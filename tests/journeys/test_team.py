"""The product team's loop, as the demo team login (mira: the team group, not a superuser): filter the
triage board, change statuses in bulk, merge a duplicate picked by search, publish a release in /cms/
whose changelog fixes items; each voter is told once; the roadmap, changelog and release pages show it."""

import re
import uuid

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.journey


def publish_release_in_cms(person, *, product: str, version: str, changelog: str) -> None:
    """Add and publish a release through Wagtail's admin, as a person in the team group would:
    the sidebar's Feedback menu, Releases, Add, then Publish from the footer's action menu."""
    page = person.page
    person.goto("/cms/")
    page.locator("nav, aside").get_by_role("button", name="Feedback").first.click()
    page.get_by_role("link", name="Releases").first.click()
    page.get_by_role("link", name=re.compile("add release", re.I)).first.click()
    page.locator("#id_product").select_option(label=product)
    page.locator("#id_version").fill(version)
    page.locator("#id_released_on").fill("2026-12-03")
    page.keyboard.press("Escape")
    page.locator("#id_changelog").fill(changelog)
    person.shot("cms-release-form")
    page.locator("footer").get_by_role("button", name=re.compile("more actions", re.I)).first.click()
    page.locator("button[name=action-publish]").click()
    expect(page.locator(".messages").first).to_contain_text(re.compile("published", re.I))


def test_team(people, demo_site):
    suffix = uuid.uuid4().hex[:6]
    mira = people("mira")
    page = mira.page
    mira.sign_in("mira")

    # The triage board, filtered to the phone's open bugs, ranked by votes.
    mira.goto("/forum/feedback/triage/")
    filters = page.locator("form.fb-filters")
    product = filters.get_by_label(re.compile("Product"))
    if product.count():
        product.select_option(label="Aurora 14")
    kind = filters.get_by_label(re.compile("Kind"))
    if kind.count():
        kind.select_option(label="Bug")
    filters.get_by_role("button").first.click()
    rows = page.locator("tbody tr, [data-item]")
    expect(rows.first).to_be_visible()
    mira.shot("triage-filtered")

    # Two reports get "Acknowledged" in one go.
    boxes = page.locator("input[type=checkbox][name=items]")
    fresh = rows.filter(has_not_text="Acknowledged")
    assert fresh.count() >= 2
    fresh.nth(0).locator("input[type=checkbox]").check()
    fresh.nth(1).locator("input[type=checkbox]").check()
    titles = [fresh.nth(i).locator("a").first.inner_text() for i in range(2)]
    bulk = page.locator("form", has=boxes.first)
    bulk.get_by_label("Status").select_option(label="Acknowledged")
    bulk.get_by_label("Comment").fill("Seen, we can reproduce both on the current build.")
    bulk.get_by_role("button", name="Apply to selected").click()
    expect(page.locator(".messages, [role=status]").first).to_contain_text(re.compile("2 ", re.I))

    # A member files a duplicate of a voted report; the team merges it, picking the original by search.
    sofia = people("sofia")
    sofia.sign_in("sofia")
    sofia.goto("/forum/b/aurora-14-feedback/")
    sofia.page.get_by_role("link", name=re.compile("report a bug", re.I)).first.click()
    sofia.page.get_by_label("Bug").check()
    sofia.page.get_by_label("Title").fill(f"Car bluetooth keeps disconnecting ({suffix})")
    sofia.page.get_by_label("Description").fill("Disconnects from the car every few minutes since the update.")
    sofia.page.get_by_label("Steps to reproduce").fill("Pair with the car. Drive. Wait.")
    sofia.page.get_by_label("Actual result").fill("It disconnects.")
    sofia.page.get_by_role("button", name="File feedback").click()
    duplicate_url = sofia.page.url

    mira.goto(duplicate_url)
    merge = page.locator("form", has=page.get_by_role("button", name=re.compile("merge", re.I)))
    merge.get_by_role("searchbox").or_(merge.locator("input[type=search]")).first.fill("Bluetooth car")
    choice = merge.locator("[role=option], label, li").filter(has_text=re.compile("Bluetooth", re.I)).first
    expect(choice).to_be_visible()
    original_title = choice.inner_text().strip()
    choice.click()
    mira.shot("merge-picked-by-search")
    merge.get_by_role("button", name=re.compile("merge", re.I)).click()
    expect(page.locator("main")).to_contain_text(re.compile("merged", re.I))

    # A release whose changelog fixes the original and the two acknowledged reports.
    mira.goto("/forum/feedback/triage/?q=" + "Bluetooth")
    version = f"V14.8.{int(suffix, 16) % 900 + 10}.0"
    original = page.locator("tbody tr, [data-item]").filter(has_text=original_title[:30]).first
    thread_id = re.search(r"/(\d+)/", original.locator("a").first.get_attribute("href")).group(1)
    publish_release_in_cms(
        mira, product="Aurora 14", version=version, changelog=f"## Fixed\n- Car Bluetooth drops (#{thread_id})\n"
    )

    # The release, changelog and roadmap pages show it.
    mira.goto("/forum/changelog/aurora-14/")
    expect(page.locator("main")).to_contain_text(version)
    mira.shot("changelog")
    page.get_by_role("link", name=re.compile(re.escape(version))).first.click()
    expect(page.locator("main")).to_contain_text("Car Bluetooth drops")
    mira.shot("release-page")
    mira.goto("/forum/roadmap/aurora-14/")
    mira.shot("roadmap")

    # Sofia, who voted by filing the merged duplicate, is told once.
    sofia.goto("/notifications/")
    expect(sofia.page.locator("main").get_by_text(re.compile(f"fixed in .*{re.escape(version)}", re.I))).to_have_count(1)
    assert not mira.errors, mira.errors
    assert titles
