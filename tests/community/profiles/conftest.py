"""``zoe``: a person with something of every kind of personal data the community holds."""

import pytest
from allauth.mfa.models import Authenticator

from community.notifications.actions import notify
from community.profiles import models as profile_models
from community.profiles.actions import profile as actions
from community.profiles.actions import testers as tester_actions
from community.reputation import rules
from community.reputation.actions.checkins import check_in
from community.reputation.actions.ledger import award, award_points
from tests.community.profiles.actions.test_profile import png
from tests.community.reputation.factories import post_source, vote_source
from tests.factories import UserFactory

SECRETS = [
    "zoe-private",
    "zoe.secret@example.com",
    "Zoe Secretname",
    "unique bio of zoe",
    "Secretville",
    "zoe.example",
    "zoe wants to test",
]


@pytest.fixture
def zoe(admin_user):
    person = UserFactory(
        username="zoe-private", email="zoe.secret@example.com", display_name="Zoe Secretname"
    )
    actions.update_profile(
        user=person,
        display_name="Zoe Secretname",
        bio="unique bio of zoe",
        location="Secretville",
        links=["https://zoe.example/"],
        details_visibility="EVERYONE",
        show_owned_products=True,
        show_activity=True,
        show_follows=True,
    )
    actions.set_avatar(user=person, upload=png(64, 64))
    actions.declare_product(user=person, product_id=4)
    other = UserFactory(username="bystander", email="bystander@example.com")
    actions.follow(follower=person, followed=other)
    actions.follow(follower=other, followed=person)
    award(user=person, rule=rules.VOTE_RECEIVED, source=vote_source(), actor=other)
    award(
        user=other, rule=rules.VOTE_RECEIVED, source=vote_source(), actor=person, note="bystander's own note"
    )
    award(user=person, rule=rules.POST_CREATED, source=post_source())
    award_points(actor=admin_user, user=person, points=9, reason="thanks zoe.example")
    check_in(user=person)
    programme = profile_models.TesterProgramme.objects.create(name="Beta", slug="beta", rules="r")
    tester_actions.admit_tester(
        actor=admin_user,
        application=tester_actions.apply_to_programme(
            user=person, programme=programme, motivation="zoe wants to test"
        ),
    )
    notify(recipient_ids=[person.pk], kind="REPLY", text="Zoe Secretname got a reply", url="/x/", actor=other)
    Authenticator.objects.create(user=person, type=Authenticator.Type.TOTP, data={"secret": "zoe-totp"})
    return person
