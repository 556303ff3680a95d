"""The feedback boards' content (devdata.demo.content.feedback) agrees with itself, the store and the
people: reports are filed against versions that had shipped by then, fixed ones before the release
that fixes them. Plain data: no database."""

import pytest

from devdata.demo.content.feedback import EXTRA_VOTERS, ITEMS, RELEASES
from devdata.demo.feedback import ENVIRONMENT
from devdata.demo.people import EVERYONE
from devdata.demo.store import PRODUCTS

USERNAMES = {person.username for person in EVERYONE}
STATUSES = {"new", "needs-info", "acknowledged", "planned", "in-progress", "fixed", "wont-fix", "duplicate", "closed"}


@pytest.mark.parametrize("slug", sorted(ITEMS))
def test_reports_fit_their_product_its_releases_and_the_people(slug):
    releases = {rel.version: rel for rel in RELEASES[slug]}
    skus = {sku for spec in PRODUCTS if spec["slug"] == slug for sku, *_ in spec["variants"]}
    (fixing,) = [rel for rel in RELEASES[slug] if rel.fixes]
    assert fixing.channel == "STABLE"
    assert len({rel.changelog for rel in RELEASES[slug]}) == len(RELEASES[slug])  # each release its own
    fields = {field["name"]: field for field in ENVIRONMENT.get(slug, [])}
    titles = [item.title for item in ITEMS[slug]]
    assert len(set(titles)) == len(titles)
    for item in ITEMS[slug]:
        assert item.reporter in USERNAMES and set(item.voters) <= USERNAMES
        assert all(reply.author in USERNAMES for reply in item.replies)
        assert item.status in STATUSES and item.kind in {"BUG", "SUGGESTION"}
        if item.kind == "BUG":
            assert item.actual and item.actual.rstrip(".") != item.title  # not the title again
        if item.against:
            assert item.days_ago < releases[item.against].days_ago, item.title
        if item.status == "fixed":
            assert item.days_ago > fixing.days_ago, item.title
        if item.status not in {"new", "fixed", "duplicate"}:
            assert item.comment, item.title
        assert item.variant is None or item.variant in skus
        for name, value in item.environment.items():
            assert name in fields
            assert fields[name]["type"] != "choice" or value in fields[name]["choices"]
    assert sum(item.status == "fixed" for item in ITEMS[slug]) >= 1


def test_descriptions_are_written_for_each_report():
    descriptions = [item.description for items in ITEMS.values() for item in items]
    assert len(set(descriptions)) == len(descriptions)
    assert set(EXTRA_VOTERS) <= USERNAMES
