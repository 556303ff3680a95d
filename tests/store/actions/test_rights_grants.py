"""Purchase rights earned by standing (store/actions/rights_grants.py)."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from community.notifications.models import Notification
from community.profiles.actions import testers as tester_actions
from community.profiles.models import TesterProgramme as Programme
from community.reputation import api as reputation
from store.actions.drops import grant_purchase_right
from store.actions.rights_grants import grant_purchase_rights_to_top_contributors
from store.errors import StoreError
from store.models import PurchaseRight
from tests.factories import UserFactory
from tests.store.factories import DropFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def team(db):
    return UserFactory(username="mira", is_staff=True, is_superuser=True)


@pytest.fixture
def drop(db):
    return DropFactory(requires_code=True)


def give_points(team, users_points, product_id):
    for user, points in users_points:
        reputation.award_points(actor=team, user=user, points=points, reason="Helpful", product_id=product_id)


def notices(drop):
    return Notification.objects.filter(url=drop.get_absolute_url())


def test_top_contributors_by_reputation_get_one_code_and_one_notice(team, drop):
    # Given four people with points on the drop's product, and one with points elsewhere
    ann, bob, cid, dee, elsewhere = (UserFactory(username=n) for n in ("ann", "bob", "cid", "dee", "eve"))
    give_points(team, [(ann, 50), (bob, 40), (cid, 30), (dee, 5)], drop.product_id)
    give_points(team, [(elsewhere, 500)], None)

    # When the team grants three codes by reputation
    result = grant_purchase_rights_to_top_contributors(
        actor=team, drop=drop, product_id=drop.product_id, source="reputation", count=3
    )

    # Then the top three each hold one code and were told once, with a link to the drop
    holders = set(PurchaseRight.objects.filter(drop=drop).values_list("user_id", flat=True))
    assert holders == {ann.pk, bob.pk, cid.pk}
    assert {right.user_id for right in result.granted} == holders and result.already_held == []
    assert PurchaseRight.objects.filter(drop=drop).count() == 3
    assert sorted(notices(drop).values_list("recipient_id", flat=True)) == sorted(holders)
    assert set(notices(drop).values_list("kind", flat=True)) == {"PROGRAMME"}


def test_granting_again_grants_nobody_twice_and_tells_only_new_holders(team, drop):
    ann, bob, cid = (UserFactory(username=n) for n in ("ann", "bob", "cid"))
    give_points(team, [(ann, 50), (bob, 40), (cid, 30)], drop.product_id)
    grant_purchase_right(drop=drop, user=bob, actor=team)  # bob already holds a code, granted by hand

    first = grant_purchase_rights_to_top_contributors(
        actor=team, drop=drop, product_id=drop.product_id, source="reputation", count=2
    )
    second = grant_purchase_rights_to_top_contributors(
        actor=team, drop=drop, product_id=drop.product_id, source="reputation", count=3
    )
    third = grant_purchase_rights_to_top_contributors(
        actor=team, drop=drop, product_id=drop.product_id, source="reputation", count=3
    )

    assert [r.user_id for r in first.granted] == [ann.pk] and first.already_held == [bob.pk]
    assert [r.user_id for r in second.granted] == [cid.pk]
    assert third.granted == [] and sorted(third.already_held) == sorted([ann.pk, bob.pk, cid.pk])
    assert PurchaseRight.objects.filter(drop=drop).count() == 3
    assert sorted(notices(drop).values_list("recipient_id", flat=True)) == sorted([ann.pk, cid.pk])


def test_period_limits_reputation_to_recent_points(team, drop):
    ann = UserFactory(username="ann")
    give_points(team, [(ann, 10)], drop.product_id)
    result = grant_purchase_rights_to_top_contributors(
        actor=team, drop=drop, product_id=drop.product_id, source="reputation", count=5, period="week"
    )
    assert [r.user_id for r in result.granted] == [ann.pk]


def test_top_testers_by_tester_score(team, drop):
    # Given a programme for the drop's product with three admitted testers scored by points since admission
    programme = Programme.objects.create(
        name="Phone beta", slug="phone-beta", product_id=drop.product_id, rules="Report bugs."
    )
    people = [UserFactory(username=n) for n in ("ann", "bob", "cid")]
    for person in people:
        application = tester_actions.apply_to_programme(user=person, programme=programme, motivation="I test things.")
        tester_actions.admit_tester(actor=team, application=application)
    ann, bob, cid = people
    give_points(team, [(ann, 5), (bob, 50), (cid, 20)], drop.product_id)

    result = grant_purchase_rights_to_top_contributors(
        actor=team, drop=drop, product_id=drop.product_id, source="testers", count=2
    )

    assert [r.user_id for r in result.granted] == [bob.pk, cid.pk]
    assert sorted(notices(drop).values_list("recipient_id", flat=True)) == sorted([bob.pk, cid.pk])


def test_testers_of_a_product_without_programme_grant_nothing(team, drop):
    result = grant_purchase_rights_to_top_contributors(
        actor=team, drop=drop, product_id=drop.product_id, source="testers", count=5
    )
    assert result.granted == [] and not PurchaseRight.objects.exists()


def test_inactive_people_are_skipped(team, drop):
    ann, gone = UserFactory(username="ann"), UserFactory(username="gone")
    give_points(team, [(ann, 10), (gone, 90)], drop.product_id)
    gone.is_active = False
    gone.save(update_fields=["is_active"])
    result = grant_purchase_rights_to_top_contributors(
        actor=team, drop=drop, product_id=drop.product_id, source="reputation", count=5
    )
    assert [r.user_id for r in result.granted] == [ann.pk]


def test_members_are_refused(member, team, drop):
    give_points(team, [(member, 10)], drop.product_id)
    with pytest.raises(PermissionDenied):
        grant_purchase_rights_to_top_contributors(
            actor=member, drop=drop, product_id=drop.product_id, source="reputation", count=5
        )
    assert not PurchaseRight.objects.exists() and not notices(drop).exists()


@pytest.mark.parametrize(
    ("source", "count", "period"), [("karma", 5, "all"), ("reputation", 0, "all"), ("reputation", 5, "year")]
)
def test_bad_input_is_refused_with_a_reason(team, drop, source, count, period):
    with pytest.raises(StoreError):
        grant_purchase_rights_to_top_contributors(
            actor=team, drop=drop, product_id=drop.product_id, source=source, count=count, period=period
        )


def test_admin_page_grants_and_lists_codes(client, team, drop):
    ann = UserFactory(username="ann")
    give_points(team, [(ann, 10)], drop.product_id)
    client.force_login(team)
    url = reverse("store_drops:grant_rights", args=[drop.pk])

    assert url in client.get(reverse("store_drops:edit", args=[drop.pk])).content.decode()
    assert client.get(url).status_code == 200
    response = client.post(url, {"source": "reputation", "count": "5", "period": "all"}, follow=True)

    right = PurchaseRight.objects.get(drop=drop)
    assert right.user_id == ann.pk
    assert "Granted 1 new code" in response.content.decode() and right.code in response.content.decode()


def test_admin_page_is_refused_to_members(client, member, drop):
    client.force_login(member)
    url = reverse("store_drops:grant_rights", args=[drop.pk])
    assert client.post(url, {"source": "reputation", "count": "5", "period": "all"}).status_code in {302, 403}
    assert not PurchaseRight.objects.exists()


def test_the_holder_sees_the_code_on_the_drop_page(client, team, drop):
    ann = UserFactory(username="ann")
    give_points(team, [(ann, 10)], drop.product_id)
    result = grant_purchase_rights_to_top_contributors(
        actor=team, drop=drop, product_id=drop.product_id, source="reputation", count=1
    )
    client.force_login(ann)
    assert result.granted[0].code in client.get(drop.get_absolute_url()).content.decode()
