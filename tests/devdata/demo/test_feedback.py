from datetime import timedelta

import pytest
from django.utils import timezone

from community.reputation.actions.synchronize import synchronize_totals
from community.teams import ensure_team_group
from devdata.demo import feedback
from devdata.demo.content import R
from devdata.demo.content.feedback import Item, Rel
from devdata.demo.runtime import DemoClock, days_ago, latest_moment
from forum.actions.synchronize import synchronize_all
from forum.feedback.models import BuildRating, FeedbackItem, Release, StatusChange
from forum.models import Board, Post
from tests.factories import UserFactory
from tests.store.factories import ProductFactory, VariantFactory

pytestmark = pytest.mark.django_db

RELEASES = [
    Rel("1.0", "STABLE", 20, "## New\n- Quiet fan curve"),
    Rel("1.1", "STABLE", 5, "## Improved\n- Faster start-up", fixes=True),
    Rel("1.2-beta", "BETA", 2, "## New\n- Night mode for the LED"),
]
ITEMS = [
    Item("Fan hums at night", "BUG", "ana", "fixed", 15, "The fan hums after midnight.", voters=("ben", "leo"),
         against="1.0", actual="A hum you can hear from bed.", frequency="ALWAYS", variant="FAN-1",
         replies=(R("ben", "{op} mine too, since 1.0."), R("mira", "Thanks, we found it."))),
    Item("Humming fan", "BUG", "ben", "duplicate", 14, "It hums.", voters=("jonas",), against="1.0",
         actual="Hums.", comment="Same as the report above: your votes moved there."),
    Item("A quiet mode", "SUGGESTION", "amara", "planned", 10, "One button for silence.", voters=("ana",),
         comment="Planned for 1.2."),
    Item("LED too bright", "BUG", "leo", "new", 1, "The LED lights up the room.", against="1.1",
         actual="The room is lit."),
]  # fmt: skip


@pytest.fixture
def world(monkeypatch):
    team = ensure_team_group()
    people = {name: UserFactory(username=name) for name in ("mira", "ana", "ben", "leo", "amara", "jonas")}
    people["mira"].groups.add(team)
    product = ProductFactory(slug="fan", name="Fan")
    VariantFactory(product=product, sku="FAN-1")
    Board.objects.create(slug="fan-feedback", name="Fan: bugs and ideas", kind=Board.Kind.FEEDBACK, product=product)
    monkeypatch.setattr(feedback, "RELEASES", {"fan": RELEASES})
    monkeypatch.setattr(feedback, "ITEMS", {"fan": ITEMS})
    return people


def seed(people):
    clock = DemoClock(days_ago(45))
    with clock.running():
        return feedback.seed_feedback_demo(people, clock=clock)


def test_reports_are_filed_discussed_triaged_and_fixed_in_the_order_it_happened(world):
    assert seed(world) == 4
    items = {item.thread.title: item for item in FeedbackItem.objects.select_related("thread", "status")}
    shipped = {release.version: release for release in Release.objects.all()}

    fixed, dup, idea, new = (items[spec.title] for spec in ITEMS)
    assert (fixed.status.key, fixed.fixed_in) == ("fixed", shipped["1.1"])
    assert f"(#{fixed.thread_id})" in shipped["1.1"].changelog and "## Fixed" in shipped["1.1"].changelog
    assert "Fixed" not in shipped["1.0"].changelog
    assert dup.status.key == "duplicate" and dup.duplicate_of == fixed
    voters = set(fixed.thread.first_post.votes.values_list("user__username", flat=True))
    assert voters == {"ben", "leo", "jonas"}  # jonas's vote moved with the duplicate (ben had voted already)
    assert (idea.status.key, new.status.key) == ("planned", "new")
    assert fixed.variant.sku == "FAN-1" and fixed.affected_release == shipped["1.0"]

    for release in shipped.values():
        assert release.released_on < timezone.localdate() or release.version == "1.2-beta"
    assert shipped["1.0"].released_on == timezone.localdate() - timedelta(days=20)
    for item in items.values():
        assert item.created_at <= latest_moment()
        if item.affected_release:
            assert timezone.localtime(item.created_at).date() >= item.affected_release.released_on
        changes = list(StatusChange.objects.filter(item=item).order_by("created_at"))
        assert changes[0].created_at == item.created_at
        assert all(change.created_at >= item.created_at for change in changes)
        for post in Post.objects.filter(thread=item.thread, number__gt=1):  # discussed, then decided
            assert item.created_at < post.created_at < changes[-1].created_at or len(changes) == 1
    assert Post.objects.filter(thread=fixed.thread, number__gt=1).count() == 2
    assert 3 <= BuildRating.objects.filter(release=shipped["1.0"]).count() <= 6
    assert synchronize_all() == {}
    assert synchronize_totals(fix=False) == []


def test_a_product_that_has_releases_is_left_alone(world):
    seed(world)
    assert seed(world) == 0
    assert FeedbackItem.objects.count() == 4
